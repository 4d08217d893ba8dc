"""Schemathesis fuzzes the API from its own OpenAPI document (/api/schema/), as a table and
as a manager, against the app under uvicorn: no answer is a server error, and every answer
matches the schema (status code, content type, headers, body). Bounded: FUZZ_EXAMPLES
cases per operation (15 by default; `FUZZ_EXAMPLES=500 make test` digs deeper)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from stores.tokens import manager_token, table_token

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
# The event stream never ends: tested over a real socket (live/tests/test_event_stream.py).
NOT_FUZZED = "/api/v1/events/"


def fuzz(app_server, token) -> list[str]:
    """Every operation's failures, as "METHOD /path: what failed"."""
    schema = schemathesis.openapi.from_url(f"{app_server.base_url}/api/schema/")
    failures = []
    for result in schema.exclude(path=NOT_FUZZED).get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"},
                # A schema-valid body may still name a menu item or id that does not exist:
                # the contract answers 400 for it, which no schema can foresee.
                excluded_checks=[positive_data_acceptance],
            )

        try:
            check()
        except Exception as failure:
            failures.append(f"{operation.label}: {failure}")
    return failures


@pytest.mark.slow
def test_as_a_table(app_server, world, menu):
    assert fuzz(app_server, table_token(world.table)) == []


@pytest.mark.slow
def test_as_a_manager(app_server, world, menu):
    assert fuzz(app_server, manager_token(world.manager)) == []


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
