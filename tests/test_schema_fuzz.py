"""Schemathesis fuzzes the API from its own OpenAPI document (/api/schema/), as a table and
as a manager, against the app under uvicorn, in every phase its runner has: the schema's
examples, coverage (each parameter's boundaries and each wrong type), fuzzing (positive and
negative data) and stateful (links between operations). No answer is a server error, every
answer matches the schema (status code, content type, headers, body), and invalid data is
refused. Bounded: FUZZ_EXAMPLES cases per operation and phase (25 by default). It runs
Schemathesis's own command, `st run`, whose report says what failed and how to repeat it
(with the token hidden).

The API under fuzzing is the same on either database, and every phase takes minutes: it runs
once per CI run, in the PostgreSQL pass, or wherever FUZZ_EXAMPLES is set
(`FUZZ_EXAMPLES=500 make test` digs deeper)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from stores.tokens import manager_token, table_token

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
once_per_ci_run = pytest.mark.skipif(
    connection.vendor != "postgresql" and "FUZZ_EXAMPLES" not in os.environ,
    reason="once per CI run, in its PostgreSQL pass (or set FUZZ_EXAMPLES)",
)
ST = Path(sys.executable).with_name("st")
# The event stream never ends: tested over a real socket (live/tests/test_event_stream.py).
NOT_FUZZED = "/api/v1/events/"
# A schema-valid body may still name a menu item or an id that does not exist: the contract
# answers 400 for it, which no schema can foresee.
NOT_CHECKED = "positive_data_acceptance"


def fuzz(app_server, token) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own arguments)
        [
            str(ST),
            "run",
            f"{app_server.base_url}/api/schema/",
            "--phases=examples,coverage,fuzzing,stateful",
            f"--max-examples={EXAMPLES}",
            "--mode=all",
            "--checks=all",
            f"--exclude-checks={NOT_CHECKED}",
            f"--exclude-path={NOT_FUZZED}",
            f"--header=Authorization: Bearer {token}",
            "--generation-deterministic",
            "--seed=17",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def assert_no_failures(run: subprocess.CompletedProcess) -> None:
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-5_000:]


@pytest.mark.slow
@once_per_ci_run
def test_as_a_table(app_server, world, menu):
    assert_no_failures(fuzz(app_server, table_token(world.table)))


@pytest.mark.slow
@once_per_ci_run
def test_as_a_manager(app_server, world, menu):
    assert_no_failures(fuzz(app_server, manager_token(world.manager)))


def test_the_schema_promises_only_bodies_the_api_takes(client, world, menu):
    """Found by fuzzing: the schema offered form bodies where only JSON parses, and called an
    empty order valid."""
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    order_body = schema["paths"]["/api/v1/orders/"]["post"]["requestBody"]["content"]
    item_body = schema["paths"]["/api/v1/admin/menu-items/"]["post"]["requestBody"]["content"]

    assert list(order_body) == ["application/json"]
    assert set(item_body) == {"application/json", "multipart/form-data"}
    order = schema["components"]["schemas"]["PlaceOrderRequest"]["properties"]["items"]
    assert (order["minItems"], order["maxItems"]) == (1, 50)
    form_post = client.post(
        "/api/v1/orders/",
        {"items": "1"},
        HTTP_AUTHORIZATION=f"Bearer {table_token(world.table)}",
    )
    assert form_post.status_code == 415
    assert form_post.json()["error_code"] == "UNSUPPORTED_MEDIA_TYPE"
