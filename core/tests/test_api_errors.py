"""Every error under /api/ has the contract's body, and nothing leaks beyond it."""

from __future__ import annotations

import pytest

from conftest import assert_error
from core.api_errors import flatten_validation_errors

pytestmark = [pytest.mark.urls("config.tests.urls_with_failures"), pytest.mark.django_db]


class TestUnknownPathsAndMethods:
    @pytest.mark.parametrize("debug", [False, True])
    def test_unknown_api_path_is_a_json_404(self, client, settings, debug):
        settings.DEBUG = debug

        body = assert_error(client.get("/api/v1/no-such-thing/"), 404, "NOT_FOUND")

        assert set(body) == {"detail", "error_code", "timestamp"}

    def test_unknown_path_outside_the_api_stays_html(self, client):
        response = client.get("/no-such-page/")

        assert response.status_code == 404
        assert not response["Content-Type"].startswith("application/json")

    def test_wrong_method_is_a_json_405_with_allow(self, client):
        response = client.delete("/api/v1/auth/table/")

        assert_error(response, 405, "METHOD_NOT_ALLOWED")
        assert "POST" in response["Allow"]


class TestCrashes:
    @pytest.mark.parametrize("debug", [False, True])
    @pytest.mark.parametrize("path", ["/api/v1/test/crash/", "/api/v1/test/plain-crash/"])
    def test_a_crash_is_a_bare_500_with_the_request_id(self, client, settings, debug, path):
        settings.DEBUG = debug
        client.raise_request_exception = False  # answer as a server would, not re-raise

        response = client.get(path, HTTP_X_REQUEST_ID="req-crash-1")

        body = assert_error(response, 500, "INTERNAL_ERROR")
        assert set(body) == {"detail", "error_code", "timestamp", "request_id"}
        assert body["request_id"] == "req-crash-1"
        assert response["X-Request-ID"] == "req-crash-1"
        assert b"Traceback" not in response.content
        assert b"SELECT" not in response.content
        assert b"crashed" not in response.content


class TestValidation:
    def test_nested_field_errors_are_flattened_with_dots(self, client):
        response = client.post(
            "/api/v1/test/crash/",
            {"items": [{"menu_id": 1, "quantity": 1}, {"menu_id": "x", "quantity": 100}]},
            content_type="application/json",
        )

        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert set(body["fields"]) == {"items.1.menu_id", "items.1.quantity"}
        assert body["detail"].startswith("items.1.")

    def test_malformed_json_is_a_validation_error(self, client):
        response = client.post(
            "/api/v1/auth/table/", '{"store": "alpha",', content_type="application/json"
        )

        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert "non_field_errors" in body["fields"]

    def test_a_body_that_is_not_json_is_an_unsupported_media_type(self, client):
        response = client.post("/api/v1/auth/table/", "store=alpha", content_type="text/plain")

        assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")

    def test_a_body_over_the_limit_is_too_large(self, client, settings):
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

        response = client.post(
            "/api/v1/auth/table/",
            '{"store": "' + "a" * 2048 + '"}',
            content_type="application/json",
        )

        assert_error(response, 413, "FILE_TOO_LARGE")

    def test_flattening_keeps_top_level_messages(self):
        assert flatten_validation_errors(["Bad."]) == {"non_field_errors": ["Bad."]}
        assert flatten_validation_errors({"a": {"b": ["Bad."]}}) == {"a.b": ["Bad."]}
        assert flatten_validation_errors({"items": ["Too many."]}) == {"items": ["Too many."]}


def test_a_database_out_of_reach_is_503_with_retry_after(client):
    response = client.get("/api/v1/test/database-down/")

    body = assert_error(response, 503, "SERVICE_UNAVAILABLE")
    assert response["Retry-After"] == "5"
    assert "5432" not in response.content.decode()
    assert "request_id" not in body
