"""The load-and-faults run (bench/soak.py, `make soak`), shortened to under a minute: two
servers on a PostgreSQL cluster of its own, one killed with SIGKILL and PostgreSQL stopped for
10 s under 30 ordering tablets and 10 dashboards; nothing lost, nothing twice."""

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
def test_nothing_is_lost_or_doubled_through_a_server_kill_and_a_database_restart():
    environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    run = subprocess.run(
        [sys.executable, "bench/soak.py", "--minutes", "0.75"],
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
    assert figures["healthz_while_database_down"].get("503", 0) > 0
    assert figures["responses_with_a_stack_trace"] == 0
    assert figures["faults"][1]["servers_restarted"] is False
