"""The stations' services (``menus.stations``): a store's stations added, renamed, moved and
deleted, and the station of each category; never another store's."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.errors import NotFound
from menus.errors import LastStation
from menus.models import Category, Station
from menus.selectors import first_station_id
from menus.stations import category_stations_set, station_delete, station_move, station_save
from orders.order_lines import OrderLine
from orders.services import order_place
from orders.tickets import ticket_states


def names(store) -> list[str]:
    return [station.name for station in Station.objects.filter(store=store)]


def stations_of(*categories: Category) -> list[int | None]:
    return [Category.objects.get(pk=category.pk).station_id for category in categories]


def making(world, *items) -> list[int]:
    """The stations that make an order of ``items`` placed now, as the kitchen sees them."""
    order = order_place(table=world.table, lines=[OrderLine(item.id, 1) for item in items]).order
    return [state.station_id for state in ticket_states(order, first_station_id(world.store.id))]


@pytest.fixture
def kitchen(world) -> Station:
    """Store alpha's first station, made with the store."""
    return Station.objects.filter(store=world.store).order_by("position", "id").first()


@pytest.fixture
def their_station(world) -> Station:
    return Station.objects.get(store=world.other_store)


class TestSave:
    def test_a_new_station_goes_last_with_its_name_trimmed(self, world, kitchen):
        bar = station_save(store=world.store, name="  Bar ")
        grill = station_save(store=world.store, name="Grill")

        assert (bar.name, bar.position, grill.position) == ("Bar", 2, 3)
        assert names(world.store) == [kitchen.name, "Bar", "Grill"]
        assert names(world.other_store) == [kitchen.name]

    def test_a_new_station_makes_the_categories_named(self, world, menu):
        bar = station_save(store=world.store, name="Bar", category_ids=[menu.drinks.id])

        assert stations_of(menu.mains, menu.drinks) == [None, bar.id]

    def test_a_rename_leaves_its_categories_where_they_are(self, world, menu, bar):
        station_save(store=world.store, station=bar, name="Drinks bar")

        assert Station.objects.get(pk=bar.pk).name == "Drinks bar"
        assert stations_of(menu.drinks) == [bar.id]

    def test_naming_a_category_moves_it_from_its_station(self, world, menu, bar):
        grill = station_save(store=world.store, name="Grill", category_ids=[menu.drinks.id])

        assert stations_of(menu.drinks) == [grill.id]
        assert not bar.categories.exists()

    def test_categories_not_named_go_to_no_station(self, world, menu, bar):
        station_save(store=world.store, station=bar, name="Bar", category_ids=[menu.mains.id])

        assert stations_of(menu.mains, menu.drinks) == [bar.id, None]

    @pytest.mark.parametrize("name", ["", "   ", "x" * 51])
    def test_a_bad_name_is_refused(self, world, name):
        with pytest.raises(ValidationError) as refused:
            station_save(store=world.store, name=name)

        assert "name" in refused.value.error_dict
        assert Station.objects.filter(store=world.store).count() == 1

    def test_a_name_in_use_is_refused_and_nothing_changes(self, world, menu, kitchen, bar):
        with pytest.raises(ValidationError) as refused:
            station_save(
                store=world.store, station=bar, name=kitchen.name, category_ids=[menu.mains.id]
            )

        assert refused.value.message_dict == {"name": ["Another station has this name."]}
        assert names(world.store) == [kitchen.name, "Bar"]
        assert stations_of(menu.mains, menu.drinks) == [None, bar.id]

    def test_another_store_may_use_the_same_name(self, world, bar):
        theirs = station_save(store=world.other_store, name="Bar")

        assert theirs.store == world.other_store

    def test_another_stores_category_is_not_found(self, world, menu):
        their_category = Category.objects.get(store=world.other_store)

        with pytest.raises(NotFound):
            station_save(store=world.store, name="Bar", category_ids=[their_category.id])

        assert names(world.store) == [Station.objects.get(store=world.store).name]
        assert stations_of(their_category) == [None]

    def test_a_deleted_category_is_not_found(self, world, menu):
        menu.mains.is_deleted = True
        menu.mains.save()

        with pytest.raises(NotFound):
            station_save(store=world.store, name="Bar", category_ids=[menu.mains.id])

    def test_another_stores_station_is_not_renamed(self, world, their_station):
        with pytest.raises(NotFound):
            station_save(store=world.store, station=their_station, name="Ours")

        assert Station.objects.get(pk=their_station.pk).name == their_station.name


class TestCategoryStations:
    def test_the_next_orders_go_to_the_new_station_those_placed_stay(
        self, world, menu, kitchen, bar
    ):
        placed = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order

        category_stations_set(store=world.store, stations={menu.drinks.id: kitchen.id})

        first = first_station_id(world.store.id)
        assert [s.station_id for s in ticket_states(placed, first)] == [bar.id]
        assert making(world, menu.cola) == [kitchen.id]

    def test_each_category_goes_to_the_station_chosen(self, world, menu, bar, kitchen):
        moved = category_stations_set(
            store=world.store, stations={menu.mains.id: bar.id, menu.drinks.id: kitchen.id}
        )

        assert moved == 2
        assert stations_of(menu.mains, menu.drinks) == [bar.id, kitchen.id]

    def test_none_is_no_station_and_a_category_not_named_stays(self, world, menu, bar):
        moved = category_stations_set(store=world.store, stations={menu.drinks.id: None})
        assert moved == 1
        assert stations_of(menu.drinks) == [None]

        moved = category_stations_set(store=world.store, stations={menu.mains.id: bar.id})
        assert moved == 1
        assert stations_of(menu.mains, menu.drinks) == [bar.id, None]

    def test_a_category_already_there_is_not_counted(self, world, menu, bar):
        assert category_stations_set(store=world.store, stations={menu.drinks.id: bar.id}) == 0

    def test_another_stores_station_moves_nothing(self, world, menu, bar, their_station):
        with pytest.raises(NotFound):
            category_stations_set(
                store=world.store,
                stations={menu.mains.id: bar.id, menu.drinks.id: their_station.id},
            )

        assert stations_of(menu.mains, menu.drinks) == [None, bar.id]

    def test_another_stores_category_moves_nothing(self, world, menu, bar):
        their_category = Category.objects.get(store=world.other_store)

        with pytest.raises(NotFound):
            category_stations_set(
                store=world.store, stations={menu.mains.id: bar.id, their_category.id: bar.id}
            )

        assert stations_of(menu.mains, their_category) == [None, None]


class TestMove:
    def test_a_station_moves_one_place_and_the_positions_are_renumbered(self, world, kitchen):
        bar = station_save(store=world.store, name="Bar")
        grill = station_save(store=world.store, name="Grill")
        station_delete(station=bar)  # a gap: positions 1 and 3

        assert station_move(store=world.store, station=grill, direction="up") is True

        assert [(s.name, s.position) for s in Station.objects.filter(store=world.store)] == [
            ("Grill", 1),
            (kitchen.name, 2),
        ]

    def test_the_first_up_or_the_last_down_stays(self, world, kitchen, bar):
        assert station_move(store=world.store, station=kitchen, direction="up") is False
        assert station_move(store=world.store, station=bar, direction="down") is False

        assert names(world.store) == [kitchen.name, "Bar"]

    def test_moving_another_station_first_makes_it_where_unassigned_categories_go(
        self, world, menu, kitchen, bar
    ):
        placed = order_place(table=world.table, lines=[OrderLine(menu.stew.id, 1)]).order

        station_move(store=world.store, station=bar, direction="up")

        assert names(world.store) == ["Bar", kitchen.name]
        assert stations_of(menu.mains) == [None]  # still on no station: now made at the bar
        assert making(world, menu.stew) == [bar.id]
        # A line on no station in the kitchen is the first's too, whichever that is (the page
        # says so).
        first = first_station_id(world.store.id)
        assert [s.station_id for s in ticket_states(placed, first)] == [bar.id]

    def test_another_stores_station_is_not_found(self, world, their_station):
        with pytest.raises(NotFound):
            station_move(store=world.store, station=their_station, direction="up")


class TestDelete:
    def test_its_categories_go_to_no_station(self, world, menu, kitchen, bar):
        station_delete(station=bar)

        assert names(world.store) == [kitchen.name]
        assert stations_of(menu.drinks) == [None]

    def test_the_last_station_is_kept(self, world, kitchen):
        with pytest.raises(LastStation) as refused:
            station_delete(station=kitchen)

        assert refused.value.error_code == "LAST_STATION"
        assert Station.objects.filter(pk=kitchen.pk).exists()

    def test_the_first_may_go_when_there_are_others(self, world, kitchen, bar):
        station_delete(station=kitchen)

        assert names(world.store) == ["Bar"]
