"""Sales reports benchmark: a year of a busy store, then its month's sales page, the same
figures from the API, a year's page, and the CSV export of a month.

    .venv/bin/python bench/reports.py [--orders 100000] [--runs 10]

On a fresh database: SQLite in a temporary folder, or BENCH_DATABASE_URL's PostgreSQL
database (dropped and created by bench/run_all.py; alone, give it an empty one). The store
has 6 categories of 10 items and 30 tables; ``--orders`` orders (100,000: about 275 a day,
busier at weekends) over the year from 2025-12-01 to 2026-11-30, placed from 11:00 to 01:30
in visits of 1 to 5 orders, 3 lines an order, one line in three with an option: about
300,000 lines and 100,000 options, bulk-created. Requests go through Django's whole stack
in this process (the test client: middleware, session, view, template) without an HTTP
server, so the figures are the app's own. Prints JSON; bench/run_all.py (`make bench`)
makes the table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.world import build_store, described, setup_django

CATEGORIES, ITEMS_PER_CATEGORY, TABLES = 6, 10, 30
FIRST_DAY, DAYS = date(2025, 12, 1), 365
MONTH = "2026-11"
LINES_PER_ORDER = 3
BATCH = 5000
# When orders come in: lunch, dinner and a late tail after midnight (the evening before).
HOURS = [11, 12, 12, 13, 14, 17, 18, 18, 19, 19, 20, 20, 21, 22, 23, 0, 1]


@contextmanager
def stamped_as_given(*models) -> Iterator[None]:
    """Rows made here carry their own timestamps: ``auto_now``/``auto_now_add`` off for the
    while (the data of a past year, made in seconds)."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def build_year(world, orders_wanted: int) -> dict:
    """The year's visits, orders, lines and options, a day at a time."""
    from django.conf import settings

    from menus.models import MenuItem
    from orders.models import Order, OrderItem, OrderItemOption, OrderNumberCounter, Visit

    zone = ZoneInfo(settings.TIME_ZONE)
    rng = random.Random(20)  # noqa: S311 (the same made-up year every run)
    items = list(MenuItem.objects.filter(store_id=world.store_id).order_by("id"))
    per_day = orders_wanted / DAYS
    number = 0
    started = time.perf_counter()
    counts = {"orders": 0, "lines": 0, "options": 0, "visits": 0}
    with stamped_as_given(Visit, Order):
        for day_index in range(DAYS):
            day = FIRST_DAY + timedelta(days=day_index)
            weekend = day.weekday() >= 4  # Friday to Sunday
            orders_today = round(per_day * (1.25 if weekend else 0.8))
            visits, plans = [], []
            while sum(len(plan) for plan in plans) < orders_today:
                hour = rng.choice(HOURS)
                started_at = datetime.combine(
                    day + timedelta(days=hour < 5), datetime.min.time(), tzinfo=zone
                ) + timedelta(hours=hour, minutes=rng.randrange(60))
                times = [
                    started_at + timedelta(minutes=12 * n + rng.randrange(10))
                    for n in range(rng.randint(1, 5))
                ]
                visits.append(
                    Visit(
                        store_id=world.store_id,
                        table_id=rng.choice(world.table_ids),
                        started_at=started_at,
                        ended_at=times[-1] + timedelta(minutes=30),
                    )
                )
                plans.append(times)
            Visit.objects.bulk_create(visits, batch_size=BATCH)
            orders, lines_of = [], []
            for visit, times in zip(visits, plans, strict=True):
                for placed in times:
                    number += 1
                    lines = [
                        (rng.choice(items), rng.choice((1, 1, 1, 2, 3)))
                        for _ in range(LINES_PER_ORDER)
                    ]
                    orders.append(
                        Order(
                            store_id=world.store_id,
                            visit=visit,
                            number=number,
                            status="completed",
                            total_amount=sum(item.price * quantity for item, quantity in lines),
                            created_at=placed,
                            updated_at=placed,
                            seen_at=placed,
                        )
                    )
                    lines_of.append(lines)
            Order.objects.bulk_create(orders, batch_size=BATCH)
            order_items = [
                OrderItem(
                    order=order,
                    menu_item=item,
                    name=item.name,
                    unit_price=item.price,
                    quantity=quantity,
                )
                for order, lines in zip(orders, lines_of, strict=True)
                for item, quantity in lines
            ]
            OrderItem.objects.bulk_create(order_items, batch_size=BATCH)
            options = [
                OrderItemOption(
                    order_item=line,
                    group_name="Size",
                    choice_name=rng.choice(("Regular", "Large")),
                    price_delta=0,
                )
                for n, line in enumerate(order_items)
                if n % 3 == 0
            ]
            OrderItemOption.objects.bulk_create(options, batch_size=BATCH)
            counts["visits"] += len(visits)
            counts["orders"] += len(orders)
            counts["lines"] += len(order_items)
            counts["options"] += len(options)
    OrderNumberCounter.objects.filter(store_id=world.store_id).update(last_number=number)
    counts["build_seconds"] = round(time.perf_counter() - started, 1)
    return counts


def analyze() -> None:
    """Fresh planner statistics after the bulk load, as autovacuum would soon have them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(call, runs: int) -> dict:
    call()  # warm up: templates, the connection, the database's caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "runs": runs,
        "p50_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
    }


def measure(world, runs: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from stores.models import User

    manager = User.objects.get(store_id=world.store_id)
    page = Client(HTTP_HOST="localhost")
    page.force_login(manager)
    api = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {world.manager_token}")
    year = {"date_from": "2025-12-01", "date_to": "2026-11-30"}

    def get(client, path, query, expect=200):
        response = client.get(path, query, secure=True)
        if response.status_code != expect:
            raise RuntimeError(f"{path}: {response.status_code}")
        return response

    def export():
        response = get(page, "/manager/reports/export.csv", {"month": MONTH})
        size = rows = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n")
        export.rows, export.bytes = rows - 1, size

    results = {
        "page_month": timed(lambda: get(page, "/manager/reports/", {"month": MONTH}), runs),
        "api_month": timed(
            lambda: get(api, "/api/v1/admin/reports/sales/", {"month": MONTH}), runs
        ),
        "page_year": timed(lambda: get(page, "/manager/reports/", year), runs),
        "day_close": timed(
            lambda: get(page, "/manager/reports/day-close/", {"day": "2026-11-28"}), runs
        ),
        "csv_month": timed(export, max(3, runs // 3)),
    }
    results["csv_month"]["rows"] = export.rows
    results["csv_month"]["megabytes"] = round(export.bytes / 1e6, 1)
    results["csv_month"]["rows_per_second"] = round(
        export.rows / (results["csv_month"]["p50_ms"] / 1000)
    )
    with CaptureQueriesContext(connection) as month:
        get(page, "/manager/reports/", {"month": MONTH})
    results["page_month"]["queries"] = len(month)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("ALLOWED_HOSTS", "localhost")
        setup_django(database_url)
        world = build_store(
            tables=TABLES, categories=CATEGORIES, items_per_category=ITEMS_PER_CATEGORY
        )
        result = {"data": build_year(world, args.orders)}
        analyze()
        result.update(measure(world, args.runs))
    described(result, database_url)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
