"""The kitchen's setup in a real browser: from the store's settings a manager adds a bar,
sends the drinks there and makes the bar's screen an account, which signs in to the kitchen
display and nowhere else."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from menus.models import Category, Station
from orders.tests.test_dashboard_browser import sign_in
from stores.models import StaffRole, User
from testsupport.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

BAR_PASSWORD = "cold-beer-and-soju-9"


def test_a_manager_sets_up_a_bar_with_its_own_screen(page, world, menu):
    sign_in(page)
    page.get_by_role("link", name="Store", exact=True).click()
    page.get_by_role("link", name="Kitchen stations").click()
    expect(page.locator("h1")).to_have_text("Kitchen stations")

    page.get_by_label("Station name").fill("Bar")
    page.get_by_role("button", name="Add station").click()
    expect(page.locator(".message-success")).to_contain_text("Station “Bar” added.")
    bar = Station.objects.get(store=world.store, name="Bar")

    page.locator("#routes").get_by_label("Drinks").select_option(label="Bar")
    page.locator("#routes").get_by_role("button", name="Save").click()
    expect(page.locator(".message-success")).to_contain_text("the next orders go there")
    expect(page.locator(f"#station-{bar.id}")).to_contain_text("Drinks")
    assert Category.objects.get(pk=menu.drinks.pk).station == bar
    screenshot(page, "manager-stations")

    # The bar may not take the kitchen's name.
    page.locator(f"#station-{bar.id}").get_by_role("link", name="Rename").click()
    page.get_by_label("Station name").fill(world.store.stations.first().name)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".field-invalid")).to_contain_text("Another station has this name.")

    page.get_by_role("link", name="Kitchen stations").click()
    page.get_by_role("link", name="Kitchen accounts").click()
    page.get_by_label("Username").fill("bar")
    page.get_by_label("Password").fill(BAR_PASSWORD)
    page.get_by_role("button", name="Add account").click()
    expect(page.locator(".message-success")).to_contain_text("Kitchen account “bar” added.")
    account = User.objects.get(store=world.store, username="bar")
    assert account.role == StaffRole.KITCHEN
    screenshot(page, "manager-kitchen-accounts")

    # The bar's screen signs in where managers do, and lands on the kitchen display.
    page.get_by_role("button", name="Sign out").click()
    page.locator("input[name=store]").fill("alpha")
    page.locator("input[name=username]").fill("bar")
    page.locator("input[name=password]").fill(BAR_PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/kitchen/$"))
    response = page.goto("/manager/menu/stations/")
    assert response.status == 403
