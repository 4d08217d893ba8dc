"""Faults made on purpose, for the tests and the soak run; never in the app's own settings.

``PublishDroppingRelay`` loses some of its process's publishes to Redis, as a process killed
between its commit and its publish would (its own streams still get them): the other
processes must repair them from storage (``live.delivery``). Servers get it from
``testsupport.fault_settings``.
"""

from __future__ import annotations

import itertools
import threading

from django.conf import settings

from live.relay import RedisRelay


class PublishDroppingRelay(RedisRelay):
    """Drops every ``LIVE_EVENTS_DROP_EVERY``-th publish (1: every one)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._publishes = itertools.count(1)
        self._lock = threading.Lock()
        self.dropped = 0

    def publish(self, events) -> None:
        with self._lock:
            number = next(self._publishes)
        if number % settings.LIVE_EVENTS_DROP_EVERY == 0:
            self.dropped += 1
            return
        super().publish(events)

    def state(self) -> dict:
        return {**super().state(), "publishes_dropped": self.dropped}
