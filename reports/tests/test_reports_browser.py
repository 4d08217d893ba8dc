"""The sales page and the printed day close in Chromium, in English and Korean, at a 1024
tablet's width: everything fits, the charts are drawn, and the day close prints without the
page's chrome. Screenshots are kept under test-artifacts/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from orders.tests.test_dashboard_browser import sign_in
from reports.tests.conftest import at, bulk_orders
from testsupport.browser import assert_fits, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

LOCALES = ["en-US", "ko-KR"]


@pytest.fixture
def busy_november(world, menu):
    """A month of lunches and dinners at store alpha, busier towards the weekend."""
    dishes = [menu.bibimbap, menu.stew, menu.cola]
    for day in range(1, 31):
        for n, hour in enumerate((11, 12, 13, 18, 19, 20, 21, 0)):
            table = world.table if n % 2 else world.other_table
            count = 1 + (day * 3 + hour) % 5 + (day % 7 in (5, 6)) * 3
            when = (
                at(day + (hour == 0), hour, 15 + n, month=11)
                if day + (hour == 0) <= 30
                else at(1, 0, 15)
            )
            bulk_orders(table, dishes[(day + n) % 3], count, when, lines_each=1 + n % 2)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_sales_page_and_the_printed_day_close(
    open_page, app_server, world, sales, busy_november, locale
):
    page = open_page(locale=locale, viewport=(1024, 768))
    sign_in(page)
    page.locator(".main-nav a[href='/manager/reports/']").click()
    expect(page).to_have_url(re.compile(r"/manager/reports/$"))
    expect(page.locator(".main-nav a[aria-current=page]")).to_have_attribute(
        "href", "/manager/reports/"
    )

    page.goto("/manager/reports/?month=2026-11")
    expect(page.locator("svg.chart")).to_have_count(4)  # by day, by hour, the two top items
    expect(page.locator("svg.column-chart").first.locator("rect.chart-bar")).to_have_count(30)
    assert_fits(page, f"reports-month-{locale}")

    page.goto("/manager/reports/?day=2026-12-01")
    expect(page.locator(".kpi-value").first).to_have_text(
        "38,000원" if locale == "ko-KR" else "₩38,000"
    )
    assert_fits(page, f"reports-day-{locale}")

    page.locator("a[href='/manager/reports/day-close/?day=2026-12-01']").click()
    expect(page.locator(".close-head h2")).to_be_visible()
    assert_fits(page, f"reports-day-close-{locale}")
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.locator("[data-print]")).to_be_hidden()
    screenshot(page, f"reports-day-close-print-{locale}")


def test_a_bad_month_is_a_form_error_on_the_page(open_page, app_server, world):
    page = open_page()
    sign_in(page)

    page.goto("/manager/reports/?month=2026-13")

    expect(page.locator(".field-invalid .field-error")).to_have_text("Name a month as 2026-11.")
