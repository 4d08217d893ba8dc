"""The order rules, called directly: the API, the pages and Django admin all go through these."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_eventstream.models import Event

from orders.errors import (
    IdempotencyKeyReused,
    InvalidTransition,
    MenuUnavailable,
    NoOpenVisit,
    VisitClosed,
)
from orders.models import IdempotencyKey, Order, OrderChange, OrderItem, OrderStatus, Visit
from orders.order_lines import OrderLine
from orders.selectors import store_unseen_orders
from orders.services import (
    order_delete,
    order_place,
    order_set_status,
    orders_mark_seen,
    table_complete,
)


def place(table, *pairs, key=None) -> Order:
    lines = [OrderLine(menu_id=item.id, quantity=quantity) for item, quantity in pairs]
    return order_place(table=table, lines=lines, idempotency_key=key).order


class TestPlacing:
    def test_prices_come_from_the_menu_and_are_copied(self, world, menu):
        order = place(world.table, (menu.bibimbap, 2), (menu.cola, 3))

        items = list(order.items.order_by("id"))
        assert [(i.menu_item_id, i.name, i.unit_price, i.quantity) for i in items] == [
            (menu.bibimbap.id, "Bibimbap", 9000, 2),
            (menu.cola.id, "Cola", 2000, 3),
        ]
        assert order.total_amount == 2 * 9000 + 3 * 2000
        assert order.status == OrderStatus.PENDING

    def test_changing_a_price_later_changes_no_past_order(self, world, menu):
        order = place(world.table, (menu.bibimbap, 1))

        menu.bibimbap.price = 15000
        menu.bibimbap.name = "Deluxe bibimbap"
        menu.bibimbap.save()

        order.refresh_from_db()
        item = order.items.get()
        assert (item.name, item.unit_price, order.total_amount) == ("Bibimbap", 9000, 9000)

    def test_the_first_order_opens_a_visit_and_later_ones_join_it(self, world, menu):
        first = place(world.table, (menu.cola, 1))
        second = place(world.table, (menu.stew, 1))

        assert first.visit_id == second.visit_id
        session = Visit.objects.get()
        assert (session.table, session.store, session.ended_at) == (world.table, world.store, None)

    def test_numbers_increase_per_store(self, world, menu):
        numbers = [place(world.table, (menu.cola, 1)).number for _ in range(3)]
        numbers.append(place(world.other_table, (menu.cola, 1)).number)

        assert numbers == [1, 2, 3, 4]

    def test_numbers_never_reuse_a_deleted_orders_number(self, world, menu):
        place(world.table, (menu.cola, 1))
        last = place(world.table, (menu.cola, 1))
        order_delete(order=last, actor=world.manager)

        assert place(world.table, (menu.cola, 1)).number == 3

    def test_each_store_counts_its_own_numbers(self, world, menu):
        place(world.table, (menu.cola, 1))

        theirs = place(world.their_table, (menu.their_noodles, 1))

        assert theirs.number == 1

    @pytest.mark.parametrize("which", ["sold_out", "deleted"])
    def test_unavailable_items_refuse_the_whole_order(self, world, menu, which):
        with pytest.raises(MenuUnavailable):
            place(world.table, (menu.cola, 1), (getattr(menu, which), 1))

        assert not Order.objects.exists()
        assert not Visit.objects.exists()

    def test_another_stores_item_is_unknown(self, world, menu):
        with pytest.raises(ValidationError) as error:
            place(world.table, (menu.cola, 1), (menu.their_noodles, 1))

        assert error.value.message_dict == {"items.1.menu_id": ["No such menu item."]}
        assert not Order.objects.exists()
        assert not OrderItem.objects.exists()

    def test_placing_is_recorded(self, world, menu):
        order = place(world.table, (menu.cola, 1))

        event = OrderChange.objects.get()
        assert (event.kind, event.order_id, event.order_number, event.actor) == (
            "placed",
            order.id,
            1,
            f"table:{world.table.id}",
        )


class TestIdempotency:
    def test_a_retry_returns_the_first_order_and_creates_nothing(self, world, menu):
        first = place(world.table, (menu.cola, 2), key="tap-1")

        again = place(world.table, (menu.cola, 2), key="tap-1")

        assert again.id == first.id
        assert Order.objects.count() == 1
        assert OrderItem.objects.count() == 1

    def test_the_same_key_with_other_items_is_refused(self, world, menu):
        place(world.table, (menu.cola, 2), key="tap-1")

        with pytest.raises(IdempotencyKeyReused):
            place(world.table, (menu.cola, 3), key="tap-1")

        assert Order.objects.count() == 1

    def test_keys_belong_to_their_table(self, world, menu):
        mine = place(world.table, (menu.cola, 1), key="tap-1")

        theirs = place(world.other_table, (menu.cola, 1), key="tap-1")

        assert theirs.id != mine.id

    def test_a_key_expires_after_24_hours(self, world, menu):
        with time_machine.travel(timezone.now() - timedelta(hours=24, seconds=1)):
            first = place(world.table, (menu.cola, 1), key="tap-1")

        again = place(world.table, (menu.cola, 1), key="tap-1")

        assert again.id != first.id
        assert IdempotencyKey.objects.get().order == again

    def test_a_refused_order_does_not_use_up_its_key(self, world, menu):
        with pytest.raises(MenuUnavailable):
            place(world.table, (menu.sold_out, 1), key="tap-1")

        assert place(world.table, (menu.cola, 1), key="tap-1").number == 1


class TestStatus:
    @pytest.mark.parametrize(
        "path",
        [["preparing", "completed"], ["completed"], ["preparing"]],
    )
    def test_statuses_move_forward(self, world, menu, path):
        order = place(world.table, (menu.cola, 1))

        for status in path:
            order = order_set_status(order=order, status=status, actor=world.manager)

        order.refresh_from_db()
        assert order.status == path[-1]

    @pytest.mark.parametrize(
        ("start", "back"),
        [(["preparing"], "pending"), (["completed"], "preparing"), (["completed"], "pending")],
    )
    def test_statuses_never_move_back(self, world, menu, start, back):
        order = place(world.table, (menu.cola, 1))
        for status in start:
            order_set_status(order=order, status=status, actor=world.manager)

        with pytest.raises(InvalidTransition):
            order_set_status(order=order, status=back, actor=world.manager)

        order.refresh_from_db()
        assert order.status == start[-1]

    def test_setting_the_same_status_changes_nothing(self, world, menu):
        order = place(world.table, (menu.cola, 1))

        order_set_status(order=order, status="pending", actor=world.manager)

        assert OrderChange.objects.filter(kind="status_changed").count() == 0

    def test_changes_are_recorded_with_who_did_them(self, world, menu):
        order = place(world.table, (menu.cola, 1))

        order_set_status(order=order, status="preparing", actor=world.manager)

        event = OrderChange.objects.get(kind="status_changed")
        assert (event.from_status, event.to_status, event.actor) == (
            "pending",
            "preparing",
            f"manager:{world.manager.id}:manager",
        )

    def test_history_cannot_change(self, world, menu):
        order = place(world.table, (menu.cola, 1))
        table_complete(table=world.table, actor=world.manager)

        with pytest.raises(VisitClosed):
            order_set_status(order=order, status="completed", actor=world.manager)
        with pytest.raises(VisitClosed):
            order_delete(order=order, actor=world.manager)

        order.refresh_from_db()
        assert order.status == "pending"


class TestDeleting:
    def test_deleting_keeps_the_record(self, world, menu):
        order = place(world.table, (menu.cola, 1))

        order_delete(order=order, actor=world.manager)

        assert not Order.objects.exists()
        assert list(OrderChange.objects.values_list("kind", "order_id")) == [
            ("placed", order.id),
            ("deleted", order.id),
        ]

    def test_the_record_is_append_only(self, world, menu):
        place(world.table, (menu.cola, 1))
        event = OrderChange.objects.get()

        with pytest.raises(ValueError, match="append-only"):
            event.save()


class TestCompletingTables:
    def test_closes_the_visit_and_the_next_order_opens_another(self, world, menu):
        first = place(world.table, (menu.cola, 1))

        session = table_complete(table=world.table, actor=world.manager)

        assert session.id == first.visit_id
        assert session.ended_at is not None
        second = place(world.table, (menu.cola, 1))
        assert second.visit_id != first.visit_id
        assert Order.objects.get(pk=first.pk).visit_id == first.visit_id  # nothing moved

    def test_without_an_open_visit_there_is_nothing_to_complete(self, world, menu):
        with pytest.raises(NoOpenVisit):
            table_complete(table=world.table, actor=world.manager)

        place(world.table, (menu.cola, 1))
        table_complete(table=world.table, actor=world.manager)

        with pytest.raises(NoOpenVisit):
            table_complete(table=world.table, actor=world.manager)

    def test_only_that_tables_visit_closes(self, world, menu):
        place(world.table, (menu.cola, 1))
        other = place(world.other_table, (menu.cola, 1))

        table_complete(table=world.table, actor=world.manager)

        assert Visit.objects.get(pk=other.visit_id).ended_at is None


class TestSeen:
    """What is new to the floor is kept on the server, the same for every device."""

    def unseen(self, world) -> set[int]:
        return set(store_unseen_orders(store_id=world.store.id).values_list("id", flat=True))

    def seen_events(self) -> list[dict]:
        stored = Event.objects.filter(type="orders_seen").order_by("id")
        return [json.loads(json.loads(event.data)) for event in stored]

    def test_a_new_order_is_unseen_until_its_table_is_seen(self, world, menu):
        first = place(world.table, (menu.cola, 1))
        second = place(world.table, (menu.stew, 1))
        elsewhere = place(world.other_table, (menu.cola, 1))
        assert self.unseen(world) == {first.id, second.id, elsewhere.id}

        marked = orders_mark_seen(store=world.store, table=world.table, actor=world.manager)

        assert marked == [first.id, second.id]
        assert self.unseen(world) == {elsewhere.id}
        assert self.seen_events() == [
            {"order_ids": [first.id, second.id], "table": {"id": world.table.id, "number": 1}}
        ]

    def test_marking_again_changes_and_sends_nothing(self, world, menu):
        place(world.table, (menu.cola, 1))
        orders_mark_seen(store=world.store, actor=world.manager)
        seen_at = Order.objects.get().seen_at

        assert orders_mark_seen(store=world.store, actor=world.manager) == []

        assert Order.objects.get().seen_at == seen_at
        assert len(self.seen_events()) == 1
        assert self.seen_events()[0]["table"] is None  # the whole store at once

    def test_only_the_orders_named_are_marked(self, world, menu):
        shown = place(world.table, (menu.cola, 1))
        placed_meanwhile = place(world.table, (menu.stew, 1))

        orders_mark_seen(store=world.store, order_ids=[shown.id], actor=world.manager)

        assert self.unseen(world) == {placed_meanwhile.id}

    def test_another_stores_orders_are_never_marked(self, world, menu):
        order = place(world.table, (menu.cola, 1))

        marked = orders_mark_seen(store=world.other_store, actor=world.other_manager)

        assert marked == []
        assert self.unseen(world) == {order.id}

    def test_moving_an_order_on_is_seeing_it(self, world, menu):
        order = place(world.table, (menu.cola, 1))

        order_set_status(order=order, status="preparing", actor=world.manager)

        assert self.unseen(world) == set()
        assert Order.objects.get().seen_at is not None

    def test_a_completed_visits_orders_are_not_new(self, world, menu):
        place(world.table, (menu.cola, 1))

        table_complete(table=world.table, actor=world.manager)

        assert self.unseen(world) == set()
