"""config/asgi.py: each request's synchronous work runs on a warm thread, in one go."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.testing import ApplicationCommunicator
from django.core.signals import request_started

from config.asgi import WarmThreadsHandler
from testsupport.live_server import AsgiServer


async def get(application, path: str) -> int:
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")],
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b""})
    start = await communicator.receive_output(timeout=5)
    await communicator.receive_output(timeout=5)  # the body
    await communicator.wait(timeout=5)
    return start["status"]


@pytest.mark.django_db(transaction=True)
def test_requests_one_after_another_run_on_one_warm_thread():
    threads = []

    def record(**_) -> None:
        threads.append(threading.current_thread().name)

    request_started.connect(record)
    try:
        application = WarmThreadsHandler()

        async def forty():
            return [await get(application, "/healthz") for _ in range(40)]

        statuses = asyncio.run(forty())
    finally:
        request_started.disconnect(record)

    assert statuses == [200] * 40
    # Django's own handler starts a thread per request (and one more to join it).
    assert len(set(threads)) == 1
    assert threads[0].startswith("request-")


@pytest.mark.django_db(transaction=True)
def test_more_requests_at_once_than_warm_threads_are_all_answered():
    server = AsgiServer(ASGI_THREADS="1")
    try:
        with ThreadPoolExecutor(max_workers=8) as clients:
            answers = clients.map(lambda _: server.request("GET", "/healthz"), range(40))
            statuses = [status for status, _ in answers]

        assert statuses == [200] * 40
    finally:
        server.stop()
