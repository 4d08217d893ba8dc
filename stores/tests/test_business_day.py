"""A store's business day: from its start (05:00 unless the store says otherwise) to the same
time the next day, in the stores' time zone."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from stores.business_day import business_date, next_business_day_start

SEOUL = ZoneInfo("Asia/Seoul")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SEOUL)


class TestBusinessDay:
    @pytest.mark.parametrize(
        ("moment", "day", "next_start"),
        [
            (at(1, 21), 1, at(2, 5)),
            (at(2, 1, 30), 1, at(2, 5)),  # after midnight: still the evening before
            (at(2, 4, 59), 1, at(2, 5)),
            (at(2, 5), 2, at(3, 5)),
        ],
    )
    def test_the_day_turns_at_five(self, world, moment, day, next_start):
        assert business_date(world.store, moment).day == day
        assert next_business_day_start(world.store, moment) == next_start

    def test_a_store_may_start_its_day_at_another_time(self, world):
        world.store.business_day_starts = time(3, 0)

        assert business_date(world.store, at(2, 3, 30)).day == 2
        assert next_business_day_start(world.store, at(2, 1)) == at(2, 3)
