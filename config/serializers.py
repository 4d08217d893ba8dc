"""Serializer bases shared by every app's API."""

from __future__ import annotations

from datetime import UTC

from django.db import models
from rest_framework import serializers


class UtcDateTimeField(serializers.DateTimeField):
    """Timestamps on the wire are UTC (``…Z``), whatever the store's time zone."""

    def default_timezone(self):
        return UTC


class ContractModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: UtcDateTimeField,
    }
