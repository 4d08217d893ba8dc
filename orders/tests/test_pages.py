"""The floor's pages: what they cost in queries, and a table's history by dates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from conftest import TABLE_PASSWORD, signed_in
from orders.models import Order
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.models import LoginThrottle, Table


class TestQueryCounts:
    """Pages cost the same number of queries however many tables and orders there are."""

    def fill_the_floor(self, world, menu, tables: int) -> None:
        from calls.services import staff_call_create
        from stores.services import table_create

        for number in range(3, 3 + tables):
            table = table_create(store=world.store, number=number, password="pass")
            staff_call_create(table=table, reason_code="water")
            for _ in range(2):
                order_place(
                    table=table, lines=[OrderLine(menu.bibimbap.id, 1), OrderLine(menu.cola.id, 2)]
                )

    # Every page: 1 the session, 2 its manager, 3 the manager's store, and last the top bar's
    # counts of open staff calls and of new orders. The dashboard: 4 the tables, for its
    # filter (its cards are drawn from GET /api/v1/admin/floor/, test_floor_api). The tables
    # page: 4 the tables, 5 their open visits with totals (and the oldest order each has still
    # to serve), 6 the visits' newest orders, 7 their items, 8 the items' options, 9 the
    # tables locked out of signing in. The menu: 4 the categories, 5 their items, 6 the option
    # groups they offer.
    @pytest.mark.parametrize(
        ("url", "queries"),
        [("/manager/", 6), ("/manager/tables/", 11), ("/manager/menu/", 8)],
    )
    def test_lists(self, world, menu, django_assert_num_queries, url, queries):
        self.fill_the_floor(world, menu, tables=30)
        client = signed_in(world.manager)

        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200

    def test_a_visit(self, world, menu, django_assert_num_queries):
        self.fill_the_floor(world, menu, tables=1)
        table = Table.objects.get(store=world.store, number=3)
        for _ in range(10):
            order_place(table=table, lines=[OrderLine(menu.stew.id, 1)])
        client = signed_in(world.manager)

        # 1-3 session, manager, store; 4-8 the table with its open visit, newest orders,
        # their items and the items' options; 9 the visit's orders, 10 their items, 11 the
        # items' options; 12-13 the top bar's counts. The first time, its new orders are marked
        # seen, in a transaction (2 queries): 14 their rows, locked, 15 the update, 16-17 the
        # orders_seen event stored (its channel's counter moved on and read, the event).
        with django_assert_num_queries(19):
            assert client.get(f"/manager/tables/{table.id}/").status_code == 200
        with django_assert_num_queries(13):
            assert client.get(f"/manager/tables/{table.id}/").status_code == 200
        assert Order.objects.filter(visit__table=table).count() == 12


class TestHistory:
    def visit_ended_on(self, world, menu, time_machine, when) -> Order:
        time_machine.move_to(when)
        order = order_place(table=world.table, lines=[OrderLine(menu.stew.id, 3)]).order
        signed_in(world.manager).post(f"/manager/tables/{world.table.id}/complete/")
        return order

    def test_finds_visits_by_the_dates_they_ended_in(self, world, menu, time_machine):

        seoul = ZoneInfo("Asia/Seoul")
        early = self.visit_ended_on(
            world, menu, time_machine, datetime(2026, 11, 2, 20, tzinfo=seoul)
        )
        late = self.visit_ended_on(
            world, menu, time_machine, datetime(2026, 11, 20, 21, tzinfo=seoul)
        )
        client = signed_in(world.manager)
        url = f"/manager/tables/{world.table.id}/history/"

        november = client.get(url, {"date_from": "2026-11-01", "date_to": "2026-11-30"})
        first_week = client.get(url, {"date_from": "2026-11-01", "date_to": "2026-11-07"})
        last_seven_days = client.get(url)  # "today" is 20 November

        assert november.status_code == 200
        assert november.content.decode().count('class="past-visit"') == 2
        assert f"#{early.number}" in first_week.content.decode()
        assert f"#{late.number}" not in first_week.content.decode()
        assert "₩24,000" in first_week.content.decode()
        assert last_seven_days.content.decode().count('class="past-visit"') == 1
        assert f"#{late.number}" in last_seven_days.content.decode()

    def test_dates_the_wrong_way_round_are_refused_on_the_form(self, world):
        response = signed_in(world.manager).get(
            f"/manager/tables/{world.table.id}/history/",
            {"date_from": "2026-11-10", "date_to": "2026-11-01"},
        )

        assert response.status_code == 400
        assert "The first date must not be after the second." in response.content.decode()

    @pytest.mark.parametrize("query", [{}, {"date_from": "2026-11-01", "date_to": "2026-11-30"}])
    def test_a_table_with_no_visits_says_so(self, world, query):
        response = signed_in(world.manager).get(f"/manager/tables/{world.table.id}/history/", query)

        assert response.status_code == 200
        assert "No visits ended in these dates." in response.content.decode()

    @pytest.mark.parametrize(
        "query",
        [{"date_from": "0001-01-01"}, {"date_to": "9999-12-31"}, {"date_from": "1999-12-31"}],
    )
    def test_dates_out_of_range_are_refused_with_a_message(self, world, query):
        response = signed_in(world.manager).get(f"/manager/tables/{world.table.id}/history/", query)

        assert response.status_code == 400
        assert "Choose a date from 2000-01-01 to 2099-12-31." in response.content.decode()


class TestTableLockout:
    """A table whose sign-in is locked out says so on the tables page, and the manager ends
    it there."""

    def lock_out(self, api_client, number: int) -> None:
        for _ in range(5):
            api_client.post(
                "/api/v1/auth/table/",
                {"store": "alpha", "table_number": number, "password": "wrong"},
                format="json",
            )

    def test_the_tables_page_marks_the_locked_table(self, world, api_client):
        self.lock_out(api_client, 1)
        LoginThrottle.objects.create(
            key="table:alpha:2@10.0.0.1", failures=2, first_failure_at=timezone.now()
        )

        body = signed_in(world.manager).get("/manager/tables/").content.decode()

        rows = {
            row: body.split(f'id="table-row-{row}"')[1].split("</tr>")[0]
            for row in (world.table.id, world.other_table.id)
        }
        assert "Sign-in paused" in rows[world.table.id]
        assert "Sign-in paused" not in rows[world.other_table.id]  # failures, not locked
        assert f"/manager/tables/{world.table.id}/unlock/" in rows[world.table.id]

    def test_allow_sign_in_ends_the_lockout(self, world, api_client):
        self.lock_out(api_client, 1)

        response = signed_in(world.manager).post(
            f"/manager/tables/{world.table.id}/unlock/", follow=True
        )

        assert "Table 1 can sign in again." in response.content.decode()
        assert "Sign-in paused" not in response.content.decode()
        login = api_client.post(
            "/api/v1/auth/table/",
            {"store": "alpha", "table_number": 1, "password": TABLE_PASSWORD},
            format="json",
        )
        assert login.status_code == 200

    def test_another_stores_table_of_the_same_number_stays_locked(self, world, api_client):
        for _ in range(5):
            api_client.post(
                "/api/v1/auth/table/",
                {"store": "beta", "table_number": 1, "password": "wrong"},
                format="json",
            )

        signed_in(world.manager).post(f"/manager/tables/{world.table.id}/unlock/")

        assert LoginThrottle.objects.filter(key__startswith="table:beta:1").count() == 2


class TestNewOrders:
    """Every manager page counts the orders no manager has seen yet; opening their table or
    "Mark all as seen" clears them for every device of the store."""

    def badge(self, client, url: str) -> str:
        body = client.get(url).content.decode()
        return body.split('id="floor-news"')[1].split("</span>")[0]

    def test_every_page_counts_them_and_opening_the_table_clears_them(self, world, menu):
        for _ in range(2):
            order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])
        counter, phone = signed_in(world.manager), signed_in(world.manager)

        for url in ("/manager/", "/manager/tables/", "/manager/menu/"):
            assert "2 new orders" in self.badge(counter, url)

        visit = phone.get(f"/manager/tables/{world.table.id}/").content.decode()

        assert visit.count('class="order status-pending is-new"') == 2  # new this once
        assert "hidden" in self.badge(counter, "/manager/menu/")  # on the other device too
        again = phone.get(f"/manager/tables/{world.table.id}/").content.decode()
        assert "is-new" not in again

    def test_mark_all_as_seen(self, world, menu):
        order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])
        order_place(table=world.other_table, lines=[OrderLine(menu.cola.id, 1)])
        client = signed_in(world.manager)

        response = client.post("/manager/orders/seen/", follow=True)

        assert "2 new orders marked as seen." in response.content.decode()
        assert not Order.objects.filter(seen_at=None).exists()
