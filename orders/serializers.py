"""The contract's Order, Table and Session objects, and the bodies that change them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.serializers import ContractModelSerializer, IdField
from orders.models import QUANTITY_MAX, Order, OrderEvent, OrderItem, OrderStatus
from orders.services import OrderLine
from stores.models import TABLE_NUMBER_MAX, Table, TableSession
from stores.serializers import PASSWORD_MAX_LENGTH, TableRefSerializer

ORDER_LINES_MAX = 50


class OrderItemSerializer(ContractModelSerializer):
    menu_id = serializers.IntegerField(source="menu_item_id")
    subtotal = serializers.IntegerField()

    class Meta:
        model = OrderItem
        fields = ["menu_id", "name", "unit_price", "quantity", "subtotal"]


class OrderSerializer(ContractModelSerializer):
    table = TableRefSerializer(source="session.table")
    items = OrderItemSerializer(many=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "status",
            "table",
            "session_id",
            "items",
            "total_amount",
            "created_at",
            "updated_at",
        ]


class OrderEventSerializer(ContractModelSerializer):
    class Meta:
        model = OrderEvent
        fields = ["kind", "from_status", "to_status", "actor", "created_at"]


class ManagerOrderSerializer(OrderSerializer):
    """An order as a manager sees it: the contract's Order plus its change record, which the
    view attaches as ``change_record`` (``orders.selectors.order_events``)."""

    events = OrderEventSerializer(many=True, source="change_record")

    class Meta(OrderSerializer.Meta):
        fields = [*OrderSerializer.Meta.fields, "events"]


class OrderLineSerializer(serializers.Serializer):
    menu_id = IdField()
    quantity = serializers.IntegerField(min_value=1, max_value=QUANTITY_MAX)

    def to_internal_value(self, data) -> OrderLine:
        return OrderLine(**super().to_internal_value(data))


class PlaceOrderSerializer(serializers.Serializer):
    items = OrderLineSerializer(many=True, min_length=1, max_length=ORDER_LINES_MAX)


class OrderStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=OrderStatus.choices)


class CurrentSessionSerializer(ContractModelSerializer):
    order_count = serializers.IntegerField()
    total_amount = serializers.IntegerField()

    class Meta:
        model = TableSession
        fields = ["id", "started_at", "order_count", "total_amount"]


class TableSerializer(ContractModelSerializer):
    """A table as the manager's dashboard card shows it (``orders.selectors.store_tables``)."""

    current_session = serializers.SerializerMethodField()
    recent_orders = serializers.SerializerMethodField()

    class Meta:
        model = Table
        fields = ["id", "number", "current_session", "recent_orders"]

    @staticmethod
    def _open_session(table: Table) -> TableSession | None:
        return table.open_sessions[0] if table.open_sessions else None

    @extend_schema_field(CurrentSessionSerializer(allow_null=True))
    def get_current_session(self, table: Table) -> dict | None:
        session = self._open_session(table)
        return CurrentSessionSerializer(session).data if session else None

    @extend_schema_field(OrderSerializer(many=True))
    def get_recent_orders(self, table: Table) -> list[dict]:
        session = self._open_session(table)
        return OrderSerializer(session.recent_orders, many=True).data if session else []


class TableCreateSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=TABLE_NUMBER_MAX)
    password = serializers.CharField(min_length=1, max_length=PASSWORD_MAX_LENGTH)


class TableUpdateSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=TABLE_NUMBER_MAX, required=False)
    password = serializers.CharField(min_length=1, max_length=PASSWORD_MAX_LENGTH, required=False)


class SessionSerializer(ContractModelSerializer):
    table = TableRefSerializer()
    total_amount = serializers.IntegerField()
    orders = OrderSerializer(many=True)

    class Meta:
        model = TableSession
        fields = ["id", "table", "started_at", "ended_at", "total_amount", "orders"]


class CompleteTableSerializer(serializers.Serializer):
    table = TableSerializer()
    session = SessionSerializer()


class HistoryQuerySerializer(serializers.Serializer):
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs: dict) -> dict:
        if (
            attrs.get("date_from")
            and attrs.get("date_to")
            and attrs["date_from"] > attrs["date_to"]
        ):
            raise serializers.ValidationError({"date_from": ["Must not be after date_to."]})
        return attrs


class OrderListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=OrderStatus.choices, required=False)
    table = serializers.IntegerField(min_value=1, required=False, help_text="A table id.")
