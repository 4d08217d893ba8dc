"""The guests' tablet in a real browser (Debian's Chromium) against the app under uvicorn:
flows 3 and 4. The manager's side is played through the API, as another client would."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, Route, expect

from conftest import TABLE_PASSWORD
from orders.models import ORDER_LINES_MAX, QUANTITY_MAX, IdempotencyKey, Order
from stores.models import LoginThrottle
from stores.services import table_set_password
from stores.tokens import manager_token, table_token
from testsupport.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN_KEY = "tableorder:tablet:token"


def set_up(page: Page, password: str = TABLE_PASSWORD) -> None:
    page.goto("/table/")
    page.get_by_label("Store code").fill("alpha")
    page.get_by_label("Table number").fill("1")
    page.get_by_label("Table password").fill(password)
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#menu")).to_be_visible()


def item(page: Page, name: str):
    return page.locator(".item", has=page.get_by_role("heading", name=name, exact=True))


def cart_line(page: Page, name: str):
    return page.locator(".cart-line", has_text=name)


def place_order(page: Page) -> None:
    page.get_by_role("button", name="Order", exact=True).click()
    page.get_by_role("button", name="Place order").click()


def as_manager(app_server, world, method: str, path: str, body=None):
    status, data = app_server.request(method, path, body, token=str(manager_token(world.manager)))
    assert status in (200, 201, 204), data
    return data


def test_a_visit_from_setup_to_the_table_being_completed(page, app_server, world, menu):
    set_up(page)
    page.reload()  # from now on it signs itself in
    expect(page.get_by_role("button", name="Store code")).to_have_count(0)
    expect(page.locator(".table-badge")).to_have_text("Table 1")

    # Browse: categories in display order; mains first.
    expect(page.locator(".category")).to_have_text(["Mains", "Drinks"])
    expect(item(page, "Bibimbap")).to_contain_text("₩9,000")
    item(page, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    item(page, "Kimchi stew").get_by_role("button", name="Add Kimchi stew").click()
    page.get_by_role("button", name="Drinks").click()
    item(page, "Cola").get_by_role("button", name="Add Cola").click()
    cart_line(page, "Cola").get_by_role("button", name="One more Cola").click()
    cart_line(page, "Cola").get_by_role("button", name="One more Cola").click()
    cart_line(page, "Kimchi stew").get_by_role("button", name="Remove Kimchi stew").click()
    expect(cart_line(page, "Cola").locator(".quantity")).to_have_text("3")
    expect(page.locator("#cart-total")).to_have_text("₩15,000")
    screenshot(page, "tablet-menu-1280x800")

    # The cart survives a reload.
    page.reload()
    expect(page.locator("#cart-total")).to_have_text("₩15,000")

    place_order(page)
    expect(page.locator("#placed-number")).to_have_text("1")
    screenshot(page, "tablet-order-placed")
    order = Order.objects.get()
    assert [(line.name, line.quantity) for line in order.items.all()] == [
        ("Bibimbap", 1),
        ("Cola", 3),
    ]
    assert order.total_amount == 15000
    expect(page.locator("#placed-number")).to_have_count(0, timeout=8_000)  # back to the menu
    expect(page.locator("#menu")).to_be_visible()
    expect(page.locator("#cart-total")).to_have_text("₩0")

    # This visit's orders, and their status as the manager moves it.
    page.get_by_role("button", name="My orders").click()
    row = page.locator(f'[data-order-id="{order.id}"]')
    expect(row).to_contain_text("Received")
    as_manager(
        app_server, world, "PATCH", f"/api/v1/admin/orders/{order.id}/", {"status": "preparing"}
    )
    expect(row).to_contain_text("Preparing")
    screenshot(page, "tablet-orders")

    as_manager(app_server, world, "POST", f"/api/v1/admin/tables/{world.table.id}/complete/")
    expect(page.locator(".order-list > li")).to_have_count(0)
    expect(page.locator("#orders")).to_contain_text("No orders yet")


def test_the_next_guests_start_with_an_empty_cart_on_the_menu(page, app_server, world, menu):
    set_up(page)
    item(page, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    place_order(page)
    expect(page.locator("#placed-number")).to_have_count(0, timeout=8_000)
    page.get_by_role("button", name="Drinks").click()
    item(page, "Cola").get_by_role("button", name="Add Cola").click()  # the last guests' cart
    page.get_by_role("button", name="My orders").click()

    as_manager(app_server, world, "POST", f"/api/v1/admin/tables/{world.table.id}/complete/")

    expect(page.locator(".cart-line")).to_have_count(0)
    expect(page.locator("#cart-total")).to_have_text("₩0")
    expect(page.locator("#menu")).to_be_visible()
    expect(page.locator(".category[aria-pressed=true]")).to_have_text("Mains")
    page.reload()  # nothing of it comes back from the tablet's storage
    expect(item(page, "Bibimbap")).to_be_visible()
    expect(page.locator(".cart-line")).to_have_count(0)


def test_sold_out_dishes_show_but_cannot_be_ordered(open_page, app_server, world, menu):
    page = open_page(viewport=(800, 1280))
    set_up(page)
    page.get_by_role("button", name="Drinks").click()

    sold_out = item(page, "Makgeolli")
    expect(sold_out).to_have_class(re.compile(r"\bsold-out\b"))
    expect(sold_out.get_by_role("button", name="Add Makgeolli")).to_be_disabled()
    expect(item(page, "Old special")).to_have_count(0)  # deleted: not on the menu at all
    item(page, "Cola").get_by_role("button", name="Add Cola").click()
    screenshot(page, "tablet-menu-800x1280")

    # Cola sells out while it sits in the cart: the tablet hears of it at once, not at its
    # next poll, and marks the line until the guest takes it out.
    sell_out(app_server, world, menu.cola)

    expect(cart_line(page, "Cola")).to_have_class(re.compile(r"\bsold-out\b"), timeout=3_000)
    expect(page.locator("#toast")).to_contain_text("sold out")
    expect(page.get_by_role("button", name="Order", exact=True)).to_be_disabled()
    expect(item(page, "Cola").get_by_role("button", name="Add Cola")).to_be_disabled()
    screenshot(page, "tablet-cart-sold-out-800x1280")
    cart_line(page, "Cola").get_by_role("button", name="Remove Cola").click()
    expect(page.locator(".cart-line")).to_have_count(0)
    assert not Order.objects.exists()


def sell_out(app_server, world, dish) -> None:
    as_manager(
        app_server, world, "PATCH", f"/api/v1/admin/menu-items/{dish.id}/", {"is_available": False}
    )


def test_a_dish_that_sold_out_unheard_refuses_the_order_and_is_marked(
    page, app_server, world, menu
):
    """The live event lost (the stream cut here): the server still refuses the order, and the
    tablet reads the menu again and marks the line."""
    page.route("**/api/v1/events/", lambda route: route.abort())
    set_up(page)
    page.get_by_role("button", name="Drinks").click()
    item(page, "Cola").get_by_role("button", name="Add Cola").click()
    sell_out(app_server, world, menu.cola)

    place_order(page)

    expect(page.locator("#toast")).to_contain_text("sold out")
    expect(cart_line(page, "Cola")).to_have_class(re.compile(r"\bsold-out\b"))
    assert not Order.objects.exists()


def add_japchae(app_server, world, menu) -> None:
    body = {"category_id": menu.mains.id, "name": "Japchae", "price": 10000}
    as_manager(app_server, world, "POST", "/api/v1/admin/menu-items/", body)


def test_a_new_dish_reaches_the_tablet_live(page, app_server, world, menu):
    set_up(page)

    add_japchae(app_server, world, menu)

    expect(item(page, "Japchae")).to_be_visible(timeout=3_000)


def test_a_change_made_before_the_stream_first_opens_is_not_missed(page, app_server, world, menu):
    """The page reads the menu, then opens its stream: a change in between is in neither,
    unless the page reads again once the stream is open."""
    refused = []

    def first_refused(route: Route) -> None:
        if refused:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("connectionrefused")

    page.route("**/api/v1/events/", first_refused)
    set_up(page)
    while not refused:  # the stream tried, and tries again in a second
        page.wait_for_timeout(50)
    add_japchae(app_server, world, menu)

    expect(item(page, "Japchae")).to_be_visible(timeout=5_000)


def test_the_cart_keeps_to_the_servers_limits(page, app_server, world, menu):
    """The limits come from the page (orders.models), not from a copy in the JavaScript."""
    set_up(page)
    item(page, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    more = cart_line(page, "Bibimbap").get_by_role("button", name="One more Bibimbap")
    for _ in range(QUANTITY_MAX - 1):
        more.click()

    expect(cart_line(page, "Bibimbap").locator(".quantity")).to_have_text(str(QUANTITY_MAX))
    expect(more).to_be_disabled()
    limits = page.locator("#app")
    expect(limits).to_have_attribute("data-max-quantity", str(QUANTITY_MAX))
    expect(limits).to_have_attribute("data-max-lines", str(ORDER_LINES_MAX))


def test_a_double_tap_places_one_order(page, app_server, world, menu):
    set_up(page)
    item(page, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    page.get_by_role("button", name="Order", exact=True).click()

    page.get_by_role("button", name="Place order").dblclick()

    expect(page.locator("#placed-number")).to_have_text("1")
    assert Order.objects.count() == 1


def test_a_lost_answer_is_retried_with_the_same_key_and_orders_once(page, app_server, world, menu):
    set_up(page)
    keys: list[str] = []

    def lose_the_first_answer(route: Route) -> None:
        keys.append(route.request.headers["idempotency-key"])
        if len(keys) == 1:
            route.fetch()  # the server places the order...
            route.abort("connectionreset")  # ...and the answer never reaches the tablet
        else:
            route.continue_()

    page.route(
        "**/api/v1/orders/",
        lambda route: (
            lose_the_first_answer(route) if route.request.method == "POST" else route.continue_()
        ),
    )
    item(page, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    place_order(page)

    expect(page.locator("#placed-number")).to_have_text("1")
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert Order.objects.count() == 1
    assert IdempotencyKey.objects.get().key == keys[0]


def test_an_expired_token_is_renewed_without_the_guest_noticing(page, app_server, world, menu):
    set_up(page)
    expired = table_token(world.table)
    expired.set_exp(
        from_time=expired.current_time - timedelta(hours=17), lifetime=timedelta(hours=16)
    )
    page.evaluate(f"localStorage.setItem('{TOKEN_KEY}', JSON.stringify('{expired}'))")

    page.reload()

    expect(page.locator("#menu")).to_contain_text("Bibimbap")
    renewed = page.evaluate(f"JSON.parse(localStorage.getItem('{TOKEN_KEY}'))")
    assert renewed != str(expired)
    item(page, "Bibimbap").get_by_role("button", name="Add Bibimbap").click()
    place_order(page)
    expect(page.locator("#placed-number")).to_have_text("1")


def remembered(page: Page) -> str:
    """Everything the tablet keeps in its storage, as one text."""
    return page.evaluate("JSON.stringify(Object.entries(localStorage))")


def test_the_tablet_keeps_a_device_credential_never_the_password(page, app_server, world, menu):
    set_up(page)

    assert TABLE_PASSWORD not in remembered(page)
    assert "device-token" in remembered(page)
    page.evaluate(f"localStorage.removeItem('{TOKEN_KEY}')")  # its token gone: signs in again
    page.reload()
    expect(page.locator("#menu")).to_contain_text("Bibimbap")
    assert not LoginThrottle.objects.exists()  # no password was tried


def test_a_changed_password_sends_the_tablet_back_to_setup(page, app_server, world, menu):
    set_up(page)

    table_set_password(table=world.table, password="new-password-2")
    for _ in range(6):  # more sign-ins than the lockout allows failures
        page.reload()
        expect(page.get_by_role("alert")).to_contain_text("password was changed")

    assert not LoginThrottle.objects.exists()  # the tablet never tried its old password
    expect(page.get_by_label("Store code")).to_have_value("alpha")
    page.get_by_label("Table password").fill("new-password-2")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#menu")).to_contain_text("Bibimbap")  # at once, no lockout


def test_a_wrong_setup_is_refused(page, app_server, world, menu):
    page.goto("/table/")
    page.get_by_label("Store code").fill("alpha")
    page.get_by_label("Table number").fill("1")
    page.get_by_label("Table password").fill("not it")
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("alert")).to_contain_text("not right")
    expect(page.get_by_role("alert")).to_contain_text("4 more tries before sign-in pauses.")
    expect(page.locator("#menu")).to_have_count(0)


def test_the_tablet_speaks_korean_to_a_korean_browser(open_page, app_server, world, menu):
    page = open_page(locale="ko-KR")
    page.goto("/table/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    page.get_by_label("매장 코드").fill("alpha")
    page.get_by_label("테이블 번호").fill("1")
    page.get_by_label("테이블 비밀번호").fill(TABLE_PASSWORD)
    page.get_by_role("button", name="시작").click()

    expect(item(page, "Bibimbap")).to_contain_text("9,000원")
    expect(page.get_by_role("button", name="주문", exact=True)).to_be_disabled()
    screenshot(page, "tablet-menu-ko")


def test_names_are_shown_as_text_never_as_markup(page, app_server, world, menu):
    """What a manager typed reaches guests as text: no element, no script comes of it."""
    dish = '<img src="x" onerror="window.pwned = 1">Stew'
    menu.stew.name = dish
    menu.stew.description = "<b>hot</b><script>window.pwned = 2</script>"
    menu.stew.save()
    menu.mains.name = "<i>Mains</i>"
    menu.mains.save()

    set_up(page)
    expect(page.locator(".category").first).to_have_text("<i>Mains</i>")
    expect(item(page, dish)).to_contain_text("<b>hot</b><script>window.pwned = 2</script>")
    item(page, dish).get_by_role("button", name=f"Add {dish}").click()
    expect(cart_line(page, dish)).to_be_visible()
    place_order(page)
    expect(page.locator("#placed-number")).to_have_text("1")
    expect(page.locator("#orders")).to_contain_text(dish)

    assert page.locator("img[src='x'], #menu b, #menu i, #menu script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_small_things_a_guest_notices(open_page, app_server, world, menu):
    """The dish's name opens its page, whose button adds it; the keyboard keeps its place in
    the cart; Clear can be undone; an order the staff delete is said to be cancelled; an empty
    cart below the menu takes little room."""
    page = open_page(viewport=(800, 1280))
    set_up(page)
    assert page.locator("#cart").bounding_box()["height"] < 1280 * 0.15

    item(page, "Bibimbap").get_by_role("heading", name="Bibimbap").click()
    page.get_by_role("dialog", name="Bibimbap").get_by_role("button", name="Add · ₩9,000").click()
    expect(cart_line(page, "Bibimbap")).to_be_visible()
    more = cart_line(page, "Bibimbap").get_by_role("button", name="One more Bibimbap")
    more.focus()
    page.keyboard.press("Enter")
    expect(cart_line(page, "Bibimbap").locator(".quantity")).to_have_text("2")
    expect(
        cart_line(page, "Bibimbap").get_by_role("button", name="One more Bibimbap")
    ).to_be_focused()

    page.get_by_role("button", name="Clear").click()
    expect(page.locator(".cart-line")).to_have_count(0)
    page.locator("#toast").get_by_role("button", name="Undo").click()
    expect(cart_line(page, "Bibimbap").locator(".quantity")).to_have_text("2")

    place_order(page)
    expect(page.locator("#placed-number")).to_have_text("1")
    order = Order.objects.get()
    as_manager(app_server, world, "DELETE", f"/api/v1/admin/orders/{order.id}/")
    expect(page.locator("#toast")).to_contain_text(f"Order #{order.number} was cancelled")
