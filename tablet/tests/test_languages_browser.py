"""The tablet in the guests' language, in Chromium against the app under uvicorn: a guest
switches to Japanese, reads the page and the menu in it (the store's text where nothing is
translated), orders with options and a note; the kitchen reads the order in the store's
language; the next guests start in the tablet's own language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from menus import services
from orders.models import Order
from orders.tests.test_dashboard_browser import card, sign_in
from tablet.tests.test_tablet_browser import as_manager, item, set_up
from testsupport.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_guest_orders_in_japanese_and_the_kitchen_reads_the_stores_language(
    open_page, app_server, world, translated, options
):
    dashboard = open_page(viewport=(1024, 768))
    sign_in(dashboard)
    tablet = open_page(viewport=(1024, 768))
    set_up(tablet)
    expect(tablet.locator(".language-button")).to_have_text("English")

    tablet.get_by_role("button", name="Language").click()
    tablet.get_by_role("dialog", name="Language").get_by_role("button", name="日本語").click()

    # The page's own words and the menu's texts; the store's text where none is translated.
    expect(tablet.locator("html")).to_have_attribute("lang", "ja")
    expect(tablet.locator(".language-button")).to_have_text("日本語")
    expect(tablet.get_by_role("button", name="メニュー")).to_be_visible()
    expect(tablet.locator(".category")).to_have_text(["お食事", "Drinks"])
    dish_card = item(tablet, "ビビンバ")
    expect(dish_card).to_contain_text("ナムルご飯")
    expect(item(tablet, "Kimchi stew")).to_be_visible()

    dish_card.get_by_role("button", name="ビビンバをカートに追加").click()
    dish = tablet.get_by_role("dialog", name="ビビンバ")
    add = dish.locator(".dish-add")
    expect(add).to_have_text("辛さを選んでください")
    dish.get_by_label("辛口").check()
    expect(add).to_contain_text("9,000")
    dish.get_by_label("Cheese").check()
    expect(add).to_contain_text("11,000")
    dish.get_by_label("キッチンへのご要望").fill("ネギ抜きで")
    screenshot(tablet, "tablet-dish-ja-1024x768")
    add.click()

    line = tablet.locator(".cart-line").filter(has_text="ビビンバ")
    expect(line).to_contain_text("辛口, Cheese")
    tablet.get_by_role("button", name="注文する", exact=True).click()
    tablet.get_by_role("button", name="注文を確定する").click()
    expect(tablet.locator("#placed-number")).to_have_text("1")

    # The order and the kitchen: the store's own texts.
    (line_item,) = Order.objects.get().items.all()
    assert line_item.name == "Bibimbap"
    assert [o.choice_name for o in line_item.options.all()] == ["Hot", "Cheese"]
    expect(card(dashboard, world.table)).to_contain_text("Bibimbap (Hot, Cheese)")
    # The guest's orders in their language.
    tablet.get_by_role("button", name="注文履歴").click()
    expect(tablet.locator(".order-list")).to_contain_text("ビビンバ")
    expect(tablet.locator(".order-list")).to_contain_text("辛口, Cheese")

    # The table completed: the next guests find the tablet in its own language.
    world.manager.refresh_from_db()  # signing in on the dashboard rehashed the password
    as_manager(app_server, world, "POST", f"/api/v1/admin/tables/{world.table.id}/complete/")
    expect(tablet.locator("html")).to_have_attribute("lang", "en", timeout=8_000)
    expect(tablet.locator(".category")).to_have_text(["Main dishes", "Drinks"])
    expect(tablet.locator(".cart-line")).to_have_count(0)


def test_a_tablet_in_chinese_reads_the_chinese_menu(open_page, app_server, world, menu):
    services.menu_item_update(item=menu.cola, translations={"zh-hans": {"name": "可乐"}})
    tablet = open_page(locale="zh-CN", viewport=(1024, 768))
    tablet.goto("/table/")
    tablet.locator("input[name=store]").fill("alpha")
    tablet.locator("input[name=table]").fill("1")
    tablet.locator("input[name=password]").fill("table-pass-1")
    tablet.locator("button[type=submit]").click()

    expect(tablet.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(tablet.locator(".language-button")).to_have_text("简体中文")
    tablet.get_by_role("button", name="Drinks").click()
    expect(item(tablet, "可乐")).to_be_visible()
    screenshot(tablet, "tablet-menu-zh-1024x768")
