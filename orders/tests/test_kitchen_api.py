"""``/api/v1/kitchen/``: what a kitchen display reads and its taps, for managers and kitchen
accounts, against the contract (docs/api.md, "Kitchen display")."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import MANAGER_PASSWORD, assert_error
from orders import kitchen
from orders.models import Order
from orders.order_lines import OrderLine
from orders.services import order_place, table_complete

pytestmark = pytest.mark.django_db

KITCHEN = "/api/v1/kitchen/"


def bump(order_id: int) -> str:
    return f"/api/v1/kitchen/orders/{order_id}/bump/"


def recall(order_id: int) -> str:
    return f"/api/v1/kitchen/orders/{order_id}/recall/"


def check(line_id: int) -> str:
    return f"/api/v1/kitchen/lines/{line_id}/check/"


def place(world, *lines, table=None) -> Order:
    return order_place(table=table or world.table, lines=[OrderLine(*line) for line in lines]).order


@pytest.fixture
def kitchen_client(kitchen_account) -> APIClient:
    """The kitchen account as its display calls: the session cookie, CSRF enforced."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(kitchen_account)
    client.get("/kitchen/")  # sets the CSRF cookie, as the page does
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return client


class TestDisplay:
    def test_shows_the_orders_in_the_kitchen_oldest_first(
        self, manager_client, world, menu, options, bar
    ):
        first = place(world, (menu.stew.id, 1))
        second = order_place(
            table=world.other_table,
            lines=[OrderLine(menu.bibimbap.id, 1, (options.mild.id,), "no egg")],
            note="allergy: nuts",
        ).order
        done = place(world, (menu.cola.id, 1))
        with time_machine.travel(timezone.now() - kitchen.RECALL_WINDOW * 2):
            kitchen.ticket_bump(order=done, status="completed", actor=world.manager)
        place(world, (menu.their_noodles.id, 1), table=world.their_table)

        body = manager_client.get(KITCHEN).json()

        stations = list(world.store.stations.order_by("position"))
        assert body["stations"] == [{"id": s.id, "name": s.name} for s in stations]
        assert (body["amber_after_minutes"], body["red_after_minutes"]) == (10, 20)
        assert body["recall_minutes"] == 5
        assert [order["id"] for order in body["orders"]] == [first.id, second.id]
        assert body["orders"][1] == {
            "id": second.id,
            "number": 2,
            "status": "pending",
            "table": {"id": world.other_table.id, "number": 2},
            "session_id": second.visit_id,
            "note": "allergy: nuts",
            "created_at": body["orders"][1]["created_at"],
            "lines": [
                {
                    "id": second.items.get().id,
                    "menu_id": menu.bibimbap.id,
                    "name": "Bibimbap",
                    "quantity": 1,
                    "options": [{"group": "Spice level", "name": "Mild"}],
                    "note": "no egg",
                    "station_id": stations[0].id,
                    "done_at": None,
                }
            ],
            "tickets": [
                {
                    "station_id": stations[0].id,
                    "status": "pending",
                    "started_at": None,
                    "bumped_at": None,
                }
            ],
        }

    def test_a_ticket_bumped_minutes_ago_stays_for_its_recall(self, manager_client, world, menu):
        order = place(world, (menu.stew.id, 1))
        kitchen.ticket_bump(order=order, status="completed", actor=world.manager)

        (shown,) = manager_client.get(KITCHEN).json()["orders"]

        assert (shown["id"], shown["status"]) == (order.id, "completed")
        assert shown["tickets"][0]["bumped_at"] is not None

    @pytest.mark.parametrize("orders", [1, 12])
    def test_costs_the_same_queries_for_1_or_12_orders(
        self, manager_client, world, menu, bar, django_assert_num_queries, orders
    ):
        for _ in range(orders):
            place(world, (menu.stew.id, 2), (menu.cola.id, 1))

        # 1 the manager behind the token, 2 the store's stations, 3 the orders (of open
        # visits, waiting or recently bumped, with their tables), 4 their lines, 5 the lines'
        # options, 6 their tickets.
        with django_assert_num_queries(6):
            response = manager_client.get(KITCHEN)

        assert len(response.json()["orders"]) == orders

    def test_another_stores_manager_sees_their_own_kitchen_only(
        self, other_manager_client, world, menu
    ):
        place(world, (menu.stew.id, 1))

        body = other_manager_client.get(KITCHEN).json()

        assert body["orders"] == []
        assert body["stations"] == [
            {"id": s.id, "name": s.name} for s in world.other_store.stations.all()
        ]


class TestBump:
    def test_a_kitchen_account_starts_and_bumps_an_order(self, kitchen_client, world, menu):
        order = place(world, (menu.stew.id, 1))

        started = kitchen_client.post(bump(order.id), {"status": "preparing"}, format="json")
        bumped = kitchen_client.post(bump(order.id), {"status": "completed"}, format="json")

        assert started.status_code == 200
        assert [t["status"] for t in started.json()["tickets"]] == ["preparing"]
        assert bumped.json()["status"] == "completed"
        order.refresh_from_db()
        assert order.status == "completed"

    def test_one_stations_bump(self, manager_client, world, menu, bar):
        order = place(world, (menu.stew.id, 1), (menu.cola.id, 1))

        response = manager_client.post(
            bump(order.id), {"status": "completed", "station_id": bar.id}, format="json"
        )

        assert response.status_code == 200
        assert [t["status"] for t in response.json()["tickets"]] == ["pending", "completed"]
        assert response.json()["status"] == "preparing"

    def test_a_session_without_its_csrf_token_is_refused(self, kitchen_account, world, menu):
        order = place(world, (menu.stew.id, 1))
        client = APIClient(enforce_csrf_checks=True)
        client.force_login(kitchen_account)

        response = client.post(bump(order.id), {"status": "preparing"}, format="json")

        assert_error(response, 403, "PERMISSION_DENIED")
        order.refresh_from_db()
        assert order.status == "pending"

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"status": "pending"},
            {"status": "served"},
            {"status": "completed", "station_id": "2"},
            {"status": "completed", "station_id": 0},
        ],
    )
    def test_a_bad_body_is_a_validation_error(self, manager_client, world, menu, body):
        order = place(world, (menu.stew.id, 1))

        assert_error(
            manager_client.post(bump(order.id), body, format="json"), 400, "VALIDATION_ERROR"
        )
        order.refresh_from_db()
        assert order.status == "pending"

    def test_another_stores_station_is_not_found(self, manager_client, world, menu):
        order = place(world, (menu.stew.id, 1))
        theirs = world.other_store.stations.get()

        response = manager_client.post(
            bump(order.id), {"status": "completed", "station_id": theirs.id}, format="json"
        )

        assert_error(response, 404, "NOT_FOUND")

    def test_a_station_with_nothing_in_the_order_is_a_conflict(
        self, manager_client, world, menu, bar
    ):
        order = place(world, (menu.stew.id, 1))

        response = manager_client.post(
            bump(order.id), {"status": "completed", "station_id": bar.id}, format="json"
        )

        assert_error(response, 409, "INVALID_TRANSITION")

    def test_an_order_of_a_completed_table_is_a_conflict(self, manager_client, world, menu):
        order = place(world, (menu.stew.id, 1))
        table_complete(table=world.table, actor=world.manager)

        response = manager_client.post(bump(order.id), {"status": "completed"}, format="json")

        assert_error(response, 409, "SESSION_CLOSED")


class TestRecall:
    def test_brings_a_bumped_order_back(self, kitchen_client, world, menu):
        order = place(world, (menu.stew.id, 1))
        kitchen_client.post(bump(order.id), {"status": "completed"}, format="json")

        response = kitchen_client.post(recall(order.id), {}, format="json")

        assert response.status_code == 200
        assert response.json()["status"] == "preparing"

    def test_too_late_is_a_conflict(self, manager_client, world, menu):
        order = place(world, (menu.stew.id, 1))
        with time_machine.travel(timezone.now() - kitchen.RECALL_WINDOW - timedelta(seconds=5)):
            kitchen.ticket_bump(order=order, status="completed", actor=world.manager)

        assert_error(
            manager_client.post(recall(order.id), {}, format="json"), 409, "RECALL_TOO_LATE"
        )
        order.refresh_from_db()
        assert order.status == "completed"


class TestCheck:
    def test_checks_a_line_off_and_on(self, kitchen_client, world, menu):
        order = place(world, (menu.stew.id, 1))
        line = order.items.get()

        done = kitchen_client.post(check(line.id), {"done": True}, format="json")
        undone = kitchen_client.post(check(line.id), {"done": False}, format="json")

        assert done.json()["lines"][0]["done_at"] is not None
        assert undone.json()["lines"][0]["done_at"] is None

    @pytest.mark.parametrize("body", [{}, {"done": "yes"}, {"done": 1}, {"done": None}])
    def test_a_bad_body_is_a_validation_error(self, manager_client, world, menu, body):
        line = place(world, (menu.stew.id, 1)).items.get()

        assert_error(
            manager_client.post(check(line.id), body, format="json"), 400, "VALIDATION_ERROR"
        )

    def test_another_stores_line_is_not_found(self, other_manager_client, world, menu):
        line = place(world, (menu.stew.id, 1)).items.get()

        response = other_manager_client.post(check(line.id), {"done": True}, format="json")

        assert_error(response, 404, "NOT_FOUND")
        line.refresh_from_db()
        assert line.done_at is None


class TestKitchenAccounts:
    def test_sign_in_at_the_manager_login_and_land_on_the_display(self, world, kitchen_account):
        client = Client()
        response = client.post(
            "/manager/login/",
            {"store": "alpha", "username": "kitchen", "password": MANAGER_PASSWORD},
        )

        assert response.status_code == 302
        assert response["Location"] == "/kitchen/"
        assert client.get("/kitchen/").status_code == 200
        assert client.get("/manager/").status_code == 403

    def test_cannot_take_a_managers_token(self, api_client, world, kitchen_account):
        response = api_client.post(
            "/api/v1/auth/admin/",
            {"store": "alpha", "username": "kitchen", "password": MANAGER_PASSWORD},
            format="json",
        )

        assert_error(response, 401, "INVALID_CREDENTIALS")
