"""A dish's page on the tablet, in Chromium against the app under uvicorn: a guest chooses
options and a note, sees the price follow, orders, and the dashboard shows what was chosen;
a choice sold out reaches the tablet live."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from menus.services import menu_item_update
from orders.models import Order
from orders.tests.test_dashboard_browser import card, sign_in
from tablet.tests.test_tablet_browser import as_manager, cart_line, item, place_order, set_up
from testsupport.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_guest_chooses_options_and_a_note_and_the_dashboard_shows_them(
    open_page, app_server, world, menu, options
):
    dashboard = open_page(viewport=(1024, 768))
    sign_in(dashboard)
    tablet = open_page()
    set_up(tablet)

    # A dish with a required choice opens its page rather than going in the cart.
    item(tablet, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    dish = tablet.get_by_role("dialog", name="Bibimbap")
    add = dish.locator(".dish-add")
    expect(add).to_be_disabled()
    expect(add).to_have_text("Choose Spice level")

    dish.get_by_label("Hot").check()
    expect(add).to_have_text("Add · ₩9,000")
    dish.get_by_label("Cheese").check()
    dish.get_by_label("Egg").check()
    expect(dish.get_by_label("Ham")).to_be_disabled()  # two at most
    dish.get_by_label("Egg").uncheck()
    dish.get_by_role("button", name="One more").click()
    expect(add).to_have_text("Add · ₩22,000")
    dish.get_by_label("Note for the kitchen").fill("No sesame, please")
    screenshot(tablet, "tablet-dish-1280x800")
    add.click()

    line = cart_line(tablet, "Bibimbap")
    expect(line).to_contain_text("Hot, Cheese")
    expect(line).to_contain_text("No sesame, please")
    expect(tablet.locator("#cart-total")).to_have_text("₩22,000")
    place_order(tablet)
    expect(tablet.locator("#placed-number")).to_have_text("1")

    order = Order.objects.get()
    (line_item,) = order.items.all()
    assert (line_item.unit_price, line_item.quantity, line_item.note) == (
        11000,
        2,
        "No sesame, please",
    )
    assert [option.choice_name for option in line_item.options.all()] == ["Hot", "Cheese"]
    expect(card(dashboard, world.table)).to_contain_text("Bibimbap (Hot, Cheese) ×2")  # noqa: RUF001
    expect(card(dashboard, world.table)).to_contain_text("No sesame, please")
    dashboard.goto(f"/manager/tables/{world.table.id}/")
    expect(dashboard.locator(".item-option")).to_have_text(["Hot", "Cheese +₩2,000"])
    expect(dashboard.locator(".item-note")).to_have_text("No sesame, please")


def test_the_same_dish_with_other_options_is_another_line(page, app_server, world, menu, options):
    set_up(page)
    for spice in ("Mild", "Hot", "Mild"):
        item(page, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
        dish = page.get_by_role("dialog", name="Bibimbap")
        dish.get_by_label(spice).check()
        dish.locator(".dish-add").click()

    expect(page.locator(".cart-line")).to_have_count(2)
    expect(cart_line(page, "Mild").locator(".quantity")).to_have_text("2")
    expect(item(page, "Bibimbap").locator(".in-cart")).to_have_text("3")


def test_a_choice_sold_out_reaches_the_tablet_within_a_second(
    page, app_server, world, menu, options
):
    set_up(page)
    item(page, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    dish = page.get_by_role("dialog", name="Bibimbap")
    dish.get_by_label("Hot").check()
    dish.locator(".dish-add").click()

    as_manager(
        app_server,
        world,
        "PATCH",
        f"/api/v1/admin/option-choices/{options.hot.id}/",
        {"is_available": False},
    )

    line = cart_line(page, "Bibimbap")
    expect(line.locator(".sold-out-badge")).to_have_text("Sold out", timeout=1000)
    expect(page.get_by_role("button", name="Order", exact=True)).to_be_disabled()
    item(page, "Bibimbap").get_by_role("heading", name="Bibimbap").click()
    dish = page.get_by_role("dialog", name="Bibimbap")
    expect(dish.get_by_label("Hot")).to_be_disabled()
    expect(dish.locator(".option-choice.sold-out")).to_contain_text("Sold out")


def test_the_dish_page_speaks_korean(open_page, app_server, world, menu, options):
    menu_item_update(item=menu.bibimbap, badges=["popular", "spicy"])
    page = open_page(locale="ko-KR", viewport=(800, 1280))
    page.goto("/table/")
    page.get_by_label("매장 코드").fill("alpha")
    page.get_by_label("테이블 번호").fill("1")
    page.get_by_label("테이블 비밀번호").fill("table-pass-1")
    page.get_by_role("button", name="시작").click()

    expect(item(page, "Bibimbap").locator(".badge")).to_have_text(["인기", "매운맛"])
    item(page, "Bibimbap").get_by_role("heading", name="Bibimbap").click()
    dish = page.get_by_role("dialog", name="Bibimbap")
    expect(dish.locator(".badge")).to_have_text(["인기", "매운맛"])
    expect(dish.locator(".group-required")).to_have_text("필수")
    expect(dish.locator(".group-hint")).to_have_text(["1개 선택", "최대 2개"])
    dish.get_by_label("Extreme").check()
    expect(dish.locator(".dish-add")).to_have_text("담기 · 9,500원")
    screenshot(page, "tablet-dish-ko-800x1280")
