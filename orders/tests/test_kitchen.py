"""The kitchen's rules (``orders.tickets``, ``orders.kitchen``): which station makes each line,
each station's ticket started, bumped and recalled, the order following its tickets, lines
checked off, and what the kitchen displays hear of it all."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from conftest import channel_events as events
from live.channels import kitchen_channel, store_channel, table_channel
from menus.selectors import first_station_id
from menus.stations import station_delete, station_save
from orders import kitchen
from orders.errors import InvalidTransition, RecallTooLate, VisitClosed
from orders.models import OrderChange, Ticket
from orders.order_lines import OrderLine
from orders.selectors import kitchen_orders
from orders.services import order_delete, order_place, order_set_status, table_complete
from orders.tickets import ticket_states

pytestmark = pytest.mark.django_db


def place(world, *lines, table=None):
    return order_place(table=table or world.table, lines=[OrderLine(*line) for line in lines]).order


def states(order) -> dict[int, str]:
    order = kitchen_orders().get(pk=order.pk)
    first = first_station_id(order.store_id)
    return {state.station_id: state.status for state in ticket_states(order, first)}


@pytest.fixture
def kitchen_station(world):
    return world.store.stations.order_by("position").first()


@pytest.fixture
def mixed(world, menu, bar):
    """A stew for the kitchen and two colas for the bar, placed after the bar was set up."""
    return place(world, (menu.stew.id, 1), (menu.cola.id, 2))


class TestStations:
    def test_every_store_starts_with_one_station_in_its_language(self, world):
        assert [s.name for s in world.store.stations.all()] == ["주방"]
        assert [s.name for s in world.other_store.stations.all()] == ["주방"]

    def test_a_line_is_made_at_its_categorys_station_as_it_was_ordered(
        self, world, menu, bar, kitchen_station
    ):
        order = place(world, (menu.stew.id, 1), (menu.cola.id, 1))

        assert {line.name: line.station_id for line in order.items.all()} == {
            "Kimchi stew": None,  # the mains are on no station: the first one makes them
            "Cola": bar.id,
        }
        assert states(order) == {kitchen_station.id: "pending", bar.id: "pending"}

    def test_moving_a_category_routes_the_next_orders_not_those_in_the_kitchen(
        self, world, menu, bar, kitchen_station, mixed
    ):
        station_save(store=world.store, station=bar, name="Bar", category_ids=[])

        later = place(world, (menu.cola.id, 1))

        assert set(states(mixed)) == {kitchen_station.id, bar.id}
        assert set(states(later)) == {kitchen_station.id}

    def test_a_deleted_stations_lines_go_to_the_first_station(
        self, world, bar, kitchen_station, mixed
    ):
        station_delete(station=bar)

        assert states(mixed) == {kitchen_station.id: "pending"}


class TestBump:
    def test_the_first_tap_starts_the_ticket_and_the_order(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))

        kitchen.ticket_bump(order=order, status="preparing", actor=manager)

        order.refresh_from_db()
        assert order.status == "preparing"
        assert list(states(order).values()) == ["preparing"]
        change = OrderChange.objects.filter(order_id=order.id).last()
        assert (change.from_status, change.to_status) == ("pending", "preparing")
        assert change.actor == f"manager:{manager.id}:manager"

    def test_the_second_tap_bumps_it_and_completes_an_order_of_one_station(
        self, world, menu, kitchen_account
    ):
        order = place(world, (menu.stew.id, 1))
        kitchen.ticket_bump(order=order, status="preparing", actor=kitchen_account)

        kitchen.ticket_bump(order=order, status="completed", actor=kitchen_account)

        order.refresh_from_db()
        assert order.status == "completed"
        ticket = Ticket.objects.get(order=order)
        assert ticket.started_at <= ticket.bumped_at
        assert OrderChange.objects.filter(order_id=order.id).last().actor == (
            f"kitchen:{kitchen_account.id}:kitchen"
        )

    def test_an_order_completes_when_every_station_has_bumped_its_part(
        self, world, manager, bar, kitchen_station, mixed
    ):
        kitchen.ticket_bump(order=mixed, status="completed", station=bar, actor=manager)

        mixed.refresh_from_db()
        assert mixed.status == "preparing"  # the bar is done; the kitchen has not started
        assert states(mixed) == {kitchen_station.id: "pending", bar.id: "completed"}

        kitchen.ticket_bump(order=mixed, status="completed", station=kitchen_station, actor=manager)

        mixed.refresh_from_db()
        assert mixed.status == "completed"
        assert states(mixed) == {kitchen_station.id: "completed", bar.id: "completed"}

    def test_the_display_of_all_stations_moves_every_ticket(
        self, world, manager, bar, kitchen_station, mixed
    ):
        kitchen.ticket_bump(order=mixed, status="completed", actor=manager)

        mixed.refresh_from_db()
        assert mixed.status == "completed"
        assert set(Ticket.objects.filter(order=mixed).values_list("station_id", flat=True)) == {
            kitchen_station.id,
            bar.id,
        }

    def test_the_same_tap_twice_changes_nothing_the_second_time(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))
        kitchen.ticket_bump(order=order, status="preparing", actor=manager)
        heard = len(events(kitchen_channel(world.store.id)))
        changes = OrderChange.objects.count()

        kitchen.ticket_bump(order=order, status="preparing", actor=manager)

        assert len(events(kitchen_channel(world.store.id))) == heard
        assert OrderChange.objects.count() == changes

    @pytest.mark.parametrize("status", ["pending", "served", ""])
    def test_a_ticket_moves_only_to_preparing_or_completed(self, world, menu, manager, status):
        order = place(world, (menu.stew.id, 1))

        with pytest.raises(InvalidTransition):
            kitchen.ticket_bump(order=order, status=status, actor=manager)

    def test_a_station_with_nothing_in_the_order_cannot_bump_it(self, world, menu, manager, bar):
        order = place(world, (menu.stew.id, 1))

        with pytest.raises(InvalidTransition):
            kitchen.ticket_bump(order=order, status="completed", station=bar, actor=manager)
        assert not Ticket.objects.exists()

    def test_an_order_of_a_completed_table_cannot_change(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))
        table_complete(table=world.table, actor=manager)

        with pytest.raises(VisitClosed):
            kitchen.ticket_bump(order=order, status="completed", actor=manager)

    def test_an_order_completed_on_the_dashboard_has_every_ticket_bumped(
        self, world, manager, bar, kitchen_station, mixed
    ):
        kitchen.ticket_bump(order=mixed, status="preparing", station=bar, actor=manager)

        order_set_status(order=mixed, status="completed", actor=manager)

        assert states(mixed) == {kitchen_station.id: "completed", bar.id: "completed"}
        assert not Ticket.objects.filter(order=mixed, bumped_at=None).exists()


class TestRecall:
    def test_a_ticket_bumped_by_mistake_comes_back_with_its_order(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))
        kitchen.ticket_bump(order=order, status="completed", actor=manager)

        kitchen.ticket_recall(order=order, actor=manager)

        order.refresh_from_db()
        assert order.status == "preparing"
        assert list(states(order).values()) == ["preparing"]
        change = OrderChange.objects.filter(order_id=order.id).last()
        assert (change.from_status, change.to_status) == ("completed", "preparing")

    def test_one_stations_recall_leaves_the_others_bump(
        self, world, manager, bar, kitchen_station, mixed
    ):
        kitchen.ticket_bump(order=mixed, status="completed", actor=manager)

        kitchen.ticket_recall(order=mixed, station=bar, actor=manager)

        mixed.refresh_from_db()
        assert mixed.status == "preparing"
        assert states(mixed) == {kitchen_station.id: "completed", bar.id: "preparing"}

    def test_only_for_a_few_minutes(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))
        with time_machine.travel(timezone.now(), tick=False) as clock:
            kitchen.ticket_bump(order=order, status="completed", actor=manager)
            clock.shift(kitchen.RECALL_WINDOW + timedelta(seconds=1))

            with pytest.raises(RecallTooLate):
                kitchen.ticket_recall(order=order, actor=manager)

        order.refresh_from_db()
        assert order.status == "completed"

    def test_a_ticket_not_bumped_is_left_alone(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))
        heard = len(events(kitchen_channel(world.store.id)))

        kitchen.ticket_recall(order=order, actor=manager)

        assert order.status == "pending"
        assert len(events(kitchen_channel(world.store.id))) == heard


class TestLines:
    def test_a_line_is_checked_off_and_back_on(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1), (menu.cola.id, 1))
        stew = order.items.get(name="Kimchi stew")

        kitchen.line_check(line=stew, done=True, actor=manager)

        stew.refresh_from_db()
        assert stew.done_at is not None
        order.refresh_from_db()
        assert order.status == "pending"  # lines are the display's; tickets move the order
        kind, data = events(kitchen_channel(world.store.id))[-1]
        assert kind == "kitchen_order"
        assert [line["done_at"] is not None for line in data["lines"]] == [True, False]

        kitchen.line_check(line=stew, done=False, actor=manager)

        stew.refresh_from_db()
        assert stew.done_at is None

    def test_checking_a_checked_line_again_sends_nothing(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))
        kitchen.line_check(line=order.items.get(), done=True, actor=manager)
        heard = len(events(kitchen_channel(world.store.id)))

        kitchen.line_check(line=order.items.get(), done=True, actor=manager)

        assert len(events(kitchen_channel(world.store.id))) == heard

    def test_not_once_the_table_is_completed(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))
        table_complete(table=world.table, actor=manager)

        with pytest.raises(VisitClosed):
            kitchen.line_check(line=order.items.get(), done=True, actor=manager)


class TestKitchenEvents:
    def test_a_new_order_reaches_the_kitchen_without_its_prices(
        self, world, options, menu, bar, kitchen_station
    ):
        order = order_place(
            table=world.table,
            lines=[
                OrderLine(menu.bibimbap.id, 2, (options.hot.id,), "no egg"),
                OrderLine(menu.cola.id, 1),
            ],
            note="a birthday",
        ).order

        (kind, data), *_ = events(kitchen_channel(world.store.id))
        bibimbap, cola = order.items.all()
        assert kind == "kitchen_order"
        assert data == {
            "id": order.id,
            "number": 1,
            "status": "pending",
            "table": {"id": world.table.id, "number": 1},
            "session_id": order.visit_id,
            "note": "a birthday",
            "created_at": data["created_at"],
            "lines": [
                {
                    "id": bibimbap.id,
                    "menu_id": menu.bibimbap.id,
                    "name": "Bibimbap",
                    "quantity": 2,
                    "options": [{"group": "Spice level", "name": "Hot"}],
                    "note": "no egg",
                    "station_id": kitchen_station.id,
                    "done_at": None,
                },
                {
                    "id": cola.id,
                    "menu_id": menu.cola.id,
                    "name": "Cola",
                    "quantity": 1,
                    "options": [],
                    "note": "",
                    "station_id": bar.id,
                    "done_at": None,
                },
            ],
            "tickets": [
                {"station_id": kitchen_station.id, "status": "pending"}
                | {"started_at": None, "bumped_at": None},
                {"station_id": bar.id, "status": "pending", "started_at": None, "bumped_at": None},
            ],
        }
        assert "price" not in json.dumps(data)
        assert "amount" not in json.dumps(data)

    def test_a_bump_that_moves_the_order_tells_the_floor_and_the_table_too(
        self, world, menu, manager
    ):
        order = place(world, (menu.stew.id, 1))

        kitchen.ticket_bump(order=order, status="preparing", actor=manager)

        assert events(store_channel(world.store.id))[-1][0] == "order_updated"
        assert events(table_channel(world.table.id))[-1][0] == "order_updated"
        kitchen_heard = [kind for kind, _ in events(kitchen_channel(world.store.id))]
        assert kitchen_heard == ["kitchen_order", "kitchen_order"]  # placed, then started

    def test_a_bump_that_leaves_the_order_as_it_is_tells_only_the_kitchen(
        self, world, manager, bar, mixed
    ):
        kitchen.ticket_bump(order=mixed, status="preparing", station=bar, actor=manager)
        floor = len(events(store_channel(world.store.id)))

        kitchen.ticket_bump(order=mixed, status="completed", station=bar, actor=manager)

        assert len(events(store_channel(world.store.id))) == floor
        kind, data = events(kitchen_channel(world.store.id))[-1]
        assert kind == "kitchen_order"
        assert [t["status"] for t in data["tickets"]] == ["pending", "completed"]

    def test_deleting_an_order_or_completing_its_table_removes_it_from_the_kitchen(
        self, world, menu, manager
    ):
        first = place(world, (menu.stew.id, 1))
        second = place(world, (menu.cola.id, 1))
        third = place(world, (menu.cola.id, 1))

        order_delete(order=first, actor=manager)
        table_complete(table=world.table, actor=manager)

        removed = [
            data
            for kind, data in events(kitchen_channel(world.store.id))
            if kind == "kitchen_orders_removed"
        ]
        assert removed == [{"order_ids": [first.id]}, {"order_ids": [second.id, third.id]}]

    def test_another_stores_kitchen_hears_nothing(self, world, menu, manager):
        order = place(world, (menu.stew.id, 1))
        kitchen.ticket_bump(order=order, status="completed", actor=manager)

        assert events(kitchen_channel(world.other_store.id)) == []
