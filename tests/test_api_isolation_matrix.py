"""Nobody gets into what is not theirs, on every API route, found by walking the URL
configuration: a route added later is called here without anyone remembering to, and a
route nobody classified fails the test.

Each route is called with every method it answers, as every caller who must not get in:
no token, an expired token, a forged signature, a table token on a manager route, a manager
token on a tablet route, another store's manager, another table of the same store. The
answer is the contract's 401/403/404 with its error body, or, where the caller may use the
route for their own things, an answer holding none of the victim's data. Nothing of the
victim changes either way. A kitchen account, signed in, gets into the kitchen's routes only."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from calls.models import StaffCall
from calls.services import staff_call_create
from conftest import bearer_client, signed_in, with_forged_signature
from menus.models import Category, MenuItem, OptionChoice, OptionGroup
from menus.option_groups import ChoiceInput, option_group_save
from menus.services import menu_item_update
from orders.models import Order, OrderItem, Ticket
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.models import Table
from stores.tokens import manager_token, table_token

PUBLIC = {"api/v1/auth/table/", "api/v1/auth/table/device/", "api/v1/auth/admin/"}
# Tested over a real socket in live/tests/test_event_stream.py (a stream, not a response).
ELSEWHERE = {
    "api/v1/events/": "live/tests/test_event_stream.py",
    "api/v1/events/kitchen/": "live/tests/test_event_stream.py",
}
MARKER = "Victim-dish-5b7e"  # only in store alpha's menu and table 1's order
CALL_MARKER = "Victim-call-9c1d"  # only in table 1's staff call


def api_routes() -> list[tuple[str, URLPattern]]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    routes = {}
    for route, pattern in walk(get_resolver().url_patterns):
        route = route.replace("^", "").replace("$", "")
        if route.startswith("api/v1/") and "\\.(?P<format>" not in route:
            routes.setdefault(route, pattern)
    return sorted(routes.items())


def methods(pattern: URLPattern) -> list[str]:
    callback = pattern.callback
    if getattr(callback, "actions", None):  # HEAD answers as GET does, without a body
        return sorted(method.upper() for method in callback.actions if method != "head")
    view = callback.view_class
    return sorted(m.upper() for m in ("get", "post", "patch", "put", "delete") if hasattr(view, m))


def kind(route: str) -> str:
    if route in PUBLIC:
        return "public"
    if route.startswith("api/v1/admin/"):
        return "manager"
    if route.startswith("api/v1/kitchen/"):
        return "kitchen"  # the store's managers and kitchen accounts
    if route in (
        "api/v1/menu/",
        "api/v1/orders/",
        "api/v1/orders/(?P<pk>\\d+)/",
        "api/v1/calls/",
        "api/v1/calls/current/",
    ):
        return "table"
    if route in ELSEWHERE:
        return "elsewhere"
    raise AssertionError(
        f"{route} is not classified: public, table, manager, kitchen or elsewhere?"
    )


ROUTES = api_routes()
CHECKED = [
    (route, pattern) for route, pattern in ROUTES if kind(route) in ("table", "manager", "kitchen")
]


@pytest.fixture
def victim(world, menu):
    dish = MenuItem.objects.create(store=world.store, category=menu.mains, name=MARKER, price=5000)
    group = option_group_save(
        store=world.store, name=f"{MARKER} size", choices=[ChoiceInput(f"{MARKER} large", 500)]
    )
    menu_item_update(item=dish, option_group_ids=[group.id])
    order = order_place(table=world.table, lines=[OrderLine(dish.id, 2)]).order
    call = staff_call_create(table=world.table, reason_code="other", text=CALL_MARKER).call
    return SimpleNamespace(
        call=call,
        order=order,
        line=order.items.get(),
        table=world.table,
        category=menu.mains,
        item=dish,
        store=world.store,
        group=group,
        choice=group.choices.get(),
    )


def url_for(route: str, victim) -> str:
    objects = {
        "admin/tables/": victim.table.id,
        "admin/orders/": victim.order.id,
        "admin/categories/": victim.category.id,
        "admin/menu-items/": victim.item.id,
        "admin/option-groups/": victim.group.id,
        "admin/option-choices/": victim.choice.id,
        "admin/calls/": victim.call.id,
        "orders/": victim.order.id,
        "kitchen/orders/": victim.order.id,
        "kitchen/lines/": victim.line.id,
    }
    if "(?P<pk>" in route:
        owner = next(prefix for prefix in objects if route.startswith(f"api/v1/{prefix}"))
        route = re.sub(r"\(\?P<pk>[^)]*\)", str(objects[owner]), route)
    assert "(?P<" not in route, f"{route}: fill in its parameters here"
    return "/" + route


# A body that would change the victim in every way a route allows.
BODY = {
    "status": "completed",
    "number": 99,
    "password": "taken-over",
    "name": "Taken over",
    "price": 1,
    "is_available": False,
    "display_order": 9,
    "menu_item_ids": [],
    "min_choices": 0,
    "max_choices": 1,
    "choices": [{"name": "Taken over"}],
    "option_group_ids": [],
    "done": True,
}


def call(client, method: str, url: str, victim):
    if method == "GET":
        return client.get(url)
    body = {**BODY, "items": [{"menu_id": victim.item.id, "quantity": 1}]}
    return getattr(client, method.lower())(url, body, format="json")


def expired(token):
    token.set_exp(from_time=token.current_time - timedelta(hours=17), lifetime=timedelta(hours=16))
    return token


def assert_contract_error(response, status: int, code: str) -> None:
    assert response.status_code == status, (response.status_code, response.content[:300])
    body = json.loads(response.content)
    assert body["error_code"] == code
    assert {"detail", "error_code", "timestamp"} <= set(body)
    assert MARKER not in response.content.decode()


def assert_victim_intact(victim) -> None:
    order = Order.objects.get(pk=victim.order.pk)
    assert order.status == "pending"
    assert order.seen_at is None
    assert [(i.name, i.quantity) for i in order.items.all()] == [(MARKER, 2)]
    table = Table.objects.get(pk=victim.table.pk)
    assert (table.number, table.deleted_at) == (1, None)
    assert table.check_password("table-pass-1")
    assert table.visits.filter(ended_at=None).count() == 1
    item = MenuItem.objects.get(pk=victim.item.pk)
    assert (item.name, item.price, item.is_available, item.is_deleted) == (
        MARKER,
        5000,
        True,
        False,
    )
    category = Category.objects.get(pk=victim.category.pk)
    assert (category.name, category.is_deleted) == ("Mains", False)
    group = OptionGroup.objects.get(pk=victim.group.pk)
    assert (group.name, group.is_deleted) == (f"{MARKER} size", False)
    assert list(item.option_groups.all()) == [group]
    choice = OptionChoice.objects.get(pk=victim.choice.pk)
    assert (choice.name, choice.is_available, choice.is_deleted) == (f"{MARKER} large", True, False)
    call = StaffCall.objects.get(pk=victim.call.pk)
    assert (call.text, call.acknowledged_at, call.resolved_at) == (CALL_MARKER, None, None)
    assert StaffCall.objects.filter(table=victim.table).count() == 1
    assert not Ticket.objects.filter(order=victim.order).exists()
    assert OrderItem.objects.get(pk=victim.line.pk).done_at is None


def holds_victim_order(data, order_id: int) -> bool:
    """Whether the JSON holds an Order object with the victim's id."""
    if isinstance(data, dict):
        if data.get("id") == order_id and "items" in data:
            return True
        return any(holds_victim_order(value, order_id) for value in data.values())
    if isinstance(data, list):
        return any(holds_victim_order(value, order_id) for value in data)
    return False


def test_every_route_is_classified():
    kinds = {"public", "table", "manager", "kitchen", "elsewhere"}
    assert {kind(route) for route, _ in ROUTES} <= kinds
    assert len(CHECKED) >= 21


@pytest.mark.parametrize(("route", "pattern"), CHECKED, ids=[r for r, _ in CHECKED])
def test_without_a_valid_token_nobody_gets_in(route, pattern, world, victim, api_client):
    own = table_token(world.table) if kind(route) == "table" else manager_token(world.manager)
    for method in methods(pattern):
        url = url_for(route, victim)
        assert_contract_error(call(api_client, method, url, victim), 401, "NOT_AUTHENTICATED")
        assert_contract_error(
            call(bearer_client(expired(own)), method, url, victim), 401, "TOKEN_EXPIRED"
        )
        forged = bearer_client(with_forged_signature(own))
        assert_contract_error(call(forged, method, url, victim), 401, "TOKEN_INVALID")
        garbage = bearer_client("not.a.token")
        assert_contract_error(call(garbage, method, url, victim), 401, "TOKEN_INVALID")
    assert_victim_intact(victim)


@pytest.mark.parametrize(("route", "pattern"), CHECKED, ids=[r for r, _ in CHECKED])
def test_the_wrong_kind_of_token_is_refused(route, pattern, world, victim):
    wrong = manager_token(world.manager) if kind(route) == "table" else table_token(world.table)
    for method in methods(pattern):
        response = call(bearer_client(wrong), method, url_for(route, victim), victim)

        assert_contract_error(response, 403, "PERMISSION_DENIED")
    assert_victim_intact(victim)


@pytest.mark.parametrize(("route", "pattern"), CHECKED, ids=[r for r, _ in CHECKED])
def test_another_store_or_table_sees_and_changes_nothing_of_the_victim(
    route, pattern, world, victim
):
    outsider = (
        table_token(world.other_table)
        if kind(route) == "table"
        else manager_token(world.other_manager)
    )
    detail = "(?P<pk>" in route
    for method in methods(pattern):
        response = call(bearer_client(outsider), method, url_for(route, victim), victim)

        if detail:
            assert_contract_error(response, 404, "NOT_FOUND")
            continue
        # A list or create of the caller's own: allowed, but nothing of the victim in it.
        assert response.status_code < 500
        data = json.loads(response.content or b"null")
        assert not holds_victim_order(data, victim.order.id)
        assert CALL_MARKER not in response.content.decode()
        if kind(route) in ("manager", "kitchen"):
            assert MARKER not in response.content.decode()
            assert "Alpha Grill" not in response.content.decode()
    assert_victim_intact(victim)


@pytest.mark.parametrize(("route", "pattern"), CHECKED, ids=[r for r, _ in CHECKED])
def test_a_kitchen_account_gets_into_the_kitchens_routes_only(
    route, pattern, world, victim, kitchen_account
):
    """Signed in as the pages sign it in (a session: kitchen accounts have no token), a
    kitchen account is refused every manager and tablet route; on the kitchen's it sees its
    own store's kitchen, which holds no prices."""
    client = signed_in(kitchen_account)
    for method in methods(pattern):
        url = url_for(route, victim)
        response = call(client, method, url, victim)

        if kind(route) != "kitchen":
            assert response.status_code in (401, 403), (route, method, response.status_code)
            assert MARKER not in response.content.decode()
        elif method == "GET":
            assert response.status_code == 200
            assert holds_kitchen_order(response.json(), victim.order.id)
            assert "price" not in response.content.decode()
    if kind(route) != "kitchen":
        assert_victim_intact(victim)


def holds_kitchen_order(data, order_id: int) -> bool:
    return any(order["id"] == order_id and order["lines"] for order in data["orders"])
