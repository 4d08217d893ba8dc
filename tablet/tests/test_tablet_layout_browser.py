"""The tablet with the longest names and the largest prices the menu allows, at both tablet
sizes and in both languages: nothing sticks out of its box, nothing is cut off, nothing
makes the screen scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import TABLE_PASSWORD
from menus.models import NAME_MAX_LENGTH, PRICE_MAX, Category, MenuItem
from menus.option_groups import ChoiceInput, option_group_save
from menus.services import menu_item_update
from orders.models import NOTE_MAX_LENGTH, QUANTITY_MAX
from testsupport.browser import assert_fits

pytestmark = pytest.mark.django_db(transaction=True)

# Unbroken: no space for the browser to wrap at.
LATIN_NAME = ("Tteokbokki" * 10)[:NAME_MAX_LENGTH]
KOREAN_NAME = ("떡볶이치즈추가" * 15)[:NAME_MAX_LENGTH]
SIZES = [(1280, 800), (800, 1280)]
LOCALES = ["en-US", "ko-KR"]


@pytest.fixture
def longest(world):
    """A category and dishes with the longest names, descriptions and prices allowed."""
    category = Category.objects.create(
        store=world.store, name=("Category" * 13)[:NAME_MAX_LENGTH], display_order=0
    )

    def dish(name: str, **fields) -> MenuItem:
        return MenuItem.objects.create(
            store=world.store,
            category=category,
            name=name,
            price=PRICE_MAX,
            description=("Description" * 100)[:1000],
            **fields,
        )

    dishes = [
        dish(LATIN_NAME, display_order=1),
        dish(KOREAN_NAME, display_order=2),
        dish(f"{LATIN_NAME[:-1]}!", display_order=3, is_available=False),
    ]
    group = option_group_save(
        store=world.store,
        name=KOREAN_NAME,
        min_choices=1,
        max_choices=1,
        choices=[ChoiceInput(KOREAN_NAME), ChoiceInput(f"{LATIN_NAME[:-1]}?", PRICE_MAX)],
    )
    menu_item_update(item=dishes[0], option_group_ids=[group.id])
    return dishes


def set_up(page: Page) -> None:
    page.goto("/table/")
    page.locator("input[name=store]").fill("alpha")
    page.locator("input[name=table]").fill("1")
    page.locator("input[name=password]").fill(TABLE_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("#menu")).to_be_visible()


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("viewport", SIZES, ids=["landscape", "portrait"])
def test_the_longest_menu_fits_from_the_menu_to_the_order(
    open_page, app_server, world, longest, locale, viewport
):
    page = open_page(locale=locale, viewport=viewport)
    shot = f"tablet-longest-{locale}-{viewport[0]}x{viewport[1]}"
    set_up(page)
    expect(page.locator(".item")).to_have_count(3)
    assert_fits(page, f"{shot}-menu")

    page.locator(f".item[data-menu-id='{longest[0].id}'] .add").click()
    dish_page = page.locator("dialog.dish")
    assert_fits(page, f"{shot}-dish")
    dish_page.locator(".option-choice input").first.check()
    dish_page.locator(".dish-note").fill("No" * (NOTE_MAX_LENGTH // 2))
    for _ in range(QUANTITY_MAX - 1):
        dish_page.locator(".stepper button").last.click()
    assert_fits(page, f"{shot}-dish-chosen")
    dish_page.locator(".dish-add").click()
    page.locator(f".item[data-menu-id='{longest[1].id}'] .add").click()
    line = page.locator(".cart-line").first  # the longest dish, options and note
    expect(line.locator(".quantity")).to_have_text(str(QUANTITY_MAX))
    expect(line.locator(".remove")).to_be_in_viewport()
    assert_fits(page, f"{shot}-cart")

    page.route("**/api/v1/orders/", lambda route: route.abort("connectionreset"))
    page.locator("#cart .order-button").click()
    expect(page.locator("#confirm")).to_be_visible()
    assert_fits(page, f"{shot}-confirm")
    page.locator("#confirm .place").click()
    expect(page.locator("#confirm .place")).to_contain_text("(2)", timeout=5_000)
    assert_fits(page, f"{shot}-retrying")

    page.unroute("**/api/v1/orders/")
    expect(page.locator("#placed-number")).to_have_text("1", timeout=10_000)
    assert_fits(page, f"{shot}-placed")
    expect(page.locator("#placed-number")).to_have_count(0, timeout=10_000)
    page.locator("[data-view=orders]").click()
    expect(page.locator("#orders .order")).to_have_count(1)
    assert_fits(page, f"{shot}-orders")
