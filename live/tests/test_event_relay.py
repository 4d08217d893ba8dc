"""Live events between server processes through a real ``redis-server``, over real sockets:
they cross, they survive a Redis restart, and a publish that never reached Redis is repaired
from storage; each event once, in order, on a stream that never reconnects."""

from __future__ import annotations

import time

import pytest

from live.tests.test_event_stream import manager_request, place
from stores.tokens import manager_token, table_token
from testsupport.live_server import AsgiServer, WsgiServer, eventually
from testsupport.local_services import RedisServer

pytestmark = pytest.mark.django_db(transaction=True)

# Longer than any test here: the periodic repair must not be what delivers the event.
NO_REPAIR = {"LIVE_EVENTS_REPAIR_SECONDS": "600"}
DROPPING = {"DJANGO_SETTINGS_MODULE": "testsupport.fault_settings"}


@pytest.fixture
def redis():
    redis = RedisServer()
    yield redis
    redis.stop()


@pytest.fixture
def servers():
    started: list[AsgiServer] = []

    def start(server_class=AsgiServer, **env: str) -> AsgiServer:
        started.append(server_class(**env))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def live_events(server: AsgiServer) -> dict:
    status, health = server.request("GET", "/healthz")
    assert status == 200, health
    return health["live_events"]


@pytest.mark.parametrize(
    "requests_server",
    [
        pytest.param(AsgiServer, id="another uvicorn process"),
        # The production layout: gunicorn for requests, uvicorn for the streams.
        pytest.param(WsgiServer, id="gunicorn"),
    ],
)
def test_an_event_reaches_the_streams_of_another_process(
    world, menu, clients, redis, servers, requests_server
):
    streams = servers(EVENTS_REDIS_URL=redis.url, **NO_REPAIR)
    requests = servers(requests_server, EVENTS_REDIS_URL=redis.url)
    dashboard = clients(streams, manager_token(world.manager))
    tablet = clients(streams, table_token(world.table))
    eventually(lambda: live_events(streams)["listening"])

    order = place(requests, world.table, menu.cola)
    path = f"/api/v1/admin/orders/{order['id']}/"
    manager_request(requests, world, "PATCH", path, {"status": "completed"})

    received = dashboard.next()
    assert (received.type, received.json()) == ("new_order", {**order, "seen_at": None})
    assert dashboard.next().json()["status"] == "completed"
    assert tablet.next().json()["status"] == "completed"
    assert live_events(streams)["events_repaired"] == 0
    dashboard.close()  # an open stream would hold up the server's graceful stop
    tablet.close()


def test_after_a_redis_restart_events_cross_again_on_the_same_stream(
    world, menu, clients, redis, servers
):
    streams = servers(EVENTS_REDIS_URL=redis.url, **NO_REPAIR)
    requests = servers(EVENTS_REDIS_URL=redis.url, **NO_REPAIR)
    dashboard = clients(streams, manager_token(world.manager))
    eventually(lambda: live_events(streams)["listening"])

    redis.stop()
    eventually(lambda: live_events(streams)["redis"] == "down")
    assert (live_events(streams)["listening"], dashboard.ended(0)) == (False, False)
    during = place(requests, world.table, menu.cola)  # its publish finds no Redis
    assert live_events(requests)["redis"] == "down"
    redis.start()
    eventually(lambda: live_events(streams)["listening"])

    # What was published while Redis was away is repaired as the listener is back...
    received = dashboard.next()
    assert (received.type, received.json()["id"]) == ("new_order", during["id"])
    # ...and what is published now crosses through Redis again.
    after = place(requests, world.table, menu.cola)
    received = dashboard.next(timeout=3)
    assert (received.type, received.json()["id"]) == ("new_order", after["id"])
    assert dashboard.next(timeout=1) is None  # each once
    assert not dashboard.ended(0)
    assert live_events(streams) | {"down_since": None} == {
        "relay": "redis",
        "redis": "up",
        "down_since": None,
        "listening": True,
        "events_repaired": 1,
    }
    eventually(lambda: live_events(requests)["redis"] == "up")
    dashboard.close()


def test_a_lost_publish_is_repaired_within_the_repair_interval(
    world, menu, clients, redis, servers
):
    streams = servers(EVENTS_REDIS_URL=redis.url, LIVE_EVENTS_REPAIR_SECONDS="1")
    requests = servers(EVENTS_REDIS_URL=redis.url, LIVE_EVENTS_DROP_EVERY="1", **DROPPING)
    dashboard = clients(streams, manager_token(world.manager))
    tablet = clients(streams, table_token(world.table))
    eventually(lambda: live_events(streams)["listening"])

    order = place(requests, world.table, menu.cola)
    placed_at = time.monotonic()
    path = f"/api/v1/admin/orders/{order['id']}/"
    manager_request(requests, world, "PATCH", path, {"status": "completed"})

    received = dashboard.next(timeout=3)
    assert (received.type, received.json()) == ("new_order", {**order, "seen_at": None})
    assert time.monotonic() - placed_at < 2.5  # within two repair intervals
    assert dashboard.next(timeout=3).json()["status"] == "completed"
    assert tablet.next(timeout=3).json()["status"] == "completed"
    assert dashboard.next(timeout=1.5) is None  # each once
    # Each change's publishes, all five dropped: the order's to the floor and the kitchen, the
    # status change's to the floor, to the table (told apart: it hears no seen_at) and the
    # kitchen...
    assert live_events(requests)["publishes_dropped"] == 5
    # ...and repaired for the channels read here: two to the store, one to the table.
    assert live_events(streams)["events_repaired"] == 3
    dashboard.close()
    tablet.close()


def test_a_lost_publish_is_handed_over_before_the_next_event_that_shows_the_gap(
    world, menu, clients, redis, servers
):
    streams = servers(EVENTS_REDIS_URL=redis.url, **NO_REPAIR)
    # An order publishes twice, to the floor and to the kitchen: every third publish is the
    # second order's to the floor (and the third's to the kitchen, which no stream here reads).
    requests = servers(EVENTS_REDIS_URL=redis.url, LIVE_EVENTS_DROP_EVERY="3", **DROPPING)
    dashboard = clients(streams, manager_token(world.manager))
    eventually(lambda: live_events(streams)["listening"])

    orders = [place(requests, world.table, menu.cola) for _ in range(3)]  # the 2nd is dropped

    received = [dashboard.next(timeout=3) for _ in orders]
    assert [(event.type, event.json()["id"]) for event in received if event] == [
        ("new_order", order["id"]) for order in orders
    ]
    ids = [int(event.id.rpartition(":")[2]) for event in received]
    assert ids == list(range(ids[0], ids[0] + 3))
    assert dashboard.next(timeout=1) is None
    assert live_events(streams)["events_repaired"] == 1
    dashboard.close()
