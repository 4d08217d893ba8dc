"""Handing events to this process's open streams: each stored event once, in order, whatever
way it arrives.

An event reaches a process in one of three ways: from a change committed here
(``live.publish``), from another process through Redis (``live.relay``), or from storage, when
this process finds that a channel it serves has an event its streams never got. The last is
the repair: a publish can be lost (a process dies between its commit and its publish, Redis is
away for a while), and a stream would otherwise never notice the gap. So for every channel
that one of its streams reads, the process keeps the id of the newest event it handed over,
and:

- an event whose id is not past that one is a copy, and is dropped;
- an event further ahead than the next one means events in between were lost (or are late):
  they are read from storage and handed over first, in order (ids commit in order, so they
  are stored);
- every ``LIVE_EVENTS_REPAIR_SECONDS``, and when the relay reconnects, the newest stored id of
  each channel is compared with the newest handed over, so that a lost last event is found too.

Handing over is one call onto the streams' event loop for each event, which offers it to every
stream of its channel (``live.sse``: encoded once, written by each stream's own task); a stream
that reads the same event from storage as it opens drops the copy.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from asgiref.sync import sync_to_async
from django import db
from django.conf import settings
from django_eventstream.event import Event
from django_eventstream.models import EventCounter

from live.relay import relay
from live.sse import Subscriber, offer_to_all
from live.storage import events_between, release_connection

logger = logging.getLogger(__name__)


@dataclass
class _Channel:
    handed_over: int  # the newest event id this process's streams were given
    subscribers: set[Subscriber] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class LocalStreams:
    """The channels this process's streams read, and the newest event each was given."""

    def __init__(self) -> None:
        self._channels: dict[str, _Channel] = {}
        self._lock = threading.Lock()
        self.events_repaired = 0  # handed over from storage: their publish never came, or late

    def watch(self, subscriber: Subscriber, channels: Iterable[str]) -> None:
        """A stream opens on ``channels``: from now on their events are offered to it."""
        channels = set(channels)
        with self._lock:
            for name in channels & self._channels.keys():
                self._channels[name].subscribers.add(subscriber)
            new = channels - self._channels.keys()
        if not new:
            return
        newest = _newest_ids(new)
        with self._lock:
            for name in new:
                if name not in self._channels:  # else another stream opened on it meanwhile
                    self._channels[name] = _Channel(handed_over=newest.get(name, 0))
                self._channels[name].subscribers.add(subscriber)

    def unwatch(self, subscriber: Subscriber, channels: Iterable[str]) -> None:
        """A stream on ``channels`` has ended."""
        with self._lock:
            for name in channels:
                channel = self._channels.get(name)
                if channel is not None:
                    channel.subscribers.discard(subscriber)
                    if not channel.subscribers:
                        del self._channels[name]

    def watched(self) -> list[str]:
        with self._lock:
            return list(self._channels)

    def deliver(self, event: Event) -> None:
        """``event`` (stored, with its id) to the streams of its channel, after any it skips."""
        channel = self._channels.get(event.channel)
        if channel is None:  # no stream of this process reads it
            return
        with channel.lock:
            if event.id <= channel.handed_over:
                return
            if event.id == channel.handed_over + 1:
                _hand_over(event, channel)
                channel.handed_over = event.id
            else:
                self._catch_up(event.channel, channel, until=event.id, arrived=event)

    def repair(self) -> int:
        """Hand over the stored events of watched channels that no publish brought; how many."""
        names = self.watched()
        if not names:
            return 0
        repaired_before = self.events_repaired
        for name, newest in _newest_ids(names).items():
            channel = self._channels.get(name)
            if channel is None or newest <= channel.handed_over:
                continue
            with channel.lock:
                self._catch_up(name, channel, until=newest)
        return self.events_repaired - repaired_before

    def _catch_up(self, name: str, channel: _Channel, *, until: int, arrived=None) -> None:
        """Hand over the stored events after ``channel.handed_over`` up to ``until``; the
        caller holds the channel's lock. ``arrived`` is the event that showed the gap."""
        repaired = 0
        for event in events_between(name, after=channel.handed_over, until=until):
            _hand_over(event, channel)
            channel.handed_over = event.id
            repaired += arrived is None or event.id != arrived.id
        if repaired:
            self.events_repaired += repaired
            logger.info(
                "Live events repaired from storage",
                extra={"channel": name, "events": repaired, "event_id": channel.handed_over},
            )


def _newest_ids(names: Iterable[str]) -> dict[str, int]:
    try:
        return dict(EventCounter.objects.filter(name__in=list(names)).values_list("name", "value"))
    finally:
        release_connection()


def _hand_over(event: Event, channel: _Channel) -> None:
    """To the streams of ``channel``: one call onto each event loop they are written from
    (the server's one, in practice); the caller holds the channel's lock, so a channel's
    events reach its streams in order."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Subscriber]] = {}
    for subscriber in list(channel.subscribers):  # copied at once: streams open and end meanwhile
        by_loop.setdefault(subscriber.loop, []).append(subscriber)
    for loop, subscribers in by_loop.items():
        try:
            loop.call_soon_threadsafe(offer_to_all, event, subscribers)
        except RuntimeError:  # that loop has closed: its streams are gone with it
            continue


local_streams = LocalStreams()


def health() -> tuple[dict, bool]:
    """What ``/healthz`` says of live events, and whether they are degraded (Redis away: this
    process's streams still get its own events, the others' come by repair)."""
    report = relay().state() if relay() is not None else {"relay": "in process"}
    report["events_repaired"] = local_streams.events_repaired
    return report, report.get("redis") == "down"


async def deliver_for_ever() -> None:
    """The server process's part in live events, for its life: repair now and then and, with
    a relay, hand the other processes' events to this one's streams."""
    tasks = [_repair_now_and_then()]
    if relay() is not None:
        tasks.append(relay().listen(_deliver_heard, reconnected=_repair))
    await asyncio.gather(*tasks)


async def _deliver_heard(event: Event) -> None:
    try:
        await sync_to_async(local_streams.deliver, thread_sensitive=False)(event)
    except db.Error as error:  # a gap could not be read: the next repair hands it over
        logger.warning("Handing over a live event failed: %s", error)


async def _repair_now_and_then() -> None:
    while True:
        await asyncio.sleep(settings.LIVE_EVENTS_REPAIR_SECONDS)
        await _repair()


async def _repair() -> None:
    try:
        await sync_to_async(local_streams.repair, thread_sensitive=False)()
    except db.Error as error:  # the database may be restarting: the next round tries again
        logger.warning("Repairing live events failed: %s", error)
