"""The kitchen display in a real browser: Debian's Chromium against the app under uvicorn.
Orders come from the tablet's API, as guests place them, and must reach the open display
live; its taps go through the kitchen API and reach every other display."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_eventstream.models import Event
from playwright.sync_api import Page, expect

from conftest import MANAGER_PASSWORD, signed_in
from live.channels import kitchen_channel
from menus.selectors import store_stations
from orders import kitchen
from orders.models import Order, OrderStatus
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.tokens import manager_token, table_token
from testsupport.browser import ARTIFACTS, assert_fits

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True, scope="module")
def _screenshots_folder():
    (ARTIFACTS / "kitchen").mkdir(parents=True, exist_ok=True)


TIMES = "\N{MULTIPLICATION SIGN}"
KITCHEN = "/api/v1/kitchen/"


def sign_in(page: Page, *, username: str, next_path: str) -> None:
    """Through the sign-in page, as people do."""
    page.goto(f"/manager/login/?next={next_path}")
    # By the fields' names: the page may speak Korean.
    page.locator("input[name=store]").fill("alpha")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(MANAGER_PASSWORD)
    page.locator("button[type=submit]").click()


@pytest.fixture
def open_display(open_page, world):
    """Opens a display signed in (as alpha's manager unless ``user``) of ``station`` (else of
    every station), drawn and live: ``open_display(bar, viewport=(1024, 768))``. The session
    is made here and handed to the browser: a sign-in through the page costs seconds (the
    server hashes the password anew at its own strength)."""

    def open_display(station=None, *, user=None, clock=False, **page_options) -> Page:
        page = open_page(**page_options)
        page.csp_violations = watch_violations(page)
        session = signed_in(user or world.manager).cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.value,
                    "domain": "127.0.0.1",
                    "path": "/",
                }
            ]
        )
        if clock:
            # The page's own clock, for the test to move on (it runs as usual until then).
            page.clock.install()
        page.goto(f"/kitchen/?station={station.id}" if station else "/kitchen/")
        expect(page.locator("#kitchen")).to_have_attribute("data-state", "ready")
        expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
        return page

    return open_display


def place_order(app_server, table, *lines, note: str = "") -> dict:
    """Lines as (item, quantity) or (item, quantity, [choices], note)."""
    items = []
    for item, quantity, *more in lines:
        choices = more[0] if more else []
        line_note = more[1] if len(more) > 1 else ""
        items.append(
            {
                "menu_id": item.id,
                "quantity": quantity,
                "option_ids": [choice.id for choice in choices],
                "note": line_note,
            }
        )
    status, order = app_server.request(
        "POST", "/api/v1/orders/", {"items": items, "note": note}, token=str(table_token(table))
    )
    assert status == 201, order
    return order


def ticket(page: Page, order: dict):
    return page.locator(f'#tickets .ticket[data-order-id="{order["id"]}"]')


def line(page: Page, order: dict, name: str):
    return ticket(page, order).locator(".line", has_text=name)


def chimes(page: Page) -> int:
    return int(page.evaluate("document.documentElement.dataset.chimes ?? '0'"))


def watch_violations(page: Page) -> list[str]:
    violations: list[str] = []

    def seen(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", seen)
    return violations


@pytest.fixture
def kitchen_station(world):
    """The station every store starts with, where everything is made until there are more."""
    return store_stations(store_id=world.store.id).first()


def test_an_order_appears_within_a_second_with_all_the_kitchen_needs(
    open_display, app_server, world, menu, options
):
    page = open_display()
    expect(page.locator("#no-tickets")).to_be_visible()
    page.locator("#sound-toggle").click()  # the tap that lets the page play sound
    before = chimes(page)
    page.evaluate("window.stillTheSamePage = true")
    reads = kitchen_reads(page)

    order = place_order(
        app_server,
        world.table,
        (menu.bibimbap, 2, [options.hot, options.cheese, options.egg], "No onions"),
        (menu.cola, 1),
        note="Nut allergy",
    )

    shown = ticket(page, order)
    expect(shown).to_be_visible(timeout=1_000)
    expect(shown.locator(".ticket-table")).to_have_text("Table 1")
    expect(shown.locator(".ticket-number")).to_have_text(f"#{order['number']}")
    expect(shown.locator(".ticket-age")).to_have_text(re.compile(r"^0:0\d$"))
    expect(shown.locator(".ticket-status")).to_have_text("Waiting")
    expect(shown.locator(".ticket-bump")).to_have_text("Start cooking")
    expect(shown.locator(".ticket-note")).to_contain_text("Nut allergy")
    bibimbap = line(page, order, "Bibimbap")
    expect(bibimbap.locator(".line-quantity")).to_have_text(f"2{TIMES}")
    expect(bibimbap.locator(".line-option")).to_have_text(
        ["Spice level: Hot", "Add-ons: Cheese, Egg"]
    )
    expect(bibimbap.locator(".line-note")).to_have_text("No onions")
    expect(line(page, order, "Cola").locator(".line-quantity")).to_have_text(f"1{TIMES}")
    expect(page.locator("#no-tickets")).to_be_hidden()
    assert chimes(page) == before + 1
    # Drawn from the event: no reload, and no read of the kitchen for it.
    assert page.evaluate("window.stillTheSamePage") is True
    assert reads == []
    assert page.csp_violations == []


def test_tickets_come_oldest_first(open_display, app_server, world, menu):
    first = place_order(app_server, world.table, (menu.stew, 1))
    second = place_order(app_server, world.other_table, (menu.bibimbap, 1))
    page = open_display()
    third = place_order(app_server, world.table, (menu.cola, 1))

    numbers = page.locator("#tickets .ticket .ticket-number")
    expect(numbers).to_have_text([f"#{each['number']}" for each in (first, second, third)])


@pytest.mark.parametrize(
    ("waited", "age", "label", "border"),
    [
        (timedelta(minutes=9, seconds=55), "fresh", "", "solid"),
        (timedelta(minutes=10, seconds=5), "amber", "Late: 10+ min", "dashed"),
        (timedelta(minutes=20, seconds=5), "red", "Very late: 20+ min", "double"),
    ],
)
def test_a_ticket_turns_amber_then_red_as_time_goes_by(
    open_display, app_server, world, menu, waited, age, label, border
):
    # The page's clock moved on, not a wait of many minutes; it stands still then (moved on
    # twice, it would find the feed silent all that while, and the display would ask the
    # server, rightly, what time it really is).
    page = open_display(clock=True)
    order = place_order(app_server, world.table, (menu.stew, 1))
    shown = ticket(page, order)
    expect(shown).to_have_attribute("data-age", "fresh")

    page.clock.pause_at(datetime.fromisoformat(order["created_at"]) + waited)

    expect(shown).to_have_attribute("data-age", age)
    expect(shown.locator(".ticket-late")).to_have_text(label)
    minutes, seconds = divmod(int(waited.total_seconds()), 60)
    expect(shown.locator(".ticket-age")).to_have_text(re.compile(rf"^{minutes}:{seconds // 10}\d$"))
    # Told apart by more than colour: by the word, and by the border's style.
    assert shown.evaluate("element => getComputedStyle(element).borderTopStyle") == border


def test_a_ticket_is_started_then_bumped_and_leaves_the_display(
    open_display, app_server, world, menu
):
    page = open_display()
    order = place_order(app_server, world.table, (menu.stew, 1))
    shown = ticket(page, order)

    shown.locator(".ticket-head").click()
    expect(shown).to_have_attribute("data-status", "preparing")
    expect(shown.locator(".ticket-status")).to_have_text("Preparing")
    expect(shown.locator(".ticket-bump")).to_have_text("Done")
    assert Order.objects.get(pk=order["id"]).status == OrderStatus.PREPARING
    expect(shown).to_have_attribute("aria-busy", "false")

    shown.locator(".ticket-bump").click()
    expect(shown).to_have_count(0)
    assert Order.objects.get(pk=order["id"]).status == OrderStatus.COMPLETED
    recent = page.locator("#recent-list .recent-ticket")
    expect(recent).to_have_count(1)
    expect(recent).to_contain_text(f"#{order['number']}")
    expect(page.locator("#no-tickets")).to_be_visible()


def test_a_double_tap_is_one_step(open_display, app_server, world, menu):
    page = open_display()
    order = place_order(app_server, world.table, (menu.stew, 1))

    ticket(page, order).locator(".ticket-head").dblclick()

    expect(ticket(page, order)).to_have_attribute("data-status", "preparing")
    expect(ticket(page, order)).to_have_attribute("aria-busy", "false")
    assert Order.objects.get(pk=order["id"]).status == OrderStatus.PREPARING


def bumped(world, order: dict) -> None:
    kitchen.ticket_bump(
        order=Order.objects.get(pk=order["id"]), status=OrderStatus.COMPLETED, actor=world.manager
    )


def test_a_bumped_ticket_is_recalled_from_the_strip(open_display, app_server, world, menu):
    order = place_order(app_server, world.table, (menu.stew, 1))
    bumped(world, order)
    page = open_display()
    expect(ticket(page, order)).to_have_count(0)
    recent = page.locator("#recent-list .recent-ticket")
    expect(recent).to_have_count(1)
    expect(recent.locator(".recent-left")).to_have_text(re.compile(r"^4:\d\d left$"))
    expect(page.locator("#recent-none")).to_be_hidden()

    recent.get_by_role("button", name=f"Recall #{order['number']}, table 1").click()

    expect(ticket(page, order)).to_have_attribute("data-status", "preparing")
    expect(recent).to_have_count(0)
    assert Order.objects.get(pk=order["id"]).status == OrderStatus.PREPARING


def test_too_late_to_recall_is_said(open_display, app_server, world, menu):
    order = place_order(app_server, world.table, (menu.stew, 1))
    bumped(world, order)
    page = open_display()
    recent = page.locator("#recent-list .recent-ticket")
    expect(recent).to_have_count(1)
    # The server's window closed before this display's clock says so.
    Order.objects.get(pk=order["id"]).tickets.update(
        bumped_at=timezone.now() - kitchen.RECALL_WINDOW - timedelta(seconds=1)
    )

    recent.get_by_role("button", name=re.compile("^Recall")).click()

    expect(page.locator("#toast")).to_contain_text("recalled for a few minutes only")
    assert_fits(page, "kitchen/too-late-to-recall-en-US-1280x800")
    expect(recent).to_have_count(0)
    expect(ticket(page, order)).to_have_count(0)


def test_a_line_checked_off_is_struck_through_on_every_display(
    open_display, app_server, world, menu, kitchen_station
):
    cook = open_display(kitchen_station, viewport=(1024, 768))
    expo = open_display(kitchen_station, viewport=(1920, 1080))
    order = place_order(app_server, world.table, (menu.stew, 1), (menu.bibimbap, 2))

    line(cook, order, "Kimchi stew").click()

    for display in (cook, expo):
        stew = line(display, order, "Kimchi stew")
        expect(stew).to_have_attribute("aria-pressed", "true")
        struck = stew.locator(".line-body").evaluate(
            "element => getComputedStyle(element).textDecorationLine"
        )
        assert struck == "line-through"
        expect(line(display, order, "Bibimbap")).to_have_attribute("aria-pressed", "false")
    # Checking a line off is not a tap on its ticket.
    expect(ticket(cook, order)).to_have_attribute("data-status", "pending")
    assert Order.objects.get(pk=order["id"]).status == OrderStatus.PENDING

    expect(line(expo, order, "Kimchi stew")).to_have_attribute("aria-busy", "false")
    line(expo, order, "Kimchi stew").click()
    expect(line(cook, order, "Kimchi stew")).to_have_attribute("aria-pressed", "false")


def test_the_bar_shows_only_the_drinks(open_display, app_server, world, menu, bar, kitchen_station):
    bar_display = open_display(bar)
    kitchen_display = open_display(kitchen_station)
    everything = open_display()
    both = place_order(app_server, world.table, (menu.bibimbap, 1), (menu.cola, 2))
    food = place_order(app_server, world.other_table, (menu.stew, 1))

    expect(ticket(bar_display, both).locator(".line-name")).to_have_text(["Cola"])
    expect(ticket(kitchen_display, both).locator(".line-name")).to_have_text(["Bibimbap"])
    expect(ticket(kitchen_display, food).locator(".line-name")).to_have_text(["Kimchi stew"])
    # A station with nothing in an order shows no ticket for it.
    expect(ticket(kitchen_display, food)).to_be_visible()
    expect(bar_display.locator("#tickets .ticket")).to_have_count(1)
    expect(bar_display.locator(".station-switcher [aria-current=page]")).to_have_text("Bar")
    # The display of every station shows the order whole, under its stations' names.
    whole = ticket(everything, both)
    expect(whole.locator(".ticket-station")).to_have_text([kitchen_station.name, "Bar"])
    expect(whole.locator(".line-name")).to_have_text(["Bibimbap", "Cola"])

    # The bar starts and bumps its drinks: gone from the bar, still to cook in the kitchen.
    ticket(bar_display, both).locator(".ticket-head").click()
    expect(ticket(bar_display, both)).to_have_attribute("data-status", "preparing")
    expect(ticket(bar_display, both)).to_have_attribute("aria-busy", "false")
    ticket(bar_display, both).locator(".ticket-head").click()
    expect(ticket(bar_display, both)).to_have_count(0)
    expect(ticket(kitchen_display, both)).to_have_attribute("data-status", "pending")
    expect(whole).to_have_attribute("data-status", "preparing")
    assert Order.objects.get(pk=both["id"]).status == OrderStatus.PREPARING


def test_a_kitchen_account_signs_in_to_the_display_and_nothing_else(
    page, app_server, world, menu, kitchen_account
):
    sign_in(page, username="kitchen", next_path="/manager/")

    expect(page).to_have_url(re.compile(r"/kitchen/$"))
    expect(page.locator("#live-status")).to_have_attribute("data-state", "live")
    order = place_order(app_server, world.table, (menu.stew, 1))
    expect(ticket(page, order)).to_be_visible()
    expect(page.get_by_role("link", name="Orders")).to_have_count(0)

    assert page.goto("/manager/").status == 403


def test_orders_gone_from_the_kitchen_leave_every_display(
    open_display, app_server, world, menu, bar
):
    everything = open_display()
    bar_display = open_display(bar)
    mistaken = place_order(app_server, world.table, (menu.cola, 1))
    served = place_order(app_server, world.other_table, (menu.stew, 1), (menu.cola, 1))
    expect(ticket(bar_display, served)).to_be_visible()
    token = str(manager_token(world.manager))

    status, _ = app_server.request("DELETE", f"/api/v1/admin/orders/{mistaken['id']}/", token=token)
    assert status == 204
    expect(ticket(everything, mistaken)).to_have_count(0)
    expect(ticket(bar_display, mistaken)).to_have_count(0)

    status, _ = app_server.request(
        "POST", f"/api/v1/admin/tables/{world.other_table.id}/complete/", token=token
    )
    assert status == 200
    expect(ticket(everything, served)).to_have_count(0)
    expect(ticket(bar_display, served)).to_have_count(0)
    expect(everything.locator("#no-tickets")).to_be_visible()


def kitchen_reads(page: Page) -> list[str]:
    """The display's reads of the kitchen (GET /api/v1/kitchen/) from now on."""
    reads: list[str] = []
    page.on(
        "request", lambda request: reads.append(request.url) if KITCHEN in request.url else None
    )
    return reads


KITCHEN = "/api/v1/kitchen/"


def placed_meanwhile(world, menu) -> Order:
    """An order placed while the display's server is down (another server took it)."""
    return order_place(table=world.other_table, lines=[OrderLine(menu.bibimbap.id, 1)]).order


def test_a_lost_connection_is_shown_and_what_it_missed_is_replayed(
    open_display, app_server, world, menu
):
    page = open_display()
    banner = page.locator("#connection-banner")
    expect(banner).to_be_hidden()
    heard = place_order(app_server, world.table, (menu.stew, 1))
    expect(ticket(page, heard)).to_be_visible()  # an event: the stream has a place to resume
    reads = kitchen_reads(page)

    app_server.stop()
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Not connected")
    expect(page.locator("#live-status")).to_have_attribute("data-state", "lost")
    assert_fits(page, "kitchen/not-connected-en-US-1280x800")
    missed = placed_meanwhile(world, menu)
    app_server.start()

    expect(ticket(page, {"id": missed.id})).to_be_visible(timeout=15_000)
    expect(banner).to_be_hidden()
    # From the replay of the events it missed, not from reading the kitchen again.
    assert reads == []


def test_a_display_that_cannot_be_caught_up_reads_the_kitchen_afresh(
    open_display, app_server, world, menu
):
    page = open_display()
    heard = place_order(app_server, world.table, (menu.stew, 1))
    expect(ticket(page, heard)).to_be_visible()
    reads = kitchen_reads(page)

    app_server.stop()
    expect(page.locator("#connection-banner")).to_be_visible()
    missed = placed_meanwhile(world, menu)
    # The events the display saw are gone from storage (kept a while only): the server
    # cannot replay from there, and says so (stream-reset).
    channel = kitchen_channel(world.store.id)
    Event.objects.filter(channel=channel, eid__lt=missed_event_id(channel)).delete()
    app_server.start()

    expect(ticket(page, {"id": missed.id})).to_be_visible(timeout=15_000)
    expect(ticket(page, heard)).to_be_visible()
    assert reads == [f"{app_server.base_url}{KITCHEN}"]


def missed_event_id(channel: str) -> int:
    return Event.objects.filter(channel=channel).order_by("-eid").values_list("eid", flat=True)[0]


def test_signed_out_the_display_goes_to_sign_in(open_display, app_server, world, menu):
    page = open_display()
    order = place_order(app_server, world.table, (menu.stew, 1))
    page.context.clear_cookies()

    ticket(page, order).locator(".ticket-head").click()

    expect(page).to_have_url(re.compile(r"/manager/login/\?next=%2Fkitchen%2F$"))


# --- How it looks: a busy evening on a wall screen and on a tablet ------------------------

# (minutes waited, table, lines as (dish, quantity, choices, note), order note, state)
EVENING = [
    (26, 7, [("pancake", 1, ["large"], ""), ("beer", 2, [], "")], "", "preparing"),
    (
        23,
        3,
        [("bibimbap", 2, ["hot", "egg", "cheese"], "No onions at all"), ("soju", 1, [], "")],
        "Allergic to shellfish: please use a clean pan",
        "preparing",
    ),
    (21, 12, [("stew", 1, ["mild"], ""), ("ribs", 3, [], "")], "", "pending"),
    (17, 5, [("bulgogi", 2, [], ""), ("cola", 2, [], ""), ("rice", 2, [], "")], "", "checked"),
    (14, 9, [("japchae", 1, [], "Extra sesame"), ("ribs", 2, [], "")], "", "pending"),
    (12, 1, [("bibimbap", 1, ["extreme"], ""), ("sikhye", 1, [], "")], "", "pending"),
    (10, 14, [("pancake", 1, ["small"], "Cut into pieces for a child")], "", "preparing"),
    (7, 2, [("stew", 2, ["hot"], ""), ("rice", 2, [], "")], "Birthday table", "pending"),
    (5, 8, [("bulgogi", 1, [], ""), ("beer", 4, [], "")], "", "pending"),
    (3, 11, [("ribs", 2, [], ""), ("japchae", 1, [], "")], "", "pending"),
    (1, 4, [("bibimbap", 3, ["mild", "egg"], ""), ("cola", 3, [], "")], "", "pending"),
    (0, 6, [("soju", 2, [], ""), ("pancake", 1, ["large"], "")], "", "pending"),
    (9, 10, [("stew", 1, ["mild"], "")], "", "bumped"),
    (6, 13, [("beer", 2, [], "")], "", "bumped"),
]

DISHES = {
    "en": {
        "Mains": [
            "bibimbap:Bibimbap",
            "stew:Kimchi stew",
            "bulgogi:Bulgogi",
            "japchae:Japchae",
            "rice:Steamed rice",
            "pancake:Seafood and green onion pancake",
        ],
        "Grill": ["ribs:Marinated pork ribs"],
        "Drinks": ["beer:Draft beer", "soju:Soju", "cola:Cola", "sikhye:Sikhye"],
        "groups": {
            "Spice level": ["mild:Mild", "hot:Hot", "extreme:Extreme"],
            "Add-ons": ["egg:Fried egg", "cheese:Cheese"],
            "Size": ["small:Small", "large:Large"],
        },
        "stations": {"Grill": "Grill", "Drinks": "Bar"},
    },
    "ko": {
        "Mains": [
            "bibimbap:돌솥비빔밥",
            "stew:김치찌개",
            "bulgogi:소불고기",
            "japchae:잡채",
            "rice:공깃밥",
            "pancake:해물파전",
        ],
        "Grill": ["ribs:양념 돼지갈비"],
        "Drinks": ["beer:생맥주", "soju:소주", "cola:콜라", "sikhye:식혜"],
        "groups": {
            "맵기": ["mild:순한맛", "hot:매운맛", "extreme:아주 매운맛"],
            "추가": ["egg:계란 프라이", "cheese:치즈"],
            "크기": ["small:소", "large:대"],
        },
        "stations": {"Grill": "그릴", "Drinks": "바"},
    },
}

NOTES_KO = {
    "No onions at all": "양파 빼 주세요",
    "Allergic to shellfish: please use a clean pan": "갑각류 알레르기: 깨끗한 팬에 조리해 주세요",
    "Extra sesame": "참깨 많이",
    "Cut into pieces for a child": "아이가 먹기 좋게 잘라 주세요",
    "Birthday table": "생일 테이블",
}


def a_busy_evening(world, language: str) -> dict:
    """Three stations, fourteen tables' orders of mixed ages and states (two bumped a
    moment ago), in ``language``; returns the stations by their English name."""
    from menus.models import Category, MenuItem
    from menus.option_groups import ChoiceInput, option_group_save
    from menus.services import menu_item_update
    from menus.stations import station_save
    from orders.order_lines import OrderLine
    from orders.services import order_place
    from stores.services import table_create

    words = DISHES[language]
    dishes, choices, stations = {}, {}, {}
    for position, category_name in enumerate(["Mains", "Grill", "Drinks"]):
        category = Category.objects.create(
            store=world.store, name=category_name, display_order=position
        )
        for entry in words[category_name]:
            key, name = entry.split(":")
            dishes[key] = MenuItem.objects.create(
                store=world.store, category=category, name=name, price=9000
            )
        if category_name in words["stations"]:
            stations[category_name] = station_save(
                store=world.store, name=words["stations"][category_name], category_ids=[category.id]
            )
    groups = []
    for group_name, entries in words["groups"].items():
        group = option_group_save(
            store=world.store,
            name=group_name,
            min_choices=0,
            max_choices=len(entries),
            choices=[ChoiceInput(entry.split(":")[1]) for entry in entries],
        )
        for entry, choice in zip(entries, group.choices.order_by("id"), strict=True):
            choices[entry.split(":")[0]] = choice
        groups.append(group)
    for key in ("bibimbap", "stew", "pancake"):
        menu_item_update(item=dishes[key], option_group_ids=[group.id for group in groups])

    tables = {table.number: table for table in world.store.tables.all()}
    now = timezone.now()
    for minutes, number, lines, note, state in EVENING:
        if number not in tables:
            tables[number] = table_create(store=world.store, number=number, password="pass-1234")
        translate = (lambda text: NOTES_KO.get(text, text)) if language == "ko" else str
        order = order_place(
            table=tables[number],
            lines=[
                OrderLine(
                    dishes[key].id, quantity, tuple(choices[c].id for c in chosen), translate(n)
                )
                for key, quantity, chosen, n in lines
            ],
            note=translate(note),
        ).order
        Order.objects.filter(pk=order.pk).update(created_at=now - timedelta(minutes=minutes))
        if state == "preparing":
            kitchen.ticket_bump(order=order, status=OrderStatus.PREPARING, actor=world.manager)
        elif state == "checked":
            kitchen.line_check(line=order.items.first(), done=True, actor=world.manager)
        elif state == "bumped":
            kitchen.ticket_bump(order=order, status=OrderStatus.COMPLETED, actor=world.manager)
    return stations


@pytest.mark.parametrize("locale", ["en-US", "ko-KR"])
def test_how_a_busy_evening_looks(open_display, app_server, world, locale):
    stations = a_busy_evening(world, locale[:2])
    for viewport in [(1920, 1080), (1024, 768)]:
        page = open_display(locale=locale, viewport=viewport)
        expect(page.locator("#tickets .ticket")).to_have_count(12)
        expect(page.locator("#recent-list .recent-ticket")).to_have_count(2)
        expect(page.locator('#tickets .ticket[data-age="red"]')).to_have_count(3)
        size = f"{viewport[0]}x{viewport[1]}"
        assert_fits(page, f"kitchen/all-stations-{locale}-{size}")
        page.close()
    page = open_display(stations["Grill"], locale=locale, viewport=(1024, 768))
    expect(page.locator("#tickets .ticket")).to_have_count(3)
    assert_fits(page, f"kitchen/grill-{locale}-1024x768")
    page = open_display(stations["Drinks"], locale=locale, viewport=(1920, 1080))
    assert_fits(page, f"kitchen/bar-{locale}-1920x1080")
