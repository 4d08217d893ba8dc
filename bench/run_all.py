"""`make bench`: every benchmark on SQLite, and on PostgreSQL when BENCH_DATABASE_URL names
a database (dropped and created afresh: use a database of its own), then one table.

    BENCH_SECONDS=10 BENCH_IDLE_STREAMS=5000 .venv/bin/python bench/run_all.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

BENCH = Path(__file__).resolve().parent


def run(script: str, *args: str, database_url: str | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "BENCH_DATABASE_URL"}
    if database_url:
        env["BENCH_DATABASE_URL"] = database_url
        recreate(database_url)
    out = subprocess.run(  # noqa: S603
        [sys.executable, str(BENCH / script), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def recreate(database_url: str) -> None:
    import psycopg

    url = urlparse(database_url)
    name = url.path.lstrip("/")
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def table(results: dict[str, dict]) -> str:
    databases = list(results)
    rows = [
        "| | " + " | ".join(databases) + " |",
        "|---|" + "---|" * len(databases),
    ]

    def row(label, pick):
        rows.append(f"| {label} | " + " | ".join(pick(results[db]) for db in databases) + " |")

    def rps(name, layout="http"):
        def pick(result):
            figures = result[layout][name]
            ratio = figures.get("ratio_to_ceiling")
            share = f" ({ratio:.0%} of ceiling)" if ratio is not None else ""
            return (
                f"{figures['requests_per_second']:.0f}/s{share}, "
                f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms; "
                f"server CPU {figures['server_cpu_us_per_request']:,} µs a request, "
                f"{figures['server_cpu_busy']:.0%} of a core"
            )

        return pick

    row("ceiling: bare view", rps("ceiling"))
    row("GET /api/v1/menu/ (60 items)", rps("menu"))
    row("GET /api/v1/menu/ with a matching ETag (304)", rps("menu_etag"))
    row("GET /api/v1/admin/tables/ (30 busy tables)", rps("tables"))
    row("GET /api/v1/admin/floor/ (the same 30 tables, every order)", rps("floor"))
    row("POST /api/v1/orders/ at saturation", rps("orders"))
    row(
        "POST /api/v1/orders/ at 100/s: p50 / p99",
        lambda r: (
            f"{r['http']['orders_at_100_per_s']['p50_ms']:.1f} / "
            f"{r['http']['orders_at_100_per_s']['p99_ms']:.1f} ms"
        ),
    )
    row("gunicorn, 1 process, 4 threads: ceiling", rps("ceiling", "wsgi"))
    row("gunicorn: GET /api/v1/menu/", rps("menu", "wsgi"))
    row("gunicorn: GET /api/v1/menu/ (304)", rps("menu_etag", "wsgi"))
    row("gunicorn: GET /api/v1/admin/tables/", rps("tables", "wsgi"))
    row("gunicorn: GET /api/v1/admin/floor/", rps("floor", "wsgi"))
    row("gunicorn: POST /api/v1/orders/ at saturation", rps("orders", "wsgi"))
    row(
        "gunicorn: POST /api/v1/orders/ at 100/s: p50 / p99",
        lambda r: (
            f"{r['wsgi']['orders_at_100_per_s']['p50_ms']:.1f} / "
            f"{r['wsgi']['orders_at_100_per_s']['p99_ms']:.1f} ms"
        ),
    )
    row(
        "order → 50 dashboards: p50 / p99 (from POST)",
        lambda r: (
            f"{r['events']['latency_from_post_ms']['p50']:.1f} / "
            f"{r['events']['latency_from_post_ms']['p99']:.1f} ms"
        ),
    )
    row(
        "server CPU an order with 0 / 10 / 50 dashboards and as many kitchen displays",
        lambda r: " / ".join(
            f"{phase['server_cpu_ms_per_order']:.1f} ms ({phase['against_no_screens']:.1f}x)"
            for phase in r["fan_out"]["phases"]
        ),
    )
    row(
        "idle streams: RSS",
        lambda r: (
            f"{r['events']['idle_streams']:,} streams: "
            f"{r['events']['server_rss_mb_with_idle']:.0f} MB"
        ),
    )
    row(
        "100 stores of 10 tables (gunicorn, uvicorn, Redis): saturation; p50 / p99 at 100/s",
        lambda r: (
            (
                f"{r['many_stores']['orders']['requests_per_second']:.0f} orders/s; "
                f"{r['many_stores']['orders_at_fixed_rate']['p50_ms']:.0f} / "
                f"{r['many_stores']['orders_at_fixed_rate']['p99_ms']:.0f} ms"
            )
            if "many_stores" in r
            else "PostgreSQL only"
        ),
    )
    for name, label in (
        ("page_month", "sales page, a month (a year of 100,000 orders)"),
        ("api_month", "GET /api/v1/admin/reports/sales/, a month"),
        ("page_year", "sales page, the year"),
        ("day_close", "day close page"),
        ("csv_month", "CSV export of a month"),
    ):
        row(label, lambda r, name=name: _milliseconds(r["reports"][name]))
    return "\n".join(rows)


def _milliseconds(figures: dict) -> str:
    return f"p50 {figures['p50_ms']:.0f} ms, max {figures['max_ms']:.0f} ms"


def main() -> None:
    idle = os.environ.get("BENCH_IDLE_STREAMS", "5000")
    databases = {"SQLite": None}
    if os.environ.get("BENCH_DATABASE_URL"):
        databases["PostgreSQL"] = os.environ["BENCH_DATABASE_URL"]
    results = {}
    for label, url in databases.items():
        results[label] = {
            "http": run("http_endpoints.py", database_url=url),
            "wsgi": run("http_endpoints.py", "--server", "gunicorn", database_url=url),
            "events": run("live_events.py", "--idle", idle, database_url=url),
            "fan_out": run("fan_out.py", database_url=url),
            "reports": run("reports.py", database_url=url),
        }
        if url:  # a hosted service's load: PostgreSQL only
            results[label]["many_stores"] = run("many_stores.py", database_url=url)
    machine = results["SQLite"]["http"]["machine"]
    print(json.dumps(results, indent=2), file=sys.stderr)
    seconds = os.environ.get("BENCH_SECONDS", "10")
    print(f"\n{machine}, {datetime.now(UTC):%Y-%m-%d}, BENCH_SECONDS={seconds}\n")
    print(table(results))


if __name__ == "__main__":
    main()
