"""An order is priced and routed from the menu as it is now, though a process reads the menu
once for each of its versions (``menus.selectors.orderable_menu``): every change to what an
order takes from the menu reaches the next order."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F

from conftest import channel_events
from live.channels import kitchen_channel
from menus.models import MenuItem
from menus.option_groups import option_choice_set_available
from menus.services import menu_item_delete, menu_item_update
from menus.stations import category_stations_set, station_delete, station_move
from orders.errors import MenuUnavailable
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.models import Store


def place(table, *lines):
    return order_place(table=table, lines=list(lines)).order


@pytest.fixture
def known(world, menu):
    """The store's menu read by an order, as a process keeps it."""
    return place(world.table, OrderLine(menu.cola.id, 1), OrderLine(menu.stew.id, 1))


def test_a_new_price(world, menu, known):
    menu_item_update(item=menu.cola, price=2500)

    assert place(world.table, OrderLine(menu.cola.id, 2)).total_amount == 5000


def test_an_item_sold_out(world, menu, known):
    menu_item_update(item=menu.cola, sold_out_today=True)

    with pytest.raises(MenuUnavailable, match="Cola"):
        place(world.table, OrderLine(menu.cola.id, 1))


def test_an_item_deleted_is_unavailable_not_unknown(world, menu, known):
    menu_item_delete(item=menu.cola)

    with pytest.raises(MenuUnavailable, match="Cola"):
        place(world.table, OrderLine(menu.cola.id, 1))


def test_a_choice_sold_out(world, menu, options):
    place(world.table, OrderLine(menu.bibimbap.id, 1, (options.hot.id,)))

    option_choice_set_available(choice=options.hot, is_available=False)

    with pytest.raises(MenuUnavailable, match="Hot"):
        place(world.table, OrderLine(menu.bibimbap.id, 1, (options.hot.id,)))


def test_a_group_no_longer_offered(world, menu, options):
    place(world.table, OrderLine(menu.bibimbap.id, 1, (options.hot.id,)))

    menu_item_update(item=menu.bibimbap, option_group_ids=[])

    with pytest.raises(ValidationError, match="No such option for this item"):
        place(world.table, OrderLine(menu.bibimbap.id, 1, (options.hot.id,)))


def test_a_category_moved_to_another_station(world, menu, bar, known):
    category_stations_set(store=world.store, stations={menu.drinks.id: None})

    line = place(world.table, OrderLine(menu.cola.id, 1)).items.get()

    assert line.station_id is None  # made at the first station


def test_a_station_deleted(world, menu, bar, known):
    station_delete(station=bar)

    line = place(world.table, OrderLine(menu.cola.id, 1)).items.get()

    assert line.station_id is None


def test_another_first_station(world, menu, bar, known):
    station_move(store=world.store, station=bar, direction="up")

    order = place(world.table, OrderLine(menu.stew.id, 1))  # mains: on no station

    _, data = channel_events(kitchen_channel(world.store.id))[-1]
    assert data["id"] == order.id
    assert [ticket["station_id"] for ticket in data["tickets"]] == [bar.id]


def test_a_change_another_process_committed(world, menu, known):
    """Its rows and its new version are all this process learns of it."""
    MenuItem.objects.filter(pk=menu.cola.pk).update(price=3000)
    Store.objects.filter(pk=world.store.pk).update(menu_version=F("menu_version") + 1)

    assert place(world.table, OrderLine(menu.cola.id, 1)).total_amount == 3000
