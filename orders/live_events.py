"""Live events for dashboards and tablets: what is sent, to which channels, and when.

A manager listens on their store's channel; a tablet on its table's channel. Services call the
``publish_*`` functions inside their transaction: the event is stored in that transaction
(``orders.event_storage``), so it exists exactly when the change does, and goes out to the
connected streams once it commits (a rolled-back change sends nothing). A client that
reconnects with ``Last-Event-ID`` gets what it missed from the stored events.

With several processes the delivery goes through Redis (``EVENTS_REDIS_URL``), in the
message django-eventstream's own listener reads; with one, straight to this process's streams.
"""

from __future__ import annotations

import json
import logging
from functools import partial

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django_eventstream import eventstream
from django_eventstream.event import Event
from django_eventstream.utils import get_storage
from django_eventstream.views import get_listener_manager

from orders.models import Order
from orders.selectors import orders_for_display
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
    """``new_order`` to the store; ``order`` as ``orders_for_display()`` loads it."""
    _send_order(NEW_ORDER, order, to_table=False)


def publish_order_updated(order: Order) -> None:
    """``order_updated`` to the store and the order's table."""
    _send_order(ORDER_UPDATED, orders_for_display().get(pk=order.id), to_table=True)


def publish_order_deleted(order: Order, table: Table) -> None:
    """``order_deleted`` to the store and the order's table (built now: the row is going)."""
    data = {"id": order.id, "number": order.number, "table": _table_ref(table)}
    _send(ORDER_DELETED, data, store_id=order.store_id, table_id=table.id)


def publish_table_reset(session: TableSession) -> None:
    """``table_reset`` to the store and the table: the visit is over, the card goes to zero."""
    data = {"table": _table_ref(session.table), "session_id": session.id}
    _send(TABLE_RESET, data, store_id=session.store_id, table_id=session.table_id)


def _send_order(event_type: str, order: Order, *, to_table: bool) -> None:
    # Imported here: the serializers import the services, which import this module.
    from orders.serializers import order_representation

    table_id = order.session.table_id if to_table else None
    _send(event_type, order_representation(order), store_id=order.store_id, table_id=table_id)


def _send(event_type: str, data: dict, *, store_id: int, table_id: int | None) -> None:
    channels = [store_channel(store_id)]
    if table_id is not None:
        channels.append(table_channel(table_id))
    encoded = json.dumps(data, cls=DjangoJSONEncoder)
    storage = get_storage()
    events = [storage.append_event(channel, event_type, encoded) for channel in channels]
    # robust: a failure to deliver is logged, never turned into an error for a change that
    # has committed; its event is stored, and clients get it when they reconnect.
    transaction.on_commit(partial(_deliver, events), robust=True)


def _deliver(events: list[Event]) -> None:
    """Hand stored events to the open streams: this process's, or every process's through
    Redis (what ``django_eventstream.send_event`` does after storing)."""
    for event in events:
        if eventstream.redis_client is not None:
            message = {
                "channel": event.channel,
                "event_type": event.type,
                "data": event.data,
                "pub_id": str(event.id),
            }
            eventstream.redis_client.publish("events_channel", json.dumps(message))
        else:
            get_listener_manager().add_to_queues(event.channel, event)
        logger.debug("Live event sent", extra={"event_type": event.type, "channel": event.channel})


def _table_ref(table: Table) -> dict:
    return {"id": table.id, "number": table.number}
