"""Reads of a store's menu, scoped to the store and shaped for serialization."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from django.db.models import Prefetch, QuerySet

from menus.models import (
    Category,
    MenuItem,
    MenuItemOptionGroup,
    OptionChoice,
    OptionGroup,
    Station,
)
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
    return with_options(items)


def store_menu(*, store: Store) -> QuerySet[Category]:
    """Categories with their items as ``menu``, the tablet's whole menu in four queries."""
    items = MenuItem.objects.filter(is_deleted=False).order_by("display_order", "id")
    return store_categories(store=store).prefetch_related(
        Prefetch("menu_items", queryset=with_options(items), to_attr="menu")
    )


def store_stations(*, store_id: int) -> QuerySet[Station]:
    """The store's stations, first first (where a category on no station is made)."""
    return Station.objects.filter(store_id=store_id).order_by("position", "id")


def first_station_id(store_id: int) -> int:
    """Where a category on no station is made (one query)."""
    return store_stations(store_id=store_id).values_list("id", flat=True).first()


# How many stores' menus a process keeps for pricing orders, the least recently ordered from
# forgotten first.
ORDERABLE_MENUS_KEPT = 256


@dataclass(frozen=True)
class OrderableMenu:
    """A store's menu at one version, as its orders are priced and sent to the kitchen:
    ``items``, by id, are its menu items not deleted, each with its ``category`` and option
    groups (``with_options``)."""

    store_id: int
    items: Mapping[int, MenuItem]
    first_station_id: int


def orderable_menu(store: Store) -> OrderableMenu:
    """The store's menu at ``store.menu_version``, read once a process for each version.

    Every change to what an order is priced or routed from (items, categories, option groups,
    their choices and what is sold out, the stations) makes a new version in its own
    transaction (``menus.services.menu_changed``), so the menu read for a version is never
    older than the version; an order that read the version has the menu of it or a newer one,
    as it would reading the rows. Its objects are shared by every thread of the process: the
    ones who price orders read them and change nothing."""
    return _orderable_menu(store.id, store.menu_version)


def orderable_menus_forget() -> None:
    """Forget every menu kept (tests do, between databases that number stores afresh)."""
    _orderable_menu.cache_clear()


def orderable_items(store_id: int) -> QuerySet[MenuItem]:
    """The store's menu items, deleted ones too, as orders are priced from them: each with
    its ``category`` and option groups (``with_options``)."""
    return with_options(MenuItem.objects.filter(store_id=store_id).select_related("category"))


@lru_cache(maxsize=ORDERABLE_MENUS_KEPT)
def _orderable_menu(store_id: int, menu_version: int) -> OrderableMenu:
    items = orderable_items(store_id).filter(is_deleted=False).in_bulk()
    return OrderableMenu(
        store_id=store_id,
        items=MappingProxyType(items),
        first_station_id=first_station_id(store_id),
    )


def with_options(items: QuerySet[MenuItem]) -> QuerySet[MenuItem]:
    """``items`` with the option groups they offer (``option_links``, in the item's order,
    each with its ``group``) and the groups' choices in theirs: two queries more."""
    choices = _choices_on_the_menu()
    links = (
        MenuItemOptionGroup.objects.filter(group__is_deleted=False)
        .select_related("group")
        .prefetch_related(Prefetch("group__choices", queryset=choices))
        .order_by("display_order", "id")
    )
    return items.prefetch_related(Prefetch("option_links", queryset=links))


def store_option_groups(*, store: Store) -> QuerySet[OptionGroup]:
    """The store's option groups with their choices and the items on the menu that offer
    them (``item_links``), in three queries."""
    choices = _choices_on_the_menu()
    links = MenuItemOptionGroup.objects.filter(menu_item__is_deleted=False)
    return (
        OptionGroup.objects.filter(store=store, is_deleted=False)
        .prefetch_related(Prefetch("choices", queryset=choices), Prefetch("item_links", links))
        .order_by("name", "id")
    )


def store_option_choices(*, store: Store) -> QuerySet[OptionChoice]:
    return OptionChoice.objects.filter(
        group__store=store, group__is_deleted=False, is_deleted=False
    ).select_related("group")


def _choices_on_the_menu() -> QuerySet[OptionChoice]:
    return OptionChoice.objects.filter(is_deleted=False).order_by("display_order", "id")
