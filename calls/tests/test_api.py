"""The staff calls' endpoints against the contract (docs/api.md): whole answers, the
refusals, and the callers who must not get in."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from calls import services
from calls.models import StaffCall
from conftest import assert_error
from orders.order_lines import OrderLine
from orders.services import order_place

REASONS = [
    {"code": "water", "label": "Water", "takes_text": False},
    {"code": "cutlery", "label": "Cutlery", "takes_text": False},
    {"code": "napkins", "label": "Napkins", "takes_text": False},
    {"code": "bill", "label": "The bill", "takes_text": False},
    {"code": "other", "label": "Other", "takes_text": True},
]


def table_call(call: StaffCall, **changes) -> dict:
    """The contract's StaffCall for ``call`` as stored now, with ``changes``."""
    call.refresh_from_db()

    def stamp(moment):
        return moment and moment.isoformat().replace("+00:00", "Z")

    return {
        "id": call.id,
        "table": {"id": call.table.id, "number": call.table.number},
        "session_id": call.visit_id,
        "reason": call.reason_code,
        "reason_label": call.reason_label,
        "text": call.text,
        "status": call.status,
        "created_at": stamp(call.created_at),
        "acknowledged_at": stamp(call.acknowledged_at),
        "resolved_at": stamp(call.resolved_at),
        **changes,
    }


def manager_call(call: StaffCall, **changes) -> dict:
    return {
        **table_call(call),
        "acknowledged_by": call.acknowledged_by,
        "resolved_by": call.resolved_by,
        **changes,
    }


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


class TestTablet:
    def test_a_call_for_water(self, table_client, world, menu):
        visit = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order.visit

        response = table_client.post("/api/v1/calls/", {"reason": "water"}, format="json")

        assert response.status_code == 201
        call = StaffCall.objects.get()
        assert response.json() == table_call(call)
        assert response.json()["session_id"] == visit.id
        assert response.json()["status"] == "open"

    def test_a_call_while_one_is_open_answers_the_open_one(self, table_client):
        first = table_client.post("/api/v1/calls/", {"reason": "water"}, format="json").json()

        again = table_client.post("/api/v1/calls/", {"reason": "bill"}, format="json")

        assert again.status_code == 200
        assert again.json() == first

    def test_too_soon_after_the_last_call(self, table_client, world):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            call = services.staff_call_create(table=world.table, reason_code="water").call
            services.staff_call_resolve(call=call, actor=world.manager)
        with time_machine.travel(start + timedelta(seconds=10), tick=False):
            response = table_client.post("/api/v1/calls/", {"reason": "bill"}, format="json")
            assert_error(response, 429, "CALL_TOO_SOON")
            assert response["Retry-After"] == "20"
            state = table_client.get("/api/v1/calls/current/").json()
            assert (state["call"], state["next_call_in"]) == (None, 20)

    def test_other_with_a_few_words(self, table_client):
        response = table_client.post(
            "/api/v1/calls/", {"reason": "other", "text": "A high chair"}, format="json"
        )
        assert response.status_code == 201
        assert (response.json()["reason"], response.json()["text"]) == ("other", "A high chair")

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({}, "reason"),
            ({"reason": "beer"}, "reason"),
            ({"reason": 1}, "reason"),
            ({"reason": "other", "text": "x" * 61}, "text"),
            ({"reason": "water", "text": "quick"}, "text"),
        ],
    )
    def test_a_bad_body_is_refused(self, table_client, body, field):
        response = table_client.post("/api/v1/calls/", body, format="json")

        assert field in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert not StaffCall.objects.exists()

    def test_the_current_state(self, table_client, world):
        state = table_client.get("/api/v1/calls/current/")
        assert state.json() == {
            "call": None,
            "reasons": REASONS,
            "cooldown_seconds": 30,
            "next_call_in": 0,
        }
        call = services.staff_call_create(table=world.table, reason_code="bill").call
        services.staff_call_acknowledge(call=call, actor=world.manager)

        state = table_client.get("/api/v1/calls/current/").json()

        assert state["call"] == table_call(call, status="acknowledged")
        assert 28 <= state["next_call_in"] <= 30

    def test_the_reasons_in_the_guests_language(self, table_client, world):
        response = table_client.get("/api/v1/calls/current/", HTTP_ACCEPT_LANGUAGE="ko")
        # Korean once the catalogue has them; the default's English until then.
        assert next(r["label"] for r in response.json()["reasons"]) in ("Water", "물")

    def test_another_tables_call_is_not_its_own(self, table_client, other_table_client, world):
        services.staff_call_create(table=world.table, reason_code="water")

        state = other_table_client.get("/api/v1/calls/current/").json()
        made = other_table_client.post("/api/v1/calls/", {"reason": "bill"}, format="json")

        assert state["call"] is None
        assert made.status_code == 201
        assert made.json()["table"]["id"] == world.other_table.id
        assert StaffCall.objects.filter(table=world.table).count() == 1


class TestManager:
    @pytest.fixture
    def call(self, world):
        return services.staff_call_create(table=world.table, reason_code="water").call

    def test_the_open_calls(self, manager_client, world, call, django_assert_num_queries):
        theirs = services.staff_call_create(table=world.their_table, reason_code="water").call
        done = services.staff_call_create(table=world.other_table, reason_code="bill").call
        services.staff_call_resolve(call=done, actor=world.manager)

        # The token's manager with their store; the open calls with their tables.
        with django_assert_num_queries(2):
            response = manager_client.get("/api/v1/admin/calls/")

        assert response.status_code == 200
        assert response.json() == [manager_call(call)]
        assert theirs.id not in [c["id"] for c in response.json()]

    def test_one_call_resolved_or_not(self, manager_client, world, call):
        services.staff_call_resolve(call=call, actor=world.manager)

        response = manager_client.get(f"/api/v1/admin/calls/{call.id}/")

        assert response.json() == manager_call(
            call, status="resolved", resolved_by=f"manager:{world.manager.id}:manager"
        )

    def test_acknowledge_and_resolve(self, manager_client, world, call):
        acknowledged = manager_client.post(f"/api/v1/admin/calls/{call.id}/acknowledge/")
        assert acknowledged.status_code == 200
        assert acknowledged.json() == manager_call(call, status="acknowledged")
        assert acknowledged.json()["acknowledged_by"] == f"manager:{world.manager.id}:manager"

        resolved = manager_client.post(f"/api/v1/admin/calls/{call.id}/resolve/")

        assert resolved.status_code == 200
        assert resolved.json() == manager_call(call, status="resolved")
        assert manager_client.get("/api/v1/admin/calls/").json() == []
        again = manager_client.post(f"/api/v1/admin/calls/{call.id}/resolve/")
        assert again.json() == resolved.json()
        assert_error(
            manager_client.post(f"/api/v1/admin/calls/{call.id}/acknowledge/"),
            409,
            "CALL_RESOLVED",
        )

    def test_completing_the_table_resolves_its_call(self, manager_client, world, menu, call):
        order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])

        response = manager_client.post(f"/api/v1/admin/tables/{world.table.id}/complete/")

        assert response.status_code == 200
        call.refresh_from_db()
        assert call.status == "resolved"

    @pytest.mark.parametrize("action", ["", "acknowledge/", "resolve/"])
    def test_another_stores_call_is_not_found(self, other_manager_client, call, action):
        method = other_manager_client.post if action else other_manager_client.get

        assert_error(method(f"/api/v1/admin/calls/{call.id}/{action}"), 404, "NOT_FOUND")
        call.refresh_from_db()
        assert call.status == "open"
        assert other_manager_client.get("/api/v1/admin/calls/").json() == []

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("get", "/api/v1/admin/calls/"),
            ("get", "/api/v1/admin/calls/{id}/"),
            ("post", "/api/v1/admin/calls/{id}/acknowledge/"),
            ("post", "/api/v1/admin/calls/{id}/resolve/"),
        ],
    )
    def test_a_table_is_no_manager(self, table_client, call, method, path):
        response = getattr(table_client, method)(path.format(id=call.id))

        assert_error(response, 403, "PERMISSION_DENIED")
        call.refresh_from_db()
        assert call.status == "open"

    @pytest.mark.parametrize(
        ("method", "path"), [("get", "/api/v1/calls/current/"), ("post", "/api/v1/calls/")]
    )
    def test_a_manager_is_no_table(self, manager_client, method, path):
        response = getattr(manager_client, method)(path, {"reason": "water"}, format="json")

        assert_error(response, 403, "PERMISSION_DENIED")
        assert not StaffCall.objects.exists()

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("get", "/api/v1/calls/current/"),
            ("post", "/api/v1/calls/"),
            ("get", "/api/v1/admin/calls/"),
            ("post", "/api/v1/admin/calls/1/resolve/"),
        ],
    )
    def test_nobody_without_a_token(self, api_client, world, method, path):
        assert_error(getattr(api_client, method)(path), 401, "NOT_AUTHENTICATED")


def test_options_describe_the_routes(table_client, manager_client):
    assert table_client.options("/api/v1/calls/").status_code == 200
    assert table_client.options("/api/v1/calls/current/").status_code == 200
    assert manager_client.options("/api/v1/admin/calls/").status_code == 200
