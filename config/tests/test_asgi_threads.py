"""config/asgi.py: requests run on warm threads, not on a new thread each."""

from __future__ import annotations

import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from testsupport.live_server import AsgiServer

pytestmark = pytest.mark.django_db(transaction=True)


def thread_ids(server: AsgiServer) -> set[str]:
    return {task.name for task in Path(f"/proc/{server.process.pid}/task").iterdir()}


def get_health(server: AsgiServer) -> int:
    with urllib.request.urlopen(f"{server.base_url}/healthz") as answer:  # noqa: S310 (loopback)
        return answer.status


def test_requests_one_after_another_start_no_thread():
    server = AsgiServer()
    try:
        for _ in range(5):
            get_health(server)
        warm = thread_ids(server)

        statuses = [get_health(server) for _ in range(40)]

        assert statuses == [200] * 40
        # Django's own handler starts two threads per request (the request's, its joiner).
        assert thread_ids(server) == warm
    finally:
        server.stop()


def test_more_requests_at_once_than_warm_threads_are_all_answered():
    server = AsgiServer(ASGI_THREADS="1")
    try:
        with ThreadPoolExecutor(max_workers=8) as clients:
            statuses = list(clients.map(lambda _: get_health(server), range(40)))

        assert statuses == [200] * 40
    finally:
        server.stop()
