"""The calls' tests' own helpers: calls answered at given moments."""

from __future__ import annotations

from datetime import datetime

import pytest

from calls import services
from stores.business_day import stores_zone


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A moment of November 2026 in the stores' time zone."""
    return datetime(2026, 11, day, hour, minute, second, tzinfo=stores_zone())


@pytest.fixture
def answered(time_machine, world):
    """``answered(table, called=..., resolved=..., acknowledged=...)``: a call made, maybe
    acknowledged, and resolved at those moments by the table's store's manager (time stays
    at the last of them)."""

    def answered(table, *, called, resolved, acknowledged=None, reason="water", text=""):
        manager = world.manager if table.store_id == world.store.id else world.other_manager
        time_machine.move_to(called, tick=False)
        call = services.staff_call_create(table=table, reason_code=reason, text=text).call
        if acknowledged is not None:
            time_machine.move_to(acknowledged, tick=False)
            services.staff_call_acknowledge(call=call, actor=manager)
        time_machine.move_to(resolved, tick=False)
        return services.staff_call_resolve(call=call, actor=manager)

    return answered
