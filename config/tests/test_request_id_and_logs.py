"""X-Request-ID on every response, JSON log lines carrying it, and no secret in any line."""

from __future__ import annotations

import io
import json
import logging

import pytest

from config.logging import JsonLogFormatter
from config.request_id import RequestIdLogFilter
from conftest import TABLE_PASSWORD


@pytest.fixture
def log_lines():
    """Every line the app logs during the test, formatted exactly as on stderr."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLogFormatter())
    handler.addFilter(RequestIdLogFilter())
    root = logging.getLogger()
    root.addHandler(handler)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    root.removeHandler(handler)


class TestRequestId:
    def test_every_response_gets_a_new_id(self, client, db):
        first = client.get("/healthz")["X-Request-ID"]
        second = client.get("/api/v1/nowhere/")["X-Request-ID"]

        assert len(first) == 32
        assert first != second

    def test_a_sane_incoming_id_is_echoed(self, client, db):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.2:x_y-z")

        assert response["X-Request-ID"] == "lb-7f3a.2:x_y-z"

    @pytest.mark.parametrize("incoming", ["", "a" * 129, "bad id", "<script>", "id\r\nx: y"])
    def test_an_insane_incoming_id_is_replaced(self, client, db, incoming):
        response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)

        assert response["X-Request-ID"] != incoming
        assert len(response["X-Request-ID"]) == 32


class TestLogLines:
    def test_lines_are_json_with_the_contract_fields(self, client, db, log_lines):
        client.get("/healthz", HTTP_X_REQUEST_ID="req-42")

        access = [line for line in log_lines() if line["logger"] == "table_order.access"]
        assert len(access) == 1
        line = access[0]
        assert {"timestamp", "level", "message", "logger", "module", "request_id"} <= set(line)
        assert line["level"] == "INFO"
        assert line["request_id"] == "req-42"
        assert line["path"] == "/healthz"
        assert line["status"] == 200

    @pytest.mark.urls("config.tests.urls_with_failures")
    def test_a_500_is_logged_with_its_traceback_and_request_id(self, client, db, log_lines):
        client.raise_request_exception = False  # answer as a server would, not re-raise
        response = client.get("/api/v1/test/crash/", HTTP_X_REQUEST_ID="req-500")

        assert response.json()["request_id"] == "req-500"
        errors = [line for line in log_lines() if line["level"] == "ERROR"]
        assert len(errors) == 1
        assert errors[0]["request_id"] == "req-500"
        assert "RuntimeError" in errors[0]["exc_info"]

    def test_access_lines_leave_out_the_query_string(self, client, db, log_lines):
        client.get("/healthz?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")

        assert "token" not in json.dumps(log_lines())

    def test_logins_log_neither_passwords_nor_tokens(self, client, world, log_lines):
        client.post(
            "/api/v1/auth/table/",
            {"store": "alpha", "table_number": 1, "password": "Wr0ng-Secret"},
            content_type="application/json",
        )
        ok = client.post(
            "/api/v1/auth/table/",
            {"store": "alpha", "table_number": 1, "password": TABLE_PASSWORD},
            content_type="application/json",
        )
        client.get("/api/v1/nowhere/", HTTP_AUTHORIZATION=f"Bearer {ok.json()['access']}")

        everything = json.dumps(log_lines())
        assert "Table logged in" in everything
        assert "Wr0ng-Secret" not in everything
        assert TABLE_PASSWORD not in everything
        assert ok.json()["access"] not in everything

    def test_the_formatter_redacts_tokens_and_secret_fields(self):
        record = logging.LogRecord(
            "x", logging.INFO, __file__, 1, "got eyJhbGciOi.eyJzdWIiOi.sig-123 here", (), None
        )
        record.password = "hunter2"
        record.authorization = "Bearer abc"

        line = json.loads(JsonLogFormatter().format(record))

        assert line["message"] == "got [redacted] here"
        assert line["password"] == "[redacted]"
        assert line["authorization"] == "[redacted]"
