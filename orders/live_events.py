"""The live events about orders and visits: what each says, and to whom.

Services call these inside their transaction (``live.publish``): a manager hears every event
of the store; a tablet those about its own orders and visit.
"""

from __future__ import annotations

from typing import Any

from live.channels import store_channel, table_channel
from live.publish import publish
from orders.models import Order, Visit
from orders.selectors import orders_for_display
from orders.serializers import OrderSerializer
from stores.models import Table

NEW_ORDER = "new_order"
ORDER_UPDATED = "order_updated"
ORDER_DELETED = "order_deleted"
TABLE_RESET = "table_reset"
ORDERS_SEEN = "orders_seen"


def order_data(order: Order) -> dict[str, Any]:
    """The contract's Order, as events and answers carry it."""
    return OrderSerializer(order).data


def publish_new_order(order: Order) -> dict[str, Any]:
    """``new_order`` to the store; returns the Order it carries. ``order.visit.table`` must be
    loaded (the order service sets it)."""
    data = order_data(order)
    publish(NEW_ORDER, data, channels=[store_channel(order.store_id)])
    return data


def publish_order_updated(order: Order) -> None:
    """``order_updated`` to the store and the order's table."""
    order = orders_for_display().get(pk=order.id)
    channels = [store_channel(order.store_id), table_channel(order.visit.table_id)]
    publish(ORDER_UPDATED, order_data(order), channels=channels)


def publish_order_deleted(order: Order, table: Table) -> None:
    """``order_deleted`` to the store and the order's table (built now: the row is going)."""
    data = {"id": order.id, "number": order.number, "table": _table_ref(table)}
    publish(ORDER_DELETED, data, channels=[store_channel(order.store_id), table_channel(table.id)])


def publish_table_reset(visit: Visit) -> None:
    """``table_reset`` to the store and the table: the visit is over, the card goes to zero."""
    data = {"table": _table_ref(visit.table), "session_id": visit.id}
    channels = [store_channel(visit.store_id), table_channel(visit.table_id)]
    publish(TABLE_RESET, data, channels=channels)


def publish_orders_seen(*, store_id: int, order_ids: list[int], table: Table | None) -> None:
    """``orders_seen`` to the store: the orders are no longer new on any of its devices."""
    data = {"order_ids": order_ids, "table": _table_ref(table) if table else None}
    publish(ORDERS_SEEN, data, channels=[store_channel(store_id)])


def _table_ref(table: Table) -> dict:
    return {"id": table.id, "number": table.number}
