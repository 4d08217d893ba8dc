"""An event stream opened by Django, then written by the server's ASGI app itself.

A stream lasts for hours. Django answers its opening as it answers any request: middleware,
the caller's check, the refusals, the headers, the access line. Were Django to write the
stream for its whole life too, every idle stream would keep Django's request, its response,
the handler's tasks and their frames alive: most of a stream's memory, and a few layers of
Python for every event it sends (docs/performance.md, issue 21 items 1 and 5). So the view
hands the stream's chunks over (``hand_over``) and lets Django's response end after its head;
``serve`` then sends the chunks itself on the same connection, until they end or the client
goes, and Django's request is over.

The hand-over travels in a context variable that ``serve`` sets around Django's handling
(Django runs the view in a task made from that context). Without ``serve`` around it (another
server, a test client) nobody takes the chunks, and Django sends them itself, as before.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import aclosing
from contextvars import ContextVar

logger = logging.getLogger(__name__)
_handover: ContextVar[Handover | None] = ContextVar("stream_handover", default=None)


class Handover:
    """Between ``serve`` and the view: the stream's chunks, and whether Django's response
    started as a stream (200, ``text/event-stream``)."""

    __slots__ = ("chunks", "stream_started")

    def __init__(self) -> None:
        self.chunks: AsyncIterator[bytes] | None = None
        self.stream_started = False


def hand_over(chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """What Django's response is to send of a stream's ``chunks``: none of them when the
    server takes them over, all of them when nothing does."""
    handover = _handover.get()
    if handover is None:
        return chunks
    handover.chunks = chunks
    return _nothing()


async def _nothing() -> AsyncIterator[bytes]:
    return
    yield


async def serve(django_application, scope, receive, send) -> None:
    """Django's answer to an event stream's opening, then, when it opened one, the stream."""
    handover = Handover()
    token = _handover.set(handover)
    try:
        await django_application(scope, receive, _head_only(send, handover))
    finally:
        _handover.reset(token)
    if handover.chunks is not None and handover.stream_started:
        await _send_until_gone(handover.chunks, receive, send)


def _head_only(send, handover: Handover):
    """``send`` for Django: everything it sends, but the end of a stream handed over."""

    async def sending(message) -> None:
        if message["type"] == "http.response.start":
            handover.stream_started = message["status"] == 200 and _is_stream(message)
        elif (
            handover.chunks is not None
            and handover.stream_started
            and not message.get("more_body", False)
        ):
            return  # the stream goes on: its end is ours to send
        await send(message)

    return sending


def _is_stream(start_message) -> bool:
    return any(
        name.lower() == b"content-type" and value.startswith(b"text/event-stream")
        for name, value in start_message["headers"]
    )


async def _send_until_gone(chunks: AsyncIterator[bytes], receive, send) -> None:
    """Send ``chunks`` until they end (the stream's last word) or the client disconnects
    (they are closed: the stream's listener goes).

    The chunks are sent from this task and the disconnection is awaited in one other, which
    cancels this one when it comes: one task a stream more, not two and a wait on both.
    """
    stream = asyncio.current_task()
    sending = True
    client_gone = asyncio.create_task(_disconnection(receive))

    def stop_sending(_) -> None:
        if sending:  # not once this task has gone on past the stream
            stream.cancel()

    client_gone.add_done_callback(stop_sending)
    try:
        await _send_all(chunks, send)
    except asyncio.CancelledError:
        if not client_gone.done() or stream.uncancel() > 0:
            raise  # the server's own cancellation (its shutdown), not the client's going
    except Exception:
        logger.exception("An event stream failed")
    finally:
        sending = False
        client_gone.cancel()


async def _send_all(chunks: AsyncIterator[bytes], send) -> None:
    async with aclosing(chunks):
        async for chunk in chunks:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _disconnection(receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
