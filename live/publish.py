"""Sending a live event: stored in the transaction of the change it announces
(``live.storage``), so it exists exactly when the change does, and delivered to the open
streams once that commits (a rolled-back change sends nothing): to this process's
(``live.delivery``) and, through Redis, to every other's (``live.relay``). A client that
reconnects with ``Last-Event-ID`` gets what it missed from the stored events, and a process
whose publish was lost repairs it from them too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from functools import partial

from django import db
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django_eventstream.event import Event

from live.delivery import local_streams
from live.relay import relay
from live.storage import TransactionalEventStorage

logger = logging.getLogger(__name__)


def publish(event_type: str, data: dict, *, channels: Iterable[str]) -> None:
    """``event_type`` with ``data`` to every one of ``channels``, inside the change's
    transaction."""
    encoded = json.dumps(data, cls=DjangoJSONEncoder)
    storage = TransactionalEventStorage()
    events = [storage.append_event(channel, event_type, encoded) for channel in channels]
    # robust: a failure to deliver is logged, never turned into an error for a change that
    # has committed; its event is stored, and the repair hands it over (``live.delivery``).
    transaction.on_commit(partial(_deliver, events), robust=True)


def _deliver(events: list[Event]) -> None:
    if relay() is not None:
        relay().publish(events)
    try:
        for event in events:
            local_streams.deliver(event)
    except db.Error as error:  # a gap could not be read: the next repair hands it over
        logger.warning("Handing over a live event failed: %s", error)
