from __future__ import annotations

import io
from unittest.mock import patch

import pytest
import yaml
from django.core.management import call_command
from django.db import OperationalError
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from config import health


class TestHealth:
    def test_ok_when_the_database_answers(self, client, db):
        response = client.get("/healthz")

        assert response.status_code == 200
        assert response.json() == {
            "status": "ok",
            "live_events": {"relay": "in process", "events_repaired": 0},
        }

    def test_503_when_the_database_does_not(self, client, db):
        refused = OperationalError("connection refused")

        with patch.object(health.connection, "cursor", side_effect=refused):
            response = client.get("/healthz")

        assert response.status_code == 503
        assert response.json()["status"] == "unavailable"


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        out = io.StringIO()
        # --fail-on-warn: an untyped endpoint or an unknown auth class breaks the build.
        call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    return yaml.safe_load(out.getvalue())


class TestOpenApi:
    def test_is_openapi_3_with_both_logins_typed(self, schema):
        assert schema["openapi"].startswith("3.")
        for login_path in ("/api/v1/auth/table/", "/api/v1/auth/admin/"):
            responses = schema["paths"][login_path]["post"]["responses"]
            assert {"200", "400", "401", "429", "500"} <= set(responses)

    def test_declares_the_error_body(self, schema):
        error = schema["components"]["schemas"]["Error"]

        assert {"detail", "error_code", "timestamp"} <= set(error["properties"])
        assert error["properties"]["error_code"] == {"$ref": "#/components/schemas/ErrorCodeEnum"}
        assert "TOKEN_EXPIRED" in schema["components"]["schemas"]["ErrorCodeEnum"]["enum"]

    def test_authenticated_endpoints_declare_bearer_and_session_auth(self):
        class Anything(APIView):
            @extend_schema(responses={204: None})
            def get(self, request):
                return None

        generator = SchemaGenerator(patterns=[path("api/v1/anything/", Anything.as_view())])
        schema = generator.get_schema(request=None, public=True)

        assert schema["components"]["securitySchemes"]["bearerAuth"] == {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
        }
        operation = schema["paths"]["/api/v1/anything/"]["get"]
        assert {"bearerAuth": []} in operation["security"]
        assert {"managerSession": []} in operation["security"]
        assert {"401", "403", "500"} <= set(operation["responses"])

    def test_is_served_and_documented(self, client, db):
        assert client.get("/api/schema/").status_code == 200
        docs = client.get("/api/docs/")
        assert docs.status_code == 200
        assert b"swagger-ui" in docs.content
