from __future__ import annotations

import pytest

from testsupport.live_server import SseClient


@pytest.fixture
def clients():
    opened: list[SseClient] = []

    def open_stream(server, token=None, path="/api/v1/events/", **headers) -> SseClient:
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        client = SseClient(server, headers, path)
        opened.append(client)
        return client

    yield open_stream
    for client in opened:
        client.close()
