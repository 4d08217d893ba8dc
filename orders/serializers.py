"""The contract's Order, Table and Session objects, and the bodies that change them."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from calls.serializers import ManagerStaffCallSerializer
from core.serializers import (
    ContractModelSerializer,
    IdField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
    UtcDateTimeField,
)
from orders.models import (
    NOTE_MAX_LENGTH,
    ORDER_LINES_MAX,
    QUANTITY_MAX,
    Order,
    OrderChange,
    OrderItem,
    OrderStatus,
    Visit,
)
from orders.order_lines import OrderLine
from orders.tickets import line_station_id, ticket_states
from stores.models import TABLE_NUMBER_MAX, TABLE_PASSWORD_MIN_LENGTH, Table
from stores.serializers import PASSWORD_MAX_LENGTH, TableRefSerializer

# A line names at most this many choices (the most a group may ask for, over a few groups).
OPTION_IDS_MAX = 50

# The contract's Order and its lines are declared field by field, not built from the models:
# a new serializer is made for every answer and live event about an order, and declared
# fields cost a fraction of what a ModelSerializer spends working its fields out each time.


class OrderItemOptionSerializer(serializers.Serializer):
    """A choice made for the line, as the menu named and priced it when the order was placed."""

    option_id = serializers.IntegerField(
        source="choice_id", allow_null=True, help_text="null once the choice left the menu."
    )
    group = serializers.CharField(source="group_name")
    name = serializers.CharField(source="choice_name")
    price_delta = serializers.IntegerField()


class OrderItemSerializer(serializers.Serializer):
    menu_id = serializers.IntegerField(source="menu_item_id")
    name = serializers.CharField()
    unit_price = serializers.IntegerField(help_text="The item's price and its options' changes.")
    quantity = serializers.IntegerField()
    subtotal = serializers.IntegerField()
    options = OrderItemOptionSerializer(many=True, source="option_list")
    note = serializers.CharField()


class OrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    table = TableRefSerializer(source="visit.table")
    session_id = serializers.IntegerField(source="visit_id")
    items = OrderItemSerializer(many=True, source="item_list")
    total_amount = serializers.IntegerField()
    note = serializers.CharField()
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()


class KitchenChoiceSerializer(serializers.Serializer):
    group = serializers.CharField(source="group_name")
    name = serializers.CharField(source="choice_name")


class KitchenLineSerializer(serializers.Serializer):
    """A line as the kitchen makes it: no price."""

    id = serializers.IntegerField()
    menu_id = serializers.IntegerField(source="menu_item_id")
    name = serializers.CharField()
    quantity = serializers.IntegerField()
    options = KitchenChoiceSerializer(many=True, source="option_list")
    note = serializers.CharField()
    station_id = serializers.SerializerMethodField(
        help_text="The station that makes it (``tickets``)."
    )
    done_at = UtcDateTimeField(
        allow_null=True, help_text="When the kitchen checked it off; null until then."
    )

    def get_station_id(self, line: OrderItem) -> int:
        return line_station_id(line, self.context["first_station_id"])


class KitchenTicketSerializer(serializers.Serializer):
    """The order's part at one station (``orders.tickets``)."""

    station_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    started_at = UtcDateTimeField(allow_null=True)
    bumped_at = UtcDateTimeField(allow_null=True)


class KitchenTicketsSerializer(serializers.ListSerializer):
    """An order's tickets (``orders.tickets.ticket_states``). Declared, not a method field:
    its serializer is then built once per answer or event rather than once per order."""

    def get_attribute(self, order: Order):
        first_station = self.context["first_station_id"]
        return ticket_states(order, first_station, tickets=self.context.get("tickets"))


class KitchenOrderSerializer(serializers.Serializer):
    """An order as the kitchen display shows it: its lines with their stations, and a ticket
    for each station with lines in it. No prices. Needs ``first_station_id`` in the context
    and the order's ``item_list`` (``orders.selectors.order_items``), ``tickets`` and
    ``visit.table`` loaded
    (or its ``tickets`` in the context: none, for an order just placed)."""

    id = serializers.IntegerField()
    number = serializers.IntegerField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    table = TableRefSerializer(source="visit.table")
    session_id = serializers.IntegerField(source="visit_id")
    note = serializers.CharField()
    created_at = UtcDateTimeField()
    lines = KitchenLineSerializer(many=True, source="item_list")
    tickets = KitchenTicketsSerializer(child=KitchenTicketSerializer())


@extend_schema_serializer(component_name="OrderEvent")
class OrderChangeSerializer(ContractModelSerializer):
    class Meta:
        model = OrderChange
        fields = ["kind", "from_status", "to_status", "actor", "created_at"]


class FloorOrderSerializer(OrderSerializer):
    """An order as the store's floor shows it: the contract's Order and whether it is new."""

    seen_at = UtcDateTimeField(
        allow_null=True, help_text="When a manager first saw it; null while it is new."
    )


class ManagerOrderSerializer(FloorOrderSerializer):
    """An order as a manager sees it: the contract's Order plus its change record (named
    ``events`` on the wire since v1), which the view attaches as ``changes``
    (``orders.selectors.order_changes``)."""

    events = OrderChangeSerializer(many=True, source="changes")


def _note_field() -> serializers.CharField:
    return StrictCharField(max_length=NOTE_MAX_LENGTH, allow_blank=True, required=False)


class OrderLineSerializer(serializers.Serializer):
    menu_id = IdField()
    quantity = StrictIntegerField(min_value=1, max_value=QUANTITY_MAX)
    option_ids = serializers.ListField(
        child=IdField(),
        max_length=OPTION_IDS_MAX,
        required=False,
        help_text="The chosen choices of the item's option groups (`option_groups` in the menu).",
    )
    note = _note_field()

    def to_internal_value(self, data) -> OrderLine:
        values = super().to_internal_value(data)
        return OrderLine(
            menu_id=values["menu_id"],
            quantity=values["quantity"],
            option_ids=tuple(values.get("option_ids", ())),
            note=values.get("note", ""),
        )


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Two bibimbap and a cola",
            value={"items": [{"menu_id": 1, "quantity": 2}, {"menu_id": 8, "quantity": 1}]},
            request_only=True,
        ),
        OpenApiExample(
            "Tteokbokki, spicy, with cheese, no green onion",
            value={
                "items": [
                    {
                        "menu_id": 3,
                        "quantity": 1,
                        "option_ids": [12, 17],
                        "note": "No green onion, please",
                    }
                ],
                "note": "We share everything",
            },
            request_only=True,
        ),
    ]
)
class PlaceOrderSerializer(serializers.Serializer):
    items = serializers.ListField(
        child=OrderLineSerializer(), min_length=1, max_length=ORDER_LINES_MAX
    )
    note = _note_field()


@extend_schema_serializer(
    examples=[
        OpenApiExample("The kitchen starts it", value={"status": "preparing"}, request_only=True)
    ]
)
class OrderStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=OrderStatus.choices)


@extend_schema_serializer(component_name="CurrentSession")
class OpenVisitSerializer(serializers.Serializer):
    """A table's open visit (``open_visits`` from ``orders.selectors.store_tables``): the
    contract's ``current_session``."""

    id = serializers.IntegerField(read_only=True)
    started_at = UtcDateTimeField(read_only=True)
    order_count = serializers.IntegerField()
    total_amount = serializers.IntegerField()
    oldest_unserved_at = UtcDateTimeField(
        allow_null=True,
        read_only=True,
        help_text="When its oldest order still pending or preparing was placed; null if none.",
    )

    def get_attribute(self, table: Table) -> Visit | None:
        return table.open_visits[0] if table.open_visits else None


class RecentOrdersSerializer(serializers.ListSerializer):
    """The newest orders of a table's open visit, none when it has no open visit."""

    def get_attribute(self, table: Table):
        return table.open_visits[0].recent_orders if table.open_visits else []


class TableSerializer(serializers.Serializer):
    """A table with its open visit and its newest orders (``orders.selectors.store_tables``)."""

    id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(min_value=1, max_value=TABLE_NUMBER_MAX)
    # Declared once, not built per table in a method field: their fields are then built once
    # per request rather than once per table (a third of the list's time with 30 tables).
    current_session = OpenVisitSerializer(allow_null=True, read_only=True)
    recent_orders = RecentOrdersSerializer(child=OrderSerializer(), read_only=True)


@extend_schema_serializer(
    examples=[OpenApiExample("Table 7", value={"number": 7, "password": "2468"}, request_only=True)]
)
class TableCreateSerializer(serializers.Serializer):
    number = StrictIntegerField(min_value=1, max_value=TABLE_NUMBER_MAX)
    password = StrictCharField(
        min_length=TABLE_PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False
    )


class TableUpdateSerializer(serializers.Serializer):
    number = StrictIntegerField(min_value=1, max_value=TABLE_NUMBER_MAX, required=False)
    password = StrictCharField(
        min_length=TABLE_PASSWORD_MIN_LENGTH,
        max_length=PASSWORD_MAX_LENGTH,
        trim_whitespace=False,
        required=False,
    )


@extend_schema_serializer(component_name="Session")
class VisitSerializer(ContractModelSerializer):
    """A visit with its orders: the contract's Session."""

    table = TableRefSerializer()
    total_amount = serializers.IntegerField()
    orders = OrderSerializer(many=True)

    class Meta:
        model = Visit
        fields = ["id", "table", "started_at", "ended_at", "total_amount", "orders"]


class FloorVisitSerializer(serializers.Serializer):
    """A table's open visit with all its orders, newest first."""

    id = serializers.IntegerField()
    started_at = UtcDateTimeField()
    orders = FloorOrderSerializer(many=True)

    def get_attribute(self, table: Table) -> Visit | None:
        return table.open_visits[0] if table.open_visits else None


class FloorTableSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    session = FloorVisitSerializer(allow_null=True, help_text="The open visit; null: free.")


class FloorSerializer(serializers.Serializer):
    """The store's floor as its live pages keep it (``orders.selectors.store_floor``): what a
    page reads when its event stream opens, then keeps current from the events alone."""

    tables = FloorTableSerializer(many=True, help_text="By number.")
    calls = ManagerStaffCallSerializer(many=True, help_text="The open calls, oldest first.")


class CompleteTableSerializer(serializers.Serializer):
    table = TableSerializer()
    session = VisitSerializer()


@extend_schema_field(
    {"type": "string", "format": "date", "pattern": r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"}
)
class HistoryDateField(serializers.DateField):
    """A day of 2000 to 2099 (``orders.selectors.HISTORY_FIRST_DATE`` to ``…_LAST_DATE``):
    the schema says so, the selector refuses the others."""


class HistoryQuerySerializer(serializers.Serializer):
    """The dates as typed; ``orders.selectors.history_dates`` decides what they cover."""

    date_from = HistoryDateField(required=False, help_text="From this day (2000 to 2099).")
    date_to = HistoryDateField(
        required=False, help_text="To this day (2000 to 2099, not before date_from)."
    )


class OrderListQuerySerializer(serializers.Serializer):
    """``?status=&table=&seen=``: an empty value is no filter (the contract's own spelling)."""

    status = serializers.ChoiceField(choices=OrderStatus.choices, required=False, allow_blank=True)
    table = IdField(required=False, help_text="A table id.")
    seen = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="false: only the orders no manager has seen yet; true: only the others.",
    )


@extend_schema_serializer(
    examples=[OpenApiExample("Table 1's new orders", value={"table_id": 1}, request_only=True)]
)
class OrdersSeenSerializer(serializers.Serializer):
    table_id = IdField(required=False, help_text="Only this table's orders; else the store's.")


class OrdersSeenResponseSerializer(serializers.Serializer):
    order_ids = serializers.ListField(
        child=serializers.IntegerField(), help_text="The orders marked seen now, oldest first."
    )


class StationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class KitchenSerializer(serializers.Serializer):
    """What a kitchen display starts from, and reads again when it cannot catch up."""

    now = UtcDateTimeField(help_text="The server's clock: ages count from it.")
    amber_after_minutes = serializers.IntegerField()
    red_after_minutes = serializers.IntegerField()
    recall_minutes = serializers.IntegerField(help_text="How long a bumped ticket is recallable.")
    stations = StationSerializer(many=True, help_text="The first makes every unassigned dish.")
    orders = KitchenOrderSerializer(many=True)


@extend_schema_serializer(
    examples=[
        OpenApiExample("The bar bumps its drinks", value={"status": "completed", "station_id": 2}),
        OpenApiExample("The kitchen starts the whole order", value={"status": "preparing"}),
    ]
)
class TicketBumpSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[OrderStatus.PREPARING, OrderStatus.COMPLETED],
        help_text="preparing starts the ticket; completed bumps it.",
    )
    station_id = IdField(
        required=False, allow_null=True, help_text="One station's ticket; absent or null: all."
    )


class TicketRecallSerializer(serializers.Serializer):
    station_id = IdField(
        required=False, allow_null=True, help_text="One station's ticket; absent or null: all."
    )


class LineCheckSerializer(serializers.Serializer):
    done = StrictBooleanField()
