"""Reads of a store's menu, scoped to the store and shaped for serialization."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from menus.models import Category, MenuItem
from stores.models import Store


def store_categories(*, store: Store) -> QuerySet[Category]:
    """The store's categories (not deleted), by display order then id."""
    return Category.objects.filter(store=store, is_deleted=False).order_by("display_order", "id")


def store_menu_items(*, store: Store, category_id: int | None = None) -> QuerySet[MenuItem]:
    """The store's menu items (deleted ones hidden, sold-out ones included), in menu order."""
    items = MenuItem.objects.filter(store=store, is_deleted=False).order_by(
        "category__display_order", "category_id", "display_order", "id"
    )
    if category_id is not None:
        items = items.filter(category_id=category_id)
    return items


def store_menu(*, store: Store) -> QuerySet[Category]:
    """Categories with their items as ``menu``, the tablet's whole menu in two queries."""
    items = MenuItem.objects.filter(is_deleted=False).order_by("display_order", "id")
    return store_categories(store=store).prefetch_related(
        Prefetch("menu_items", queryset=items, to_attr="menu")
    )
