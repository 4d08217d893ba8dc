"""Reads of calls: the store's resolved calls of a business day, and what it costs."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from calls import selectors, services
from calls.templatetags.call_history import actor_name, took
from calls.tests.conftest import at
from stores.business_day import stores_zone


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


class TestResolvedCalls:
    def test_the_business_days_calls_newest_first(self, world, answered):
        # Business days start at 05:00: 04:30 on the 20th is the 19th's; 01:30 on the 21st is
        # still the 20th's; 05:00 on the 21st is the 21st's.
        answered(world.table, called=at(20, 4, 30), resolved=at(20, 4, 31))
        evening = answered(world.table, called=at(20, 19), resolved=at(20, 19, 5))
        late = answered(world.other_table, called=at(21, 1, 30), resolved=at(21, 1, 32))
        answered(world.table, called=at(21, 5), resolved=at(21, 5, 1))

        calls = selectors.store_resolved_calls(store=world.store, day=date(2026, 11, 20))

        assert [call.id for call in calls] == [late.id, evening.id]

    def test_a_day_starting_at_midnight(self, world, answered):
        world.store.business_day_starts = time(0, 0)
        late = answered(world.table, called=at(21, 1, 30), resolved=at(21, 1, 32))

        assert not selectors.store_resolved_calls(store=world.store, day=date(2026, 11, 20))
        calls = selectors.store_resolved_calls(store=world.store, day=date(2026, 11, 21))
        assert list(calls) == [late]

    def test_open_calls_and_other_stores_calls_are_left_out(self, world, answered, time_machine):
        answered(world.their_table, called=at(20, 19), resolved=at(20, 19, 5))
        time_machine.move_to(at(20, 20), tick=False)
        services.staff_call_create(table=world.table, reason_code="water")

        assert not selectors.store_resolved_calls(store=world.store, day=date(2026, 11, 20))
        theirs = selectors.store_resolved_calls(store=world.other_store, day=date(2026, 11, 20))
        assert [call.table for call in theirs] == [world.their_table]

    def test_one_query_however_many(self, world, answered, django_assert_num_queries):
        for minute in range(0, 50, 10):
            for table in (world.table, world.other_table):
                answered(table, called=at(20, 19, minute), resolved=at(20, 19, minute + 1))

        # 1 the calls with their tables
        with django_assert_num_queries(1):
            calls = list(selectors.store_resolved_calls(store=world.store, day=date(2026, 11, 20)))
            assert {call.table.number for call in calls} == {1, 2}
        assert len(calls) == 10


class TestCallHistoryFilters:
    @pytest.mark.parametrize(
        ("seconds", "shown"),
        [(0, "0 s"), (45, "45 s"), (60, "1 min 0 s"), (200, "3 min 20 s"), (3900, "1 h 5 min")],
    )
    def test_took(self, seconds, shown):
        start = at(20, 19)
        assert took(start, datetime.fromtimestamp(start.timestamp() + seconds, stores_zone())) == (
            shown
        )

    def test_took_without_an_end_and_with_a_clock_behind(self):
        assert took(at(20, 19), None) == ""
        assert took(at(20, 19), at(20, 18, 59)) == "0 s"

    @pytest.mark.parametrize(
        ("label", "shown"),
        [
            ("manager:3:alice", "alice"),
            ("staff:2:root", "root"),
            ("table:7", "table:7"),
            ("", ""),
        ],
    )
    def test_actor_name(self, label, shown):
        assert actor_name(label) == shown
