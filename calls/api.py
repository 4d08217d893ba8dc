"""Staff calls over the API: the table's ``/api/v1/calls/`` and the manager's
``/api/v1/admin/calls/``."""

from __future__ import annotations

import math

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from calls import selectors, services
from calls.serializers import (
    CallReasonSerializer,
    ManagerStaffCallSerializer,
    StaffCallCreateSerializer,
    StaffCallSerializer,
    TabletCallStateSerializer,
)
from core.openapi import error_responses
from stores.viewsets import ManagerViewSet, TableViewSet


@extend_schema(tags=["tablet"])
class TabletCallViewSet(TableViewSet):
    serializer_class = StaffCallCreateSerializer  # what OPTIONS describes for POST

    @extend_schema(
        summary="Call the staff (a call still open is answered as it is)",
        request=StaffCallCreateSerializer,
        responses={
            201: StaffCallSerializer,
            200: StaffCallSerializer,
            **error_responses(400, 429),
        },
        examples=[OpenApiExample("Water", value={"reason": "water"}, request_only=True)],
    )
    def create(self, request: Request) -> Response:
        body = StaffCallCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        made = services.staff_call_create(
            table=self.table,
            reason_code=body.validated_data["reason"],
            text=body.validated_data.get("text", ""),
        )
        return Response(
            StaffCallSerializer(made.call).data,
            status=status.HTTP_201_CREATED if made.created else status.HTTP_200_OK,
        )

    @extend_schema(
        summary="The table's open call, the reasons offered and when it may call again",
        responses={200: TabletCallStateSerializer},
    )
    @action(detail=False, methods=["get"])
    def current(self, request: Request) -> Response:
        now = timezone.now()
        next_at = selectors.table_next_call_at(table=self.table, now=now)
        call = selectors.table_open_call(table=self.table)
        reasons = selectors.store_call_reasons(store=self.store, offered_only=True)
        cooldown = selectors.store_cooldown(store_id=self.store.id)
        return Response(
            {
                "call": StaffCallSerializer(call).data if call else None,
                "reasons": CallReasonSerializer(reasons, many=True).data,
                "cooldown_seconds": int(cooldown.total_seconds()),
                "next_call_in": math.ceil((next_at - now).total_seconds()) if next_at else 0,
            }
        )


@extend_schema_view(
    list=extend_schema(summary="The store's open calls, oldest first"),
    retrieve=extend_schema(summary="One call of the store, open or kept"),
)
@extend_schema(tags=["manager: calls"])
class ManagerCallViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ManagerViewSet):
    serializer_class = ManagerStaffCallSerializer
    pagination_class = None  # open calls: at most one a table

    def get_queryset(self):
        if self.action == "list":
            return selectors.store_open_calls(store=self.store)
        return selectors.store_calls(store=self.store)

    @extend_schema(
        request=None,
        responses={200: ManagerStaffCallSerializer, **error_responses(409)},
        summary="Someone is on the way",
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str) -> Response:
        call = services.staff_call_acknowledge(call=self.get_object(), actor=request.user)
        return Response(ManagerStaffCallSerializer(call).data)

    @extend_schema(
        request=None,
        responses={200: ManagerStaffCallSerializer},
        summary="Done: the call leaves the floor",
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, pk: str) -> Response:
        call = services.staff_call_resolve(call=self.get_object(), actor=request.user)
        return Response(ManagerStaffCallSerializer(call).data)
