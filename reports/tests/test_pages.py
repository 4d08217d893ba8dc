"""The sales pages: the figures and charts of a period, a bad period as a form error, the day
close, in a fixed number of queries, and only ever the signed-in manager's store."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import signed_in
from reports.tests.conftest import at
from stores.tokens import manager_token

SALES = "/manager/reports/"
DAY_CLOSE = "/manager/reports/day-close/"


class TestSalesPage:
    def test_a_days_figures_beside_the_day_before(self, world, sales):
        response = signed_in(world.manager).get(SALES, {"day": "2026-12-01"})

        assert response.status_code == 200
        body = response.content.decode()
        assert "₩38,000" in body  # revenue
        assert "before: ₩16,000" in body
        assert "+138%" in body  # 38,000 against 16,000
        assert "1 · ₩9,000" in body  # the deleted order, apart
        for name in ("Bibimbap", "Cola", "Kimchi stew", "Add-ons: Cheese", "Mains", "Drinks"):
            assert name in body
        assert "Ramen" not in body
        assert body.count('<svg class="chart') == 3  # by hour and the two top items: one day
        assert 'href="/manager/reports/export.csv?day=2026-12-01"' in body
        assert 'href="/manager/reports/day-close/?day=2026-12-01"' in body

    def test_a_month_has_its_days_chart(self, world, sales):
        body = signed_in(world.manager).get(SALES, {"month": "2026-12"}).content.decode()

        assert body.count('<svg class="chart') == 4
        assert "<title>2: ₩8,000</title>" in body  # 12-02's column
        assert 'href="?month=2026-11"' in body
        assert 'href="?month=2027-01"' in body

    def test_in_korean_amounts_read_in_won(self, world, sales):
        client = signed_in(world.manager)

        body = client.get(SALES, {"day": "2026-12-01"}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()

        assert '<html lang="ko">' in body
        assert "38,000원" in body

    @pytest.mark.parametrize(
        "query", [{"month": "2026-13"}, {"date_from": "2026-12-01"}, {"day": "yesterday"}]
    )
    def test_a_bad_period_is_a_form_error(self, world, query):
        response = signed_in(world.manager).get(SALES, query)

        assert response.status_code == 400
        assert 'class="field-error"' in response.content.decode()

    @pytest.mark.parametrize(
        "query", [{"day": "2026-12-01"}, {"date_from": "2026-09-03", "date_to": "2026-12-01"}]
    )
    def test_costs_the_same_queries_for_1_day_or_90(
        self, world, sales, django_assert_num_queries, query
    ):
        client = signed_in(world.manager)
        # 1 the session, 2 the manager, 3 their store, 4-9 the report's six (totals,
        # deletions, orders by the hour placed, lines by dish, options, tables), 10 the top
        # bar's open staff calls, 11 its new orders.
        with django_assert_num_queries(11):
            assert client.get(SALES, query).status_code == 200

    def test_another_stores_manager_sees_only_their_own(self, world, sales):
        body = signed_in(world.other_manager).get(SALES, {"day": "2026-12-01"}).content.decode()

        assert "₩7,000" in body
        assert "Bibimbap" not in body
        assert "₩38,000" not in body

    def test_nobody_else_gets_in(self, world):
        for url in (SALES, DAY_CLOSE, "/manager/reports/export.csv"):
            assert Client().get(url)["Location"] == f"/manager/login/?next={url}"
            bearer = f"Bearer {manager_token(world.manager)}"
            assert Client().get(url, HTTP_AUTHORIZATION=bearer).status_code == 302


class TestDayClosePage:
    def test_the_day_close_to_print(self, world, sales, time_machine):
        time_machine.move_to("2026-12-01T17:30:00Z", tick=False)  # 02:30 in Seoul
        client = signed_in(world.manager)

        response = client.get(DAY_CLOSE, {"day": "2026-12-01"})

        assert response.status_code == 200
        body = response.content.decode()
        assert "Printed 2026-12-02 02:30" in body
        assert f"#{sales.mistake.number}" in body
        assert "₩9,000" in body
        assert "12:00" in body
        assert "01:00" in body
        assert "data-print" in body
        assert "manager/reports.css" in body

    def test_a_bad_day_is_a_form_error(self, world):
        response = signed_in(world.manager).get(DAY_CLOSE, {"day": "2026-02-30"})

        assert response.status_code == 400
        assert 'class="field-error"' in response.content.decode()


def test_names_are_shown_as_text_in_tables_and_charts(world, menu, place):
    menu.stew.name = '<script>alert("x")</script>'
    menu.stew.save()
    place(world.table, at(1, 12), (menu.stew.id, 1))

    body = signed_in(world.manager).get(SALES, {"day": "2026-12-01"}).content.decode()

    assert "<script>alert" not in body
    # The items' table, and each top-items chart's bar label and its title.
    assert body.count("&lt;script&gt;alert(&quot;x&quot;)") >= 3
