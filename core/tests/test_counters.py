from datetime import UTC, datetime

import pytest
from django_eventstream.models import EventCounter

from core.counters import counter_bump
from orders.models import OrderNumberCounter

pytestmark = pytest.mark.django_db


def test_bumps_the_matching_row_and_returns_its_new_value(world):
    ours = OrderNumberCounter.objects.get(store=world.store)
    theirs = OrderNumberCounter.objects.get(store=world.other_store)

    first = counter_bump(OrderNumberCounter, "last_number", where={"store": world.store.id})
    second = counter_bump(OrderNumberCounter, "last_number", where={"store": world.store.id})

    assert (first, second) == (ours.last_number + 1, ours.last_number + 2)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.last_number == second
    assert theirs.last_number == 0


def test_sets_the_other_fields_in_the_same_statement(world):
    counter = EventCounter.objects.create(name="test-channel")
    when = datetime(2026, 12, 2, 1, 2, 3, 456789, tzinfo=UTC)

    assert (
        counter_bump(EventCounter, "value", where={"name": "test-channel"}, also={"updated": when})
        == 1
    )

    counter.refresh_from_db()
    assert (counter.value, counter.updated) == (1, when)


def test_no_matching_row_is_none_and_changes_nothing(world):
    assert counter_bump(EventCounter, "value", where={"name": "no-such-channel"}) is None
    assert not EventCounter.objects.filter(name="no-such-channel").exists()
