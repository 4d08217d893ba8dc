"""The menu's order set by up and down buttons, in Chromium against the app under uvicorn: a
category moved down on the menu page, a choice moved up in its group's form, the groups of a
dish moved in its form; an open tablet shows the new order."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from menus.option_groups import ChoiceInput, option_group_save
from orders.tests.test_dashboard_browser import sign_in
from stores.tokens import table_token
from tablet.tests.test_tablet_browser import item, set_up
from testsupport.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def tablet_menu(app_server, world) -> dict:
    status, menu = app_server.request("GET", "/api/v1/menu/", token=str(table_token(world.table)))
    assert status == 200, menu
    return menu


def choice_names(page: Page) -> list[str]:
    """The names in the group form's rows, as they stand (the moves happen on the click)."""
    return page.locator("#choice-rows input[name$='-name']").evaluate_all(
        "inputs => inputs.map((input) => input.value)"
    )


def test_a_manager_moves_a_category_down_and_a_choice_up_and_the_tablet_follows(
    open_page, app_server, world, menu, options
):
    tablet = open_page()
    set_up(tablet)
    expect(tablet.locator(".category")).to_have_text(["Mains", "Drinks"])
    manager = open_page(viewport=(1024, 768))
    sign_in(manager)

    manager.goto("/manager/menu/")
    mains = manager.locator(f"#category-{menu.mains.id} .category-head")
    expect(mains.get_by_role("button", name="Move up")).to_be_disabled()
    mains.get_by_role("button", name="Move down").click()

    expect(manager.locator(".messages")).to_contain_text("“Mains” moved.")
    expect(manager.locator(".category-head h2")).to_have_text(["Drinks", "Mains"])
    expect(
        manager.locator(".category-head").first.get_by_role("button", name="Move up")
    ).to_be_disabled()
    screenshot(manager, "manager-menu-order-1024")
    # The tablet hears of it (menu_changed) and reads its menu again.
    expect(tablet.locator(".category")).to_have_text(["Drinks", "Mains"])

    manager.goto(f"/manager/menu/options/{options.spice.id}/")
    assert choice_names(manager) == ["Mild", "Hot", "Extreme", "", "", ""]
    rows = manager.locator(".choice-row")
    expect(rows.first.get_by_role("button", name="Move up")).to_be_disabled()
    expect(rows.last.get_by_role("button", name="Move down")).to_be_disabled()
    rows.nth(1).get_by_role("button", name="Move up").click()
    assert choice_names(manager) == ["Hot", "Mild", "Extreme", "", "", ""]
    # The fields are numbered as the rows now stand: the formset reads them in that order.
    expect(manager.locator("input[name='choices-0-name']")).to_have_value("Hot")
    expect(rows.first.get_by_role("button", name="Move down")).to_be_focused()
    # A new choice in an empty row (the rows for new choices still work), moved up one.
    manager.locator("input[name='choices-3-name']").fill("Medium")
    rows.nth(3).get_by_role("button", name="Move up").click()
    assert choice_names(manager) == ["Hot", "Mild", "Medium", "Extreme", "", ""]
    screenshot(manager, "manager-option-group-order-1024")
    manager.get_by_role("button", name="Save").click()
    expect(manager.locator(".messages")).to_contain_text("“Spice level” saved.")

    spice = tablet_menu(app_server, world)["categories"][1]["menu_items"][0]["option_groups"][0]
    assert [choice["name"] for choice in spice["choices"]] == ["Hot", "Mild", "Medium", "Extreme"]
    tablet.get_by_role("button", name="Mains").click()
    item(tablet, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    dish = tablet.get_by_role("dialog", name="Bibimbap")
    expect(dish.locator(".option-group").first.locator(".choice-name")).to_have_text(
        ["Hot", "Mild", "Medium", "Extreme"]
    )


def test_a_manager_puts_a_dishs_option_groups_in_order(open_page, app_server, world, menu, options):
    option_group_save(store=world.store, name="Size", choices=[ChoiceInput("Large", 2000)])
    manager = open_page(viewport=(1024, 768))
    sign_in(manager)
    manager.goto(f"/manager/menu/items/{menu.bibimbap.id}/")
    groups = manager.locator("#id_option_groups > div")
    names = groups.locator("label")
    expect(names).to_have_text(["Spice level", "Add-ons", "Size"])
    size = groups.filter(has_text="Size")
    expect(size.get_by_role("button", name="Move up")).to_be_hidden()  # not offered: no order

    manager.get_by_label("Size").check()
    size.get_by_role("button", name="Move up").click()
    size.get_by_role("button", name="Move up").click()
    expect(names).to_have_text(["Size", "Spice level", "Add-ons"])
    manager.get_by_label("Spice level").uncheck()
    expect(
        groups.filter(has_text="Spice level").get_by_role("button", name="Move up")
    ).to_be_hidden()
    # Among the ticked ones: Add-ons goes up past Spice level, which is not offered any more.
    groups.filter(has_text="Add-ons").get_by_role("button", name="Move up").click()
    expect(names).to_have_text(["Add-ons", "Size", "Spice level"])
    screenshot(manager, "manager-item-groups-order-1024")
    manager.get_by_role("button", name="Save").click()
    expect(manager.locator(".messages")).to_contain_text("“Bibimbap” saved.")

    bibimbap = tablet_menu(app_server, world)["categories"][0]["menu_items"][0]
    assert [group["name"] for group in bibimbap["option_groups"]] == ["Add-ons", "Size"]
    manager.goto(f"/manager/menu/items/{menu.bibimbap.id}/")
    expect(names).to_have_text(["Add-ons", "Size", "Spice level"])


@pytest.mark.parametrize("locale", ["en-US", "ko-KR"])
def test_the_order_buttons_at_a_small_laptops_width(
    open_page, app_server, world, menu, options, locale
):
    """Screenshots to look at: the menu page and a group's form, in both languages."""
    page = open_page(locale=locale, viewport=(1024, 768))
    sign_in(page)

    page.goto("/manager/menu/")
    expect(page.locator(".category-head .button-icon")).to_have_count(4)
    screenshot(page, f"manager-menu-order-{locale}-1024")
    page.goto(f"/manager/menu/options/{options.spice.id}/")
    expect(page.locator(".choice-row .move-buttons")).to_have_count(6)
    screenshot(page, f"manager-option-group-order-{locale}-1024")
    page.goto(f"/manager/menu/items/{menu.bibimbap.id}/")
    expect(page.locator("#id_option_groups .move-buttons:visible")).to_have_count(2)
    screenshot(page, f"manager-item-groups-order-{locale}-1024")
