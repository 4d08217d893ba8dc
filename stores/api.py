"""The logins: a table's (``POST /api/v1/auth/table/``), a tablet's with its device
credential (``/api/v1/auth/table/device/``) and a manager's (``/api/v1/auth/admin/``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.openapi import error_responses
from stores import services
from stores.login_throttle import client_address
from stores.serializers import (
    DeviceLoginSerializer,
    ManagerLoginResponseSerializer,
    ManagerLoginSerializer,
    TableAccessSerializer,
    TableLoginResponseSerializer,
    TableLoginSerializer,
)
from stores.tokens import manager_token, table_token


class LoginView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class TableLoginView(LoginView):
    @extend_schema(
        operation_id="auth_table",
        request=TableLoginSerializer,
        responses={200: TableLoginResponseSerializer, **error_responses(400, 401, 429)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        credentials = TableLoginSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        table = services.table_login(
            store_code=credentials.validated_data["store"],
            table_number=credentials.validated_data["table_number"],
            password=credentials.validated_data["password"],
            address=client_address(request),
        )
        payload = TableLoginResponseSerializer.payload(table_token(table), table.store)
        device_token = services.device_credential_issue(table=table)
        return Response(
            TableLoginResponseSerializer(
                {**payload, "table": table, "device_token": device_token}
            ).data
        )


class DeviceLoginView(LoginView):
    @extend_schema(
        operation_id="auth_table_device",
        request=DeviceLoginSerializer,
        responses={200: TableAccessSerializer, **error_responses(400, 401, 429)},
        auth=[],
        tags=["auth"],
        summary="A tablet signs in again with its device credential",
    )
    def post(self, request: Request) -> Response:
        credentials = DeviceLoginSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        table = services.device_login(key=credentials.validated_data["device_token"])
        payload = TableAccessSerializer.payload(table_token(table), table.store)
        return Response(TableAccessSerializer({**payload, "table": table}).data)


class ManagerLoginView(LoginView):
    @extend_schema(
        operation_id="auth_admin",
        request=ManagerLoginSerializer,
        responses={200: ManagerLoginResponseSerializer, **error_responses(400, 401, 429)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        credentials = ManagerLoginSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        manager = services.manager_login(
            store_code=credentials.validated_data["store"],
            username=credentials.validated_data["username"],
            password=credentials.validated_data["password"],
            address=client_address(request),
        )
        payload = ManagerLoginResponseSerializer.payload(manager_token(manager), manager.store)
        return Response(ManagerLoginResponseSerializer({**payload, "manager": manager}).data)
