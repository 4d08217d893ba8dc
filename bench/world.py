"""The store every benchmark and the soak run work on: Django set up on a database of their
own, a manager, tables, a menu, and tokens to call the API with."""

from __future__ import annotations

import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))


def setup_django(database_url: str, settings_module: str = "config.settings") -> None:
    """Production-like settings on ``database_url``, rate limits off, migrated."""
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE=settings_module,
        LOG_LEVEL="WARNING",
        STATIC_FROM_SOURCE="true",
        API_RATE_LIMIT_TABLE="off",
        API_RATE_LIMIT_MANAGER="off",
        API_RATE_LIMIT_ANONYMOUS="off",
    )
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def described(result: dict, database_url: str) -> dict:
    """``result`` with the database and the machine it was measured on."""
    result["database"] = "postgresql" if database_url.startswith("postgres") else "sqlite"
    result["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    return result


@dataclass
class World:
    store_id: int
    manager_token: str
    table_ids: list[int]
    table_tokens: list[str]
    menu_ids: list[int] = field(default_factory=list)


def build_store(*, tables: int, categories: int = 1, items_per_category: int = 1) -> World:
    """A store with ``tables`` tables (numbered from 1) and a menu of
    ``categories`` times ``items_per_category`` items; after ``setup_django``."""
    from menus.services import category_create, menu_item_create
    from stores.services import store_create, table_create
    from stores.tokens import manager_token, table_token

    store, manager = store_create(
        code=f"bench-{time.time_ns()}",
        name="Bench Bistro",
        manager_username="manager",
        manager_password="bench-manager-1",  # noqa: S106 (a throwaway benchmark store)
        check_password_strength=False,
    )
    items = []
    for c in range(categories):
        category = category_create(store=store, name=f"Category {c + 1}", display_order=c)
        for i in range(items_per_category):
            items.append(
                menu_item_create(
                    store=store,
                    category=category,
                    name=f"Dish {c + 1}-{i + 1}",
                    description="Rice, vegetables and a sauce of the house, served hot.",
                    price=8000 + 500 * i,
                    display_order=i,
                )
            )
    created = [table_create(store=store, number=n, password="bench") for n in range(1, tables + 1)]  # noqa: S106
    return World(
        store_id=store.id,
        manager_token=str(manager_token(manager)),
        table_ids=[table.id for table in created],
        table_tokens=[str(table_token(table)) for table in created],
        menu_ids=[item.id for item in items],
    )
