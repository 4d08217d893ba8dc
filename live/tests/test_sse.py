"""A stream sends each event once: what django-eventstream writes, filtered by ``SentEvents``."""

from __future__ import annotations

from django_eventstream.utils import sse_encode_event

from live.sse import SentEvents


def event(event_id: str, event_type: str = "new_order", data: str = '{"id": 1}') -> bytes:
    return sse_encode_event(event_type, data, event_id=event_id).encode()


OPENING = b":" + b" " * 2048 + b"\n\nevent: stream-open\ndata:\n\n"
KEEP_ALIVE = b"event: keep-alive\ndata:\n\n"


def test_an_event_read_from_storage_and_then_heard_live_is_sent_once():
    sent = SentEvents()

    assert sent.new_only(OPENING + event("store-3:7") + event("store-3:8")) == (
        OPENING + event("store-3:7") + event("store-3:8")
    )
    assert sent.new_only(event("store-3:7")) == b""
    assert sent.new_only(event("store-3:8") + event("store-3:9")) == event("store-3:9")


def test_chunks_without_events_pass_as_they_are():
    sent = SentEvents()

    assert sent.new_only(KEEP_ALIVE) == KEEP_ALIVE
    error = b"event: stream-error\ndata: {}\n\n"
    assert sent.new_only(error) == error


def test_with_two_channels_an_id_never_goes_back_on_either():
    sent = SentEvents()
    sent.new_only(event("table-5:8,menu-3:2"))

    # The library's own position of table-5 went back to 7 (a copy it sent, left out); the
    # next menu event must not carry that 7, or a reconnection would replay table event 8.
    assert sent.new_only(event("table-5:7,menu-3:2")) == b""
    assert sent.new_only(event("table-5:7,menu-3:3", "menu_changed")) == event(
        "table-5:8,menu-3:3", "menu_changed"
    )


def test_a_data_line_that_looks_like_an_id_is_data():
    sent = SentEvents()
    chunk = event("store-3:4", data='{"note": "id: store-3:99"}')

    assert sent.new_only(chunk) == chunk
    assert sent.new_only(event("store-3:5")) == event("store-3:5")
