"""A small asyncio HTTP/1.1 client for load scripts: one connection per request, bodies by
Content-Length, chunks or close, and Server-Sent Events read off a chunked stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

from testsupport.sse import parse_event


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class SseEvent:
    type: str
    id: str | None
    data: str
    first_chunk: bool  # sent with the stream's opening: a replay of stored events


async def request(
    port: int,
    method: str,
    path: str,
    *,
    token: str | None = None,
    body: dict | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> Response:
    """One request on a new connection; ``OSError`` or ``TimeoutError`` if it fails."""
    return await asyncio.wait_for(
        _request(port, method, path, token, body, headers or {}), timeout=timeout
    )


async def _request(port, method, path, token, body, headers) -> Response:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        payload = json.dumps(body).encode() if body is not None else b""
        writer.write(_head(method, path, token, headers, payload) + payload)
        await writer.drain()
        status, response_headers = await _read_head(reader)
        if response_headers.get("transfer-encoding") == "chunked":
            content = b"".join([chunk async for chunk in _chunks(reader)])
        elif "content-length" in response_headers:
            content = await reader.readexactly(int(response_headers["content-length"]))
        else:
            content = await reader.read()
        return Response(status, response_headers, content)
    finally:
        writer.close()


async def events(
    port: int, token: str, *, last_event_id: str | None = None, connect_timeout: float = 10
) -> AsyncIterator[SseEvent | Response]:
    """The events of ``GET /api/v1/events/``, until the server closes the stream. A refusal
    (not 200) is yielded as its ``Response`` and ends the iteration."""
    headers = {"Accept": "text/event-stream"}
    if last_event_id:
        headers["Last-Event-ID"] = last_event_id
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection("127.0.0.1", port), connect_timeout
    )
    try:
        writer.write(_head("GET", "/api/v1/events/", token, headers, b""))
        await writer.drain()
        status, response_headers = await asyncio.wait_for(_read_head(reader), connect_timeout)
        if status != 200:
            yield Response(status, response_headers, await reader.read())
            return
        pending, first = "", True
        async for chunk in _chunks(reader):
            pending += chunk.decode()
            *blocks, pending = pending.split("\n\n")
            for block in blocks:
                if parsed := parse_event(block.split("\n")):
                    yield SseEvent(*parsed, first_chunk=first)
            first = False
    finally:
        writer.close()


def _head(method, path, token, headers, payload) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if payload:
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return int(status_line.split(" ", 2)[1]), headers


async def _chunks(reader: asyncio.StreamReader) -> AsyncIterator[bytes]:
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            return
        chunk = await reader.readexactly(size)
        await reader.readexactly(2)
        yield chunk
