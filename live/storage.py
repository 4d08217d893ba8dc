"""Where live events are kept for ``Last-Event-ID`` replay: django-eventstream's tables,
written inside the transaction of the change they announce.

django-eventstream's ``send_event`` stores an event and publishes it in one call, which we
could only make after commit: a process killed, or a database lost, between the commit and
that call would have committed an order that no dashboard ever hears of. Here the event row
commits with the order or not at all, and after the commit ``live.publish`` delivers the
stored event. A reconnecting client replays from these rows whatever it missed.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone
from django_eventstream import models
from django_eventstream.event import Event
from django_eventstream.storage import EVENT_TIMEOUT, DjangoModelStorage

from core.counters import counter_bump

# Kept this long for replay (django-eventstream's own 24 h), then pruned (``prune_events``).
EVENTS_KEPT = timedelta(minutes=EVENT_TIMEOUT)


class TransactionalEventStorage(DjangoModelStorage):
    """django-eventstream's model storage, for appending inside the caller's transaction.

    Each channel counts its events in an ``EventCounter`` row, made with the channel's store
    or table (``channel_open``). Appending bumps it with an UPDATE, which keeps the row locked
    until the change commits, so ids commit in order and a reader never sees event n + 1
    before event n. Reads give their connection back, so idle streams do not pin one each.
    """

    def append_event(self, channel: str, event_type: str, data) -> Event:
        if not connection.in_atomic_block:
            raise RuntimeError("Append events inside the transaction of the change.")
        event_id = counter_bump(
            models.EventCounter, "value", where={"name": channel}, also={"updated": timezone.now()}
        )
        if event_id is None:
            raise LookupError(f"No live-event channel {channel!r}: opened with its store or table.")
        # Encoded as the library's own append encodes it: its reads decode it.
        encoded = json.dumps(data, cls=DjangoJSONEncoder)
        models.Event.objects.create(channel=channel, type=event_type, data=encoded, eid=event_id)
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


def channel_open(channel: str) -> None:
    """Make a channel's counter, and event 0, the placeholder django-eventstream's replay
    looks up for a client that has seen nothing yet (``bulk_create``: ``Event.save()`` would
    number it itself)."""
    models.EventCounter.objects.create(name=channel)
    models.Event.objects.bulk_create([models.Event(channel=channel, eid=0)])


def channel_position(channel: str) -> int:
    """The id of ``channel``'s newest event (0: none yet), as committed. One statement, its
    SQL written once: read before every answer kept at a position (``orders.kept_answers``),
    where the ORM's compiling of it cost more than the database's answer."""
    with connection.cursor() as cursor:
        cursor.execute(_POSITION_SQL, [channel])
        (position,) = cursor.fetchone()
    return position


# Names from the model, quoted; the channel goes as a parameter.
_POSITION_SQL = "SELECT {value} FROM {table} WHERE {name} = %s".format(  # noqa: S608
    value=connection.ops.quote_name(models.EventCounter._meta.get_field("value").column),
    table=connection.ops.quote_name(models.EventCounter._meta.db_table),
    name=connection.ops.quote_name(models.EventCounter._meta.get_field("name").column),
)


def events_between(channel: str, *, after: int, until: int) -> list[Event]:
    """The stored events of ``channel`` with ids after ``after``, up to ``until``, in order."""
    try:
        rows = models.Event.objects.filter(channel=channel, eid__gt=after, eid__lte=until)
        return [
            Event(channel, row.type, json.loads(row.data), id=row.eid)
            for row in rows.order_by("eid")
        ]
    finally:
        release_connection()


def events_prune() -> int:
    """Delete the events older than they are kept for replay; how many went."""
    cutoff = timezone.now() - EVENTS_KEPT
    deleted, _ = models.Event.objects.filter(created__lt=cutoff).delete()
    return deleted


def release_connection() -> None:
    """Give the connection back (to the pool, on PostgreSQL) unless a transaction holds it."""
    if not connection.in_atomic_block:
        connection.close()
