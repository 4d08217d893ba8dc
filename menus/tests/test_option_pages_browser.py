"""The manager's menu and option pages in Chromium: a group built, offered by two dishes, a
choice sold out for the day, an open tablet showing it within a second; a long menu folded."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from menus.models import MenuItem
from orders.tests.test_dashboard_browser import sign_in
from tablet.tests.test_tablet_browser import cart_line, item, set_up
from testsupport.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def offer(page, dish: str, group: str) -> None:
    page.goto("/manager/menu/")
    page.locator(".menu-item", has_text=dish).get_by_role("link", name="Edit").click()
    page.get_by_label(group).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("saved")


def test_a_manager_builds_an_option_reuses_it_and_sells_a_choice_out_today(
    open_page, app_server, world, menu
):
    manager = open_page(viewport=(1024, 768))
    sign_in(manager)
    manager.goto("/manager/menu/")
    manager.get_by_role("link", name="Options").click()
    manager.get_by_role("link", name="Add an option").click()
    manager.get_by_label("Option name").fill("Size")
    manager.get_by_label("Guests choose at least").fill("1")
    manager.get_by_label("and at most").fill("1")
    manager.locator("input[name='choices-0-name']").fill("Regular")
    manager.locator("input[name='choices-1-name']").fill("Large")
    manager.locator("input[name='choices-1-price_delta']").fill("3000")
    manager.get_by_role("button", name="Save").click()
    expect(manager.locator(".option-group", has_text="Size")).to_contain_text("+₩3,000")

    offer(manager, "Bibimbap", "Size")
    offer(manager, "Kimchi stew", "Size")
    manager.goto("/manager/menu/options/")
    group = manager.locator(".option-group", has_text="Size")
    expect(group.locator(".offered-by")).to_contain_text("Bibimbap")
    expect(group.locator(".offered-by")).to_contain_text("Kimchi stew")

    tablet = open_page()
    set_up(tablet)
    item(tablet, "Kimchi stew").get_by_role("button", name="Add Kimchi stew").click()
    dish = tablet.get_by_role("dialog", name="Kimchi stew")
    dish.get_by_label("Large").check()
    dish.locator(".dish-add").click()
    expect(cart_line(tablet, "Kimchi stew")).to_contain_text("Large")

    group.locator(".option-choice-row", has_text="Large").get_by_role(
        "button", name="Sold out today"
    ).click()
    expect(
        manager.locator(".option-choice-row", has_text="Large").locator(".sold-out-badge")
    ).to_have_text("Sold out today")
    screenshot(manager, "manager-options-1024")

    line = cart_line(tablet, "Kimchi stew")
    expect(line.locator(".sold-out-badge")).to_have_text("Sold out", timeout=1000)
    item(tablet, "Kimchi stew").get_by_role("heading", name="Kimchi stew").click()
    dish = tablet.get_by_role("dialog", name="Kimchi stew")
    expect(dish.get_by_label("Large")).to_be_disabled()
    expect(dish.get_by_label("Regular")).to_be_enabled()


def test_back_from_editing_a_dish_its_folded_category_opens(page, app_server, world, menu):
    for index in range(20):
        MenuItem.objects.create(
            store=world.store, category=menu.drinks, name=f"Tea {index}", price=3000
        )
    sign_in(page)

    page.goto(f"/manager/menu/items/{menu.cola.id}/")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(f"#item-{menu.cola.id}")).to_be_visible()
    expect(page.locator("#category-" + str(menu.mains.id) + " details")).to_have_attribute(
        "open", ""
    )
