"""Serializer bases shared by every app's API."""

from __future__ import annotations

from datetime import UTC

from django.db import models
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.fields import empty

# Row ids are 64-bit: a bigger number names nothing, and must not reach the database (SQLite
# raises OverflowError on it, PostgreSQL an out-of-range error: a 500 either way).
ID_MAX = 2**63 - 1


def from_json(field: serializers.Field) -> bool:
    """Whether the value came from a JSON body, which has types, rather than from a form or a
    query string, where everything is text."""
    data = getattr(field.root, "initial_data", None)
    return data is not None and not isinstance(data, QueryDict)


class StrictIntegerField(serializers.IntegerField):
    """An integer; in a JSON body only a JSON integer (not ``"2"``, ``2.0``, ``1e1`` or
    ``true``), as the contract says wrong types are refused."""

    def to_internal_value(self, data):
        if from_json(self) and type(data) is not int:
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    """Text; in a JSON body only a JSON string (not ``0.0``)."""

    def to_internal_value(self, data):
        if from_json(self) and not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """True or false: in a JSON body only ``true`` or ``false`` (not ``"yes"`` or ``1``), in
    a form only the words ``true`` or ``false``, as OpenAPI writes a boolean form field. A
    form without the field has not said false (DRF's default reads an unticked checkbox)."""

    default_empty_html = empty

    def to_internal_value(self, data):
        allowed = type(data) is bool if from_json(self) else data in ("true", "false")
        if not allowed:
            self.fail("invalid")
        return super().to_internal_value(data)


class IdField(StrictIntegerField):
    """The id of a row: a positive 64-bit integer."""

    def __init__(self, **kwargs) -> None:
        super().__init__(min_value=1, max_value=ID_MAX, **kwargs)


class UtcDateTimeField(serializers.DateTimeField):
    """Timestamps on the wire are UTC (``…Z``), whatever the store's time zone."""

    def default_timezone(self):
        return UTC


class ContractModelSerializer(serializers.ModelSerializer):
    """A model's fields as the contract writes them: timestamps in UTC."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UtcDateTimeField,
    }
