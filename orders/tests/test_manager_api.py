"""/api/v1/admin/tables/ and /api/v1/admin/orders/: the manager runs the floor."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from conftest import TABLE_PASSWORD, assert_error, bearer_client, with_forged_signature
from orders.models import Order, OrderChange, Visit
from orders.order_lines import OrderLine
from orders.services import order_place, order_set_status, table_complete
from orders.tests.test_tablet_api import expected_order
from stores.models import Table
from stores.services import table_create
from stores.tokens import manager_token, table_token

TABLES = "/api/v1/admin/tables/"
ORDERS = "/api/v1/admin/orders/"
SEOUL = ZoneInfo("Asia/Seoul")


def place(world, menu, table=None, *, cola=1, stew=0) -> Order:
    table = table or world.table
    if table.store_id != world.store.id:
        return order_place(table=table, lines=[OrderLine(menu.their_noodles.id, 1)]).order
    lines = [OrderLine(menu.cola.id, cola)] + ([OrderLine(menu.stew.id, stew)] if stew else [])
    return order_place(table=table, lines=lines).order


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


class TestTableList:
    def test_shows_each_table_with_its_visit_and_newest_three_orders(
        self, manager_client, world, menu
    ):
        orders = [place(world, menu, cola=n) for n in range(1, 5)]
        session = Visit.objects.get()

        response = manager_client.get(TABLES)

        assert response.status_code == 200
        assert response.json() == [
            {
                "id": world.table.id,
                "number": 1,
                "current_session": {
                    "id": session.id,
                    "started_at": iso(session.started_at),
                    "order_count": 4,
                    "total_amount": (1 + 2 + 3 + 4) * 2000,
                    "oldest_unserved_at": iso(orders[0].created_at),
                },
                "recent_orders": [expected_order(o, world.table) for o in orders[:0:-1]],
            },
            {"id": world.other_table.id, "number": 2, "current_session": None, "recent_orders": []},
        ]

    def test_a_completed_visit_leaves_the_card_at_zero(self, manager_client, world, menu):
        place(world, menu)
        table_complete(table=world.table, actor=world.manager)

        card = manager_client.get(TABLES).json()[0]

        assert (card["current_session"], card["recent_orders"]) == (None, [])

    @pytest.mark.parametrize("tables", [1, 50])
    def test_costs_the_same_queries_for_1_or_50_busy_tables(
        self, manager_client, world, menu, django_assert_num_queries, tables
    ):
        for number in range(3, 3 + tables):
            table = table_create(store=world.store, number=number, password="pass")
            for _ in range(4):
                place(world, menu, table, stew=2)

        # 1: the manager behind the token, 2: the store's position (the answer is kept until
        # it moves: test_kept_answers), 3: tables, 4: open visits with totals, 5: their newest
        # orders with tables, 6: those orders' items, 7: the items' options.
        with django_assert_num_queries(7):
            response = manager_client.get(TABLES)

        assert len(response.json()) == tables + 2


class TestTableChanges:
    @pytest.mark.parametrize("password", ["", "abc"])
    def test_a_password_too_short_to_resist_guessing_is_refused(
        self, manager_client, world, password
    ):
        response = manager_client.post(TABLES, {"number": 9, "password": password}, format="json")

        assert "password" in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert not Table.objects.filter(store=world.store, number=9).exists()
        with pytest.raises(ValidationError):
            table_create(store=world.store, number=9, password=password)

    def test_creates_a_table(self, manager_client, world):
        response = manager_client.post(TABLES, {"number": 9, "password": "pass-9"}, format="json")

        assert response.status_code == 201
        table = Table.objects.get(store=world.store, number=9)
        assert response.json() == {
            "id": table.id,
            "number": 9,
            "current_session": None,
            "recent_orders": [],
        }
        assert table.check_password("pass-9")
        assert "pass-9" not in table.password

    def test_a_taken_number_is_a_conflict(self, manager_client, world):
        response = manager_client.post(TABLES, {"number": 1, "password": "pass"}, format="json")

        assert_error(response, 409, "TABLE_NUMBER_TAKEN")
        assert Table.objects.filter(store=world.store).count() == 2

    def test_another_stores_numbers_do_not_count(self, manager_client, world):
        world.their_table.number = 7
        world.their_table.save()

        response = manager_client.post(TABLES, {"number": 7, "password": "pass"}, format="json")

        assert response.status_code == 201

    @pytest.mark.parametrize(
        "body",
        [{"number": 0, "password": "x"}, {"number": 1000, "password": "x"}, {"number": 5}],
    )
    def test_bad_tables_are_validation_errors(self, manager_client, world, body):
        assert_error(manager_client.post(TABLES, body, format="json"), 400, "VALIDATION_ERROR")

    def test_renumbers_a_table(self, manager_client, world):
        response = manager_client.patch(f"{TABLES}{world.table.id}/", {"number": 5}, format="json")

        assert response.status_code == 200
        assert response.json()["number"] == 5

    def test_renumbering_onto_a_taken_number_is_a_conflict(self, manager_client, world):
        response = manager_client.patch(f"{TABLES}{world.table.id}/", {"number": 2}, format="json")

        assert_error(response, 409, "TABLE_NUMBER_TAKEN")
        world.table.refresh_from_db()
        assert world.table.number == 1

    def test_a_new_password_ends_the_tablets_tokens(self, manager_client, world, menu):
        tablet = bearer_client(table_token(world.table))

        response = manager_client.patch(
            f"{TABLES}{world.table.id}/", {"password": "brand-new"}, format="json"
        )

        assert response.status_code == 200
        assert_error(tablet.get("/api/v1/orders/"), 401, "TOKEN_INVALID")
        world.table.refresh_from_db()
        assert world.table.check_password("brand-new")

    def test_deletes_a_table_and_frees_its_number(self, manager_client, world, menu):
        tablet = bearer_client(table_token(world.table))
        place(world, menu)
        table_complete(table=world.table, actor=world.manager)

        response = manager_client.delete(f"{TABLES}{world.table.id}/")

        assert response.status_code == 204
        assert [t["number"] for t in manager_client.get(TABLES).json()] == [2]
        assert_error(tablet.get("/api/v1/orders/"), 401, "TOKEN_INVALID")
        assert Visit.objects.filter(table=world.table).count() == 1  # history stays
        created = manager_client.post(TABLES, {"number": 1, "password": "pass"}, format="json")
        assert created.status_code == 201

    def test_a_table_with_an_open_visit_cannot_be_deleted(self, manager_client, world, menu):
        place(world, menu)

        assert_error(manager_client.delete(f"{TABLES}{world.table.id}/"), 409, "TABLE_IN_USE")
        assert manager_client.get(f"{TABLES}{world.table.id}/").status_code == 200

    def test_put_is_not_allowed(self, manager_client, world):
        response = manager_client.put(f"{TABLES}{world.table.id}/", {"number": 3}, format="json")

        assert_error(response, 405, "METHOD_NOT_ALLOWED")


class TestCompleteTable:
    def test_closes_the_visit_and_returns_table_and_session(self, manager_client, world, menu):
        first = place(world, menu, cola=2)
        second = place(world, menu, stew=1)

        response = manager_client.post(f"{TABLES}{world.table.id}/complete/")

        assert response.status_code == 200
        session = Visit.objects.get()
        assert session.ended_at is not None
        assert response.json() == {
            "table": {
                "id": world.table.id,
                "number": 1,
                "current_session": None,
                "recent_orders": [],
            },
            "session": {
                "id": session.id,
                "table": {"id": world.table.id, "number": 1},
                "started_at": iso(session.started_at),
                "ended_at": iso(session.ended_at),
                "total_amount": first.total_amount + second.total_amount,
                "orders": [
                    expected_order(second, world.table),
                    expected_order(first, world.table),
                ],
            },
        }
        assert bearer_client(table_token(world.table)).get("/api/v1/orders/").json() == []

    def test_without_an_open_visit_is_a_conflict(self, manager_client, world):
        response = manager_client.post(f"{TABLES}{world.table.id}/complete/")

        assert_error(response, 409, "NO_ACTIVE_SESSION")


class TestHistory:
    def visit(self, world, menu, ended_at: datetime) -> Visit:
        with time_machine.travel(ended_at - timedelta(hours=1), tick=False):
            order = place(world, menu)
        with time_machine.travel(ended_at, tick=False):
            table_complete(table=world.table, actor=world.manager)
        return Visit.objects.get(pk=order.visit_id)

    def test_lists_visits_that_ended_within_the_dates_in_the_stores_time_zone(
        self, manager_client, world, menu
    ):
        # 23:30 on 1 March in Seoul is still 1 March there, although it is 14:30 UTC.
        late_first = self.visit(world, menu, datetime(2026, 3, 1, 23, 30, tzinfo=SEOUL))
        early_second = self.visit(world, menu, datetime(2026, 3, 2, 0, 30, tzinfo=SEOUL))
        self.visit(world, menu, datetime(2026, 2, 28, 23, 59, tzinfo=SEOUL))

        response = manager_client.get(
            f"{TABLES}{world.table.id}/history/?date_from=2026-03-01&date_to=2026-03-02"
        )

        assert response.status_code == 200
        body = response.json()
        assert (body["count"], body["next"], body["previous"]) == (2, None, None)
        assert [s["id"] for s in body["results"]] == [early_second.id, late_first.id]
        result = body["results"][1]
        assert result["ended_at"] == iso(late_first.ended_at)
        assert result["total_amount"] == 2000
        assert len(result["orders"]) == 1

    def test_defaults_to_the_last_7_days(self, manager_client, world, menu):
        now = timezone.now()
        recent = self.visit(world, menu, now - timedelta(days=6))
        self.visit(world, menu, now - timedelta(days=8))

        response = manager_client.get(f"{TABLES}{world.table.id}/history/")

        assert [s["id"] for s in response.json()["results"]] == [recent.id]

    def test_open_visits_are_not_history(self, manager_client, world, menu):
        place(world, menu)

        assert manager_client.get(f"{TABLES}{world.table.id}/history/").json()["count"] == 0

    @pytest.mark.parametrize(
        "query",
        ["date_from=2026-13-01", "date_to=yesterday", "date_from=2026-03-02&date_to=2026-03-01"],
    )
    def test_bad_dates_are_validation_errors(self, manager_client, world, query):
        response = manager_client.get(f"{TABLES}{world.table.id}/history/?{query}")

        assert_error(response, 400, "VALIDATION_ERROR")

    @pytest.mark.parametrize(
        ("query", "field"),
        [("date_from=0001-01-01", "date_from"), ("date_to=9999-12-31", "date_to")],
    )
    def test_dates_out_of_range_are_validation_errors_not_500s(
        self, manager_client, world, query, field
    ):
        response = manager_client.get(f"{TABLES}{world.table.id}/history/?{query}")

        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert body["fields"] == {field: ["Choose a date from 2000-01-01 to 2099-12-31."]}

    def test_no_visits_is_an_empty_page(self, manager_client, world):
        response = manager_client.get(f"{TABLES}{world.table.id}/history/")

        assert response.status_code == 200
        assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}

    @pytest.mark.parametrize("visits", [1, 50])
    def test_costs_the_same_queries_for_1_or_50_visits(
        self, manager_client, world, menu, django_assert_num_queries, visits
    ):
        for day in range(visits):
            self.visit(world, menu, timezone.now() - timedelta(minutes=day + 1))

        # 1: manager, 2: the table, 3: count, 4: visits with totals, 5: orders, 6: items,
        # 7: their options.
        with django_assert_num_queries(7):
            response = manager_client.get(f"{TABLES}{world.table.id}/history/")

        assert response.json()["count"] == visits


class TestOrderList:
    def test_lists_open_visits_orders_newest_first_paginated(self, manager_client, world, menu):
        first = place(world, menu)
        table_complete(table=world.table, actor=world.manager)
        second = place(world, menu, world.other_table)
        third = place(world, menu, stew=1)
        place(world, menu, world.their_table)

        response = manager_client.get(ORDERS)

        assert response.status_code == 200
        assert response.json() == {
            "count": 2,
            "next": None,
            "previous": None,
            "results": [
                expected_order(third, world.table),
                expected_order(second, world.other_table),
            ],
        }
        assert first.id not in [o["id"] for o in response.json()["results"]]

    def test_filters_by_status_and_table(self, manager_client, world, menu):
        pending = place(world, menu)
        preparing = place(world, menu)
        order_set_status(order=preparing, status="preparing", actor=world.manager)
        other = place(world, menu, world.other_table)

        by_status = manager_client.get(f"{ORDERS}?status=preparing").json()["results"]
        by_table = manager_client.get(f"{ORDERS}?table={world.other_table.id}").json()["results"]
        both = manager_client.get(f"{ORDERS}?status=pending&table={world.table.id}").json()

        assert [o["id"] for o in by_status] == [preparing.id]
        assert [o["id"] for o in by_table] == [other.id]
        assert [o["id"] for o in both["results"]] == [pending.id]

    def test_empty_filters_filter_nothing(self, manager_client, world, menu):
        place(world, menu)

        assert manager_client.get(f"{ORDERS}?status=&table=").json()["count"] == 1

    def test_a_bad_filter_is_a_validation_error(self, manager_client, world):
        assert_error(manager_client.get(f"{ORDERS}?status=cooking"), 400, "VALIDATION_ERROR")

    @pytest.mark.parametrize("orders", [1, 50])
    def test_costs_the_same_queries_for_1_or_50_orders(
        self, manager_client, world, menu, django_assert_num_queries, orders
    ):
        for _ in range(orders):
            place(world, menu, stew=1)

        # 1: manager, 2: count, 3: the page of orders with tables, 4: their items,
        # 5: their options.
        with django_assert_num_queries(5):
            response = manager_client.get(ORDERS)

        assert response.json()["count"] == orders


class TestSeen:
    """What is new to the floor, kept on the server for every device of the store."""

    def test_a_new_order_is_unseen_and_listed_as_such(self, manager_client, world, menu):
        new = place(world, menu)
        moved_on = place(world, menu)
        order_set_status(order=moved_on, status="preparing", actor=world.manager)

        unseen = manager_client.get(f"{ORDERS}?seen=false").json()
        seen = manager_client.get(f"{ORDERS}?seen=true").json()

        assert (unseen["count"], [o["id"] for o in unseen["results"]]) == (1, [new.id])
        assert [o["id"] for o in seen["results"]] == [moved_on.id]
        assert manager_client.get(f"{ORDERS}?seen=").json()["count"] == 2
        assert manager_client.get(f"{ORDERS}{new.id}/").json()["seen_at"] is None

    def test_marking_a_tables_orders_seen(self, manager_client, world, menu):
        first, second = place(world, menu), place(world, menu)
        elsewhere = place(world, menu, world.other_table)

        response = manager_client.post(
            f"{ORDERS}seen/", {"table_id": world.table.id}, format="json"
        )

        assert response.status_code == 200
        assert response.json() == {"order_ids": [first.id, second.id]}
        unseen = manager_client.get(f"{ORDERS}?seen=false").json()["results"]
        assert [o["id"] for o in unseen] == [elsewhere.id]
        assert manager_client.post(f"{ORDERS}seen/", {}, format="json").json() == {
            "order_ids": [elsewhere.id]
        }

    def test_another_stores_table_is_not_found(self, other_manager_client, world, menu):
        place(world, menu)

        response = other_manager_client.post(
            f"{ORDERS}seen/", {"table_id": world.table.id}, format="json"
        )

        assert_error(response, 404, "NOT_FOUND")
        assert Order.objects.get().seen_at is None

    @pytest.mark.parametrize("table_id", ["1", 0, -1, 2**63, None, True])
    def test_a_bad_table_id_is_a_validation_error(self, manager_client, world, menu, table_id):
        place(world, menu)

        response = manager_client.post(f"{ORDERS}seen/", {"table_id": table_id}, format="json")

        assert assert_error(response, 400, "VALIDATION_ERROR")["fields"].keys() == {"table_id"}
        assert Order.objects.get().seen_at is None

    def test_a_bad_seen_filter_is_a_validation_error(self, manager_client, world):
        body = assert_error(manager_client.get(f"{ORDERS}?seen=maybe"), 400, "VALIDATION_ERROR")

        assert body["fields"].keys() == {"seen"}


class TestOrderChanges:
    def test_shows_an_order_with_its_record(self, manager_client, world, menu):
        order = place(world, menu)
        order_set_status(order=order, status="preparing", actor=world.manager)
        order.refresh_from_db()
        events = list(OrderChange.objects.order_by("id"))

        response = manager_client.get(f"{ORDERS}{order.id}/")

        assert response.status_code == 200
        assert response.json() == {
            **expected_order(order, world.table),
            "events": [
                {
                    "kind": "placed",
                    "from_status": "",
                    "to_status": "pending",
                    "actor": f"table:{world.table.id}",
                    "created_at": iso(events[0].created_at),
                },
                {
                    "kind": "status_changed",
                    "from_status": "pending",
                    "to_status": "preparing",
                    "actor": f"manager:{world.manager.id}:manager",
                    "created_at": iso(events[1].created_at),
                },
            ],
            "seen_at": iso(order.seen_at),  # moving it on was seeing it
        }

    def test_history_orders_are_readable(self, manager_client, world, menu):
        order = place(world, menu)
        table_complete(table=world.table, actor=world.manager)

        assert manager_client.get(f"{ORDERS}{order.id}/").status_code == 200

    def test_moves_an_order_forward(self, manager_client, world, menu):
        order = place(world, menu)

        response = manager_client.patch(
            f"{ORDERS}{order.id}/", {"status": "preparing"}, format="json"
        )

        assert response.status_code == 200
        assert response.json()["status"] == "preparing"
        assert Order.objects.get().status == "preparing"

    def test_moving_back_is_a_conflict(self, manager_client, world, menu):
        order = place(world, menu)
        order_set_status(order=order, status="completed", actor=world.manager)

        response = manager_client.patch(
            f"{ORDERS}{order.id}/", {"status": "pending"}, format="json"
        )

        assert_error(response, 409, "INVALID_TRANSITION")
        assert Order.objects.get().status == "completed"

    def test_an_unknown_status_is_a_validation_error(self, manager_client, world, menu):
        order = place(world, menu)

        response = manager_client.patch(f"{ORDERS}{order.id}/", {"status": "eaten"}, format="json")

        assert_error(response, 400, "VALIDATION_ERROR")

    def test_history_cannot_change(self, manager_client, world, menu):
        order = place(world, menu)
        table_complete(table=world.table, actor=world.manager)

        patch = manager_client.patch(f"{ORDERS}{order.id}/", {"status": "preparing"}, format="json")
        delete = manager_client.delete(f"{ORDERS}{order.id}/")

        assert_error(patch, 409, "SESSION_CLOSED")
        assert_error(delete, 409, "SESSION_CLOSED")
        assert Order.objects.get().status == "pending"

    def test_deletes_an_order_and_keeps_its_record(self, manager_client, world, menu):
        order = place(world, menu)

        response = manager_client.delete(f"{ORDERS}{order.id}/")

        assert response.status_code == 204
        assert not Order.objects.exists()
        assert OrderChange.objects.filter(order_id=order.id, kind="deleted").exists()
        assert_error(manager_client.get(f"{ORDERS}{order.id}/"), 404, "NOT_FOUND")


MANAGER_ENDPOINTS = [
    ("get", TABLES),
    ("post", TABLES),
    ("get", TABLES + "{table}/"),
    ("patch", TABLES + "{table}/"),
    ("delete", TABLES + "{table}/"),
    ("post", TABLES + "{table}/complete/"),
    ("get", TABLES + "{table}/history/"),
    ("get", ORDERS),
    ("get", ORDERS + "{order}/"),
    ("patch", ORDERS + "{order}/"),
    ("delete", ORDERS + "{order}/"),
    ("post", ORDERS + "seen/"),
    ("get", "/api/v1/admin/floor/"),
]


class TestWhoMustNotGetIn:
    @pytest.fixture
    def target(self, world, menu):
        order = place(world, menu)
        return {"table": world.table.id, "order": order.id}

    @pytest.mark.parametrize(("method", "path"), MANAGER_ENDPOINTS)
    def test_a_table_token_is_forbidden(self, table_client, target, method, path):
        response = getattr(table_client, method)(path.format(**target), {}, format="json")

        assert_error(response, 403, "PERMISSION_DENIED")

    @pytest.mark.parametrize(("method", "path"), MANAGER_ENDPOINTS)
    def test_no_token_is_not_authenticated(self, api_client, target, method, path):
        response = getattr(api_client, method)(path.format(**target), {}, format="json")

        assert_error(response, 401, "NOT_AUTHENTICATED")

    @pytest.mark.parametrize(("method", "path"), MANAGER_ENDPOINTS)
    def test_an_expired_token_is_refused(self, world, target, method, path):
        with time_machine.travel(timezone.now() - timedelta(hours=17)):
            client = bearer_client(manager_token(world.manager))

        response = getattr(client, method)(path.format(**target), {}, format="json")

        assert_error(response, 401, "TOKEN_EXPIRED")

    @pytest.mark.parametrize(("method", "path"), MANAGER_ENDPOINTS)
    def test_a_forged_token_is_refused(self, world, target, method, path):
        forged = bearer_client(with_forged_signature(manager_token(world.manager)))

        response = getattr(forged, method)(path.format(**target), {}, format="json")

        assert_error(response, 401, "TOKEN_INVALID")

    @pytest.mark.parametrize(("method", "path"), [e for e in MANAGER_ENDPOINTS if "{" in e[1]])
    def test_another_stores_manager_gets_404_and_changes_nothing(
        self, other_manager_client, world, target, method, path
    ):
        response = getattr(other_manager_client, method)(
            path.format(**target), {"status": "completed", "number": 9}, format="json"
        )

        assert_error(response, 404, "NOT_FOUND")
        assert Order.objects.get().status == "pending"
        assert Visit.objects.get().ended_at is None
        assert Table.objects.get(pk=world.table.id).number == 1

    def test_another_stores_manager_lists_none_of_ours(self, other_manager_client, target):
        assert [t["number"] for t in other_manager_client.get(TABLES).json()] == [1, 2]
        assert other_manager_client.get(ORDERS).json()["count"] == 0
        theirs = other_manager_client.get(f"{ORDERS}?table={target['table']}").json()
        assert theirs["count"] == 0


class TestManagerSession:
    """The /manager/ pages call the same API with their session cookie."""

    def test_a_logged_in_manager_can_read(self, world, target_order):
        client = Client()
        client.force_login(world.manager)

        assert client.get(TABLES).status_code == 200

    def test_changes_need_the_csrf_token(self, world, target_order):
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.manager)

        response = client.post(TABLES, {"number": 8, "password": TABLE_PASSWORD})

        assert_error(response, 403, "PERMISSION_DENIED")
        assert not Table.objects.filter(number=8).exists()

    def test_platform_staff_sessions_are_not_managers(self, world, django_user_model):
        staff = django_user_model.objects.create_superuser(username="root", password="x")
        client = Client()
        client.force_login(staff)

        assert_error(client.get(TABLES), 401, "NOT_AUTHENTICATED")


@pytest.fixture
def target_order(world, menu) -> Order:
    return place(world, menu)
