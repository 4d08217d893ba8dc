"""The kitchen display's API, ``/api/v1/kitchen/``: what a display shows, and its taps
(``orders.kitchen``). For the store's managers and its kitchen accounts; no prices in it."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.openapi import error_responses
from menus.models import Station
from menus.selectors import first_station_id, store_stations
from orders import kitchen, selectors
from orders.live_events import kitchen_order_data
from orders.models import Order, OrderItem
from orders.serializers import (
    KitchenOrderSerializer,
    KitchenSerializer,
    LineCheckSerializer,
    TicketBumpSerializer,
    TicketRecallSerializer,
)
from stores.viewsets import KitchenCallers, KitchenViewSet


@extend_schema(tags=["kitchen"])
class KitchenView(KitchenCallers, APIView):
    """``GET /api/v1/kitchen/``: the store's stations, its colours, and every order in the
    kitchen (``orders.selectors.store_kitchen_orders``), oldest first."""

    @extend_schema(
        responses={200: KitchenSerializer}, summary="The orders in the kitchen, oldest first"
    )
    def get(self, request: Request) -> Response:
        store = request.user.store
        now = timezone.now()
        stations = list(store_stations(store_id=store.id))
        orders = selectors.store_kitchen_orders(
            store=store, recalled_since=now - kitchen.RECALL_WINDOW
        )
        context = {"first_station_id": stations[0].id}
        data = {
            "now": now,
            "amber_after_minutes": store.ticket_amber_minutes,
            "red_after_minutes": store.ticket_red_minutes,
            "recall_minutes": kitchen.RECALL_MINUTES,
            "stations": stations,
            "orders": orders,
        }
        return Response(KitchenSerializer(data, context=context).data)


@extend_schema(tags=["kitchen"])
class KitchenOrderViewSet(KitchenViewSet):
    """A display's taps on an order: ``bump`` and ``recall`` its tickets."""

    def get_queryset(self):
        return Order.objects.filter(store=self.store)

    def get_serializer_class(self):
        return TicketRecallSerializer if self.action == "recall" else TicketBumpSerializer

    def _station(self, station_id: int | None) -> Station | None:
        if station_id is None:
            return None
        return get_object_or_404(store_stations(store_id=self.store.id), pk=station_id)

    @extend_schema(
        request=TicketBumpSerializer,
        responses={200: KitchenOrderSerializer, **error_responses(404, 409)},
        summary="Move a ticket forward: start it, or bump it",
    )
    @action(detail=True, methods=["post"])
    def bump(self, request: Request, pk: str) -> Response:
        order = self.get_object()
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        station = self._station(body.validated_data.get("station_id"))
        kitchen.ticket_bump(
            order=order, status=body.validated_data["status"], station=station, actor=request.user
        )
        return _kitchen_order_response(order)

    @extend_schema(
        request=TicketRecallSerializer,
        responses={200: KitchenOrderSerializer, **error_responses(404, 409)},
        summary="Call a bumped ticket back, within a few minutes",
    )
    @action(detail=True, methods=["post"])
    def recall(self, request: Request, pk: str) -> Response:
        order = self.get_object()
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        station = self._station(body.validated_data.get("station_id"))
        kitchen.ticket_recall(order=order, station=station, actor=request.user)
        return _kitchen_order_response(order)


@extend_schema(tags=["kitchen"])
class KitchenLineViewSet(KitchenViewSet):
    """A display checking one of an order's lines off, or back on."""

    serializer_class = LineCheckSerializer

    def get_queryset(self):
        return OrderItem.objects.filter(order__store=self.store).select_related("order")

    @extend_schema(
        request=LineCheckSerializer,
        responses={200: KitchenOrderSerializer, **error_responses(404, 409)},
        summary="Check a line off (done) or back on",
    )
    @action(detail=True, methods=["post"])
    def check(self, request: Request, pk: str) -> Response:
        line = self.get_object()
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        order = kitchen.line_check(line=line, done=body.validated_data["done"], actor=request.user)
        return _kitchen_order_response(order)


def _kitchen_order_response(order: Order) -> Response:
    order = selectors.kitchen_orders().get(pk=order.pk)
    return Response(kitchen_order_data(order, first_station_id(order.store_id)))
