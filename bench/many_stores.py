"""Orders across many stores: 100 stores of 10 tables each ordering at once, the load a hosted
service sees, on PostgreSQL, in README.md's production layout.

    BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/many_stores.py
        [--stores 100] [--tables 10] [--seconds 10] [--rate 100] [--connections 16]
        [--processes 2] [--threads 2]

Makes the stores on BENCH_DATABASE_URL's database (dropped and made again), each with its
manager, its tables and a one-dish menu; starts Redis on a free port, gunicorn for the
requests (2 processes of 2 threads, as README.md runs it) and uvicorn for the event streams,
both with EVENTS_REDIS_URL; and opens one manager's event stream per store on uvicorn, so that
every order crosses Redis to a dashboard. Then, with the servers and the load sharing the
machine's cores:

- orders at saturation from every table of every store in turn (wrk, bench/post_orders.lua);
- orders at a fixed rate (100 a second) from an open-loop client, latency counted from when
  each order was due, so a slow answer cannot hide the ones behind it;

and checks that every order reached its store's dashboard. Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.http_endpoints import GUNICORN_THREADS, fixed_rate, wait_healthy, wrk
from bench.live_events import Dashboard
from bench.process_stats import cpu_seconds
from bench.run_all import recreate
from bench.world import PROJECT, build_store, described, setup_django
from testsupport.live_server import free_port
from testsupport.local_services import RedisServer

# Fast hashes while the tables are made (a thousand of Django's default hashes would take
# minutes); nothing here signs in with a password.
FAST_HASHES = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def prepare_database(database_url: str, stores: int, tables: int, folder: Path) -> dict:
    setup_django(database_url)
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_HASHES):
        worlds = [build_store(tables=tables) for _ in range(stores)]
    tokens_file = folder / "table-orders.txt"
    tokens_file.write_text(
        "".join(
            f"{token} {world.menu_ids[0]}\n" for world in worlds for token in world.table_tokens
        )
    )
    return {
        "tokens_file": str(tokens_file),
        "order_body": "",  # every line names its store's dish
        "managers": [world.manager_token for world in worlds],
    }


def start(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        command, cwd=PROJECT, env={**os.environ, "SECURE_SSL_REDIRECT": "false"}
    )


async def measure(args, world: dict, requests_port: int, streams_port: int) -> dict:
    dashboards = [Dashboard() for _ in world["managers"]]
    tasks = [
        asyncio.create_task(dashboard.run(streams_port, token))
        for dashboard, token in zip(dashboards, world["managers"], strict=True)
    ]
    await asyncio.wait_for(asyncio.gather(*(d.opened.wait() for d in dashboards)), 60)
    results = {
        "orders": await asyncio.to_thread(
            wrk,
            requests_port,
            "/api/v1/orders/",
            args,
            script="post_orders.lua",
            script_args=[world["tokens_file"], "{}"],
        )
    }
    await asyncio.sleep(2)
    results["orders_at_fixed_rate"] = await fixed_rate(
        requests_port, world, args.rate, args.seconds
    )
    await asyncio.sleep(2)  # the last events cross Redis to the dashboards
    for task in tasks:
        task.cancel()
    results["dashboards"] = len(dashboards)
    results["orders_placed"] = await asyncio.to_thread(orders_placed)
    results["orders_heard_by_the_dashboards"] = sum(len(d.arrivals) for d in dashboards)
    return results


def orders_placed() -> int:
    from django.db import connection

    from orders.models import Order

    try:
        return Order.objects.count()
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=int, default=100)
    parser.add_argument("--tables", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--processes", type=int, default=2, help="gunicorn's")
    parser.add_argument("--threads", type=int, default=GUNICORN_THREADS, help="gunicorn's")
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("BENCH_DATABASE_URL must name a PostgreSQL database (dropped and made again)")
    recreate(database_url)
    redis = RedisServer()
    os.environ["EVENTS_REDIS_URL"] = redis.url
    with tempfile.TemporaryDirectory() as folder:
        world = prepare_database(database_url, args.stores, args.tables, Path(folder))
        from django.db import connection

        connection.close()
        requests_port, streams_port = free_port(), free_port()
        gunicorn = start(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
             f"127.0.0.1:{requests_port}", "--workers", str(args.processes),
             "--worker-class", "gthread", "--threads", str(args.threads),
             "--log-level", "warning"]
        )  # fmt: skip
        uvicorn = start(
            [sys.executable, "-m", "uvicorn", "config.asgi:application", "--port",
             str(streams_port), "--no-access-log", "--log-level", "warning"]
        )  # fmt: skip
        # for wrk: unpinned, and gunicorn's CPU read
        args.workers, args.server_pid = args.processes, gunicorn.pid
        try:
            wait_healthy(requests_port)
            wait_healthy(streams_port)
            streams_cpu = cpu_seconds(uvicorn.pid)
            started = time.perf_counter()
            result = asyncio.run(measure(args, world, requests_port, streams_port))
            result["streams_server_cpu_busy"] = round(
                (cpu_seconds(uvicorn.pid) - streams_cpu) / (time.perf_counter() - started), 2
            )
        finally:
            for server in (gunicorn, uvicorn):
                server.terminate()
                server.wait(timeout=10)
            redis.stop()
    result |= {"stores": args.stores, "tables_a_store": args.tables, "seconds": args.seconds}
    print(json.dumps(described(result, database_url), indent=2))


if __name__ == "__main__":
    main()
