"""docs/api.md, the contract of record, and the API agree on what they can both be checked by:
every error code the API can answer with is in the contract's table and in the OpenAPI enum,
and nothing else is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

CONTRACT = Path(settings.BASE_DIR, "docs", "api.md")
BASELINE_CODES = {
    "VALIDATION_ERROR",
    "NOT_AUTHENTICATED",
    "TOKEN_INVALID",
    "TOKEN_EXPIRED",
    "INVALID_CREDENTIALS",
    "PERMISSION_DENIED",
    "NOT_FOUND",
    "METHOD_NOT_ALLOWED",
    "MENU_UNAVAILABLE",
    "TABLE_NUMBER_TAKEN",
    "INVALID_TRANSITION",
    "SESSION_CLOSED",
    "NO_ACTIVE_SESSION",
    "TABLE_IN_USE",
    "CATEGORY_NOT_EMPTY",
    "IDEMPOTENCY_KEY_REUSED",
    "FILE_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "TOO_MANY_ATTEMPTS",
    "THROTTLED",
    "INTERNAL_ERROR",
}


def contract_error_codes() -> set[str]:
    """The codes in the second column of the contract's error table."""
    text = CONTRACT.read_text()
    table = text[text.index("| status | error_code | when |") : text.index("*(added)* **Rate")]
    rows = [line.split("|") for line in table.splitlines() if re.match(r"\| \d{3} \|", line)]
    return {code for row in rows for code in re.findall(r"`([A-Z_]+)`", row[2])}


@pytest.fixture
def schema_error_codes(client, db) -> set[str]:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    return set(schema["components"]["schemas"]["ErrorCodeEnum"]["enum"])


def test_the_contract_lists_every_error_code_the_api_has(schema_error_codes):
    assert contract_error_codes() == schema_error_codes


def test_no_code_of_the_v1_baseline_is_gone(schema_error_codes):
    assert schema_error_codes >= BASELINE_CODES
    assert "SERVICE_UNAVAILABLE" in schema_error_codes


@pytest.fixture
def schema(client, db) -> dict:
    return client.get("/api/schema/", HTTP_ACCEPT="application/json").json()


def test_the_schema_declares_the_refusals_the_api_gives(schema):
    paths = schema["paths"]

    assert "400" in paths["/api/v1/admin/tables/{id}/history/"]["get"]["responses"]
    assert "415" in paths["/api/v1/admin/menu-items/"]["post"]["responses"]
    assert "415" in paths["/api/v1/admin/menu-items/{id}/"]["patch"]["responses"]


def test_the_schema_takes_an_empty_status_filter_as_the_api_does(schema):
    parameters = schema["paths"]["/api/v1/admin/orders/"]["get"]["parameters"]
    (status,) = [parameter for parameter in parameters if parameter["name"] == "status"]

    assert status["schema"]["enum"] == ["pending", "preparing", "completed", ""]
