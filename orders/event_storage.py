"""Where live events are kept for ``Last-Event-ID`` replay: django-eventstream's tables,
written inside the transaction of the change they announce.

django-eventstream stores an event and publishes it in one call, which we could only make
after commit: a process killed, or a database lost, between the commit and that call would
have committed an order that no dashboard ever hears of. Here the event row commits with the
order or not at all, and only the publishing waits for the commit (``orders.live_events``).
A reconnecting client replays from these rows whatever it missed.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from functools import partial

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone
from django_eventstream import models
from django_eventstream.event import Event
from django_eventstream.storage import EVENT_TIMEOUT, DjangoModelStorage

from config.counters import increment_or_start

# How often one process deletes the events older than django-eventstream's 24 h.
TRIM_EVERY_SECONDS = 600


class TransactionalEventStorage(DjangoModelStorage):
    """django-eventstream's model storage, for appending inside the caller's transaction.

    Each channel counts its events in an ``EventCounter`` row, bumped by an UPDATE that
    returns the new id (``config.counters``): the row stays locked until the change commits,
    so ids commit in order and a reader never sees event n + 1 before event n. Two queries an
    event, where the library's append takes eight. Reads give their connection back, so idle
    streams do not pin one each.
    """

    _trimmed_at: float | None = None

    def append_event(self, channel: str, event_type: str, data) -> Event:
        if not connection.in_atomic_block:
            raise RuntimeError("Append events inside the transaction of the change.")
        event_id = self._next_id(channel)
        models.Event.objects.create(
            channel=channel,
            type=event_type,
            data=json.dumps(data, cls=DjangoJSONEncoder),
            eid=event_id,
        )
        self._trim_now_and_then()
        return Event(channel, event_type, data, id=event_id)

    def get_events(self, channel, last_id, limit=100):
        try:
            return super().get_events(channel, last_id, limit=limit)
        finally:
            release_connection()

    def get_current_id(self, channel):
        try:
            return super().get_current_id(channel)
        finally:
            release_connection()

    def _next_id(self, channel: str) -> int:
        return increment_or_start(
            models.EventCounter,
            "value",
            where={"name": channel},
            also={"updated": timezone.now()},
            start=partial(self._start_channel, channel),
        )

    @staticmethod
    def _start_channel(channel: str) -> None:
        # Event 0 is the placeholder the library's replay looks up for a client that has
        # seen nothing yet (bulk_create: ``Event.save()`` would number it itself).
        models.EventCounter.objects.create(name=channel)
        models.Event.objects.bulk_create([models.Event(channel=channel, eid=0)])

    @classmethod
    def _trim_now_and_then(cls) -> None:
        now = time.monotonic()
        if cls._trimmed_at is not None and now - cls._trimmed_at < TRIM_EVERY_SECONDS:
            return
        cls._trimmed_at = now
        cutoff = timezone.now() - timedelta(minutes=EVENT_TIMEOUT)
        models.Event.objects.filter(created__lt=cutoff).delete()


def release_connection() -> None:
    """Give the connection back (to the pool, on PostgreSQL) unless a transaction holds it."""
    if not connection.in_atomic_block:
        connection.close()
