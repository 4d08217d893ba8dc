"""A guest calls the staff from the tablet and a manager answers from the dashboard or the
calls page, in place, both in real browsers (Debian's Chromium) against the app under
uvicorn."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from calls import services
from calls.models import CallSettings, StaffCall
from conftest import MANAGER_PASSWORD, TABLE_PASSWORD
from stores.business_day import business_date, business_day_begins
from stores.services import table_create
from testsupport.browser import assert_fits, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, *, live: bool = True) -> None:
    page.goto("/manager/")
    page.locator("input[name=store]").fill("alpha")
    page.locator("input[name=username]").fill("manager")
    page.locator("input[name=password]").fill(MANAGER_PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/manager/$"))
    if live:
        expect(page.locator("#live-status")).to_have_attribute("data-state", "live")


def mark_the_page(page: Page) -> None:
    """A mark on the page's window that a reload or a form's own post would wipe out."""
    page.evaluate("window.notReloaded = true")


def not_reloaded(page: Page) -> bool:
    return page.evaluate("window.notReloaded === true")


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
    expect(dashboard.locator(".call-list .empty")).to_have_text("No open calls.")
    expect(dashboard.locator(".call-list .empty")).to_be_visible()
    # Its own event draws the list again, the day's resolved calls with it.
    expect(dashboard.locator(".resolved-calls tbody tr").first).to_contain_text("A high chair")

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


def test_a_manager_answers_on_the_dashboard_without_a_reload(open_page, world):
    call = services.staff_call_create(
        table=world.table, reason_code="other", text="A high chair"
    ).call
    dashboard = open_page(viewport=(1024, 768))
    sign_in(dashboard)
    card = dashboard.locator(f"#table-{world.table.id}")
    expect(card).to_have_class(re.compile(r"\bhas-call\b"))
    mark_the_page(dashboard)
    # Another screen of the store, on the calls page, follows from the events.
    other_screen = open_page(viewport=(1366, 768))
    sign_in(other_screen)
    other_screen.goto("/manager/calls/")
    expect(other_screen.locator("#live-status")).to_have_attribute("data-state", "live")

    card.get_by_role("button", name="On my way").click()

    expect(card.locator(".staff-call")).to_have_class(re.compile(r"\bcall-acknowledged\b"))
    expect(card.locator(".call-status")).to_have_text("On the way")
    expect(card.get_by_role("button", name="On my way")).to_have_count(0)
    expect(card.locator(".call-table")).to_have_count(0)  # the card shows its number already
    assert StaffCall.objects.get().acknowledged_by == f"manager:{world.manager.id}:manager"
    expect(other_screen.locator(f"#call-{call.id}")).to_have_class(
        re.compile(r"\bcall-acknowledged\b")
    )

    card.get_by_role("button", name="Done").click()

    expect(card.locator(".staff-call")).to_have_count(0)
    expect(card).not_to_have_class(re.compile(r"\bhas-call\b"))
    expect(dashboard.locator(".open-calls")).to_be_hidden()
    assert not_reloaded(dashboard)
    assert StaffCall.objects.get().resolved_at is not None
    expect(other_screen.locator(f"#call-{call.id}")).to_have_count(0)
    expect(other_screen.locator(f"#resolved-call-{call.id}")).to_contain_text("A high chair")

    dashboard.get_by_role("link", name="Calls", exact=True).click()

    expect(dashboard.locator(".call-list .empty")).to_be_visible()
    row = dashboard.locator(f"#resolved-call-{call.id}")
    expect(row).to_contain_text("A high chair")
    expect(row.locator("td").nth(0)).to_have_text("1")
    expect(row.locator("td").nth(3)).to_contain_text("manager")
    expect(row.locator("td").nth(4)).to_contain_text("manager")


def test_on_the_calls_page_the_answer_alone_redraws_and_refusals_show(open_page, world):
    CallSettings.objects.filter(store=world.store).update(cooldown_seconds=0)
    water = services.staff_call_create(table=world.table, reason_code="water").call
    bill = services.staff_call_create(table=world.other_table, reason_code="bill").call
    page = open_page(viewport=(1024, 768))
    # No live updates: what changes on the page is its own answers' doing.
    page.route(re.compile(r"/api/v1/events/|fragment=list"), lambda route: route.abort())
    sign_in(page, live=False)
    page.goto("/manager/calls/")
    mark_the_page(page)
    shown_water, shown_bill = page.locator(f"#call-{water.id}"), page.locator(f"#call-{bill.id}")

    # The network fails: the call stays, says so, and can be tapped again.
    page.route(re.compile(r"/acknowledge/$"), lambda route: route.abort())
    shown_water.get_by_role("button", name="On my way").click()
    expect(shown_water.locator(".call-error")).to_have_text(
        "That did not go through. Please try again."
    )
    expect(shown_water.get_by_role("button", name="On my way")).to_be_enabled()
    page.unroute(re.compile(r"/acknowledge/$"))

    shown_water.get_by_role("button", name="On my way").click()

    expect(shown_water).to_have_class(re.compile(r"\bcall-acknowledged\b"))
    expect(shown_water.locator(".call-table")).to_have_text("Table 1")
    expect(shown_water.locator(".call-error")).to_have_count(0)

    shown_water.get_by_role("button", name="Done").click()

    expect(shown_water).to_have_count(0)
    expect(page.locator(".call-list .empty")).to_be_hidden()  # table 2's call is still open

    # Another manager resolved table 2's call meanwhile: refused, and it leaves this page.
    services.staff_call_resolve(call=bill, actor=world.manager)
    shown_bill.get_by_role("button", name="On my way").click()

    expect(shown_bill).to_have_count(0)
    expect(page.locator(".message-error")).to_have_text("This call was already resolved.")
    expect(page.locator(".call-list .empty")).to_be_visible()
    assert not_reloaded(page)
    page.reload()
    expect(page.locator(".resolved-calls tbody tr")).to_have_count(2)


def answered_calls_today(world) -> None:
    """Calls on a busy evening: two open (one on the way), eight answered in the last half hour
    of the business day."""
    CallSettings.objects.filter(store=world.store).update(cooldown_seconds=0)
    for number in range(3, 9):
        table_create(store=world.store, number=number, password=TABLE_PASSWORD)
    now = timezone.now()
    day_begins = business_day_begins(
        business_date(world.store, now), world.store.business_day_starts
    )
    start = max(now - timedelta(minutes=30), day_begins)
    tables = list(world.store.tables.order_by("number"))
    reasons = ["water", "bill", "other", "napkins", "cutlery", "water", "other", "bill"]
    for n, (table, reason) in enumerate(zip(tables, reasons, strict=True)):
        text = "아이 의자 하나 더 주세요" if reason == "other" else ""
        call = services.staff_call_create(table=table, reason_code=reason, text=text).call
        if n % 3:
            services.staff_call_acknowledge(call=call, actor=world.manager)
        services.staff_call_resolve(call=call, actor=world.manager)
        called = start + (now - start) * n / 10
        StaffCall.objects.filter(pk=call.pk).update(
            created_at=called,
            acknowledged_at=called + timedelta(seconds=40 + 7 * n) if n % 3 else None,
            resolved_at=called + timedelta(seconds=95 + 61 * n),
        )
    open_call = services.staff_call_create(table=world.table, reason_code="other", text="물티슈")
    services.staff_call_create(table=world.other_table, reason_code="bill")
    services.staff_call_acknowledge(call=open_call.call, actor=world.manager)


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_calls_page_in_korean(open_page, world, width):
    answered_calls_today(world)
    page = open_page(locale="ko-KR", viewport=(width, 768))
    sign_in(page)

    page.goto("/manager/calls/")

    expect(page.locator(".call-list .staff-call")).to_have_count(2)
    expect(page.locator(".resolved-calls tbody tr")).to_have_count(8)
    expect(page.locator("h1")).to_have_text("직원 호출")
    assert_fits(page, f"manager-calls-ko-{width}")
