"""A stream writes each event once, encoded once for every stream at the same place
(``live.sse.Subscriber``), on a real event loop."""

from __future__ import annotations

import asyncio

import pytest
from django_eventstream.event import Event
from django_eventstream.utils import sse_encode_event

from live import sse
from live.sse import KEEP_ALIVE, MOST_PENDING, Subscriber, offer_to_all


def written(event_id: str, event_type: str = "new_order", data: str = '{"id": 1}') -> bytes:
    return sse_encode_event(event_type, data, event_id=event_id).encode()


def event(channel: str, number: int, event_type: str = "new_order") -> Event:
    return Event(channel, event_type, '{"id": 1}', id=number)


def on_a_loop(test):
    """Run ``test(loop)``, a coroutine function, on an event loop of its own."""

    async def run():
        return await test(asyncio.get_running_loop())

    return asyncio.run(run())


def test_an_event_read_from_storage_and_then_heard_live_is_written_once():
    async def test(loop):
        subscriber = Subscriber(loop)
        for number in (7, 8, 9):  # heard while the stream read storage up to 8
            offer_to_all(event("store-3", number), [subscriber])
        subscriber.caught_up({"store-3": 8})
        offer_to_all(event("store-3", 9), [subscriber])  # a repair's copy
        offer_to_all(event("store-3", 10), [subscriber])
        chunk = await subscriber.next_chunk()
        subscriber.close()
        return chunk

    assert on_a_loop(test) == written("store-3:9") + written("store-3:10")


def test_with_two_channels_an_id_never_goes_back_on_either():
    async def test(loop):
        subscriber = Subscriber(loop)
        subscriber.caught_up({"table-5": 8, "menu-3": 2})
        offer_to_all(event("table-5", 7), [subscriber])
        offer_to_all(event("menu-3", 3, "menu_changed"), [subscriber])
        chunk = await subscriber.next_chunk()
        subscriber.close()
        return chunk

    assert on_a_loop(test) == written("table-5:8,menu-3:3", "menu_changed")


def test_streams_at_the_same_place_share_one_encoding():
    async def test(loop):
        same, other = Subscriber(loop), Subscriber(loop)
        same_too = Subscriber(loop)
        same.caught_up({"store-3": 4})
        same_too.caught_up({"store-3": 4})
        other.caught_up({"store-3": 4, "table-1": 2})
        offer_to_all(event("store-3", 5), [same, same_too, other])
        chunks = [await s.next_chunk() for s in (same, same_too, other)]
        for subscriber in (same, same_too, other):
            subscriber.close()
        return chunks

    same, same_too, other = on_a_loop(test)
    assert same is same_too
    assert same == written("store-3:5")
    assert other == written("store-3:5,table-1:2")


def test_a_stream_waits_until_there_is_something_to_write():
    async def test(loop):
        subscriber = Subscriber(loop)
        subscriber.caught_up({"store-3": 0})
        waiting = asyncio.create_task(subscriber.next_chunk())
        await asyncio.sleep(0.05)
        was_waiting = not waiting.done()
        loop.call_soon_threadsafe(offer_to_all, event("store-3", 1), [subscriber])
        chunk = await asyncio.wait_for(waiting, 1)
        subscriber.close()
        return was_waiting, chunk

    assert on_a_loop(test) == (True, written("store-3:1"))


def test_a_keep_alive_comes_and_asks_for_the_caller_to_be_checked(monkeypatch):
    monkeypatch.setattr(sse, "KEEP_ALIVE_SECONDS", 0.05)

    async def test(loop):
        subscriber = Subscriber(loop)
        subscriber.caught_up({"store-3": 0})
        chunk = await asyncio.wait_for(subscriber.next_chunk(), 1)
        due = subscriber.keep_alive_due
        subscriber.close()
        return chunk, due

    assert on_a_loop(test) == (KEEP_ALIVE, True)


@pytest.mark.parametrize("while_reading", [False, True])
def test_a_stream_too_far_behind_ends(while_reading):
    async def test(loop):
        subscriber = Subscriber(loop)
        if not while_reading:
            subscriber.caught_up({"store-3": 0})
        for number in range(1, MOST_PENDING + 2):
            offer_to_all(event("store-3", number), [subscriber])
        if while_reading:
            subscriber.caught_up({"store-3": 0})
        chunk = await asyncio.wait_for(subscriber.next_chunk(), 1)
        subscriber.close()
        return subscriber.ended, chunk

    assert on_a_loop(test) == (True, b"")
