"""Live events between server processes, through Redis pub/sub (``EVENTS_REDIS_URL``).

After a change commits, the process that made it hands its events to its own streams
(``live.delivery``) and publishes them here; every other process hears them and hands them to
its streams. Redis is a messenger, never the record: events are stored with their change, so a
publish that Redis never carried (Redis away, a process killed in between) is repaired from
storage by the processes that missed it.

Redis going away is an outage of the relay, not of the app: publishing is tried again with
each change (skipped for a growing while if Redis does not even answer), the listener
reconnects with backoff and resubscribes, each logs the outage once and its end once, and
``/healthz`` reports the state. Unset, there is no relay: one process
serves everything, its events never leave it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from functools import cache

import redis
import redis.asyncio
from django.conf import settings
from django.utils.module_loading import import_string
from django_eventstream.event import Event
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

REDIS_CHANNEL = "table-order:live-events"
FIRST_RETRY_SECONDS = 0.5
LAST_RETRY_SECONDS = 10.0
# How long a Redis that neither answers nor refuses (a partition) is given: little where a
# request waits for it (a publish after its commit), more for the listener.
PUBLISH_TIMEOUT_SECONDS = 0.5
LISTEN_TIMEOUT_SECONDS = 2.0
QUIET_CHECK_SECONDS = 5.0


class _Outage:
    """Up or down, logged once as it goes down and once as it comes back."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.down_since: float | None = None  # time.time()
        self._lock = threading.Lock()

    def down(self, error: BaseException) -> None:
        with self._lock:
            if self.down_since is not None:
                return
            self.down_since = time.time()
        logger.warning("Live events: %s lost Redis: %s", self.what, error)

    def up(self) -> bool:
        """Whether it was down."""
        with self._lock:
            since, self.down_since = self.down_since, None
        if since is not None:
            logger.warning(
                "Live events: %s has Redis again after %.1f s", self.what, time.time() - since
            )
        return since is not None


class RedisRelay:
    """Publishes this process's events to Redis and hands the others' to ``deliver``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.origin = uuid.uuid4().hex  # this process: it skips its own events
        self.publishing = _Outage("publishing")
        self.listening = _Outage("the listener")
        self.listener_connected = False
        self._retry_publishing_at = 0.0
        self._publishing_delay = FIRST_RETRY_SECONDS
        # Retries are ours, with backoff; the publisher's one at once makes a connection
        # again that Redis cut as it restarted.
        self._publisher = redis.Redis.from_url(
            url,
            retry=Retry(NoBackoff(), 1),
            socket_connect_timeout=PUBLISH_TIMEOUT_SECONDS,
            socket_timeout=PUBLISH_TIMEOUT_SECONDS,
        )

    # --- publishing (any thread, after a commit) ----------------------------------------

    def publish(self, events: Iterable[Event]) -> None:
        """Send ``events`` to the other processes, or skip them while Redis is away (they
        are stored: the others repair them from storage)."""
        if time.monotonic() < self._retry_publishing_at:
            return
        try:
            with self._publisher.pipeline(transaction=False) as pipeline:
                for event in events:
                    pipeline.publish(REDIS_CHANNEL, self._encode(event))
                pipeline.execute()
        except redis.TimeoutError as error:
            # A Redis that does not answer would hold up every change's request: leave it be
            # for a growing while. (One that refuses costs nothing to try again.)
            self.publishing.down(error)
            self._retry_publishing_at = time.monotonic() + self._publishing_delay
            self._publishing_delay = min(self._publishing_delay * 2, LAST_RETRY_SECONDS)
        except redis.RedisError as error:
            self.publishing.down(error)
        else:
            self.publishing.up()
            self._publishing_delay = FIRST_RETRY_SECONDS

    def _encode(self, event: Event) -> str:
        message = {
            "origin": self.origin,
            "channel": event.channel,
            "type": event.type,
            "data": event.data,
            "id": event.id,
        }
        return json.dumps(message)

    # --- listening (the server's event loop) --------------------------------------------

    async def listen(
        self, deliver: Callable[[Event], Awaitable[None]], reconnected: Callable[[], Awaitable]
    ) -> None:
        """Hand every other process's event to ``deliver``, for ever: reconnect with backoff
        whenever Redis goes away, and call ``reconnected`` once subscribed again (what was
        published meanwhile is lost to pub/sub: it is for storage to repair)."""
        delay = FIRST_RETRY_SECONDS
        while True:
            client = redis.asyncio.Redis.from_url(
                self.url,
                retry=AsyncRetry(NoBackoff(), 0),
                socket_connect_timeout=LISTEN_TIMEOUT_SECONDS,
                socket_timeout=LISTEN_TIMEOUT_SECONDS,
            )
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(REDIS_CHANNEL)
                    await self._hear(pubsub, deliver, reconnected)
            except (redis.RedisError, OSError) as error:
                self.listening.down(error)
            except Exception:
                logger.exception("Live events: the listener failed; it starts again")
            finally:
                # A listener that had got through waits the least before it tries again.
                delay = FIRST_RETRY_SECONDS if self.listener_connected else delay
                self.listener_connected = False
                await client.aclose()
            await asyncio.sleep(delay * random.uniform(0.5, 1.5))  # noqa: S311 (jitter)
            delay = min(delay * 2, LAST_RETRY_SECONDS)

    async def _hear(self, pubsub, deliver, reconnected) -> None:
        while True:
            message = await pubsub.get_message(timeout=QUIET_CHECK_SECONDS)
            if message is None:
                await pubsub.ping()  # a Redis gone quiet answers, or this raises
            elif message["type"] == "subscribe":
                self.listener_connected = True
                if self.listening.up():
                    await reconnected()
            elif message["type"] == "message":
                event = self._decode(message["data"])
                if event is not None:
                    await deliver(event)

    def _decode(self, data: bytes) -> Event | None:
        message = json.loads(data)
        if message["origin"] == self.origin:
            return None
        return Event(message["channel"], message["type"], message["data"], id=message["id"])

    def state(self) -> dict:
        down = [
            outage.down_since
            for outage in (self.publishing, self.listening)
            if outage.down_since is not None
        ]
        return {
            "relay": "redis",
            "redis": "down" if down else "up",
            "down_since": _iso(min(down)) if down else None,
            "listening": self.listener_connected,
        }


def _iso(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


@cache
def relay() -> RedisRelay | None:
    """This process's relay, or None without ``EVENTS_REDIS_URL``."""
    if not settings.EVENTS_REDIS_URL:
        return None
    return import_string(settings.LIVE_EVENTS_RELAY)(settings.EVENTS_REDIS_URL)
