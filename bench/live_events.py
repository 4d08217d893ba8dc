"""Live events benchmark: order-to-dashboard latency, and the cost of idle streams.

    .venv/bin/python bench/live_events.py [--orders 200] [--dashboards 50] [--idle 1000]

Starts one uvicorn process on a fresh database (SQLite in a temporary folder, or the
PostgreSQL database of BENCH_DATABASE_URL, which it migrates and fills), then:

1. opens ``--dashboards`` manager streams and places ``--orders`` orders one after another
   through the API, timing each ``new_order`` at every dashboard, from the moment the POST
   was sent and from the moment its 201 arrived (negative: the event came first);
2. opens ``--idle`` more streams and, once they are past a keep-alive, reads the server's
   resident memory and thread count.

Client and server share the machine; the figures are for comparing runs on one machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.process_stats import rss_and_threads
from bench.run_all import recreate
from bench.world import PROJECT, build_store, described, setup_django
from testsupport.live_server import allow_many_connections


def prepare_database(database_url: str) -> dict:
    """A store with 10 tables and a one-item menu; its tokens and the item's id."""
    setup_django(database_url)
    world = build_store(tables=10)
    return {
        "manager": world.manager_token,
        "tables": world.table_tokens,
        "menu_id": world.menu_ids[0],
    }


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env={**os.environ, "SECURE_SSL_REDIRECT": "false"},
    )
    return server


def credential_header(credential: str) -> str:
    """The header a request sends: ``credential`` is a bearer token, or ``Cookie: …`` for a
    signed-in page."""
    return credential if credential.startswith("Cookie:") else f"Authorization: Bearer {credential}"


async def http(port: int, method: str, path: str, credential: str, body: dict | None = None):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    payload = json.dumps(body).encode() if body is not None else b""
    writer.write(
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{credential_header(credential)}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        f"Connection: close\r\n\r\n".encode()
        + payload
    )
    await writer.drain()
    response = await reader.read()
    writer.close()
    head, _, content = response.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, content


async def wait_healthy(port: int) -> None:
    for _ in range(200):
        try:
            if (await http(port, "GET", "/healthz", ""))[0] == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError("server did not start")


SILENT = {None, "stream-open", "keep-alive"}  # the stream's own, about no change


class Dashboard:
    """One SSE connection, recording when each new_order arrived (by order id), and handing
    every event to ``on_event(type, data)`` if given."""

    def __init__(self, on_event=None) -> None:
        self.arrivals: dict[int, float] = {}
        self.opened = asyncio.Event()
        self.on_event = on_event

    async def run(self, port: int, credential: str, path: str = "/api/v1/events/") -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"{credential_header(credential)}\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        event_type = None
        try:
            while line := await reader.readline():
                line = line.decode().strip()
                if line.startswith("event: "):
                    event_type = line[7:]
                    if event_type == "stream-open":
                        self.opened.set()
                elif line.startswith("data: ") and event_type not in SILENT:
                    # Chunked framing aside, the data line is the whole JSON object.
                    data = json.loads(line[6:])
                    if event_type == "new_order":
                        self.arrivals[data["id"]] = time.perf_counter()
                    if self.on_event is not None:
                        self.on_event(event_type, data)
        finally:
            writer.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def measure(args, world: dict, port: int, server_pid: int) -> dict:
    await wait_healthy(port)
    dashboards = [Dashboard() for _ in range(args.dashboards)]
    tasks = [asyncio.create_task(d.run(port, world["manager"])) for d in dashboards]
    await asyncio.gather(*(d.opened.wait() for d in dashboards))

    sent_at, answered_at = {}, {}
    for index in range(args.orders):
        token = world["tables"][index % len(world["tables"])]
        started = time.perf_counter()
        status, content = await http(
            port,
            "POST",
            "/api/v1/orders/",
            token,
            {"items": [{"menu_id": world["menu_id"], "quantity": 1}]},
        )
        answered = time.perf_counter()
        if status != 201:
            raise RuntimeError(f"order failed: {status} {content[:200]!r}")
        order_id = json.loads(content)["id"]
        sent_at[order_id], answered_at[order_id] = started, answered
    await asyncio.sleep(1)

    from_post, from_201, missing = [], [], 0
    for dashboard in dashboards:
        for order_id in sent_at:
            arrived = dashboard.arrivals.get(order_id)
            if arrived is None:
                missing += 1
                continue
            from_post.append((arrived - sent_at[order_id]) * 1000)
            from_201.append((arrived - answered_at[order_id]) * 1000)
    rss_with_dashboards, threads_with_dashboards = rss_and_threads(server_pid)
    for task in tasks:
        task.cancel()

    rss_before, threads_before = rss_and_threads(server_pid)
    idle = [Dashboard() for _ in range(args.idle)]
    idle_tasks = [asyncio.create_task(d.run(port, world["manager"])) for d in idle]
    await asyncio.wait_for(asyncio.gather(*(d.opened.wait() for d in idle)), timeout=600)
    # Idle as a dashboard left open is: past its first keep-alive, which replaces the first
    # chunk (django-eventstream pads it to 2 KB) that the response's frames hold until then.
    from live.sse import KEEP_ALIVE_SECONDS

    await asyncio.sleep(KEEP_ALIVE_SECONDS + 5)
    rss_idle, threads_idle = rss_and_threads(server_pid)
    for task in idle_tasks:
        task.cancel()

    return {
        "orders": args.orders,
        "dashboards": args.dashboards,
        "deliveries": len(from_post),
        "missing_deliveries": missing,
        "latency_from_post_ms": {
            "p50": round(statistics.median(from_post), 2),
            "p99": round(percentile(from_post, 0.99), 2),
            "max": round(max(from_post), 2),
        },
        "latency_from_201_ms": {
            "p50": round(statistics.median(from_201), 2),
            "p99": round(percentile(from_201, 0.99), 2),
        },
        "server_with_dashboards": {
            "rss_mb": round(rss_with_dashboards, 1),
            "threads": threads_with_dashboards,
        },
        "idle_streams": args.idle,
        "server_rss_mb_before_idle": round(rss_before, 1),
        "server_rss_mb_with_idle": round(rss_idle, 1),
        "rss_kb_per_idle_stream": round((rss_idle - rss_before) * 1024 / args.idle, 1),
        "server_threads_before_idle": threads_before,
        "server_threads_with_idle": threads_idle,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--dashboards", type=int, default=50)
    parser.add_argument("--idle", type=int, default=1000)
    args = parser.parse_args()

    print(json.dumps(on_a_server(prepare_database, partial(measure, args)), indent=2))


def on_a_server(prepare, measure) -> dict:
    """A fresh database (SQLite in a temporary folder, or BENCH_DATABASE_URL's, dropped and
    made again) filled by ``prepare(database_url)``, one uvicorn process serving it, and what
    ``measure(world, port, server_pid)`` finds, with the database and the machine."""
    allow_many_connections()
    with tempfile.TemporaryDirectory() as folder:
        database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
        if database_url.startswith("postgres"):
            recreate(database_url)
        world = prepare(database_url)
        from django.db import connection

        connection.close()
        port = 8000 + os.getpid() % 1000
        server = start_server(port)
        try:
            result = asyncio.run(measure(world, port, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=10)
    return described(result, database_url)


if __name__ == "__main__":
    main()
