"""The load-and-faults run (bench/soak.py, `make soak`), shortened to a minute: two servers on
a PostgreSQL cluster of its own, one killed with SIGKILL, Redis and then PostgreSQL stopped for
10 s each, one server losing publishes on purpose, under 30 ordering tablets and 10
dashboards; nothing lost, nothing twice, every event live on every open stream in time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="once per CI run, in its PostgreSQL pass (the run brings its own cluster)",
)


@pytest.mark.slow
def test_nothing_is_lost_doubled_or_late_through_a_server_kill_and_redis_and_database_restarts():
    environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    run = subprocess.run(
        [sys.executable, "bench/soak.py", "--minutes", "1"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    figures = json.loads(run.stdout)

    assert figures["checks_failed"] == [], run.stdout
    assert run.returncode == 0, run.stderr[-4000:]
    assert figures["orders_in_database"] == figures["orders_acknowledged"] > 100
    assert figures["orders_acknowledged_after_a_retry"] > 0  # the faults did bite
    assert figures["new_order_events_received"] == figures["new_order_events_expected"]
    assert figures["new_order_events_late_on_an_open_stream"] == 0
    assert figures["new_order_events_checked_live_within_bound"] > 0
    assert figures["events_repaired_from_storage"] > 0  # the dropped publishes
    assert all(answer.startswith("200") for answer in figures["healthz_while_redis_down"])
    assert any(answer.startswith("503") for answer in figures["healthz_while_database_down"])
    assert figures["responses_with_a_stack_trace"] == 0
    assert figures["faults"][2]["servers_restarted"] is False  # PostgreSQL's restart
