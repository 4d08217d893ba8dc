"""A small world for every test: two stores, each with a manager and two tables, so that any
test can ask "can the *other* store see this?"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from menus.models import Category, MenuItem
from stores import services
from stores.models import Store, Table, User
from stores.tokens import manager_token, table_token

TABLE_PASSWORD = "table-pass-1"
MANAGER_PASSWORD = "manager-pass-1"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # The real hasher costs ~0.5 s a login here; tests check behaviour, not hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
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
def api_client() -> APIClient:
    return APIClient()


def bearer_client(token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


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
