"""Serializer bases shared by every app's API."""

from __future__ import annotations

from datetime import UTC

from django.db import models
from rest_framework import serializers

# Row ids are 64-bit: a bigger number names nothing, and must not reach the database (SQLite
# raises OverflowError on it, PostgreSQL an out-of-range error: a 500 either way).
ID_MAX = 2**63 - 1


class IdField(serializers.IntegerField):
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
