"""The manager's translations page: the menu's texts beside their translations in one
language, saved at once; tablets hear of it once; another store's texts are out of reach."""

from __future__ import annotations

import pytest

from conftest import menu_events, signed_in
from menus.models import Category, MenuItem, OptionChoice, OptionGroup

PAGE = "/manager/menu/translations/"


@pytest.fixture
def described(menu):
    menu.bibimbap.description = "Rice with vegetables"
    menu.bibimbap.save()
    return menu


def test_shows_every_text_beside_its_translation(world, described, options):
    described.cola.translations = {"ja": {"name": "コーラ"}}
    described.cola.save()

    page = signed_in(world.manager).get(PAGE, {"language": "ja"}).content.decode()

    for text in ("Mains", "Bibimbap", "Rice with vegetables", "Spice level", "Extreme", "Cheese"):
        assert text in page
    assert 'value="コーラ"' in page
    assert "Ramen" not in page  # store beta's
    assert "日本語" in page


def test_saves_the_texts_given_and_tells_tablets_once(world, described, options):
    client = signed_in(world.manager)
    before = len(menu_events(world.store))

    response = client.post(
        f"{PAGE}?language=ja",
        {
            f"category-{described.mains.id}-name": "お食事",
            f"item-{described.bibimbap.id}-name": "ビビンバ",
            f"item-{described.bibimbap.id}-description": "ナムルご飯",
            f"group-{options.spice.id}-name": "辛さ",
            f"choice-{options.mild.id}-name": " 甘口 ",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?language=ja"
    assert Category.objects.get(pk=described.mains.pk).translations == {"ja": {"name": "お食事"}}
    assert MenuItem.objects.get(pk=described.bibimbap.pk).translations == {
        "ja": {"name": "ビビンバ", "description": "ナムルご飯"}
    }
    assert OptionGroup.objects.get(pk=options.spice.pk).translations == {"ja": {"name": "辛さ"}}
    assert OptionChoice.objects.get(pk=options.mild.pk).translations == {"ja": {"name": "甘口"}}
    assert len(menu_events(world.store)) == before + 1
    assert "5 texts saved." in client.get(response["Location"]).content.decode()


def test_an_emptied_text_is_no_translation_and_other_languages_stay(world, described):
    described.cola.translations = {"ja": {"name": "コーラ"}, "en": {"name": "Coke"}}
    described.cola.save()

    signed_in(world.manager).post(f"{PAGE}?language=ja", {f"item-{described.cola.id}-name": ""})

    assert MenuItem.objects.get(pk=described.cola.pk).translations == {"en": {"name": "Coke"}}


def test_nothing_changed_tells_so_and_bumps_nothing(world, described):
    client = signed_in(world.manager)
    before = len(menu_events(world.store))

    response = client.post(f"{PAGE}?language=en", {}, follow=True)

    assert "Nothing changed." in response.content.decode()
    assert len(menu_events(world.store)) == before


def test_a_text_too_long_saves_nothing(world, described):
    response = signed_in(world.manager).post(
        f"{PAGE}?language=ja",
        {
            f"item-{described.cola.id}-name": "コーラ",
            f"item-{described.stew.id}-name": "x" * 101,
        },
    )

    assert response.status_code == 400
    assert MenuItem.objects.get(pk=described.cola.pk).translations == {}


def test_another_stores_texts_cannot_be_written(world, described):
    theirs = described.their_noodles

    signed_in(world.manager).post(f"{PAGE}?language=ja", {f"item-{theirs.id}-name": "ラーメン"})
    signed_in(world.other_manager).get(PAGE, {"language": "ja"})

    assert MenuItem.objects.get(pk=theirs.pk).translations == {}


@pytest.mark.parametrize("language", ["ko", "fr", "../en"])
def test_the_stores_own_language_or_an_unknown_one_is_404(world, described, language):
    response = signed_in(world.manager).get(PAGE, {"language": language})

    assert response.status_code == 404


def test_without_a_language_the_first_other_than_the_stores(world, described):
    page = signed_in(world.manager).get(PAGE).content.decode()

    assert '<a href="?language=en" lang="en" aria-current="page">' in page


@pytest.mark.parametrize("dishes", [1, 40])
def test_costs_the_same_queries_for_a_small_or_a_long_menu(
    world, described, options, dishes, django_assert_num_queries
):
    for number in range(dishes):
        MenuItem.objects.create(
            store=world.store, category=described.mains, name=f"Dish {number}", price=1000
        )
    client = signed_in(world.manager)

    # session, user, store, open calls' and unseen orders' counts; items, categories, groups,
    # choices, links
    with django_assert_num_queries(10):
        client.get(PAGE, {"language": "ja"})
