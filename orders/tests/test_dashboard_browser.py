"""The manager's floor in a real browser: Debian's Chromium against the app under uvicorn.
Orders are placed through the API, as a tablet would, and must reach the open page live."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from conftest import MANAGER_PASSWORD
from live.sse import KEEP_ALIVE_SECONDS
from orders.models import Order, Visit
from stores.tokens import manager_token, table_token
from testsupport.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

TIMES = "\N{MULTIPLICATION SIGN}"


def sign_in(page: Page, store: str = "alpha", username: str = "manager") -> None:
    page.goto("/manager/")
    expect(page).to_have_url(re.compile(r"/manager/login/"))
    # By the fields' names: the page may speak Korean.
    page.locator("input[name=store]").fill(store)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(MANAGER_PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/manager/$"))


def place_order(app_server, table, *lines) -> dict:
    status, order = app_server.request(
        "POST",
        "/api/v1/orders/",
        {"items": [{"menu_id": item.id, "quantity": quantity} for item, quantity in lines]},
        token=str(table_token(table)),
    )
    assert status == 201, order
    return order


def card(page: Page, table):
    return page.locator(f"#table-{table.id}")


def test_an_evening_at_the_counter(page, app_server, world, menu):
    sign_in(page)
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(card(page, world.table)).to_contain_text("₩0")
    page.evaluate("window.stillTheSamePage = true")

    first = place_order(app_server, world.table, (menu.bibimbap, 2), (menu.cola, 1))

    # On the card within a second, highlighted as new, without a reload.
    expect(card(page, world.table)).to_contain_text(f"#{first['number']}", timeout=1_000)
    expect(card(page, world.table)).to_contain_text(f"Bibimbap {TIMES}2, Cola")
    expect(card(page, world.table)).to_contain_text("₩20,000")
    expect(card(page, world.table)).to_have_class(re.compile(r"\bhas-new\b"))
    expect(card(page, world.other_table)).not_to_have_class(re.compile(r"\bhas-new\b"))
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot(page, "manager-dashboard")

    # The card opens the visit: the order with its items; it moves to preparing.
    card(page, world.table).click()
    order_box = page.locator(f"#order-{first['id']}")
    expect(order_box).to_contain_text(f"2{TIMES} Bibimbap")
    expect(order_box).to_contain_text("Pending")
    order_box.get_by_role("button", name="Start preparing").click()
    expect(page.locator(f"#order-{first['id']}")).to_contain_text("Preparing")
    assert Order.objects.get(pk=first["id"]).status == "preparing"

    # A second order arrives while the visit is open; the manager deletes it, after confirming.
    mistaken = place_order(app_server, world.table, (menu.stew, 1))
    mistaken_box = page.locator(f"#order-{mistaken['id']}")
    expect(mistaken_box).to_contain_text("Kimchi stew", timeout=1_000)
    screenshot(page, "manager-visit")
    mistaken_box.get_by_role("button", name="Delete").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_contain_text(f"Delete order #{mistaken['number']}?")
    dialog.get_by_role("button", name="Cancel").click()
    assert Order.objects.filter(pk=mistaken["id"]).exists()
    page.locator(f"#order-{mistaken['id']}").get_by_role("button", name="Delete").click()
    dialog.get_by_role("button", name="Confirm").click()
    expect(page.locator(f"#order-{mistaken['id']}")).to_have_count(0)
    assert not Order.objects.filter(pk=mistaken["id"]).exists()

    # Complete the table (confirmed): back on the floor, its card shows zero.
    page.get_by_role("button", name="Complete table").click()
    expect(dialog).to_contain_text("Complete table 1?")
    dialog.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/manager/$"))
    expect(page.locator(".message-success")).to_contain_text("Table 1 completed")
    expect(card(page, world.table)).to_contain_text("₩0")
    expect(card(page, world.table)).to_contain_text("Free")

    # The visit is history now, found by date.
    card(page, world.table).click()
    page.get_by_role("link", name="Past visits").click()
    visit = page.locator(".past-visit")
    expect(visit).to_have_count(1)
    expect(visit).to_contain_text(f"#{first['number']}")
    expect(visit).to_contain_text("₩20,000")
    screenshot(page, "manager-history")


def test_on_a_counter_tablet_the_filter_and_the_chime_stay_set(open_page, app_server, world, menu):
    page = open_page(viewport=(1024, 768))
    sign_in(page)
    sound = page.get_by_role("button", name="Sound")
    expect(sound).to_have_attribute("aria-pressed", "false")
    sound.click()
    expect(sound).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Table").select_option("2")
    expect(page).to_have_url(re.compile(r"table=2"))
    expect(page.locator(".table-card")).to_have_count(1)

    place_order(app_server, world.table, (menu.cola, 1))
    theirs = place_order(app_server, world.other_table, (menu.stew, 1))

    expect(card(page, world.other_table)).to_contain_text(f"#{theirs['number']}")
    expect(page.locator(".table-card")).to_have_count(1)
    screenshot(page, "manager-dashboard-1024")
    page.reload()
    expect(page.get_by_role("button", name="Sound")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".table-card")).to_have_count(1)


def test_a_lost_connection_is_shown_and_what_it_missed_arrives(page, app_server, world, menu):
    sign_in(page)
    status = page.locator("#live-status")
    expect(status).to_have_attribute("data-state", "live")

    app_server.stop()
    expect(status).to_have_attribute("data-state", "lost")
    expect(status).to_contain_text("Connection lost")
    app_server.start()
    order = place_order(app_server, world.table, (menu.bibimbap, 1))

    expect(status).to_have_attribute("data-state", "live", timeout=40_000)
    expect(card(page, world.table)).to_contain_text(f"#{order['number']}")


def test_a_manager_of_another_store_sees_none_of_it(page, app_server, world, menu):
    place_order(app_server, world.table, (menu.bibimbap, 1))
    sign_in(page, store="beta")
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")

    place_order(app_server, world.table, (menu.cola, 3))

    cards = page.locator(".table-card")
    expect(cards).to_have_count(2)  # beta's own tables 1 and 2
    expect(card(page, world.their_table)).to_be_visible()
    expect(card(page, world.table)).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Bibimbap")
    response = page.goto(f"/manager/tables/{world.table.id}/")
    assert response.status == 404


def test_a_server_restart_under_an_open_dashboard_and_tablet(open_page, app_server, world, menu):
    """The old process ends its streams within seconds of being told to stop; the dashboard
    and the tablet say the connection was lost, reconnect to the new process, catch up, and
    hear what is placed through it."""
    from tablet.tests.test_tablet_browser import set_up

    dashboard = open_page()
    sign_in(dashboard)
    tablet = open_page(viewport=(800, 1280))
    set_up(tablet)
    tablet.get_by_role("button", name="My orders").click()
    live, tablet_live = dashboard.locator("#live-status"), tablet.locator("#live")
    expect(live).to_have_attribute("data-state", "live")
    expect(tablet_live).to_have_attribute("data-state", "live")
    before = place_order(app_server, world.table, (menu.cola, 1))
    expect(card(dashboard, world.table)).to_contain_text(f"#{before['number']}")

    started = time.monotonic()
    app_server.stop()
    stopping = time.monotonic() - started

    assert stopping < 8, f"the old process took {stopping:.1f} s to let its streams go"
    expect(live).to_have_attribute("data-state", "lost")
    expect(tablet_live).to_have_attribute("data-state", "lost")
    app_server.start()
    expect(live).to_have_attribute("data-state", "live", timeout=20_000)
    expect(tablet_live).to_have_attribute("data-state", "live", timeout=20_000)
    after = place_order(app_server, world.table, (menu.stew, 1))
    expect(card(dashboard, world.table)).to_contain_text(f"#{after['number']}", timeout=3_000)
    world.manager.refresh_from_db()  # the server rehashed the password at the sign-in
    status, _ = app_server.request(
        "PATCH",
        f"/api/v1/admin/orders/{after['id']}/",
        {"status": "preparing"},
        token=str(manager_token(world.manager)),
    )
    assert status == 200
    expect(tablet.locator(f'[data-order-id="{after["id"]}"]')).to_contain_text(
        "Preparing", timeout=3_000
    )


def test_a_silent_stream_is_taken_for_lost_and_opened_again(open_page, app_server, world, menu):
    """No keep-alive for twice its interval: lost, whatever the socket says (the clock in the
    page runs ahead, the server is real and says nothing in between)."""
    page = open_page()
    page.clock.install()
    sign_in(page)
    live = page.locator("#live-status")
    expect(live).to_have_attribute("data-state", "live")

    page.clock.fast_forward(2 * KEEP_ALIVE_SECONDS * 1000 + 1000)

    expect(live).to_have_attribute("data-state", "lost")
    page.clock.fast_forward(2000)  # the retry's wait
    expect(live).to_have_attribute("data-state", "live")
    order = place_order(app_server, world.table, (menu.cola, 1))
    expect(card(page, world.table)).to_contain_text(f"#{order['number']}")


def test_a_table_not_yet_served_is_named_before_it_is_completed(page, app_server, world, menu):
    """Enter alone completes nothing: the question's Cancel has the focus, and it names the
    orders still to serve."""
    served = place_order(app_server, world.table, (menu.cola, 1))
    waiting = place_order(app_server, world.table, (menu.stew, 1))
    Order.objects.filter(pk=served["id"]).update(status="completed")
    sign_in(page)
    card(page, world.table).click()

    page.get_by_role("button", name="Complete table").click()

    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_contain_text(f"Order #{waiting['number']} is not served yet.")
    expect(dialog).not_to_contain_text(f"#{served['number']},")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).not_to_be_visible()
    assert world.table.visits.get().ended_at is None
    page.get_by_role("button", name="Complete table").click()
    dialog.get_by_role("button", name="Confirm").click()
    expect(page.locator(".message-success")).to_contain_text("₩10,000 in all")


def test_a_confirmation_holds_while_a_live_update_draws_the_page_anew(
    page, app_server, world, menu
):
    """Found by CI: the visit's orders were drawn again by a live event while the question was
    open, and the confirmed delete sent nothing."""
    mistaken = place_order(app_server, world.table, (menu.stew, 1))
    sign_in(page)
    page.goto(f"/manager/tables/{world.table.id}/")
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    page.locator(f"#order-{mistaken['id']}").get_by_role("button", name="Delete").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()

    another = place_order(app_server, world.table, (menu.cola, 1))  # redraws the orders
    expect(page.locator(f"#order-{another['id']}")).to_be_visible()
    dialog.get_by_role("button", name="Confirm").click()

    expect(page.locator(".message-success")).to_contain_text(f"Order {mistaken['number']}")
    assert not Order.objects.filter(pk=mistaken["id"]).exists()


def test_a_card_says_how_many_orders_it_does_not_show(page, app_server, world, menu):
    for _ in range(5):
        place_order(app_server, world.table, (menu.cola, 1))

    sign_in(page)

    expect(card(page, world.table).locator(".card-order")).to_have_count(3)
    expect(card(page, world.table)).to_contain_text("+2 more orders")


# Counts the chime's notes: each is an oscillator of the page's AudioContext.
COUNT_CHIMES = """
window.chimeNotes = 0;
const createOscillator = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  window.chimeNotes += 1;
  return createOscillator.call(this);
};
"""


def test_new_orders_show_on_every_page_of_every_device(open_page, app_server, world, menu):
    counter = open_page(viewport=(1280, 800))
    counter.add_init_script(COUNT_CHIMES)
    sign_in(counter)
    counter.goto("/manager/menu/")
    counter.get_by_role("button", name="Sound").click()
    phone = open_page(locale="ko-KR", viewport=(800, 1280))
    sign_in(phone)
    phone.goto("/manager/tables/")
    for page in (counter, phone):
        expect(page.locator(".unseen-orders")).to_be_hidden()
    notes_before = counter.evaluate("window.chimeNotes")  # the toggle plays it once

    order = place_order(app_server, world.table, (menu.bibimbap, 1))

    expect(counter.get_by_role("link", name="1 new order")).to_be_visible(timeout=2_000)
    expect(phone.get_by_role("link", name="새 주문 1건")).to_be_visible(timeout=2_000)
    expect(counter).to_have_title(re.compile(r"^\(1\) Menu"))
    assert counter.evaluate("window.chimeNotes") == notes_before + 2
    screenshot(counter, "manager-new-order-on-the-menu-page")
    screenshot(phone, "manager-new-order-on-the-tables-page-ko-800x1280")

    # The phone follows the count to the floor and opens the table: new on every device
    # until then, seen on every device after.
    phone.get_by_role("link", name="새 주문 1건").click()
    expect(card(phone, world.table)).to_have_class(re.compile(r"\bhas-new\b"))
    card(phone, world.table).click()
    expect(phone.locator(f"#order-{order['id']}")).to_have_class(re.compile(r"\bis-new\b"))
    expect(counter.locator(".unseen-orders")).to_be_hidden(timeout=2_000)
    expect(counter).to_have_title(re.compile(r"^Menu"))
    assert Order.objects.get().seen_at is not None

    # A dashboard open elsewhere loses the highlight live, too.
    counter.goto("/manager/")
    second = place_order(app_server, world.other_table, (menu.cola, 1))
    expect(card(counter, world.other_table)).to_have_class(
        re.compile(r"\bhas-new\b"), timeout=2_000
    )
    phone.goto(f"/manager/tables/{world.other_table.id}/")
    expect(phone.locator(f"#order-{second['id']}")).to_be_visible()
    expect(card(counter, world.other_table)).not_to_have_class(
        re.compile(r"\bhas-new\b"), timeout=2_000
    )


def test_a_wait_turns_amber_then_red_as_the_page_clock_runs(page, app_server, world, menu):
    """The page counts on its own: no reload and no fetch of the floor, only its clock moved
    on past the store's thresholds (10 and 20 minutes), and a card drawn anew by a live event
    keeps the colour the page's clock gives it."""
    served = place_order(app_server, world.table, (menu.cola, 1))
    Order.objects.filter(pk=served["id"]).update(status="completed")
    place_order(app_server, world.table, (menu.stew, 1))
    page.clock.install()
    sign_in(page)
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    wait = card(page, world.table).locator(".wait-age")
    expect(wait).to_have_text("Waiting 0 min")
    expect(wait).to_have_attribute("data-level", "")
    visit = card(page, world.table).locator(".visit-age")
    expect(visit).to_have_text("0 min")
    expect(card(page, world.other_table).locator("time")).to_have_count(0)  # a free table
    page.evaluate("window.stillTheSamePage = true")
    floor_fetches = []
    page.on("request", lambda request: "/manager/" in request.url and floor_fetches.append(request))
    started = datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, UTC)

    # The system time alone moves no timer (the live stream's watchdog stays put); the next
    # tick of the page's 15 s writes the ages anew.
    page.clock.set_system_time(started + timedelta(minutes=10))
    page.clock.run_for(15_000)

    expect(wait).to_have_attribute("data-level", "amber")
    expect(wait).to_have_text("Waiting 10 min")
    expect(visit).to_have_text("10 min")
    page.clock.set_system_time(started + timedelta(minutes=20))
    page.clock.run_for(15_000)
    expect(wait).to_have_attribute("data-level", "red")
    expect(visit).to_have_text("20 min")
    assert floor_fetches == []
    assert page.evaluate("window.stillTheSamePage") is True

    # The server's card says 0 min (its clock did not move); the page writes it at once by
    # its own.
    place_order(app_server, world.table, (menu.bibimbap, 1))
    expect(card(page, world.table)).to_contain_text("Bibimbap", timeout=2_000)
    expect(wait).to_have_attribute("data-level", "red")
    expect(wait).to_have_text("Waiting 20 min")
    # Served, the wait is gone and the visit's time stays.
    world.manager.refresh_from_db()  # the server rehashed the password at the sign-in
    for order in Order.objects.exclude(status="completed"):
        status, _ = app_server.request(
            "PATCH",
            f"/api/v1/admin/orders/{order.id}/",
            {"status": "completed"},
            token=str(manager_token(world.manager)),
        )
        assert status == 200
    expect(wait).to_have_count(0, timeout=2_000)
    expect(visit).to_have_text("20 min")


def test_a_card_counts_from_the_visit_and_its_oldest_order_still_to_serve(
    page, app_server, world, menu
):
    """The visit's time from when the guests sat down, the wait from the oldest order not
    served yet (not the served one before it, nor the younger one after), coloured by the
    store's own thresholds, on the page's clock."""
    sat_down = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # 19:00 in Seoul
    served, preparing, pending = (
        place_order(app_server, world.table, (menu.cola, 1)) for _ in "abc"
    )
    for order, minutes, status in (
        (served, 0, "completed"),
        (preparing, 3, "preparing"),
        (pending, 6, "pending"),
    ):
        Order.objects.filter(pk=order["id"]).update(
            status=status, created_at=sat_down + timedelta(minutes=minutes)
        )
    Visit.objects.filter(table=world.table).update(started_at=sat_down)
    world.store.ticket_amber_minutes, world.store.ticket_red_minutes = 60, 80
    world.store.save()
    page.clock.set_fixed_time(sat_down + timedelta(minutes=75, seconds=30))

    sign_in(page)

    table = card(page, world.table)
    expect(table.locator(".visit-age")).to_have_attribute("title", "since 19:00")
    expect(table.locator(".visit-age time")).to_have_text("1 hr 15 min")
    expect(table.locator(".wait-age")).to_have_text("Waiting 1 hr 12 min")
    expect(table.locator(".wait-age")).to_have_attribute("data-level", "amber")  # 72 ≥ 60, < 80
    expect(table.locator(".card-meta")).to_contain_text("3 orders")
    expect(table.locator(".card-order")).to_have_count(3)
    expect(table.locator(".card-order").first).to_contain_text(f"#{pending['number']}")
    expect(table.locator(".card-order").first).to_contain_text("Pending")
    expect(card(page, world.other_table)).to_contain_text("Free")
    expect(card(page, world.other_table).locator("time")).to_have_count(0)


def test_names_on_a_card_are_text_never_markup(page, app_server, world, menu):
    hostile = '<img src=x onerror="window.injected=1">'
    menu.stew.name = hostile
    menu.stew.save()
    status, _ = app_server.request(
        "POST",
        "/api/v1/orders/",
        {"items": [{"menu_id": menu.stew.id, "quantity": 1, "note": hostile}], "note": hostile},
        token=str(table_token(world.table)),
    )
    assert status == 201

    sign_in(page)

    expect(card(page, world.table).locator(".order-summary")).to_have_text(
        f"{hostile} “{hostile}” · “{hostile}”"
    )
    expect(card(page, world.table).locator("img")).to_have_count(0)
    assert page.evaluate("window.injected") is None


def test_the_floor_follows_every_event_without_a_request(page, app_server, world, menu):
    """What issue 21 asks of the fan-out: an event reaches the dashboard, and its top bar,
    with everything the page draws; the page asks the server nothing more."""
    sign_in(page)
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    expect(card(page, world.table)).to_contain_text("Free")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    world.manager.refresh_from_db()  # the server rehashed the password at the sign-in
    token = str(manager_token(world.manager))

    first = place_order(app_server, world.table, (menu.bibimbap, 2))
    second = place_order(app_server, world.table, (menu.cola, 1))
    expect(card(page, world.table)).to_contain_text("2 orders", timeout=2_000)
    expect(card(page, world.table)).to_contain_text("₩20,000")
    expect(page.get_by_role("link", name="2 new orders")).to_be_visible()
    status, _ = app_server.request(
        "PATCH", f"/api/v1/admin/orders/{first['id']}/", {"status": "preparing"}, token=token
    )
    assert status == 200
    expect(card(page, world.table).locator(f"[data-order-id='{first['id']}']")).to_contain_text(
        "Preparing", timeout=2_000
    )
    expect(page.get_by_role("link", name="1 new order")).to_be_visible()  # moved on: seen
    status, _ = app_server.request("DELETE", f"/api/v1/admin/orders/{second['id']}/", token=token)
    assert status == 204
    expect(card(page, world.table)).to_contain_text("1 order", timeout=2_000)
    expect(card(page, world.table)).to_contain_text("₩18,000")
    expect(page.locator(".unseen-orders")).to_be_hidden()
    status, _ = app_server.request(
        "POST", "/api/v1/calls/", {"reason": "water"}, token=str(table_token(world.table))
    )
    assert status == 201
    expect(card(page, world.table).locator(".staff-call")).to_contain_text(
        "물", timeout=2_000
    )  # as the store named it
    expect(page.locator(".open-calls")).to_have_text("1 call")
    status, _ = app_server.request(
        "POST", f"/api/v1/admin/tables/{world.table.id}/complete/", token=token
    )
    assert status == 200
    expect(card(page, world.table)).to_contain_text("Free", timeout=2_000)
    expect(card(page, world.table).locator(".staff-call")).to_have_count(0)
    expect(page.locator(".open-calls")).to_be_hidden()

    assert requests == []


@pytest.mark.parametrize(
    ("locale", "viewport"),
    [
        ("en-US", (1366, 768)),
        ("ko-KR", (1366, 768)),
        ("en-US", (768, 1024)),
        ("ko-KR", (768, 1024)),
    ],
    ids=["laptop-en", "laptop-ko", "tablet-en", "tablet-ko"],
)
def test_tables_added_renumbered_or_removed_show_without_a_reload(
    open_page, app_server, world, menu, locale, viewport
):
    page = open_page(locale=locale, viewport=viewport)
    sign_in(page)
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    page.evaluate("window.stillTheSamePage = true")
    world.manager.refresh_from_db()  # the server rehashed the password at the sign-in
    token = str(manager_token(world.manager))

    status, added = app_server.request(
        "POST", "/api/v1/admin/tables/", {"number": 12, "password": "table-12"}, token=token
    )
    assert status == 201, added
    expect(page.locator(f"#table-{added['id']}")).to_contain_text("12", timeout=2_000)
    status, _ = app_server.request(
        "PATCH", f"/api/v1/admin/tables/{world.other_table.id}/", {"number": 20}, token=token
    )
    assert status == 200
    expect(card(page, world.other_table).locator(".card-number")).to_have_text("20", timeout=2_000)
    # By number: the renumbered table now comes after the added one.
    expect(page.locator(".table-card .card-number")).to_have_text(["1", "12", "20"])
    expect(page.locator("#table-filter option")).to_have_text([re.compile("."), "1", "12", "20"])
    screenshot(page, f"manager-dashboard-tables-edited-{locale}-{viewport[0]}")
    status, _ = app_server.request("DELETE", f"/api/v1/admin/tables/{added['id']}/", token=token)
    assert status == 204
    expect(page.locator(f"#table-{added['id']}")).to_have_count(0, timeout=2_000)
    expect(page.locator("#table-filter option")).to_have_text([re.compile("."), "1", "20"])

    assert page.evaluate("window.stillTheSamePage") is True
