"""A small world for every test: two stores, each with a manager and two tables, so that any
test can ask "can the *other* store see this?"."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.test import Client
from django_eventstream.models import Event
from rest_framework.test import APIClient

from live.channels import menu_channel
from menus.models import Category, MenuItem, Station
from menus.option_groups import ChoiceInput, option_group_save
from menus.selectors import orderable_menus_forget
from menus.services import category_update, menu_item_update
from menus.stations import station_save
from orders.kept_answers import kept_answers_forget
from stores import services
from stores.caller_rows import caller_rows_forget
from stores.models import StaffRole, Store, Table, User
from stores.tokens import manager_token, table_token

TABLE_PASSWORD = "table-pass-1"
MANAGER_PASSWORD = "manager-pass-1"


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's own PBKDF2 at one iteration: a hash every server verifies (the count is
    stored in the hash), so the browser tests' servers accept the passwords tests set."""

    iterations = 1


@pytest.fixture(autouse=True)
def _test_settings(settings):
    cache.clear()  # rate-limit counts start afresh in every test
    orderable_menus_forget()  # a test's stores may have an earlier test's ids
    kept_answers_forget()
    caller_rows_forget()
    # The real hasher costs ~0.5 s a login here; tests check behaviour, not hashing strength.
    settings.PASSWORD_HASHERS = ["conftest.FastPBKDF2PasswordHasher"]
    # Pages render {% static %} without a collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _store_with_people(code: str, name: str) -> tuple[Store, User, Table, Table]:
    store, manager = services.store_create(
        code=code,
        name=name,
        manager_username="manager",
        manager_password=MANAGER_PASSWORD,
        check_password_strength=False,
    )
    table_1 = services.table_create(store=store, number=1, password=TABLE_PASSWORD)
    table_2 = services.table_create(store=store, number=2, password=TABLE_PASSWORD)
    return store, manager, table_1, table_2


@pytest.fixture
def world(db):
    """Store "alpha" (ours) and store "beta" (the outsider), alike in every name."""
    store, manager, table, other_table = _store_with_people("alpha", "Alpha Grill")
    other_store, other_manager, their_table, _ = _store_with_people("beta", "Beta Noodles")
    return SimpleNamespace(
        store=store,
        manager=manager,
        table=table,
        other_table=other_table,
        other_store=other_store,
        other_manager=other_manager,
        their_table=their_table,
    )


@pytest.fixture
def store(world) -> Store:
    return world.store


@pytest.fixture
def manager(world) -> User:
    return world.manager


@pytest.fixture
def table(world) -> Table:
    return world.table


@pytest.fixture
def staff(world) -> User:
    """Platform staff: a superuser of no store."""
    return User.objects.create_superuser(username="root", password="staff-pass-1")


@pytest.fixture
def staff_client(staff) -> Client:
    return signed_in(staff)


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


def bearer_client(token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def signed_in(user: User) -> Client:
    """A browser of the manager pages with ``user`` signed in."""
    client = Client()
    client.force_login(user)
    return client


ISO_UTC_MILLIS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def menu_events(store: Store) -> list[str]:
    """The types of the events stored for the store's tablets' menu channel, oldest first."""
    return list(
        Event.objects.filter(channel=menu_channel(store.id), eid__gt=0)
        .order_by("eid")
        .values_list("type", flat=True)
    )


def channel_events(channel: str) -> list[tuple[str, dict]]:
    """``(type, data)`` of every event stored for ``channel``, oldest first."""
    found = []
    for event in Event.objects.filter(channel=channel, eid__gt=0).order_by("eid"):
        data = event.data
        while isinstance(data, str):  # stored as the library stores it: JSON of the JSON
            data = json.loads(data)
        found.append((event.type, data))
    return found


def assert_error(response, status: int, error_code: str) -> dict:
    """The contract's error body, and nothing beyond it; returns the body."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["error_code"] == error_code
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert ISO_UTC_MILLIS.match(body["timestamp"])
    assert "Traceback" not in response.content.decode()
    return body


def with_forged_signature(token) -> str:
    """The token with its signature's first character changed: claims intact, signature bad.
    (The first character, because all six of its bits are signature; the last one's are not.)"""
    header_and_claims, signature = str(token).rsplit(".", 1)
    changed = "B" if signature[0] == "A" else "A"
    return f"{header_and_claims}.{changed}{signature[1:]}"


@pytest.fixture
def table_client(table) -> APIClient:
    """A tablet logged in as table 1 of store alpha."""
    return bearer_client(table_token(table))


@pytest.fixture
def manager_client(manager) -> APIClient:
    """Store alpha's manager with a bearer token."""
    return bearer_client(manager_token(manager))


@pytest.fixture
def other_manager_client(world) -> APIClient:
    """Store beta's manager: must never see store alpha's data."""
    return bearer_client(manager_token(world.other_manager))


@pytest.fixture
def other_table_client(world) -> APIClient:
    """Table 2 of store alpha: must never see table 1's orders."""
    return bearer_client(table_token(world.other_table))


@pytest.fixture
def menu(world):
    """Store alpha's menu (and one dish of beta's): what the order tests order from."""
    mains = Category.objects.create(store=world.store, name="Mains", display_order=1)
    drinks = Category.objects.create(store=world.store, name="Drinks", display_order=2)
    theirs = Category.objects.create(store=world.other_store, name="Noodles")

    def item(category, name, price, **flags):
        return MenuItem.objects.create(
            store=category.store, category=category, name=name, price=price, **flags
        )

    return SimpleNamespace(
        mains=mains,
        drinks=drinks,
        bibimbap=item(mains, "Bibimbap", 9000, display_order=1),
        stew=item(mains, "Kimchi stew", 8000, display_order=2),
        cola=item(drinks, "Cola", 2000),
        sold_out=item(drinks, "Makgeolli", 6000, is_available=False),
        deleted=item(mains, "Old special", 12000, is_deleted=True),
        their_noodles=item(theirs, "Ramen", 7000),
    )


@pytest.fixture
def options(world, menu):
    """Bibimbap offers a spice level (exactly one) and add-ons (up to two); beta has a group
    of its own."""
    spice = option_group_save(
        store=world.store,
        name="Spice level",
        min_choices=1,
        max_choices=1,
        choices=[ChoiceInput("Mild"), ChoiceInput("Hot"), ChoiceInput("Extreme", 500)],
    )
    add_ons = option_group_save(
        store=world.store,
        name="Add-ons",
        min_choices=0,
        max_choices=2,
        choices=[
            ChoiceInput("Cheese", 2000),
            ChoiceInput("Egg", 1000),
            ChoiceInput("Ham", 1500),
        ],
    )
    theirs = option_group_save(
        store=world.other_store, name="Broth", choices=[ChoiceInput("Rich", 300)]
    )
    menu_item_update(item=menu.bibimbap, option_group_ids=[spice.id, add_ons.id])
    # Each choice by its name: options.mild, options.cheese, ...
    choices = {
        choice.name.lower(): choice for group in (spice, add_ons) for choice in group.choices.all()
    }
    return SimpleNamespace(spice=spice, add_ons=add_ons, their_rich=theirs.choices.get(), **choices)


@pytest.fixture
def translated(menu, options):
    """Alpha's menu partly translated: the mains in English and Japanese; Bibimbap's name in
    Japanese, its description in Japanese and English; its spice level and two of the
    choices in Japanese. Everything else only in the store's language."""
    category_update(
        category=menu.mains, translations={"en": {"name": "Main dishes"}, "ja": {"name": "お食事"}}
    )
    menu_item_update(
        item=menu.bibimbap,
        description="Rice with vegetables",
        translations={
            "ja": {"name": "ビビンバ", "description": "ナムルご飯"},
            "en": {"description": "Mixed rice"},
        },
    )
    option_group_save(
        store=options.spice.store,
        group=options.spice,
        name="Spice level",
        min_choices=1,
        max_choices=1,
        translations={"ja": {"name": "辛さ"}},
        choices=[
            ChoiceInput("Mild", id=options.mild.id, translations={"ja": {"name": "甘口"}}),
            ChoiceInput("Hot", id=options.hot.id, translations={"ja": {"name": "辛口"}}),
            ChoiceInput("Extreme", 500, id=options.extreme.id),
        ],
    )
    return menu


@pytest.fixture
def kitchen_account(world) -> User:
    """Store alpha's kitchen account: sees the kitchen display and nothing else."""
    return services.manager_create(
        store=world.store,
        username="kitchen",
        password=MANAGER_PASSWORD,
        role=StaffRole.KITCHEN,
        check_password_strength=False,
    )


@pytest.fixture
def bar(world, menu) -> Station:
    """Store alpha's second station, which makes the drinks; the mains stay at the first."""
    return station_save(store=world.store, name="Bar", category_ids=[menu.drinks.id])


# --- Browser tests: the app under uvicorn on the test database, Debian's Chromium -----------


@pytest.fixture(scope="module")
def app_server(django_db_setup, tmp_path_factory):
    """The app in a real ASGI server process, on the test database, for one test module.
    Its tests need ``pytest.mark.django_db(transaction=True)`` so that it sees their data."""
    from testsupport.live_server import AsgiServer

    media_root = tmp_path_factory.mktemp("media")
    server = AsgiServer(MEDIA_ROOT=str(media_root))
    server.media_root = media_root
    yield server
    server.stop()


@pytest.fixture
def live_media(settings, app_server):
    """This process stores photos where the server reads them."""
    settings.MEDIA_ROOT = app_server.media_root
    return app_server.media_root


@pytest.fixture(scope="module")
def browser():
    from testsupport.browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def open_page(browser, app_server, live_media):
    """Opens pages on the app server: ``open_page(locale="ko-KR", viewport=(800, 1280))``."""
    contexts = []

    def open_page(*, locale: str = "en-US", viewport: tuple[int, int] = (1280, 800)):
        context = browser.new_context(
            base_url=app_server.base_url,
            locale=locale,
            viewport={"width": viewport[0], "height": viewport[1]},
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """A page at laptop size (1280 x 800) in English."""
    return open_page()
