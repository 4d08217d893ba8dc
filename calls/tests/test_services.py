"""The rules of staff calls: one open call a table, the cooldown, acknowledging and resolving,
completing a table, the reasons a store offers, and the live events each change sends."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from calls import services
from calls.errors import CallResolved, CallTooSoon
from calls.models import CallReason, CallSettings, StaffCall
from calls.services import ReasonInput
from conftest import channel_events as events
from live.channels import store_channel, table_channel
from orders.order_lines import OrderLine
from orders.services import order_place, table_complete
from stores.services import store_create


def event_types(channel: str) -> list[str]:
    return [kind for kind, _ in events(channel)]


class TestDefaults:
    def test_every_new_store_starts_with_the_default_reasons_and_cooldown(self, world):
        codes = list(world.store.call_reasons.values_list("code", "position", "is_active"))

        assert codes == [
            ("water", 1, True),
            ("cutlery", 2, True),
            ("napkins", 3, True),
            ("bill", 4, True),
            ("other", 5, True),
        ]
        assert CallSettings.objects.get(store=world.store).cooldown_seconds == 30

    def test_a_store_made_by_the_service_gets_them_too(self, db):
        store, _ = store_create(
            code="gamma",
            name="Gamma",
            manager_username="m",
            manager_password="pass-pass-1",
            check_password_strength=False,
        )
        assert store.call_reasons.count() == 5


def beside_tables(channel: str) -> list[tuple[str, dict]]:
    """The events of a store's channel but its tables' own (``table_changed``, as they are
    made)."""
    return [event for event in events(channel) if event[0] != "table_changed"]


class TestCalling:
    def test_a_call_keeps_who_when_and_why(self, world, menu):
        world.store.language = "en"  # the label is kept as the store reads it
        world.store.save(update_fields=["language"])
        visit = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order.visit

        made = services.staff_call_create(table=world.table, reason_code="water")

        call = StaffCall.objects.get()
        assert made.created
        assert made.call == call
        assert (call.store, call.table, call.visit_id) == (world.store, world.table, visit.id)
        assert (call.reason_code, call.reason_label, call.text, call.status) == (
            "water",
            "Water",
            "",
            "open",
        )
        assert call.created_at is not None

    def test_a_call_before_the_first_order_has_no_visit(self, world):
        call = services.staff_call_create(table=world.table, reason_code="bill").call
        assert call.visit is None

    def test_other_takes_the_guests_words(self, world):
        call = services.staff_call_create(
            table=world.table, reason_code="other", text="  A high chair  "
        ).call
        assert call.text == "A high chair"

    def test_only_other_takes_words(self, world):
        with pytest.raises(ValidationError) as refusal:
            services.staff_call_create(table=world.table, reason_code="water", text="Now!")
        assert "text" in refusal.value.message_dict
        assert not StaffCall.objects.exists()

    @pytest.mark.parametrize("code", ["beer", "", "WATER"])
    def test_an_unknown_reason_is_refused(self, world, code):
        with pytest.raises(ValidationError) as refusal:
            services.staff_call_create(table=world.table, reason_code=code)
        assert "reason" in refusal.value.message_dict

    def test_a_hidden_reason_or_another_stores_is_refused(self, world):
        CallReason.objects.filter(store=world.store, code="napkins").update(is_active=False)
        CallReason.objects.create(store=world.other_store, code="custom-99", label="Theirs")
        for code in ("napkins", "custom-99"):
            with pytest.raises(ValidationError):
                services.staff_call_create(table=world.table, reason_code=code)

    def test_a_second_call_while_one_is_open_is_the_open_one(self, world):
        first = services.staff_call_create(table=world.table, reason_code="water").call

        again = services.staff_call_create(table=world.table, reason_code="bill")

        assert (again.created, again.call.id, again.call.reason_code) == (False, first.id, "water")
        assert StaffCall.objects.count() == 1
        assert event_types(store_channel(world.store.id)).count("staff_call") == 1

    def test_the_cooldown_counts_from_the_last_call(self, world):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            call = services.staff_call_create(table=world.table, reason_code="water").call
            services.staff_call_resolve(call=call, actor=world.manager)
        with time_machine.travel(start + timedelta(seconds=21), tick=False):
            with pytest.raises(CallTooSoon) as refusal:
                services.staff_call_create(table=world.table, reason_code="water")
            assert refusal.value.headers() == {"Retry-After": "9"}
            # Another table is not held back by this one.
            services.staff_call_create(table=world.other_table, reason_code="water")
        with time_machine.travel(start + timedelta(seconds=30), tick=False):
            assert services.staff_call_create(table=world.table, reason_code="bill").created

    def test_the_stores_cooldown_is_its_own(self, world):
        CallSettings.objects.filter(store=world.store).update(cooldown_seconds=0)
        call = services.staff_call_create(table=world.table, reason_code="water").call
        services.staff_call_resolve(call=call, actor=world.manager)
        assert services.staff_call_create(table=world.table, reason_code="water").created

    def test_a_call_is_announced_to_the_store_and_the_table_only(self, world):
        call = services.staff_call_create(table=world.table, reason_code="water").call

        ((kind, data),) = beside_tables(store_channel(world.store.id))
        assert kind == "staff_call"
        assert (data["id"], data["reason"], data["acknowledged_by"]) == (call.id, "water", "")
        ((kind, data),) = events(table_channel(world.table.id))
        assert kind == "staff_call"
        assert data["id"] == call.id
        assert "acknowledged_by" not in data  # who answered is for the store's eyes
        assert events(table_channel(world.other_table.id)) == []
        assert beside_tables(store_channel(world.other_store.id)) == []


class TestAnswering:
    @pytest.fixture
    def call(self, world):
        return services.staff_call_create(table=world.table, reason_code="water").call

    def test_acknowledge_then_resolve(self, world, call):
        acknowledged = services.staff_call_acknowledge(call=call, actor=world.manager)
        assert acknowledged.status == "acknowledged"
        assert acknowledged.acknowledged_by == f"manager:{world.manager.id}:manager"

        resolved = services.staff_call_resolve(call=call, actor=world.manager)

        resolved.refresh_from_db()
        assert resolved.status == "resolved"
        assert resolved.resolved_by == f"manager:{world.manager.id}:manager"
        assert resolved.acknowledged_at <= resolved.resolved_at
        assert event_types(table_channel(world.table.id)) == [
            "staff_call",
            "staff_call_updated",
            "staff_call_updated",
        ]

    def test_twice_changes_nothing(self, world, call):
        first = services.staff_call_acknowledge(call=call, actor=world.manager)
        again = services.staff_call_acknowledge(call=call, actor=world.other_manager)
        assert again.acknowledged_at == first.acknowledged_at
        assert again.acknowledged_by == first.acknowledged_by
        done = services.staff_call_resolve(call=call, actor=world.manager)
        assert services.staff_call_resolve(call=call, actor=world.manager).resolved_at == (
            done.resolved_at
        )
        assert event_types(store_channel(world.store.id)).count("staff_call_updated") == 2

    def test_a_call_resolved_without_acknowledging(self, world, call):
        resolved = services.staff_call_resolve(call=call, actor=world.manager)
        assert (resolved.status, resolved.acknowledged_at) == ("resolved", None)

    def test_a_resolved_call_cannot_be_acknowledged(self, world, call):
        services.staff_call_resolve(call=call, actor=world.manager)
        with pytest.raises(CallResolved):
            services.staff_call_acknowledge(call=call, actor=world.manager)

    def test_once_resolved_the_table_may_call_again_after_the_cooldown(self, world, call):
        services.staff_call_resolve(call=call, actor=world.manager)
        with time_machine.travel(timezone.now() + timedelta(seconds=31)):
            assert services.staff_call_create(table=world.table, reason_code="bill").created
        assert StaffCall.objects.count() == 2  # the first is kept


class TestTableCompletion:
    def test_completing_a_table_resolves_its_open_call(self, world, menu):
        order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])
        call = services.staff_call_create(table=world.table, reason_code="bill").call
        theirs = services.staff_call_create(table=world.other_table, reason_code="water").call

        table_complete(table=world.table, actor=world.manager)

        call.refresh_from_db()
        assert call.status == "resolved"
        assert call.resolved_by == f"manager:{world.manager.id}:manager"
        theirs.refresh_from_db()
        assert theirs.status == "open"
        # The call's end is heard before the table's reset.
        assert event_types(table_channel(world.table.id))[-2:] == [
            "staff_call_updated",
            "table_reset",
        ]


class TestReasons:
    def reasons(self, store):
        return list(CallReason.objects.filter(store=store))

    def test_rename_hide_reorder_and_add(self, world):
        water, cutlery, napkins, bill, other = self.reasons(world.store)
        services.call_reasons_update(
            store=world.store,
            cooldown_seconds=45,
            reasons=[
                ReasonInput(bill.id, "The check", True),
                ReasonInput(water.id, "", True),
                ReasonInput(cutlery.id, "", False),
                ReasonInput(napkins.id, "", True),
                ReasonInput(other.id, "", True),
            ],
            new_label="A high chair",
        )

        saved = [(r.code, r.display_label, r.is_active) for r in self.reasons(world.store)]
        assert saved[:5] == [
            ("bill", "The check", True),
            ("water", "Water", True),
            ("cutlery", "Cutlery", False),
            ("napkins", "Napkins", True),
            ("other", "Other", True),
        ]
        assert saved[5][1:] == ("A high chair", True)
        assert saved[5][0].startswith("custom-")
        assert CallSettings.objects.get(store=world.store).cooldown_seconds == 45

    def test_a_list_that_is_not_the_stores_is_refused(self, world):
        theirs = self.reasons(world.other_store)
        with pytest.raises(ValidationError):
            services.call_reasons_update(
                store=world.store,
                cooldown_seconds=30,
                reasons=[ReasonInput(r.id, "", True) for r in theirs],
            )
        assert CallReason.objects.filter(store=world.other_store, is_active=True).count() == 5

    def test_a_cooldown_out_of_range_is_refused(self, world):
        reasons = [ReasonInput(r.id, "", True) for r in self.reasons(world.store)]
        with pytest.raises(ValidationError):
            services.call_reasons_update(store=world.store, cooldown_seconds=601, reasons=reasons)

    def test_a_renamed_reason_changes_no_call(self, world):
        call = services.staff_call_create(table=world.table, reason_code="water").call
        label = call.reason_label
        water = CallReason.objects.get(store=world.store, code="water")
        services.call_reasons_update(
            store=world.store,
            cooldown_seconds=30,
            reasons=[
                ReasonInput(r.id, "Sparkling" if r == water else "", True)
                for r in self.reasons(world.store)
            ],
        )
        call.refresh_from_db()
        assert call.reason_label == label
