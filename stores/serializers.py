from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from core.serializers import ContractModelSerializer, StrictCharField, StrictIntegerField
from stores.models import TABLE_NUMBER_MAX, Store, User

PASSWORD_MAX_LENGTH = 128


class StoreSerializer(ContractModelSerializer):
    class Meta:
        model = Store
        fields = ["id", "code", "name"]


class TableRefSerializer(serializers.Serializer):
    """``{"id", "number"}``, in every order shown: declared, as the Order is."""

    id = serializers.IntegerField()
    number = serializers.IntegerField()


class ManagerRefSerializer(ContractModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Table 1 of the demo store",
            value={"store": "demo", "table_number": 1, "password": "1234"},
            request_only=True,
        )
    ]
)
class TableLoginSerializer(serializers.Serializer):
    store = StrictCharField(max_length=50)
    table_number = StrictIntegerField(min_value=1, max_value=TABLE_NUMBER_MAX)
    password = StrictCharField(
        max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, allow_blank=True
    )


class DeviceLoginSerializer(serializers.Serializer):
    device_token = StrictCharField(max_length=100)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "The demo store's manager",
            value={"store": "demo", "username": "manager", "password": "demo-manager"},
            request_only=True,
        )
    ]
)
class ManagerLoginSerializer(serializers.Serializer):
    store = StrictCharField(max_length=50)
    username = StrictCharField(max_length=150)
    password = StrictCharField(
        max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, allow_blank=True
    )


class AccessTokenSerializer(serializers.Serializer):
    """The part both login responses share."""

    access = serializers.CharField(help_text="A JWT to send as `Authorization: Bearer <access>`.")
    token_type = serializers.ChoiceField(choices=["Bearer"])
    expires_in = serializers.IntegerField(help_text="Seconds until the token expires.")
    store = StoreSerializer()

    @staticmethod
    def payload(token, store: Store) -> dict:
        return {
            "access": str(token),
            "token_type": "Bearer",
            "expires_in": settings.JWT_ACCESS_HOURS * 3600,
            "store": store,
        }


class TableAccessSerializer(AccessTokenSerializer):
    table = TableRefSerializer()


class TableLoginResponseSerializer(TableAccessSerializer):
    device_token = serializers.CharField(
        help_text="What the tablet keeps to sign in again (POST /api/v1/auth/table/device/), "
        "instead of the table's password. Ended by a new table password or the table's deletion."
    )


class ManagerLoginResponseSerializer(AccessTokenSerializer):
    manager = ManagerRefSerializer()
