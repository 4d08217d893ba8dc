"""The sales figures, computed by the database: business days in the store's time zone,
deleted orders apart, the previous period beside, nothing of another store, and a fixed
number of queries whatever the period's length."""

from __future__ import annotations

from datetime import date, time

import pytest

from reports import selectors
from reports.periods import period_from
from reports.selectors import CategorySales, HourSales, ItemSales, OptionSales, Totals
from reports.tests.conftest import at


def report_of(store, **query):
    return selectors.sales_report(store=store, period=period_from(store=store, **query))


class TestSalesReport:
    def test_a_business_days_figures(self, world, menu, sales):
        report = report_of(world.store, day=date(2026, 12, 1))

        assert report.totals == Totals(
            revenue=38_000, orders=3, visits=2, deleted_orders=1, deleted_amount=9_000
        )
        assert (report.totals.average_per_visit, report.totals.average_per_order) == (
            19_000,
            12_667,
        )
        assert report.items == [
            ItemSales(menu_id=menu.cola.id, name="Cola", quantity=4, revenue=8_000),
            ItemSales(menu_id=menu.bibimbap.id, name="Bibimbap", quantity=2, revenue=22_000),
            ItemSales(menu_id=menu.stew.id, name="Kimchi stew", quantity=1, revenue=8_000),
        ]
        assert [item.name for item in report.items_by_revenue] == [
            "Bibimbap",
            "Cola",
            "Kimchi stew",
        ]
        assert report.options == [
            OptionSales(group="Add-ons", name="Cheese", quantity=2, revenue=4_000),
            OptionSales(group="Spice level", name="Hot", quantity=2, revenue=0),
        ]
        assert report.categories == [
            CategorySales(category_id=menu.mains.id, name="Mains", quantity=3, revenue=30_000),
            CategorySales(category_id=menu.drinks.id, name="Drinks", quantity=4, revenue=8_000),
        ]
        assert [(t.number, t.orders, t.revenue) for t in report.tables] == [
            (1, 2, 30_000),
            (2, 1, 8_000),
        ]
        assert [(d.date, d.orders, d.revenue) for d in report.days] == [
            (date(2026, 12, 1), 3, 38_000)
        ]

    def test_a_sale_at_0130_belongs_to_the_evening_before(self, world, sales):
        day = report_of(world.store, day=date(2026, 12, 1))
        next_day = report_of(world.store, day=date(2026, 12, 2))

        assert HourSales(hour=1, orders=1, revenue=6_000) in day.hours
        assert (next_day.totals.revenue, next_day.totals.orders) == (8_000, 1)
        assert next_day.hours[0] == HourSales(hour=5, orders=1, revenue=8_000)

    def test_hours_run_from_the_start_of_the_business_day(self, world, sales):
        hours = report_of(world.store, day=date(2026, 12, 1)).hours

        assert [h.hour for h in hours] == [*range(5, 24), *range(5)]
        assert [(h.hour, h.orders, h.revenue) for h in hours if h.orders] == [
            (12, 1, 24_000),
            (19, 1, 8_000),
            (1, 1, 6_000),
        ]

    def test_days_are_business_days_every_one_of_the_period(self, world, sales):
        week = report_of(world.store, week="2026-W49")  # Monday 11-30 to Sunday 12-06

        assert [(d.date.day, d.orders, d.revenue) for d in week.days] == [
            (30, 1, 16_000),
            (1, 3, 38_000),
            (2, 1, 8_000),
            (3, 0, 0),
            (4, 0, 0),
            (5, 0, 0),
            (6, 0, 0),
        ]
        assert week.totals.revenue == sum(d.revenue for d in week.days) == 62_000

    def test_a_deleted_order_is_counted_apart_never_in_revenue(self, world, sales):
        report = report_of(world.store, day=date(2026, 12, 1))

        assert (report.totals.deleted_orders, report.totals.deleted_amount) == (1, 9_000)
        assert "Mild" not in [option.name for option in report.options]
        assert sum(category.revenue for category in report.categories) == 38_000
        assert sum(table.revenue for table in report.tables) == 38_000

    def test_the_previous_period_is_beside_it(self, world, sales):
        report = report_of(world.store, day=date(2026, 12, 1))

        assert report.previous_period.first_day == date(2026, 11, 30)
        assert report.previous_totals == Totals(
            revenue=16_000, orders=1, visits=1, deleted_orders=0, deleted_amount=0
        )

    def test_another_stores_sales_are_never_counted(self, world, sales):
        ours = report_of(world.store, day=date(2026, 12, 1))
        theirs = report_of(world.other_store, day=date(2026, 12, 1))

        assert "Ramen" not in [item.name for item in ours.items]
        assert theirs.totals == Totals(
            revenue=7_000, orders=1, visits=1, deleted_orders=0, deleted_amount=0
        )
        assert [item.name for item in theirs.items] == ["Ramen"]
        assert theirs.previous_totals.revenue == 0

    def test_an_empty_period_is_all_zeros_and_reads_no_lines(
        self, world, django_assert_num_queries
    ):
        with django_assert_num_queries(4):  # totals, deletions, hours, tables
            report = report_of(world.store, month="2026-11")

        assert report.totals == Totals(0, 0, 0, 0, 0)
        assert (report.totals.average_per_visit, report.totals.average_per_order) == (0, 0)
        assert report.items == report.categories == report.tables == []
        assert len(report.days) == 30
        assert len(report.hours) == 24

    @pytest.mark.parametrize(
        "query",
        [{"day": date(2026, 12, 1)}, {"date_from": date(2026, 9, 3), "date_to": date(2026, 12, 1)}],
        ids=["1 day", "90 days"],
    )
    def test_costs_the_same_queries_for_1_day_or_90(
        self, world, sales, django_assert_num_queries, query
    ):
        period = period_from(store=world.store, **query)
        # 1 totals of this period and the one before (and its orders' first and last id),
        # 2 their deletions, 3 orders by the hour placed (hours of the day and days), 4 lines
        # by dish with its category, 5 options, 6 tables.
        with django_assert_num_queries(6):
            report = selectors.sales_report(store=world.store, period=period)
        assert report.totals.revenue == (38_000 if "day" in query else 16_000 + 38_000)


class TestDayClose:
    def test_the_days_close_with_deletions_and_the_visits_still_open(
        self, world, sales, time_machine
    ):
        time_machine.move_to(at(2, 2), tick=False)
        period = period_from(store=world.store, day=date(2026, 12, 1))

        close = selectors.day_close(store=world.store, period=period)

        assert close.totals.revenue == 38_000
        assert close.previous_totals.revenue == 16_000
        assert [(c.name, c.revenue) for c in close.categories] == [
            ("Mains", 30_000),
            ("Drinks", 8_000),
        ]
        assert [
            (d.number, d.table_number, d.from_status, d.total_amount) for d in close.deleted_orders
        ] == [(sales.mistake.number, 1, "pending", 9_000)]
        assert close.deleted_orders[0].deleted_at == at(1, 13, 5)
        assert [(v.table_number, v.order_count, v.total_amount) for v in close.open_visits] == [
            (1, 2, 30_000),  # the lunch and the late colas; the deleted order is gone
            (2, 2, 16_000),  # opened 12-01 19:00, with the 12-02 morning's order
        ]
        assert close.printed_at == at(2, 2)

    def test_costs_six_queries(self, world, sales, django_assert_num_queries):
        period = period_from(store=world.store, day=date(2026, 12, 1))
        # 1 totals, 2 deletions counted, 3 lines by dish and category, 4 orders by the hour
        # placed, 5 deletions listed, 6 open visits with their totals.
        with django_assert_num_queries(6):
            selectors.day_close(store=world.store, period=period)

    def test_another_stores_day_is_its_own(self, world, sales):
        period = period_from(store=world.other_store, day=date(2026, 12, 1))

        close = selectors.day_close(store=world.other_store, period=period)

        assert close.totals.revenue == 7_000
        assert close.deleted_orders == []
        assert [v.table_number for v in close.open_visits] == [1]


class TestADayStartingOnTheHalfHour:
    def test_hours_run_from_half_past_and_each_falls_in_one_business_day(self, world, menu, place):
        world.store.business_day_starts = time(5, 30)
        world.store.save()
        place(world.table, at(2, 5, 20), (menu.cola.id, 1))  # before 05:30: the evening before
        place(world.table, at(2, 5, 40), (menu.cola.id, 2))  # the next business day

        evening = report_of(world.store, day=date(2026, 12, 1))
        morning = report_of(world.store, day=date(2026, 12, 2))

        assert (evening.totals.revenue, morning.totals.revenue) == (2_000, 4_000)
        assert evening.hours[-1] == HourSales(hour=4, orders=1, revenue=2_000)  # 04:30-05:29
        assert morning.hours[0] == HourSales(hour=5, orders=1, revenue=4_000)  # 05:30-06:29
        assert [(d.date.day, d.revenue) for d in evening.days] == [(1, 2_000)]
