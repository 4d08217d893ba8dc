"""Fan-out benchmark: what one order costs the server with 0, 10 or 50 screens watching.

    .venv/bin/python bench/fan_out.py [--orders 200] [--screens 0,10,50]

Starts one uvicorn process on a fresh database (SQLite in a temporary folder, or
BENCH_DATABASE_URL's PostgreSQL database), and for each number of screens opens that many
manager dashboards and as many kitchen displays, then places ``--orders`` orders one after
another through the API, waits for the screens to settle, and reads the server's CPU time
from /proc over the whole phase. Each screen does what its page does with an event:

- a dashboard (signed in with a session cookie, as the page is) reads the floor once its
  stream opens (before the orders: ``OPEN_READ``), then draws every event from the event
  alone, as static/manager/floor.js does: no request per event;
- a kitchen display renders from the event and makes no request (static/kitchen/feed.js).

The figure is the server CPU an order costs with the screens open, against none.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.live_events import Dashboard, http, on_a_server, wait_healthy
from bench.process_stats import cpu_seconds
from bench.world import build_store, setup_django

# What a dashboard reads when its stream opens (static/manager/live.js): from then on it draws
# every event from the event alone (static/manager/floor.js), and so does a kitchen display.
OPEN_READ = "/api/v1/admin/floor/"


def prepare_database(database_url: str) -> dict:
    """A store with 10 tables and a one-item menu; tokens, a manager's session cookie."""
    setup_django(database_url)
    from django.test import Client

    from stores.models import User

    world = build_store(tables=10)
    browser = Client()
    browser.force_login(User.objects.get(username="manager"))
    return {
        "tables": world.table_tokens,
        "menu_id": world.menu_ids[0],
        "cookie": f"Cookie: sessionid={browser.cookies['sessionid'].value}",
    }


async def read_floor(port: int, cookie: str) -> int:
    """One dashboard's read as its stream opens, tried again a little later while the server
    is too busy to answer (503, as static/manager/floor.js does); how many tries it took."""
    for attempt in range(1, 21):
        status, content = await http(port, "GET", OPEN_READ, cookie)
        if status == 200:
            return attempt
        if status != 503:
            raise RuntimeError(f"a floor read failed: {status} {content[:200]!r}")
        await asyncio.sleep(1 + random.random())  # noqa: S311 (a pause, no secret)
    raise RuntimeError("the floor could not be read")


async def phase(port: int, server_pid: int, world: dict, screens: int, orders: int) -> dict:
    dashboards = [Dashboard() for _ in range(screens)]
    displays = [Dashboard() for _ in range(screens)]
    tasks = [asyncio.create_task(d.run(port, world["cookie"])) for d in dashboards]
    tasks += [
        asyncio.create_task(d.run(port, world["cookie"], "/api/v1/events/kitchen/"))
        for d in displays
    ]
    await asyncio.wait_for(asyncio.gather(*(d.opened.wait() for d in dashboards + displays)), 60)
    attempts = await asyncio.gather(*(read_floor(port, world["cookie"]) for _ in dashboards))
    await asyncio.sleep(1)

    cpu_before, started = cpu_seconds(server_pid), time.perf_counter()
    for index in range(orders):
        token = world["tables"][index % len(world["tables"])]
        body = {"items": [{"menu_id": world["menu_id"], "quantity": 1}]}
        status, content = await http(port, "POST", "/api/v1/orders/", token, body)
        if status != 201:
            raise RuntimeError(f"order failed: {status} {content[:200]!r}")
    await asyncio.sleep(1)  # the last events reach every screen
    cpu = cpu_seconds(server_pid) - cpu_before
    elapsed = time.perf_counter() - started
    for task in tasks:
        task.cancel()
    await asyncio.sleep(0.5)
    delivered = min((len(d.arrivals) for d in dashboards), default=orders)
    return {
        "screens": {"dashboards": screens, "kitchen_displays": screens},
        "orders": orders,
        "server_cpu_ms_per_order": round(cpu / orders * 1000, 2),
        "requests_from_screens": 0,  # per event: none (the pages draw from the events)
        "floor_reads_at_open": sum(attempts),
        "orders_heard_by_every_dashboard": delivered,
        "seconds": round(elapsed, 1),
    }


async def measure(args, world: dict, port: int, server_pid: int) -> dict:
    await wait_healthy(port)
    results = [
        await phase(port, server_pid, world, screens, args.orders) for screens in args.screens
    ]
    alone = results[0]["server_cpu_ms_per_order"]
    for result in results:
        result["against_no_screens"] = round(result["server_cpu_ms_per_order"] / alone, 2)
    return {"phases": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument(
        "--screens", type=lambda text: [int(n) for n in text.split(",")], default=[0, 10, 50]
    )
    args = parser.parse_args()

    print(json.dumps(on_a_server(prepare_database, partial(measure, args)), indent=2))


if __name__ == "__main__":
    main()
