"""Sending a live event: stored in the transaction of the change it announces
(``live.storage``), so it exists exactly when the change does, and delivered to the open
streams once that commits (a rolled-back change sends nothing). A client that reconnects
with ``Last-Event-ID`` gets what it missed from the stored events.

Delivery is django-eventstream's ``send_event``: to this process's streams, or through Redis
to every process's (``EVENTS_REDIS_URL``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from functools import partial

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django_eventstream import send_event
from django_eventstream.event import Event

from live.storage import TransactionalEventStorage

logger = logging.getLogger(__name__)

# How often a quiet stream says `keep-alive`: django-eventstream's own, fixed interval. Clients
# take a stream silent for twice as long as lost.
KEEP_ALIVE_SECONDS = 20


def publish(event_type: str, data: dict, *, channels: Iterable[str]) -> None:
    """``event_type`` with ``data`` to every one of ``channels``, inside the change's
    transaction."""
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
