"""The live events about orders, visits and the floor's tables: what each says, and to whom.

Services call these inside their transaction (``live.publish``): a manager hears every event
of the store; a tablet those about its own orders and visit; the store's kitchen displays
each order as the kitchen works it, without prices (``kitchen_order``), and which orders left
the kitchen for good (``kitchen_orders_removed``: deleted, or their table completed).
"""

from __future__ import annotations

from typing import Any

from live.channels import kitchen_channel, store_channel, table_channel
from live.publish import publish
from menus.selectors import first_station_id
from orders.models import Order, Ticket, Visit
from orders.selectors import kitchen_orders
from orders.serializers import FloorOrderSerializer, KitchenOrderSerializer, OrderSerializer
from stores.models import Table
from stores.serializers import TableRefSerializer

NEW_ORDER = "new_order"
ORDER_UPDATED = "order_updated"
ORDER_DELETED = "order_deleted"
TABLE_RESET = "table_reset"
ORDERS_SEEN = "orders_seen"
TABLE_CHANGED = "table_changed"
KITCHEN_ORDER = "kitchen_order"
KITCHEN_ORDERS_REMOVED = "kitchen_orders_removed"


def order_data(order: Order) -> dict[str, Any]:
    """The contract's Order, as events and answers carry it."""
    return OrderSerializer(order).data


def kitchen_order_data(
    order: Order, first_station: int, tickets: list[Ticket] | None = None
) -> dict[str, Any]:
    """The contract's KitchenOrder: ``order`` as kitchen displays show it (its ``items`` with
    their ``options``, its ``tickets`` unless given, and ``visit.table`` loaded)."""
    context = {"first_station_id": first_station, "tickets": tickets}
    return KitchenOrderSerializer(order, context=context).data


def _floor_and_table_data(order: Order) -> tuple[dict[str, Any], dict[str, Any]]:
    """The order as the store's floor hears of it (the Order and its ``seen_at``: every page
    of the store redraws from the event alone) and as its table does (the Order)."""
    floor = FloorOrderSerializer(order).data
    return floor, {name: value for name, value in floor.items() if name != "seen_at"}


def publish_new_order(order: Order, *, first_station: int) -> dict[str, Any]:
    """``new_order`` to the store, ``kitchen_order`` to its kitchen; returns the Order it
    carries. ``order.visit.table`` and ``order.item_list`` must be loaded (the order service
    does), and the store's ``first_station`` read."""
    floor, data = _floor_and_table_data(order)
    publish(NEW_ORDER, floor, channels=[store_channel(order.store_id)])
    _publish_to_kitchen(order, first_station, tickets=[])  # none yet
    return data


def publish_order_updated(order: Order) -> None:
    """``order_updated`` to the store and the order's table, ``kitchen_order`` to the
    store's kitchen."""
    order = kitchen_orders().get(pk=order.id)
    floor, data = _floor_and_table_data(order)
    publish(ORDER_UPDATED, floor, channels=[store_channel(order.store_id)])
    publish(ORDER_UPDATED, data, channels=[table_channel(order.visit.table_id)])
    _publish_to_kitchen(order)


def publish_kitchen_order(order: Order) -> None:
    """``kitchen_order`` to the store's kitchen: its tickets or lines changed."""
    _publish_to_kitchen(kitchen_orders().get(pk=order.id))


def publish_kitchen_orders_removed(*, store_id: int, order_ids: list[int]) -> None:
    """``kitchen_orders_removed`` to the store's kitchen: the orders are gone from it."""
    if order_ids:
        publish(
            KITCHEN_ORDERS_REMOVED, {"order_ids": order_ids}, channels=[kitchen_channel(store_id)]
        )


def _publish_to_kitchen(
    order: Order, first_station: int | None = None, tickets: list[Ticket] | None = None
) -> None:
    if first_station is None:
        first_station = first_station_id(order.store_id)
    data = kitchen_order_data(order, first_station, tickets)
    publish(KITCHEN_ORDER, data, channels=[kitchen_channel(order.store_id)])


def publish_order_deleted(order: Order, table: Table) -> None:
    """``order_deleted`` to the store and the order's table (built now: the row is going)."""
    data = {"id": order.id, "number": order.number, "table": _table_ref(table)}
    publish(ORDER_DELETED, data, channels=[store_channel(order.store_id), table_channel(table.id)])


def publish_table_reset(visit: Visit) -> None:
    """``table_reset`` to the store and the table: the visit is over, the card goes to zero."""
    data = {"table": _table_ref(visit.table), "session_id": visit.id}
    channels = [store_channel(visit.store_id), table_channel(visit.table_id)]
    publish(TABLE_RESET, data, channels=channels)


def publish_table_changed(table: Table) -> None:
    """A table added, renumbered or removed (``deleted``): the store's pages redraw it."""
    data = {"table": TableRefSerializer(table).data, "deleted": table.deleted_at is not None}
    publish(TABLE_CHANGED, data, channels=[store_channel(table.store_id)])


def publish_orders_seen(*, store_id: int, order_ids: list[int], table: Table | None) -> None:
    """``orders_seen`` to the store: the orders are no longer new on any of its devices."""
    data = {"order_ids": order_ids, "table": _table_ref(table) if table else None}
    publish(ORDERS_SEEN, data, channels=[store_channel(store_id)])


def _table_ref(table: Table) -> dict:
    return {"id": table.id, "number": table.number}
