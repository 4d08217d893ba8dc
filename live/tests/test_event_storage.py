"""Where live events are kept: channels opened with their store or table, events numbered in
the change's transaction, and pruned after the 24 hours they are kept for replay."""

from __future__ import annotations

import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_eventstream.models import Event, EventCounter

from live.channels import menu_channel, store_channel, table_channel
from live.storage import TransactionalEventStorage
from orders.models import OrderNumberCounter
from stores.services import table_create
from testsupport.live_server import AsgiServer


class TestChannels:
    def test_a_store_and_its_tables_come_with_their_counters(self, world):
        table = table_create(store=world.store, number=7, password="pass")

        assert OrderNumberCounter.objects.get(store=world.store).last_number == 0
        channels = (store_channel(world.store.id), menu_channel(world.store.id))
        for channel in (*channels, table_channel(table.id)):
            assert Event.objects.filter(channel=channel, eid=0).exists()  # replay's placeholder
        assert EventCounter.objects.get(name=menu_channel(world.store.id)).value == 0
        assert EventCounter.objects.get(name=table_channel(table.id)).value == 0
        # The store's floor heard of each table made: the world's two, and this one.
        assert EventCounter.objects.get(name=store_channel(world.store.id)).value == 3

    def test_events_are_numbered_per_channel_in_the_changes_transaction(self, world):
        storage = TransactionalEventStorage()
        channel = store_channel(world.store.id)

        other_channel = store_channel(world.other_store.id)
        before, other_before = (
            storage.get_current_id(channel),
            storage.get_current_id(other_channel),
        )

        with transaction.atomic():
            ids = [storage.append_event(channel, "new_order", "{}").id for _ in range(3)]

        assert ids == [before + 1, before + 2, before + 3]
        assert storage.get_current_id(channel) == before + 3
        assert storage.get_current_id(other_channel) == other_before

    @pytest.mark.django_db(transaction=True)
    def test_appending_outside_a_transaction_is_refused(self, world):
        with pytest.raises(RuntimeError):
            TransactionalEventStorage().append_event(store_channel(world.store.id), "x", "{}")


def prune() -> str:
    out = io.StringIO()
    call_command("prune_events", stdout=out)
    return out.getvalue()


class TestPruning:
    def old_and_new_events(self, world, time_machine) -> tuple[Event, Event]:
        storage = TransactionalEventStorage()
        channel = menu_channel(world.store.id)  # no event yet: the store's has its tables'
        time_machine.move_to(timezone.now() - timedelta(hours=24, minutes=1))
        with transaction.atomic():
            old = storage.append_event(channel, "new_order", "{}")
        time_machine.move_to(timezone.now() + timedelta(hours=24))
        with transaction.atomic():
            new = storage.append_event(channel, "new_order", "{}")
        return old, new

    def test_deletes_what_is_older_than_a_day_and_keeps_the_rest(self, world, time_machine):
        old, new = self.old_and_new_events(world, time_machine)

        out = prune()

        kept = Event.objects.filter(channel=menu_channel(world.store.id)).values_list("eid")
        assert set(kept) == {(0,), (new.id,)}  # the placeholder is a day younger than the old one
        assert old.id < new.id
        assert "1 old live events deleted" in out

    @pytest.mark.django_db(transaction=True)
    def test_the_server_prunes_on_its_own(self, world):
        channel = store_channel(world.store.id)
        Event.objects.filter(channel=channel).update(created=timezone.now() - timedelta(hours=25))
        server = AsgiServer(LIVE_EVENTS_PRUNE_SECONDS="1")
        try:
            deadline = time.monotonic() + 10
            while Event.objects.filter(channel=channel).exists() and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            server.stop()

        assert not Event.objects.filter(channel=channel).exists()
