"""config/counters.py: a counter row bumped and read in one statement."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import transaction
from django_eventstream.models import EventCounter

from config.counters import increment, increment_or_start
from orders.models import OrderNumberCounter

pytestmark = pytest.mark.django_db


def test_returns_each_new_value_and_stores_it(store):
    OrderNumberCounter.objects.create(store=store, last_number=41)

    with transaction.atomic():
        values = [increment(OrderNumberCounter, "last_number", where={"store_id": store.id})]
        values.append(increment(OrderNumberCounter, "last_number", where={"store_id": store.id}))

    assert values == [42, 43]
    assert OrderNumberCounter.objects.get(store=store).last_number == 43


def test_touches_only_the_matching_row(world):
    mine = OrderNumberCounter.objects.create(store=world.store, last_number=5)
    theirs = OrderNumberCounter.objects.create(store=world.other_store, last_number=5)

    increment(OrderNumberCounter, "last_number", where={"store_id": mine.store_id})

    assert OrderNumberCounter.objects.get(pk=theirs.pk).last_number == 5


def test_sets_the_other_fields_given(db):
    EventCounter.objects.create(name="store-1", value=7)
    when = datetime(2026, 11, 25, 12, 30, 15, 250000, tzinfo=UTC)

    assert increment(EventCounter, "value", where={"name": "store-1"}, also={"updated": when}) == 8

    assert EventCounter.objects.get(name="store-1").updated == when


def test_none_when_no_row_matches(db):
    assert increment(EventCounter, "value", where={"name": "nobody"}) is None
    assert not EventCounter.objects.exists()


def test_starts_a_missing_counter_then_counts_from_it(store):
    def start():
        return OrderNumberCounter.objects.create(store=store)

    with transaction.atomic():
        values = [
            increment_or_start(
                OrderNumberCounter, "last_number", where={"store_id": store.id}, start=start
            )
            for _ in range(2)
        ]

    assert values == [1, 2]
    assert OrderNumberCounter.objects.get(store=store).last_number == 2
