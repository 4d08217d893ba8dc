"""Live events for dashboards and tablets: what is sent, to which channels, and when.

A manager listens on their store's channel; a tablet on its table's channel. Services call the
``publish_*`` functions inside their transaction; the event goes out only once it commits (a
rolled-back change sends nothing) and is stored first, so a client that reconnects with
``Last-Event-ID`` gets what it missed.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django_eventstream import send_event

from orders.models import Order
from stores.models import Table, TableSession

logger = logging.getLogger(__name__)

NEW_ORDER = "new_order"
ORDER_UPDATED = "order_updated"
ORDER_DELETED = "order_deleted"
TABLE_RESET = "table_reset"


def store_channel(store_id: int) -> str:
    return f"store-{store_id}"


def table_channel(table_id: int) -> str:
    return f"table-{table_id}"


def publish_new_order(order: Order) -> None:
    """``new_order`` to the store."""
    _after_commit(_send_order, NEW_ORDER, order.id, to_table=False)


def publish_order_updated(order: Order) -> None:
    """``order_updated`` to the store and the order's table."""
    _after_commit(_send_order, ORDER_UPDATED, order.id, to_table=True)


def publish_order_deleted(order: Order, table: Table) -> None:
    """``order_deleted`` to the store and the order's table (built now: the row is going)."""
    data = {"id": order.id, "number": order.number, "table": _table_ref(table)}
    _after_commit(_send, ORDER_DELETED, data, store_id=order.store_id, table_id=table.id)


def publish_table_reset(session: TableSession) -> None:
    """``table_reset`` to the store and the table: the visit is over, the card goes to zero."""
    data = {"table": _table_ref(session.table), "session_id": session.id}
    _after_commit(_send, TABLE_RESET, data, store_id=session.store_id, table_id=session.table_id)


def _after_commit(function, *args, **kwargs) -> None:
    # robust: a failure to publish is logged, never turned into an error for a change that
    # has already committed (the client catches up by reloading on reconnect).
    transaction.on_commit(partial(function, *args, **kwargs), robust=True)


def _send_order(event_type: str, order_id: int, *, to_table: bool) -> None:
    # Imported here: the serializers import the services, which import this module.
    from orders.selectors import orders_for_display
    from orders.serializers import OrderSerializer

    order = orders_for_display().filter(pk=order_id).first()
    if order is None:  # deleted in the meantime: its order_deleted event follows
        return
    table_id = order.session.table_id if to_table else None
    data = OrderSerializer(order).data
    _send(event_type, data, store_id=order.store_id, table_id=table_id)


def _send(event_type: str, data: dict, *, store_id: int, table_id: int | None) -> None:
    send_event(store_channel(store_id), event_type, data)
    if table_id is not None:
        send_event(table_channel(table_id), event_type, data)
    logger.debug("Live event sent", extra={"event_type": event_type, "store_id": store_id})


def _table_ref(table: Table) -> dict:
    return {"id": table.id, "number": table.number}
