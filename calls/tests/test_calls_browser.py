"""A guest calls the staff from the tablet and a manager answers from the dashboard, both in
real browsers (Debian's Chromium) against the app under uvicorn."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from calls.models import StaffCall
from conftest import MANAGER_PASSWORD, TABLE_PASSWORD
from testsupport.browser import assert_fits, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page) -> None:
    page.goto("/manager/")
    page.locator("input[name=store]").fill("alpha")
    page.locator("input[name=username]").fill("manager")
    page.locator("input[name=password]").fill(MANAGER_PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/manager/$"))
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")


def set_up_tablet(page: Page) -> None:
    page.goto("/table/")
    page.locator("input").nth(0).fill("alpha")
    page.locator("input").nth(1).fill("1")
    page.locator("input").nth(2).fill(TABLE_PASSWORD)
    page.locator("button[type=submit], .button.primary").first.click()
    expect(page.locator("#menu")).to_be_visible()
    expect(page.locator("#live")).to_have_attribute("data-state", "live")


def chimes(page: Page) -> int:
    return int(page.evaluate("document.documentElement.dataset.chimes ?? '0'"))


def test_a_guest_calls_for_water_and_a_manager_answers(open_page, world, menu):
    dashboard = open_page()
    sign_in(dashboard)
    dashboard.locator("#sound-toggle").click()  # the tap that lets the page play sound
    expect(dashboard.locator("#sound-toggle")).to_have_attribute("aria-pressed", "true")
    before = chimes(dashboard)
    tablet = open_page(viewport=(1024, 768))
    set_up_tablet(tablet)
    button = tablet.locator("#call-staff")
    expect(button).to_have_text("Call staff")

    button.click()
    sheet = tablet.locator("dialog.calls")
    expect(sheet.locator(".call-reason")).to_have_text(
        ["Water", "Cutlery", "Napkins", "The bill", "Other"]
    )
    assert_fits(tablet, "tablet-call-sheet")
    sheet.get_by_role("button", name="Water").click()

    expect(sheet).to_have_count(0)
    expect(button).to_have_text("Staff called")
    # The dashboard chimes and shows the call on the table's card, live.
    card = dashboard.locator(f"#table-{world.table.id}")
    # In the store's language (Korean), as the call was kept: the floor reads one language.
    expect(card.locator(".staff-call")).to_contain_text("물", timeout=2_000)
    expect(card.locator(".staff-call time")).to_have_text("now")
    expect(dashboard.locator(".open-calls")).to_have_text("1 call")
    assert chimes(dashboard) == before + 1
    assert dashboard.evaluate("document.documentElement.dataset.lastChime") == "staff_call"
    assert_fits(dashboard, "manager-dashboard-call")

    card.get_by_role("button", name="On my way").click()

    expect(dashboard.locator(".message-success")).to_contain_text("Table 1: on the way.")
    expect(card.locator(".staff-call")).to_contain_text("On the way")
    expect(button).to_have_text("Staff is on the way")
    assert StaffCall.objects.get().acknowledged_by == f"manager:{world.manager.id}:manager"

    card.get_by_role("button", name="Done").click()

    expect(card.locator(".staff-call")).to_have_count(0)
    expect(dashboard.locator(".open-calls")).to_be_hidden()
    # The call is gone from the tablet too; it may call again once the cooldown is over.
    expect(button).to_have_text(re.compile(r"^Call staff( \(\d+ s\))?$"))
    expect(button).to_be_disabled()
    assert StaffCall.objects.get().resolved_at is not None


def test_other_takes_a_few_words_and_the_cooldown_shows_on_the_button(open_page, world):
    tablet = open_page(viewport=(1024, 768))
    set_up_tablet(tablet)
    dashboard = open_page()
    sign_in(dashboard)

    tablet.locator("#call-staff").click()
    sheet = tablet.locator("dialog.calls")
    sheet.get_by_role("button", name="Other").click()
    sheet.locator(".call-text").fill("A high chair, please")
    sheet.get_by_role("button", name="Send").click()

    card = dashboard.locator(f"#table-{world.table.id}")
    expect(card.locator(".staff-call")).to_contain_text("“A high chair, please”", timeout=2_000)
    dashboard.goto("/manager/calls/")
    expect(dashboard.locator(".call-list")).to_contain_text("Table 1")
    screenshot(dashboard, "manager-calls")
    dashboard.get_by_role("button", name="Done").click()
    expect(dashboard.locator(".call-list")).to_contain_text("No open calls.")

    button = tablet.locator("#call-staff")
    expect(button).to_have_text(re.compile(r"^Call staff \(\d+ s\)$"))
    expect(button).to_be_disabled()

    # The store hides napkins; the tablet offers what the store offers, when next opened.
    dashboard.get_by_role("link", name="Reasons guests can call for").click()
    expect(dashboard.locator(".reason-row")).to_have_count(5)
    assert_fits(dashboard, "manager-call-reasons")
    dashboard.locator(".reason-row").nth(2).locator("input[type=checkbox]").uncheck()
    dashboard.locator("input[name=cooldown_seconds]").fill("0")
    dashboard.get_by_role("button", name="Save").click()
    expect(dashboard.locator(".message-success")).to_contain_text("The call reasons are saved.")
    tablet.reload()
    tablet.locator("#call-staff").click()
    expect(tablet.locator("dialog.calls .call-reason")).to_have_text(
        ["Water", "Cutlery", "The bill", "Other"]
    )


def test_in_korean(open_page, world):
    tablet = open_page(locale="ko-KR", viewport=(1024, 768))
    set_up_tablet(tablet)
    tablet.locator("#call-staff").click()
    expect(tablet.locator("dialog.calls .call-reason")).to_have_count(5)
    assert_fits(tablet, "tablet-call-sheet-ko")
    tablet.locator("dialog.calls .call-reason").first.click()
    dashboard = open_page(locale="ko-KR")
    sign_in(dashboard)
    expect(dashboard.locator(f"#table-{world.table.id} .staff-call")).to_have_count(1)
    assert_fits(dashboard, "manager-dashboard-call-ko")
