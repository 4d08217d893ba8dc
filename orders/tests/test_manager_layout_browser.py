"""The manager's pages with the longest names, numbers and amounts the product allows, at a
small laptop's width and a larger one, in both languages: nothing sticks out of its box,
nothing is cut off, no page scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from menus.models import NAME_MAX_LENGTH, PRICE_MAX, Category, MenuItem
from orders.models import QUANTITY_MAX
from orders.order_lines import OrderLine
from orders.services import order_place, table_complete
from orders.tests.test_dashboard_browser import sign_in
from stores.models import TABLE_NUMBER_MAX
from stores.services import table_create
from tablet.tests.test_tablet_layout_browser import KOREAN_NAME, LATIN_NAME
from testsupport.browser import assert_fits

pytestmark = pytest.mark.django_db(transaction=True)

USERNAME = ("manager" * 22)[:150]
SIZES = [(1024, 768), (1280, 800)]
LOCALES = ["en-US", "ko-KR"]


@pytest.fixture
def longest(world):
    """Store alpha with the longest names everywhere, table 999 with four orders of the
    dearest dishes at the largest quantities, and a past visit at table 1."""
    world.store.name = ("AlphaGrill" * 10)[:100]
    world.store.save()
    world.manager.username = USERNAME
    world.manager.save()
    category = Category.objects.create(store=world.store, name=("Category" * 13)[:NAME_MAX_LENGTH])
    dishes = [
        MenuItem.objects.create(
            store=world.store,
            category=category,
            name=name,
            price=PRICE_MAX,
            description=("Description" * 100)[:1000],
        )
        for name in (LATIN_NAME, KOREAN_NAME)
    ]
    lines = [OrderLine(menu_id=dish.id, quantity=QUANTITY_MAX) for dish in dishes]
    table = table_create(store=world.store, number=TABLE_NUMBER_MAX, password="long-table")
    for _ in range(4):
        order_place(table=table, lines=lines)
    order_place(table=world.table, lines=lines)
    table_complete(table=world.table, actor=world.manager)
    return table, dishes


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("viewport", SIZES, ids=["1024", "1280"])
def test_every_page_fits_the_longest_of_everything(
    open_page, app_server, world, longest, locale, viewport
):
    table, dishes = longest
    page = open_page(locale=locale, viewport=viewport)
    shot = f"manager-longest-{locale}-{viewport[0]}"
    sign_in(page, username=USERNAME)
    expect(page.locator(".table-card")).to_have_count(3)
    assert_fits(page, f"{shot}-dashboard")

    pages = {
        "tables": "/manager/tables/",
        "visit": f"/manager/tables/{table.id}/",
        "table-edit": f"/manager/tables/{table.id}/edit/",
        "history": f"/manager/tables/{world.table.id}/history/",
        "menu": "/manager/menu/",
        "item": f"/manager/menu/items/{dishes[0].id}/",
        "category": f"/manager/menu/categories/{dishes[0].category_id}/",
    }
    for name, path in pages.items():
        page.goto(path)
        assert_fits(page, f"{shot}-{name}")

    page.goto(f"/manager/tables/{table.id}/")
    page.locator(".visit-summary form button").click()
    expect(page.locator("dialog")).to_be_visible()
    assert_fits(page, f"{shot}-complete-confirmation")
