"""One event stream's side of live events: where it stands on each of its channels, and the
Server-Sent Events it has still to write.

An event reaches a process's streams once (``live.delivery``), and is encoded once for all the
streams that stand at the same place: every dashboard of a store writes the same bytes for a
``new_order``. Each event is written with the position of every channel of the stream in its
id (``store-3:12`` or ``table-5:8,menu-3:2``), so a client that reconnects with it in
``Last-Event-ID`` resumes from there.

A stream that opens reads what it missed from storage, and meanwhile the same events may come
live too (a publish just after that read, or a repair): the ones that come while it reads are
held, and after it an event that moves no channel forward is left out, so every event is
written once and an id never goes back on any channel.

A client that stops reading (its connection stalls while the server's writes wait on it) has
events piling up here: past ``MOST_PENDING`` the stream ends, and the client, reconnecting with
its last id, replays the rest from storage.
"""

from __future__ import annotations

import asyncio

from django_eventstream.event import Event
from django_eventstream.utils import make_id, sse_encode_event

# How often a stream says ``keep-alive``, whatever else it sends; each one checks its caller
# again (``live.stream``). Clients take a stream silent for twice as long as lost.
KEEP_ALIVE_SECONDS = 20
KEEP_ALIVE = b"event: keep-alive\ndata:\n\n"
# The opening: a padding comment that gets old proxies and browsers to start reading, then
# ``stream-open``, which the pages wait for before they read the floor.
OPENING = b":" + b" " * 2048 + b"\n\nevent: stream-open\ndata:\n\n"
MOST_PENDING = 100


class Subscriber:
    """One stream's place on its channels, and its events still to write. Everything but
    ``loop`` is touched on that event loop only (``live.delivery`` offers events through it)."""

    __slots__ = (
        "_held",
        "_pending",
        "_timer",
        "_waiter",
        "ended",
        "keep_alive_due",
        "loop",
        "positions",
    )

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.positions: dict[str, int] | None = None  # None while the stream reads storage
        self.keep_alive_due = False
        self.ended = False  # too far behind: the stream is to end
        self._held: list[Event] = []
        self._pending: list[bytes] = []
        self._waiter: asyncio.Future | None = None
        self._timer = loop.call_later(KEEP_ALIVE_SECONDS, self._keep_alive)

    def offer(self, event: Event, encoded: dict[str, bytes]) -> None:
        """``event`` for this stream, unless it has it already; ``encoded`` holds the bytes
        already made of this event, by id, for the other streams it is offered to."""
        if self.positions is None:
            self._held.append(event)
            self._check_backlog(len(self._held))
            return
        if self._add(event, encoded):
            self._wake()

    def caught_up(self, positions: dict[str, int]) -> None:
        """The stream has written what storage had, up to ``positions``; what was offered
        meanwhile goes next, each event once."""
        self.positions = positions
        held, self._held = self._held, []
        encoded: dict[str, bytes] = {}
        for event in held:
            self._add(event, encoded)

    async def next_chunk(self) -> bytes:
        """What the stream writes next, once there is something: the events offered since
        the last chunk, a keep-alive; nothing if the stream is to end."""
        while not self._pending and not self.ended:
            self._waiter = self.loop.create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        if self.ended:
            return b""
        chunk = b"".join(self._pending)
        self._pending.clear()
        return chunk

    def close(self) -> None:
        self._timer.cancel()

    def _add(self, event: Event, encoded: dict[str, bytes]) -> bool:
        if event.id <= self.positions.get(event.channel, -1):
            return False
        self.positions[event.channel] = event.id
        event_id = make_id(self.positions)
        chunk = encoded.get(event_id)
        if chunk is None:
            chunk = encoded[event_id] = sse_encode_event(
                event.type, event.data, event_id=event_id
            ).encode()
        self._pending.append(chunk)
        self._check_backlog(len(self._pending))
        return True

    def _keep_alive(self) -> None:
        self._pending.append(KEEP_ALIVE)
        self.keep_alive_due = True
        self._timer = self.loop.call_later(KEEP_ALIVE_SECONDS, self._keep_alive)
        self._check_backlog(len(self._pending))
        self._wake()

    def _check_backlog(self, events: int) -> None:
        if events > MOST_PENDING:
            self.ended = True
            self._wake()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)


def offer_to_all(event: Event, subscribers) -> None:
    """``event`` to each of ``subscribers`` (on their loop), encoded once for each place."""
    encoded: dict[str, bytes] = {}
    for subscriber in subscribers:
        subscriber.offer(event, encoded)
