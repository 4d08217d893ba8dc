"""Every /manager/ page through Django's test client: who gets in, CSRF, what a refused
action leaves behind, and that names are shown as text.

The access tests walk the manager URL namespace, so a page added later is covered without
anyone remembering to."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from calls.models import StaffCall
from calls.services import staff_call_create
from conftest import MANAGER_PASSWORD, signed_in
from menus.models import OptionChoice, OptionGroup, Station
from menus.stations import station_save
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.models import StaffRole, Table, User
from stores.services import manager_create
from stores.tokens import manager_token, table_token

PUBLIC = {"login", "logout"}


def manager_pages() -> list[URLPattern]:
    _, namespace = get_resolver().namespace_dict["manager"]
    return [p for p in patterns_in(namespace) if p.name not in PUBLIC]


def patterns_in(resolver: URLResolver) -> list[URLPattern]:
    found = []
    for entry in resolver.url_patterns:
        found += patterns_in(entry) if isinstance(entry, URLResolver) else [entry]
    return found


def page_url(pattern: URLPattern, victim) -> str:
    """The page's URL with the victim's ids in it (store alpha's objects)."""
    ids = {
        "table_id": victim.table.id,
        "order_id": victim.order.id,
        "category_id": victim.category.id,
        "item_id": victim.item.id,
        "group_id": victim.group.id,
        "choice_id": victim.choice.id,
        "call_id": victim.call.id,
        "station_id": victim.station.id,
        "account_id": victim.account.id,
    }
    kwargs = {name: ids[name] for name in re.findall(r"<int:(\w+)>", str(pattern.pattern))}
    return reverse(f"manager:{pattern.name}", kwargs=kwargs)


ACTION_DATA = {"status": "completed", "direction": "down", "number": 9, "password": "pass"}


def call(client: Client, pattern: URLPattern, url: str, **headers):
    """A page's GET, or an action's POST with data that would change something."""
    if is_action(pattern):
        return client.post(url, ACTION_DATA, **headers)
    return client.get(url, **headers)


def is_action(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "view_class", None) is not None and (
        pattern.callback.view_class.http_method_names == ["post"]
    )


@pytest.fixture
def victim(world, menu, options):
    line = OrderLine(menu.bibimbap.id, 1, (options.hot.id,))
    order = order_place(table=world.table, lines=[line]).order
    call = staff_call_create(table=world.table, reason_code="other", text="Victim-call-9c1d").call
    # A second station, so that deleting it would not be refused as the store's last.
    station = station_save(store=world.store, name="Victim-bar", category_ids=[menu.drinks.id])
    account = manager_create(
        store=world.store,
        username="victim-screen",
        password=MANAGER_PASSWORD,
        role=StaffRole.KITCHEN,
        check_password_strength=False,
    )
    return type(
        "Victim",
        (),
        {
            "table": world.table,
            "order": order,
            "category": menu.mains,
            "item": menu.bibimbap,
            "group": options.spice,
            "choice": options.hot,
            "call": call,
            "station": station,
            "drinks": menu.drinks,
            "account": account,
        },
    )


def victim_is_intact(victim) -> None:
    victim.order.refresh_from_db()
    assert victim.order.status == "pending"
    assert victim.order.seen_at is None
    victim.item.refresh_from_db()
    assert (victim.item.is_available, victim.item.is_deleted, victim.item.display_order) == (
        True,
        False,
        1,
    )
    victim.category.refresh_from_db()
    assert (victim.category.is_deleted, victim.category.display_order) == (False, 1)
    assert Table.objects.get(pk=victim.table.pk).deleted_at is None
    group = OptionGroup.objects.get(pk=victim.group.pk)
    assert (group.name, group.is_deleted, group.choices.filter(is_deleted=False).count()) == (
        "Spice level",
        False,
        3,
    )
    choice = OptionChoice.objects.get(pk=victim.choice.pk)
    assert (choice.is_available, choice.sold_out_until) == (True, None)
    assert victim.table.visits.filter(ended_at=None).exists()
    call = StaffCall.objects.get(pk=victim.call.pk)
    assert (call.acknowledged_at, call.resolved_at) == (None, None)
    station = Station.objects.get(pk=victim.station.pk)
    assert (station.name, station.position) == ("Victim-bar", 2)
    assert list(station.categories.all()) == [victim.drinks]
    account = User.objects.get(pk=victim.account.pk)
    assert account.check_password(MANAGER_PASSWORD)


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_an_anonymous_visitor_is_sent_to_the_login_page(pattern, victim):
    url = page_url(pattern, victim)

    response = call(Client(), pattern, url)

    assert response.status_code == 302
    assert response["Location"] == f"/manager/login/?next={url}"
    victim_is_intact(victim)


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_a_bearer_token_does_not_open_a_page(pattern, victim, world):
    for token in (manager_token(world.manager), table_token(world.table)):
        response = call(
            Client(), pattern, page_url(pattern, victim), HTTP_AUTHORIZATION=f"Bearer {token}"
        )

        assert response.status_code == 302
        assert response["Location"].startswith("/manager/login/")
    victim_is_intact(victim)


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_another_stores_manager_finds_nothing(pattern, victim, world):
    client = signed_in(world.other_manager)
    url = page_url(pattern, victim)
    if not any(
        f"<int:{name}>" in str(pattern.pattern)
        for name in (
            "table_id",
            "order_id",
            "category_id",
            "item_id",
            "group_id",
            "choice_id",
            "call_id",
            "station_id",
            "account_id",
        )
    ):
        # A page or action of the caller's own store (dashboard, lists, "mark all as seen"):
        # none of the victim's data, nothing of the victim changed.
        response = call(client, pattern, url)
        assert response.status_code == (302 if is_action(pattern) else 200)
        victim_is_intact(victim)
        # A streamed download (the sales CSV) is read as it would be saved.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        body = body.decode()
        assert "Alpha Grill" not in body
        assert "Bibimbap" not in body
        assert "Victim-call-9c1d" not in body
        assert f'id="table-{victim.table.id}"' not in body
        return

    response = call(client, pattern, url)

    assert response.status_code == 404
    assert "Bibimbap" not in response.content.decode()
    victim_is_intact(victim)


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_platform_staff_without_a_store_is_refused(pattern, victim):
    staff = User.objects.create_superuser(username="root", password="staff-pass-1")

    response = call(signed_in(staff), pattern, page_url(pattern, victim))

    assert response.status_code == 403
    victim_is_intact(victim)


@pytest.mark.parametrize("pattern", manager_pages(), ids=lambda p: p.name)
def test_a_kitchen_account_is_refused(pattern, victim):
    """A kitchen account signed in opens the kitchen display and no manager page."""
    response = call(signed_in(victim.account), pattern, page_url(pattern, victim))

    assert response.status_code == 403
    victim_is_intact(victim)


@pytest.mark.parametrize(
    "pattern", [p for p in manager_pages() if is_action(p)], ids=lambda p: p.name
)
def test_every_action_needs_the_csrf_token(pattern, victim, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.manager)

    response = call(client, pattern, page_url(pattern, victim))

    assert response.status_code == 403
    victim_is_intact(victim)


@pytest.mark.parametrize(
    "pattern", [p for p in manager_pages() if is_action(p)], ids=lambda p: p.name
)
def test_an_action_is_never_done_by_a_get(pattern, victim, world):
    response = signed_in(world.manager).get(page_url(pattern, victim))

    assert response.status_code == 405
    victim_is_intact(victim)


class TestRefusals:
    def test_a_backwards_status_is_refused_with_a_message(self, world, victim):
        client = signed_in(world.manager)
        client.post(f"/manager/orders/{victim.order.id}/status/", {"status": "completed"})

        response = client.post(
            f"/manager/orders/{victim.order.id}/status/", {"status": "preparing"}, follow=True
        )

        assert "An order cannot go from completed to preparing." in response.content.decode()
        victim.order.refresh_from_db()
        assert victim.order.status == "completed"

    def test_deleting_a_table_in_use_is_refused_with_a_message(self, world, victim):
        response = signed_in(world.manager).post(
            f"/manager/tables/{world.table.id}/delete/", follow=True
        )

        assert "This table has an open visit; complete it first." in response.content.decode()
        assert Table.objects.get(pk=world.table.pk).deleted_at is None

    def test_deleting_a_category_with_items_is_refused_with_a_message(self, world, menu):
        response = signed_in(world.manager).post(
            f"/manager/menu/categories/{menu.mains.id}/delete/", follow=True
        )

        assert "This category still has menu items." in response.content.decode()
        menu.mains.refresh_from_db()
        assert not menu.mains.is_deleted

    def test_completing_a_free_table_is_refused(self, world):
        response = signed_in(world.manager).post(
            f"/manager/tables/{world.other_table.id}/complete/", follow=True
        )

        assert "This table has no open visit." in response.content.decode()

    def test_names_are_shown_as_text_never_as_markup(self, world, menu):
        hostile, escaped = '<script>alert("x")</script>', "&lt;script&gt;alert(&quot;x&quot;)"
        menu.stew.name = hostile
        menu.stew.description = hostile + " description"
        menu.stew.save()
        menu.mains.name = hostile + " category"
        menu.mains.save()
        order_place(table=world.table, lines=[OrderLine(menu.stew.id, 1)])
        client = signed_in(world.manager)

        pages = {
            f"/manager/tables/{world.table.id}/": 1,
            "/manager/menu/": 3,  # category, dish, description
            f"/manager/menu/items/{menu.stew.id}/": 3,  # the form's fields and category choice
            "/manager/menu/stations/": 2,  # what the first station makes, its station's label
        }
        for url, times in pages.items():
            body = client.get(url).content.decode()
            assert hostile not in body, url
            assert body.count(escaped) >= times, url
