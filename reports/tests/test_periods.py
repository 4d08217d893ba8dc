"""Which business days a query names, and the period before it."""

from __future__ import annotations

from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import ValidationError

from reports.periods import Period, period_from
from reports.tests.conftest import at


def days(period: Period) -> tuple[str, date, date]:
    return period.kind, period.first_day, period.last_day


class TestPeriodFrom:
    def test_a_day_a_week_a_month_and_a_range(self, store):
        assert days(period_from(store=store, day=date(2026, 11, 30))) == (
            "day",
            date(2026, 11, 30),
            date(2026, 11, 30),
        )
        assert days(period_from(store=store, week="2026-W48")) == (
            "week",
            date(2026, 11, 23),
            date(2026, 11, 29),
        )
        assert days(period_from(store=store, month="2026-02")) == (
            "month",
            date(2026, 2, 1),
            date(2026, 2, 28),
        )
        assert days(
            period_from(store=store, date_from=date(2026, 11, 3), date_to=date(2026, 11, 5))
        ) == ("range", date(2026, 11, 3), date(2026, 11, 5))

    def test_nothing_named_is_the_business_day_now_which_at_0130_is_yesterday(self, store):
        with time_machine.travel(at(2, 1, 30), tick=False):
            assert days(period_from(store=store)) == ("day", date(2026, 12, 1), date(2026, 12, 1))
        with time_machine.travel(at(2, 5, 0), tick=False):
            assert days(period_from(store=store)) == ("day", date(2026, 12, 2), date(2026, 12, 2))

    def test_a_business_day_runs_from_the_stores_start_to_the_next(self, store):
        period = period_from(store=store, day=date(2026, 12, 1))

        assert (period.starts_at, period.ends_at) == (at(1, 5), at(2, 5))

    def test_the_stores_own_start_of_day_counts(self, store):
        store.business_day_starts = time(6, 30)

        period = period_from(store=store, day=date(2026, 12, 1))

        assert (period.starts_at, period.ends_at) == (at(1, 6, 30), at(2, 6, 30))

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ({"week": "2026-W54"}, "week"),
            ({"week": "26-W1"}, "week"),
            ({"month": "2026-13"}, "month"),
            ({"month": "November"}, "month"),
            ({"day": date(1999, 12, 31)}, "day"),
            ({"date_from": date(2026, 11, 5)}, "date_to"),
            ({"date_to": date(2026, 11, 5)}, "date_from"),
            ({"date_from": date(2026, 11, 5), "date_to": date(2026, 11, 4)}, "date_from"),
            ({"date_from": date(2025, 1, 1), "date_to": date(2026, 1, 2)}, "date_to"),
            ({"day": date(2026, 11, 5), "month": "2026-11"}, "month"),
        ],
    )
    def test_a_bad_query_is_refused_on_its_field(self, store, query, field):
        with pytest.raises(ValidationError) as refused:
            period_from(store=store, **query)

        assert list(refused.value.error_dict) == [field]


class TestPrevious:
    def test_the_same_length_just_before(self, store):
        week = period_from(store=store, week="2026-W48")
        assert days(week.previous()) == ("week", date(2026, 11, 16), date(2026, 11, 22))
        span = period_from(store=store, date_from=date(2026, 11, 3), date_to=date(2026, 11, 5))
        assert days(span.previous()) == ("range", date(2026, 10, 31), date(2026, 11, 2))
        day = period_from(store=store, day=date(2026, 3, 1))
        assert days(day.previous()) == ("day", date(2026, 2, 28), date(2026, 2, 28))

    def test_a_month_compares_with_the_month_before(self, store):
        march = period_from(store=store, month="2026-03")

        assert days(march.previous()) == ("month", date(2026, 2, 1), date(2026, 2, 28))
        assert days(march.following()) == ("month", date(2026, 4, 1), date(2026, 4, 30))
        assert march.previous().ends_at == march.starts_at
