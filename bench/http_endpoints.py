"""HTTP endpoints benchmark: the hot paths against the ceiling of a bare view, in one run.

    .venv/bin/python bench/http_endpoints.py [--seconds 10] [--connections 16]
        [--server uvicorn|gunicorn] [--workers 1]

Starts one server process, uvicorn (ASGI) or gunicorn (WSGI, 4 threads), with the project's
settings plus a bare /bench/ceiling/ view (see bench/urls.py) on a fresh database: SQLite
in a temporary folder, or BENCH_DATABASE_URL's PostgreSQL database. The store has 6
categories of 10 items and 30 tables, each with an open visit. Then, with wrk (Debian's
package) on the other core when taskset is there:

- the ceiling, GET /bench/ceiling/ (constant JSON, same server and middleware);
- GET /api/v1/menu/ as a table, with and without a matching If-None-Match;
- GET /api/v1/admin/tables/ as the manager (30 tables with open visits);
- GET /api/v1/admin/floor/ as the manager (the same floor, every order: what the dashboard
  and every manager page read when their event stream opens);
- POST /api/v1/orders/ from the 30 tables in turn, at saturation (bench/post_orders.lua);
- POST /api/v1/orders/ at a fixed 100 orders/s from an open-loop asyncio client (latency
  counted from when each order was due, so a slow answer cannot hide the ones behind it).

Rate limits are off for the run. Prints JSON; bench/run_all.py (`make bench`) makes the table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.process_stats import cpu_seconds
from bench.world import PROJECT, build_store, described, setup_django

CATEGORIES, ITEMS_PER_CATEGORY, TABLES = 6, 10, 30


def prepare_database(database_url: str, folder: Path) -> dict:
    setup_django(database_url, "bench.settings")
    from orders.order_lines import OrderLine
    from orders.services import order_place
    from stores.models import Table

    world = build_store(tables=TABLES, categories=CATEGORIES, items_per_category=ITEMS_PER_CATEGORY)
    first, eighth = world.menu_ids[0], world.menu_ids[7]
    for table in Table.objects.filter(id__in=world.table_ids):
        order_place(table=table, lines=[OrderLine(first, 2), OrderLine(eighth, 1)])
    tokens_file = folder / "table-tokens.txt"
    tokens_file.write_text("\n".join(world.table_tokens) + "\n")
    return {
        "manager": world.manager_token,
        "table": world.table_tokens[0],
        "tokens_file": str(tokens_file),
        "order_body": json.dumps({"items": [{"menu_id": world.menu_ids[3], "quantity": 1}]}),
    }


# README.md's layout: gunicorn's processes of two threads each.
GUNICORN_THREADS = 2


def pinned(core: int) -> list[str]:
    return ["taskset", "-c", str(core)] if shutil.which("taskset") and os.cpu_count() > 1 else []


def start_server(
    port: int, workers: int, server: str, threads: int = GUNICORN_THREADS
) -> subprocess.Popen:
    """uvicorn (ASGI, the event streams' server), or gunicorn (WSGI, ``threads`` a process):
    the layout that serves everything but the streams (docs/performance.md)."""
    if server == "gunicorn":
        command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
        command += ["--worker-class", "gthread", "--threads", str(threads)]
        command += ["--log-level", "warning", "config.wsgi:application"]
    else:
        command = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--port", str(port)]
        command += ["--no-access-log", "--log-level", "warning"]
    # One process: pinned to the first core, the load generator to the second. Several:
    # they share both cores with the load generator.
    pin = pinned(0) if workers == 1 else []
    return subprocess.Popen(  # noqa: S603
        [*pin, *command, "--workers", str(workers)],
        cwd=PROJECT,
        env={**os.environ, "SECURE_SSL_REDIRECT": "false"},
    )


def wait_healthy(port: int) -> None:
    import urllib.request

    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def wrk(port: int, path: str, args, headers=(), script=None, script_args=()) -> dict:
    """Requests a second and latency from wrk, and what each request cost the server's CPU
    (its share of a core: 1.0 means the server was the limit, less that it waited)."""
    command = [
        *(pinned(1) if args.workers == 1 else []),
        "wrk",
        "-t1",
        f"-c{args.connections}",
        f"-d{int(args.seconds)}s",
    ]
    command += ["--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(PROJECT / "bench" / script)]
    command.append(f"http://127.0.0.1:{port}{path}")
    if script_args:
        command += ["--", *script_args]
    cpu_before = cpu_seconds(args.server_pid)
    out = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    cpu = cpu_seconds(args.server_pid) - cpu_before
    text = out.stdout
    if "unexpected status" in out.stderr or "Non-2xx" in text:
        raise RuntimeError(f"{path}: errors during the run\n{text}\n{out.stderr[:500]}")

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    requests, duration, unit = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)\b", text).groups()
    seconds = float(duration) * {"ms": 0.001, "s": 1, "m": 60}[unit]
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1]),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "server_cpu_us_per_request": round(cpu / int(requests) * 1e6),
        "server_cpu_busy": round(cpu / seconds, 2),
    }


class Connection:
    """One keep-alive HTTP/1.1 connection (our server always sends Content-Length)."""

    def __init__(self, reader, writer) -> None:
        self.reader, self.writer = reader, writer

    async def request(self, raw: bytes) -> int:
        self.writer.write(raw)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = int(re.search(rb"(?i)content-length:\s*(\d+)", head)[1])
        await self.reader.readexactly(length)
        return status


def table_orders(world: dict) -> list[tuple[str, bytes]]:
    """Each table's token and the order it places, from the tokens file (bench/post_orders.lua
    reads it too): a line a table, "TOKEN" (the world's ``order_body``) or "TOKEN MENU_ID"."""
    orders = []
    for line in Path(world["tokens_file"]).read_text().splitlines():
        token, *dish = line.split()
        items = [{"menu_id": int(dish[0]), "quantity": 1}] if dish else None
        body = json.dumps({"items": items}) if items else world["order_body"]
        orders.append((token, body.encode()))
    return orders


async def fixed_rate(port: int, world: dict, rate: float, seconds: float) -> dict:
    orders = table_orders(world)
    idle: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(32):
        idle.put_nowait(Connection(*await asyncio.open_connection("127.0.0.1", port)))
    latencies, failures = [], 0

    async def one(index: int, due: float) -> None:
        nonlocal failures
        connection = await idle.get()
        token, body = orders[index % len(orders)]
        raw = (
            f"POST /api/v1/orders/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        status = await connection.request(raw)
        latencies.append((time.perf_counter() - due) * 1000)
        failures += status != 201
        idle.put_nowait(connection)

    start = time.perf_counter() + 0.2
    tasks = []
    for index in range(int(rate * seconds)):
        due = start + index / rate
        await asyncio.sleep(max(0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(index, due)))
    await asyncio.gather(*tasks)
    ordered = sorted(latencies)
    return {
        "rate": rate,
        "orders": len(latencies),
        "failures": failures,
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))], 2),
    }


def menu_etag(port: int, token: str) -> str:
    import urllib.request

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/menu/", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request) as answer:  # noqa: S310
        body = json.load(answer)
        items = sum(len(c["menu_items"]) for c in body["categories"])
        if items != CATEGORIES * ITEMS_PER_CATEGORY:
            raise RuntimeError(f"the menu has {items} items")
        return answer.headers["ETag"]


def measure(args, world: dict, port: int) -> dict:
    wait_healthy(port)
    table, manager = (
        f"Authorization: Bearer {world['table']}",
        f"Authorization: Bearer {world['manager']}",
    )
    etag = menu_etag(port, world["table"])
    results = {"ceiling": wrk(port, "/bench/ceiling/", args)}
    results["menu"] = wrk(port, "/api/v1/menu/", args, headers=[table])
    results["menu_etag"] = wrk(
        port, "/api/v1/menu/", args, headers=[table, f"If-None-Match: {etag}"]
    )
    results["tables"] = wrk(port, "/api/v1/admin/tables/", args, headers=[manager])
    results["floor"] = wrk(port, "/api/v1/admin/floor/", args, headers=[manager])
    results["orders"] = wrk(
        port,
        "/api/v1/orders/",
        args,
        script="post_orders.lua",
        script_args=[world["tokens_file"], world["order_body"]],
    )
    results["orders_at_100_per_s"] = asyncio.run(fixed_rate(port, world, 100, args.seconds))
    ceiling = results["ceiling"]["requests_per_second"]
    for name in ("menu", "menu_etag", "tables", "floor", "orders"):
        results[name]["ratio_to_ceiling"] = round(results[name]["requests_per_second"] / ceiling, 3)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 1)))
    parser.add_argument("--server", choices=["uvicorn", "gunicorn"], default="uvicorn")
    parser.add_argument("--threads", type=int, default=GUNICORN_THREADS, help="gunicorn's")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
        world = prepare_database(database_url, Path(folder))
        from django.db import connection

        connection.close()
        port = 9000 + os.getpid() % 1000
        server = start_server(port, args.workers, args.server, args.threads)
        args.server_pid = server.pid
        try:
            result = measure(args, world, port)
        finally:
            server.terminate()
            server.wait(timeout=10)
    described(result, database_url)
    result["seconds"] = args.seconds
    result["workers"] = args.workers
    result["server"] = args.server
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
