"""The tablet's orders: ``/api/v1/orders/`` (table token)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from core.openapi import error_responses
from orders import selectors, services
from orders.serializers import OrderSerializer, PlaceOrderSerializer
from stores.viewsets import TableViewSet

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_MAX_LENGTH = 64

idempotency_key_parameter = OpenApiParameter(
    IDEMPOTENCY_KEY_HEADER,
    str,
    OpenApiParameter.HEADER,
    description="1 to 64 characters. A retry with the same key and body within 24 h returns "
    "the first order and creates nothing.",
)


def idempotency_key_from(request: Request) -> str | None:
    key = request.headers.get(IDEMPOTENCY_KEY_HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise serializers.ValidationError(
            {IDEMPOTENCY_KEY_HEADER: ["Must be 1 to 64 printable characters."]}
        )
    return key


@extend_schema_view(
    list=extend_schema(summary="This visit's orders, newest first", tags=["tablet"]),
    retrieve=extend_schema(summary="One order of this visit", tags=["tablet"]),
    create=extend_schema(
        summary="Place an order",
        tags=["tablet"],
        request=PlaceOrderSerializer,
        parameters=[idempotency_key_parameter],
        responses={201: OrderSerializer, **error_responses(400, 409)},
    ),
)
class TabletOrderViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, TableViewSet
):
    serializer_class = OrderSerializer
    pagination_class = None  # one visit's orders: a short list, not paginated by contract

    def get_queryset(self):
        return selectors.table_open_orders(table=self.table)

    def create(self, request: Request) -> Response:
        body = PlaceOrderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        placed = services.order_place(
            table=self.table,
            lines=body.validated_data["items"],
            note=body.validated_data.get("note", ""),
            idempotency_key=idempotency_key_from(request),
        )
        return Response(placed.data, status=status.HTTP_201_CREATED)
