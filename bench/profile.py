"""Where a request's time goes: one kind of request, many times, through Django's whole stack
in this process (the test client: middleware, authentication, view, serializer, every query;
no HTTP server), profiled with pyinstrument.

    .venv/bin/python bench/profile.py order [--requests 300] [--html profile.html]
    make profile PROFILE=tables

Kinds: ``order`` (POST /api/v1/orders/, a table's order of one dish), ``tables`` (GET
/api/v1/admin/tables/, 30 busy tables), ``floor`` (GET /api/v1/admin/floor/, the same
tables with every order), each read between two changes, and ``tables-changed`` and
``floor-changed``, the first read after a change (the answer kept made again); ``menu``
and ``menu304`` (GET /api/v1/menu/, without and with a matching ETag), ``dashboard`` (the
manager's page, a shell drawn by its script), ``ceiling`` (the bare view). The store is the
HTTP benchmark's (bench/http_endpoints.py), on a fresh database: SQLite in a temporary folder,
or BENCH_DATABASE_URL's (dropped and made again, as ``make bench`` does).
Prints the mean wall and CPU time and the query count of one request (timed without the
profiler; with ``--queries``, its statements), then the profile of as many more.

With ``--instructions`` (it needs valgrind) it counts instead the machine instructions the
process runs for one request, under callgrind, instrumenting only the requests counted: a
figure that does not move with the machine's load, where time on a shared VM moves by half.
It counts this process only (not the database's), and no time spent waiting.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.http_endpoints import prepare_database
from bench.run_all import recreate

KINDS = (
    "order",
    "tables",
    "tables-changed",
    "floor",
    "floor-changed",
    "menu",
    "menu304",
    "dashboard",
    "ceiling",
)
# Set for the copy of this script that runs under callgrind (``--instructions``).
UNDER_CALLGRIND = "BENCH_UNDER_CALLGRIND"


def requester(kind: str, world: dict):
    """A function making one request of ``kind``; checks its answer."""
    from django.test import Client

    from orders.kept_answers import kept_answers_forget

    table = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {world['table']}")
    manager = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {world['manager']}")
    etag = table.get("/api/v1/menu/").headers["ETag"]
    page = Client(HTTP_HOST="localhost")
    page.force_login(world["manager_user"])

    def expect(response, status: int):
        if response.status_code != status:
            raise RuntimeError(f"{kind}: {response.status_code} {response.content[:300]!r}")

    calls = {
        "order": lambda: expect(
            table.post("/api/v1/orders/", world["order_body"], content_type="application/json"),
            201,
        ),
        "tables": lambda: expect(manager.get("/api/v1/admin/tables/"), 200),
        "floor": lambda: expect(manager.get("/api/v1/admin/floor/"), 200),
        # The first read after a change: nothing kept (``orders.kept_answers``).
        "tables-changed": lambda: (
            kept_answers_forget() or expect(manager.get("/api/v1/admin/tables/"), 200)
        ),
        "floor-changed": lambda: (
            kept_answers_forget() or expect(manager.get("/api/v1/admin/floor/"), 200)
        ),
        "menu": lambda: expect(table.get("/api/v1/menu/"), 200),
        "menu304": lambda: expect(table.get("/api/v1/menu/", HTTP_IF_NONE_MATCH=etag), 304),
        "dashboard": lambda: expect(page.get("/manager/"), 200),
        "ceiling": lambda: expect(page.get("/bench/ceiling/"), 200),
    }
    return calls[kind]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--html", help="also write pyinstrument's HTML page here")
    parser.add_argument("--queries", action="store_true", help="also print one request's SQL")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under callgrind instead"
    )
    args = parser.parse_args()
    if args.instructions:
        count_instructions(args)
        return
    from pyinstrument import Profiler

    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic here

    with tempfile.TemporaryDirectory() as folder:
        database_url = os.environ.get("BENCH_DATABASE_URL")
        if database_url:
            recreate(database_url)
        else:
            database_url = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("ALLOWED_HOSTS", "localhost")
        os.environ.setdefault("SECURE_SSL_REDIRECT", "false")  # plain HTTP, as the benchmarks
        world = prepare_database(database_url, Path(folder))  # Django set up on it
        from django.db import connection

        from stores.models import User

        world["manager_user"] = User.objects.get(username="manager")
        one = requester(args.kind, world)
        for _ in range(20):  # warm: the first requests fill caches and import lazily
            one()
        if os.environ.get(UNDER_CALLGRIND):
            callgrind_instrumenting("on")
            for _ in range(args.requests):
                one()
            callgrind_instrumenting("off")
            return
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
        ):
            one()
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            one()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        profiler = Profiler()
        profiler.start()
        for _ in range(args.requests):
            one()
        profiler.stop()
    summary = {
        "kind": args.kind,
        "database": connection.vendor,
        "requests": args.requests,
        "wall_us_per_request": round(wall / args.requests * 1e6),
        "cpu_us_per_request": round(cpu / args.requests * 1e6),
        "queries_per_request": len(queries),
    }
    print(json.dumps(summary, indent=2))
    if args.queries:
        print("\n".join(queries), end="\n\n")
    print(profiler.output_text(unicode=True, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


def count_instructions(args) -> None:
    """Run this script again under callgrind and print the instructions of one request."""
    command = [
        "valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null",
        sys.executable, __file__, args.kind, "--requests", str(args.requests),
    ]  # fmt: skip
    # The same hashes every run: the count then moves by about one in a thousand.
    environment = {**os.environ, UNDER_CALLGRIND: "1", "PYTHONHASHSEED": "0"}
    run = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)  # noqa: S603
    collected = re.search(r"Collected : (\d+)", run.stderr)
    summary = {
        "kind": args.kind,
        "database": "postgresql" if os.environ.get("BENCH_DATABASE_URL") else "sqlite",
        "requests": args.requests,
        "instructions_per_request": round(int(collected[1]) / args.requests),
    }
    print(json.dumps(summary, indent=2))


def callgrind_instrumenting(switch: str) -> None:
    """Turn callgrind's counting of this process on or off."""
    subprocess.run(  # noqa: S603
        ["callgrind_control", "--instr=" + switch, str(os.getpid())],  # noqa: S607
        check=True,
        capture_output=True,
    )


if __name__ == "__main__":
    main()
