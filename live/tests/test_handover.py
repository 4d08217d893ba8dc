"""``live.handover`` under uvicorn in this process, over real sockets: Django's request is over
once a stream has started, the stream goes on without it, and ends with its client.

In this process, not another: what Django still holds is seen here (its signal, the objects
alive), and the streams this process watches.
"""

from __future__ import annotations

import gc
import json
import threading
import time

import pytest
import uvicorn
from django.core.handlers.asgi import ASGIRequest
from django.core.signals import request_finished

from config.asgi import application
from live.delivery import local_streams
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.tokens import manager_token, table_token
from testsupport.live_server import eventually, free_port

pytestmark = pytest.mark.django_db(transaction=True)


class ServerInThisProcess:
    """``config.asgi:application`` under uvicorn, in a thread of the test process."""

    def __init__(self) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            application, host="127.0.0.1", port=self.port, lifespan="off", log_level="warning"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


@pytest.fixture
def server(world, menu):
    server = ServerInThisProcess()
    yield server
    server.stop()


@pytest.fixture
def finished_requests():
    finished = []

    def count(sender, **kwargs):
        finished.append(sender)

    request_finished.connect(count)
    yield finished
    request_finished.disconnect(count)


def django_requests_alive() -> int:
    gc.collect()
    return sum(type(thing) is ASGIRequest for thing in gc.get_objects())  # no lazy object woken


def test_djangos_request_ends_when_the_stream_starts(
    server, clients, finished_requests, world, menu
):
    alive_before = django_requests_alive()  # what earlier tests in this process left
    floor = clients(server, manager_token(world.manager))
    kitchen = clients(server, manager_token(world.manager), path="/api/v1/events/kitchen/")
    tablet = clients(server, table_token(world.table))

    # All three are open, and Django is done with each: its request finished, none kept.
    assert [stream.status for stream in (floor, kitchen, tablet)] == [200, 200, 200]
    assert len(finished_requests) == 3
    assert django_requests_alive() == alive_before

    # The streams go on: the order reaches the floor and the kitchen.
    placed = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order

    assert (floor.next().type, floor.next(timeout=0.5)) == ("new_order", None)
    assert kitchen.next().json()["id"] == placed.id
    assert tablet.next(timeout=0.5) is None  # nothing of new orders, as before
    assert len(finished_requests) == 3


def test_a_client_that_goes_takes_its_stream_with_it(server, clients, world):
    floor = clients(server, manager_token(world.manager))
    tablet = clients(server, table_token(world.table))
    assert local_streams.watched()

    floor.close()
    tablet.close()

    # Within moments, not at the next keep-alive: the server hears the disconnection.
    eventually(lambda: not local_streams.watched(), timeout=3)


def test_a_refused_stream_is_djangos_answer_as_it_was(server, clients):
    refused = clients(server, "not-a-token")

    assert refused.status == 401
    assert refused.headers["Content-Type"] == "application/json"
    assert json.loads(refused.body)["error_code"] == "TOKEN_INVALID"
