"""The floor's answers kept between changes: the table list and the floor, rendered once a
process for each position of the store's live channel.

Every change to what they show stores an event on the store's channel in its own transaction
(an order placed, changed, seen or deleted; a table completed, added, renumbered or removed; a
staff call made or answered: ``orders.live_events``, ``calls.live_events``, ``orders.signals``),
so the channel's position, one row, tells whether a kept answer still holds. A read between two
changes costs the caller's check, that row and the bytes; the first read after a change makes
the answer again. The position is read before the answer is made: a change that commits
between the two gives an answer newer than its position, which the next read makes again;
never one older.

Each process keeps the answers of the ``STORES_KEPT`` stores read last. A database put back
from a copy under running servers would bring back positions they have kept answers for:
restart them with it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from rest_framework.renderers import JSONRenderer

from live.channels import store_channel
from live.storage import channel_position
from stores.models import Store

STORES_KEPT = 256
_every: list[KeptAnswers] = []


class KeptAnswers:
    """One kind of answer (``make(store)``: its data), kept for each store at its position."""

    def __init__(self, make: Callable[[Store], object]) -> None:
        self._make = make
        self._kept: OrderedDict[int, tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        _every.append(self)

    def body(self, store: Store) -> bytes:
        """The answer for ``store`` as it stands, rendered as JSON."""
        position = channel_position(store_channel(store.id))
        with self._lock:
            kept = self._kept.get(store.id)
            if kept is not None and kept[0] == position:
                self._kept.move_to_end(store.id)
                return kept[1]
        body = JSONRenderer().render(self._make(store))
        with self._lock:
            self._kept[store.id] = (position, body)
            self._kept.move_to_end(store.id)
            while len(self._kept) > STORES_KEPT:
                self._kept.popitem(last=False)
        return body

    def forget(self) -> None:
        with self._lock:
            self._kept.clear()


def kept_answers_forget() -> None:
    """Keep no answer (tests, whose databases start afresh with the same ids)."""
    for answers in _every:
        answers.forget()
