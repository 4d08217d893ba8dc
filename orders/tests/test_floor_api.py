"""GET /api/v1/admin/floor/: what the manager's live pages read when their stream opens, and
keep current from the events alone. The callers refused are in test_manager_api's
TestWhoMustNotGetIn (the bearer token's), here the pages' sessions."""

from __future__ import annotations

import pytest

from calls.services import staff_call_acknowledge, staff_call_create
from calls.tests.test_api import manager_call
from conftest import assert_error, signed_in
from orders.models import Order
from orders.services import order_set_status, orders_mark_seen, table_complete
from orders.tests.test_manager_api import iso, place
from orders.tests.test_tablet_api import expected_order
from stores.services import table_create, table_delete

FLOOR = "/api/v1/admin/floor/"


def floor_order(order: Order, table) -> dict:
    order.refresh_from_db()
    seen_at = iso(order.seen_at) if order.seen_at else None
    return {**expected_order(order, table), "seen_at": seen_at}


class TestTheFloor:
    def test_every_table_by_number_with_every_order_of_its_open_visit(
        self, manager_client, world, menu
    ):
        orders = [place(world, menu, cola=n) for n in range(1, 6)]
        order_set_status(order=orders[0], status="completed", actor=world.manager)
        visit = orders[0].visit

        response = manager_client.get(FLOOR)

        assert response.status_code == 200
        assert response.json() == {
            "tables": [
                {
                    "id": world.table.id,
                    "number": 1,
                    "session": {
                        "id": visit.id,
                        "started_at": iso(visit.started_at),
                        # All of them, newest first: the page counts and totals them itself.
                        "orders": [floor_order(o, world.table) for o in reversed(orders)],
                    },
                },
                {"id": world.other_table.id, "number": 2, "session": None},
            ],
            "calls": [],
        }
        assert response.json()["tables"][0]["session"]["orders"][-1]["seen_at"] is not None

    def test_what_is_new_is_the_servers(self, manager_client, world, menu):
        first, second = place(world, menu), place(world, menu, world.other_table)
        orders_mark_seen(store=world.store, table=world.table, actor=world.manager)

        tables = manager_client.get(FLOOR).json()["tables"]

        assert tables[0]["session"]["orders"][0]["id"] == first.id
        assert tables[0]["session"]["orders"][0]["seen_at"] is not None
        assert tables[1]["session"]["orders"][0]["id"] == second.id
        assert tables[1]["session"]["orders"][0]["seen_at"] is None

    def test_the_open_calls_oldest_first(self, manager_client, world, menu):
        water = staff_call_create(table=world.other_table, reason_code="water").call
        bill = staff_call_create(table=world.table, reason_code="bill").call
        water = staff_call_acknowledge(call=water, actor=world.manager)

        calls = manager_client.get(FLOOR).json()["calls"]

        assert calls == [manager_call(water), manager_call(bill)]

    def test_a_completed_visit_and_its_call_are_gone(self, manager_client, world, menu):
        place(world, menu)
        staff_call_create(table=world.table, reason_code="water")
        table_complete(table=world.table, actor=world.manager)

        floor = manager_client.get(FLOOR).json()

        assert floor["tables"][0]["session"] is None
        assert floor["calls"] == []

    def test_a_deleted_table_is_not_on_it(self, manager_client, world):
        table_delete(table=world.other_table)

        assert [t["number"] for t in manager_client.get(FLOOR).json()["tables"]] == [1]

    def test_another_stores_floor_is_never_in_it(self, manager_client, world, menu):
        place(world, menu, world.their_table)
        staff_call_create(table=world.their_table, reason_code="water")

        floor = manager_client.get(FLOOR).json()

        assert {t["id"] for t in floor["tables"]} == {world.table.id, world.other_table.id}
        assert all(t["session"] is None for t in floor["tables"])
        assert floor["calls"] == []

    def test_it_costs_the_same_queries_however_big_the_floor(
        self, manager_client, world, menu, django_assert_num_queries
    ):
        for number in range(3, 33):
            table = table_create(store=world.store, number=number, password="pass")
            staff_call_create(table=table, reason_code="water")
            for _ in range(3):
                place(world, menu, table, cola=1, stew=1)

        # 1 the manager the token names, with its store; 2 the store's position (the answer is
        # kept until it moves: test_kept_answers); 3 the tables, 4 their open visits, 5 the
        # visits' orders, 6 their items, 7 the items' options; 8 the open calls.
        with django_assert_num_queries(8):
            assert manager_client.get(FLOOR).status_code == 200

    def test_only_reads(self, manager_client):
        for method in ("post", "patch", "delete"):
            assert_error(getattr(manager_client, method)(FLOOR), 405, "METHOD_NOT_ALLOWED")


class TestThePagesSession:
    """The pages read it with their session cookie."""

    def test_a_managers_session_reads_it(self, world, menu):
        place(world, menu)

        response = signed_in(world.manager).get(FLOOR)

        assert response.status_code == 200
        assert response.json()["tables"][0]["session"]["orders"][0]["seen_at"] is None

    @pytest.mark.parametrize("who", ["kitchen_account", "staff"])
    def test_a_kitchen_account_and_platform_staff_are_refused(self, world, menu, who, request):
        place(world, menu)

        response = signed_in(request.getfixturevalue(who)).get(FLOOR)

        # Their sessions are no manager's: as good as none here.
        body = assert_error(response, 401, "NOT_AUTHENTICATED")
        assert "Cola" not in str(body)
