"""The manager's floor: ``/api/v1/admin/tables/``, ``/api/v1/admin/orders/`` and
``/api/v1/admin/floor/``."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.openapi import error_responses
from orders import selectors, services
from orders.kept_answers import KeptAnswers
from orders.serializers import (
    CompleteTableSerializer,
    FloorSerializer,
    HistoryQuerySerializer,
    ManagerOrderSerializer,
    OrderListQuerySerializer,
    OrderSerializer,
    OrdersSeenResponseSerializer,
    OrdersSeenSerializer,
    OrderStatusSerializer,
    TableCreateSerializer,
    TableSerializer,
    TableUpdateSerializer,
    VisitSerializer,
)
from stores import services as store_services
from stores.permissions import IsManager
from stores.viewsets import ManagerViewSet

# Read far more often than they change (every page of the store reads the floor as its stream
# opens): kept at the store's position between changes (``orders.kept_answers``).
tables_kept = KeptAnswers(
    lambda store: TableSerializer(selectors.store_tables(store=store), many=True).data
)
floor_kept = KeptAnswers(lambda store: FloorSerializer(selectors.store_floor(store=store)).data)


def _json(body: bytes) -> HttpResponse:
    return HttpResponse(body, content_type="application/json")


@extend_schema_view(
    list=extend_schema(summary="The store's tables by number, with their open visits"),
    retrieve=extend_schema(summary="One table with its open visit"),
    create=extend_schema(
        request=TableCreateSerializer, responses={201: TableSerializer, **error_responses(409)}
    ),
    partial_update=extend_schema(
        request=TableUpdateSerializer, responses={200: TableSerializer, **error_responses(409)}
    ),
    destroy=extend_schema(responses={204: None, **error_responses(409)}),
)
@extend_schema(tags=["manager: tables"])
class ManagerTableViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ManagerViewSet
):
    serializer_class = TableSerializer
    pagination_class = None  # a floor's tables: bounded, listed whole by contract

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            return selectors.store_tables(store=self.store)
        return selectors.store_live_tables(store=self.store)  # changes only need the row

    def list(self, request: Request) -> HttpResponse:
        return _json(tables_kept.body(self.store))

    def _table_response(self, table_id: int, status_code: int = status.HTTP_200_OK) -> Response:
        table = selectors.store_table(store=self.store, table_id=table_id)
        return Response(TableSerializer(table).data, status=status_code)

    def create(self, request: Request) -> Response:
        body = TableCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        table = store_services.table_create(store=self.store, **body.validated_data)
        return self._table_response(table.id, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        table = self.get_object()
        body = TableUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        store_services.table_update(table=table, **body.validated_data)
        return self._table_response(table.id)

    def perform_destroy(self, table) -> None:
        store_services.table_delete(table=table)

    @extend_schema(
        request=None,
        responses={200: CompleteTableSerializer, **error_responses(409)},
        summary="Complete the table: close its open visit",
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str) -> Response:
        table = self.get_object()
        visit = services.table_complete(table=table, actor=request.user)
        return Response(
            {
                "table": TableSerializer(
                    selectors.store_table(store=self.store, table_id=table.id)
                ).data,
                "session": VisitSerializer(selectors.visit_for_display(visit_id=visit.id)).data,
            }
        )

    @extend_schema(
        parameters=[HistoryQuerySerializer],
        responses={200: VisitSerializer(many=True), **error_responses(400)},
        summary="Closed visits that ended within the dates (default: the last 7 days)",
    )
    @action(detail=True, methods=["get"], pagination_class=PageNumberPagination)
    def history(self, request: Request, pk: str) -> Response:
        table = self.get_object()
        query = HistoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        date_from, date_to = selectors.history_dates(
            date_from=query.validated_data.get("date_from"),
            date_to=query.validated_data.get("date_to"),
        )
        visits = selectors.table_history(table=table, date_from=date_from, date_to=date_to)
        page = self.paginate_queryset(visits)
        return self.get_paginated_response(VisitSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="Orders of open visits, newest first", parameters=[OrderListQuerySerializer]
    ),
    retrieve=extend_schema(summary="One order (history included), with its change record"),
    partial_update=extend_schema(
        request=OrderStatusSerializer,
        responses={200: ManagerOrderSerializer, **error_responses(409)},
        summary="Move an order's status forward",
    ),
    destroy=extend_schema(
        responses={204: OpenApiResponse(description="Deleted"), **error_responses(409)},
        summary="Delete a mistaken order of an open visit",
    ),
)
@extend_schema(tags=["manager: orders"])
class ManagerOrderViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ManagerViewSet
):
    serializer_class = OrderSerializer

    def get_queryset(self):
        if self.action == "list":
            # "?status=&table=" (the contract's own spelling) means no filter: DRF takes an
            # empty query value for a field not given.
            query = OrderListQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            return selectors.store_open_orders(
                store=self.store,
                status=query.validated_data.get("status"),
                table_id=query.validated_data.get("table"),
                seen=query.validated_data.get("seen"),
            )
        return selectors.store_orders(store=self.store)

    def get_serializer_class(self):
        return OrderSerializer if self.action == "list" else ManagerOrderSerializer

    def _order_response(self, order_id: int) -> Response:
        order = selectors.store_orders(store=self.store).get(pk=order_id)
        order.changes = selectors.order_changes(order=order)
        return Response(ManagerOrderSerializer(order).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return self._order_response(self.get_object().id)

    def partial_update(self, request: Request, pk: str) -> Response:
        order = self.get_object()
        body = OrderStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.order_set_status(
            order=order, status=body.validated_data["status"], actor=request.user
        )
        return self._order_response(order.id)

    def perform_destroy(self, order) -> None:
        services.order_delete(order=order, actor=self.request.user)

    @extend_schema(
        request=OrdersSeenSerializer,
        responses={200: OrdersSeenResponseSerializer, **error_responses(404)},
        summary="Mark the new orders of open visits (or of one table's) as seen",
    )
    @action(detail=False, methods=["post"])
    def seen(self, request: Request) -> Response:
        body = OrdersSeenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        table = None
        if "table_id" in body.validated_data:
            tables = selectors.store_live_tables(store=self.store)
            table = tables.get(pk=body.validated_data["table_id"])  # another store's: 404
        order_ids = services.orders_mark_seen(store=self.store, table=table, actor=request.user)
        return Response({"order_ids": order_ids})


@extend_schema(tags=["manager: orders"])
class FloorView(APIView):
    """``GET /api/v1/admin/floor/``: every table with its open visit and all that visit's
    orders, and the open calls. The dashboard and the top bar of every manager page read it
    when their event stream opens, then keep it current from the events alone."""

    permission_classes = [IsManager]

    @extend_schema(
        responses={200: FloorSerializer},
        summary="The floor: tables, their open visits with every order, and the open calls",
    )
    def get(self, request: Request) -> HttpResponse:
        return _json(floor_kept.body(request.user.store))
