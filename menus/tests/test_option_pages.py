"""The manager's option pages: a group built from rows, offered by dishes through their form,
a choice sold out in one tap; another store's manager reaches none of it."""

from __future__ import annotations

import re

import pytest

from conftest import signed_in
from menus.models import OptionChoice, OptionGroup


def group_form(name="Size", least=1, most=1, rows=(), initial=0) -> dict:
    data = {
        "name": name,
        "min_choices": least,
        "max_choices": most,
        "choices-TOTAL_FORMS": len(rows),
        "choices-INITIAL_FORMS": initial,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 50,
    }
    for index, row in enumerate(rows):
        for field, value in row.items():
            data[f"choices-{index}-{field}"] = value
    return data


ROWS = [
    {"name": "Regular", "price_delta": 0, "is_available": "on"},
    {"name": "Large", "price_delta": 3000, "is_available": "on"},
    {"name": "", "price_delta": "", "is_available": "on"},  # an empty row: no choice
]


def test_a_group_is_built_from_rows_and_shown_with_its_choices(world):
    client = signed_in(world.manager)

    response = client.post("/manager/menu/options/new/", group_form(rows=ROWS))

    assert response.status_code == 302
    group = OptionGroup.objects.get(store=world.store)
    assert [(c.name, c.price_delta) for c in group.choices.all()] == [
        ("Regular", 0),
        ("Large", 3000),
    ]
    page = client.get("/manager/menu/options/").content.decode()
    assert "Large" in page
    assert "+₩3,000" in page


def test_a_blank_name_takes_a_choice_out(world, options):
    client = signed_in(world.manager)
    rows = [
        {"id": choice.id, "name": "" if choice.name == "Hot" else choice.name, "price_delta": 0}
        for choice in options.spice.choices.all()
    ]

    client.post(
        f"/manager/menu/options/{options.spice.id}/",
        group_form("Spice level", rows=rows, initial=len(rows)),
    )

    assert [c.name for c in options.spice.choices.filter(is_deleted=False)] == ["Mild", "Extreme"]


def test_impossible_counts_are_shown_on_the_form(world):
    client = signed_in(world.manager)

    response = client.post("/manager/menu/options/new/", group_form(least=3, most=1, rows=ROWS))

    assert response.status_code == 400
    assert not OptionGroup.objects.exists()


def test_a_dish_offers_groups_chosen_in_its_form(world, menu, options):
    client = signed_in(world.manager)
    form = {
        "category": menu.drinks.id,
        "name": "Cola",
        "description": "",
        "price": 2000,
        "is_available": "on",
        "option_groups": [options.add_ons.id],
    }

    response = client.post(f"/manager/menu/items/{menu.cola.id}/", form)

    assert response.status_code == 302
    assert list(menu.cola.option_groups.all()) == [options.add_ons]
    page = client.get(f"/manager/menu/items/{menu.bibimbap.id}/").content.decode()
    assert page.count('name="option_groups"') == 2  # both of the store's groups offered


def test_choices_are_saved_in_the_order_of_their_rows(world, options):
    """The page's buttons move the rows and number their fields afresh (move-rows.js):
    the rows arrive in the order shown, an existing choice on any row."""
    client = signed_in(world.manager)
    mild, hot, extreme = options.spice.choices.all()
    rows = [
        {"id": choice.id, "name": choice.name, "price_delta": choice.price_delta}
        for choice in (hot, mild, extreme)
    ]
    rows.insert(1, {"name": "", "price_delta": ""})  # an empty row moved up among them
    rows.insert(0, {"name": "Medium", "price_delta": 0})  # a new one moved to the top

    response = client.post(
        f"/manager/menu/options/{options.spice.id}/",
        group_form("Spice level", rows=rows, initial=3),
    )

    assert response.status_code == 302
    saved = options.spice.choices.filter(is_deleted=False).order_by("display_order")
    assert [(c.name, c.display_order) for c in saved] == [
        ("Medium", 1),
        ("Hot", 2),
        ("Mild", 3),
        ("Extreme", 4),
    ]
    assert {hot.id, mild.id, extreme.id} <= {c.id for c in saved}  # kept, not made anew
    page = client.get(f"/manager/menu/options/{options.spice.id}/").content.decode()
    names = re.findall(r'name="choices-\d+-name" value="([^"]*)"', page)
    assert names == ["Medium", "Hot", "Mild", "Extreme"]
    assert page.count("<td data-move-here></td>") == 4 + 3  # the rows, and three empty ones
    assert '<template data-move-buttons="choice-rows" data-formset-prefix="choices">' in page


def test_a_dishs_groups_are_saved_in_the_order_the_form_sends_them(world, menu, options):
    client = signed_in(world.manager)
    url = f"/manager/menu/items/{menu.bibimbap.id}/"
    form = {"category": menu.mains.id, "name": "Bibimbap", "price": 9000, "is_available": "on"}

    response = client.post(url, {**form, "option_groups": [options.add_ons.id, options.spice.id]})

    assert response.status_code == 302
    links = menu.bibimbap.option_links.order_by("display_order")
    assert [(link.group, link.display_order) for link in links] == [
        (options.add_ons, 1),
        (options.spice, 2),
    ]
    page = client.get(url).content.decode()
    assert offered_in_page_order(page, options) == ["Add-ons", "Spice level"]
    assert '<template data-move-buttons="id_option_groups" data-move-ticked>' in page


def test_a_refused_dish_form_lists_its_groups_as_they_were_sent(world, menu, options):
    url = f"/manager/menu/items/{menu.bibimbap.id}/"
    form = {"category": menu.mains.id, "name": "Bibimbap", "price": -1}

    response = signed_in(world.manager).post(
        url, {**form, "option_groups": [options.add_ons.id, options.spice.id]}
    )

    assert response.status_code == 400
    assert offered_in_page_order(response.content.decode(), options) == ["Add-ons", "Spice level"]
    assert [link.group for link in menu.bibimbap.option_links.order_by("display_order")] == [
        options.spice,
        options.add_ons,
    ]


def offered_in_page_order(page: str, options) -> list[str]:
    names = {str(options.spice.id): "Spice level", str(options.add_ons.id): "Add-ons"}
    return [names[pk] for pk in re.findall(r'name="option_groups" value="(\d+)"', page)]


def test_a_choice_is_sold_out_for_the_day_in_one_tap(world, options):
    client = signed_in(world.manager)

    client.post(f"/manager/menu/choices/{options.hot.id}/availability/", {"sold_out_today": "true"})

    assert OptionChoice.objects.get(pk=options.hot.pk).sold_out_for_the_day
    page = client.get("/manager/menu/options/").content.decode()
    assert "Sold out today" in page.split(f'id="choice-{options.hot.id}"')[1].split("</li>")[0]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/manager/menu/options/{group}/"),
        ("post", "/manager/menu/options/{group}/"),
        ("post", "/manager/menu/options/{group}/delete/"),
        ("post", "/manager/menu/choices/{choice}/availability/"),
    ],
)
def test_another_stores_manager_reaches_none_of_it(world, options, method, path):
    client = signed_in(world.other_manager)
    url = path.format(group=options.spice.id, choice=options.hot.id)

    response = getattr(client, method)(url, {"is_available": "false", "name": "Taken"})

    assert response.status_code == 404
    assert OptionGroup.objects.get(pk=options.spice.pk).name == "Spice level"
    assert OptionChoice.objects.get(pk=options.hot.pk).is_available
    assert "Spice level" not in client.get("/manager/menu/options/").content.decode()
