from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from core.serializers import ContractModelSerializer
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


class TableLoginSerializer(serializers.Serializer):
    store = serializers.CharField(max_length=50)
    table_number = serializers.IntegerField(min_value=1, max_value=TABLE_NUMBER_MAX)
    password = serializers.CharField(
        max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False, allow_blank=True
    )


class ManagerLoginSerializer(serializers.Serializer):
    store = serializers.CharField(max_length=50)
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
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


class TableLoginResponseSerializer(AccessTokenSerializer):
    table = TableRefSerializer()


class ManagerLoginResponseSerializer(AccessTokenSerializer):
    manager = ManagerRefSerializer()
