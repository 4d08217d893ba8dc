"""stores.services.store_update: a store's settings, and what tablets hear of them."""

from __future__ import annotations

from datetime import time

import pytest
from django.core.exceptions import ValidationError

from conftest import menu_events
from menus.services import MENU_CHANGED
from stores import services
from stores.errors import StoreCodeTaken
from stores.models import Store


def stored(store: Store) -> Store:
    return Store.objects.get(pk=store.pk)


def test_a_new_language_and_day_start_are_saved_and_tablets_read_the_menu_again(world):
    version = world.store.menu_version

    services.store_update(
        store=world.store, name="  Alpha Bistro ", language="ja", business_day_starts=time(3, 30)
    )

    store = stored(world.store)
    assert (store.name, store.language, store.business_day_starts) == (
        "Alpha Bistro",
        "ja",
        time(3, 30),
    )
    assert store.menu_version == version + 1  # menus.signals
    assert menu_events(world.store) == [MENU_CHANGED]
    # Nothing of it reaches the other store.
    assert stored(world.other_store).menu_version == world.other_store.menu_version
    assert menu_events(world.other_store) == []


@pytest.mark.parametrize(
    "change",
    [{"language": "en"}, {"business_day_starts": time(6, 0)}],
    ids=["language", "day start"],
)
def test_either_change_alone_makes_a_new_menu_version(world, change):
    services.store_update(store=world.store, **change)

    assert stored(world.store).menu_version == world.store.menu_version + 1
    assert menu_events(world.store) == [MENU_CHANGED]


def test_a_new_name_alone_leaves_the_menu_as_it_is(world):
    services.store_update(store=world.store, name="Alpha Bistro")

    assert stored(world.store).name == "Alpha Bistro"
    assert stored(world.store).menu_version == world.store.menu_version
    assert menu_events(world.store) == []


def test_the_same_settings_again_change_nothing(world):
    services.store_update(
        store=world.store,
        name=world.store.name,
        language=world.store.language,
        business_day_starts=world.store.business_day_starts,
    )

    assert stored(world.store).menu_version == world.store.menu_version
    assert menu_events(world.store) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [({"language": "fr"}, "language"), ({"name": "   "}, "name"), ({"code": "Not a code"}, "code")],
    ids=["unknown language", "blank name", "bad code"],
)
def test_a_bad_setting_is_refused_and_nothing_is_saved(world, change, field):
    with pytest.raises(ValidationError) as refused:
        services.store_update(store=world.store, business_day_starts=time(7, 0), **change)

    assert field in refused.value.error_dict
    store = stored(world.store)
    assert (store.code, store.name, store.language, store.business_day_starts) == (
        "alpha",
        "Alpha Grill",
        "ko",
        time(5, 0),
    )
    assert store.menu_version == world.store.menu_version
    assert menu_events(world.store) == []


def test_another_stores_code_is_refused(world):
    with pytest.raises(StoreCodeTaken):
        services.store_update(store=world.store, code="BETA")

    assert stored(world.store).code == "alpha"


def test_a_new_code_is_normalized(world):
    services.store_update(store=world.store, code=" Alpha-2 ")

    assert stored(world.store).code == "alpha-2"
