"""Live events for dashboards and tablets: what is sent, to which channels, and when.

A manager listens on their store's channel; a tablet on its table's channel. Services call the
``publish_*`` functions inside their transaction: the event is stored in that transaction
(``orders.event_storage``), so it exists exactly when the change does, and goes out to the
connected streams once it commits (a rolled-back change sends nothing). A client that
reconnects with ``Last-Event-ID`` gets what it missed from the stored events.

Delivery is django-eventstream's ``send_event``: to this process's streams, or through Redis
to every process's (``EVENTS_REDIS_URL``).
"""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django_eventstream import send_event
from django_eventstream.event import Event

from orders.event_storage import TransactionalEventStorage
from orders.models import Order, Visit
from orders.selectors import orders_for_display
from orders.serializers import OrderSerializer
from stores.models import Table

logger = logging.getLogger(__name__)

NEW_ORDER = "new_order"
ORDER_UPDATED = "order_updated"
ORDER_DELETED = "order_deleted"
TABLE_RESET = "table_reset"


def store_channel(store_id: int) -> str:
    return f"store-{store_id}"


def table_channel(table_id: int) -> str:
    return f"table-{table_id}"


def order_data(order: Order) -> dict[str, Any]:
    """The contract's Order, as events and answers carry it."""
    return OrderSerializer(order).data


def publish_new_order(order: Order) -> dict[str, Any]:
    """``new_order`` to the store; returns the Order it carries. ``order.visit.table`` must be
    loaded (the order service sets it)."""
    data = order_data(order)
    _send(NEW_ORDER, data, store_id=order.store_id, table_id=None)
    return data


def publish_order_updated(order: Order) -> None:
    """``order_updated`` to the store and the order's table."""
    order = orders_for_display().get(pk=order.id)
    _send(ORDER_UPDATED, order_data(order), store_id=order.store_id, table_id=order.visit.table_id)


def publish_order_deleted(order: Order, table: Table) -> None:
    """``order_deleted`` to the store and the order's table (built now: the row is going)."""
    data = {"id": order.id, "number": order.number, "table": _table_ref(table)}
    _send(ORDER_DELETED, data, store_id=order.store_id, table_id=table.id)


def publish_table_reset(visit: Visit) -> None:
    """``table_reset`` to the store and the table: the visit is over, the card goes to zero."""
    data = {"table": _table_ref(visit.table), "session_id": visit.id}
    _send(TABLE_RESET, data, store_id=visit.store_id, table_id=visit.table_id)


def _send(event_type: str, data: dict, *, store_id: int, table_id: int | None) -> None:
    channels = [store_channel(store_id)]
    if table_id is not None:
        channels.append(table_channel(table_id))
    encoded = json.dumps(data, cls=DjangoJSONEncoder)
    storage = TransactionalEventStorage()
    events = [storage.append_event(channel, event_type, encoded) for channel in channels]
    # robust: a failure to deliver is logged, never turned into an error for a change that
    # has committed; its event is stored, and clients get it when they reconnect.
    transaction.on_commit(partial(_deliver, events), robust=True)


def _deliver(events: list[Event]) -> None:
    """Hand stored events to the open streams, through the library's own publishing path:
    ``send_event`` asks the storage to append each one, and the storage hands back the stored
    event instead of a second copy (``TransactionalEventStorage.delivering``)."""
    for event in events:
        with TransactionalEventStorage.delivering(event):
            send_event(event.channel, event.type, event.data, json_encode=False)
        logger.debug("Live event sent", extra={"event_type": event.type, "channel": event.channel})


def _table_ref(table: Table) -> dict:
    return {"id": table.id, "number": table.number}
