"""Changes to a store's menu: the one place for each rule, whoever calls (API, pages, admin)."""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from contextlib import contextmanager
from functools import partial
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from core.errors import NotFound
from live.channels import menu_channel
from live.publish import publish
from menus.errors import CategoryNotEmpty
from menus.images import validated_photo
from menus.models import Badge, Category, MenuItem, MenuItemOptionGroup, OnSale, OptionGroup
from stores.business_day import next_business_day_start
from stores.models import Store

logger = logging.getLogger(__name__)

MENU_ITEM_FIELDS = (
    "name",
    "description",
    "price",
    "display_order",
    "is_available",
    "badges",
    "translations",
)


class Unchanged(enum.Enum):
    """``menu_item_update(image=UNCHANGED)``: leave the photo alone (None removes it)."""

    UNCHANGED = enum.auto()


UNCHANGED = Unchanged.UNCHANGED


@transaction.atomic
def category_create(
    *, store: Store, name: str, display_order: int = 0, translations: dict | None = None
) -> Category:
    """A new category at the end of the given display order, with its name in other
    languages (``Translated``)."""
    category = Category(
        store=store, name=name, display_order=display_order, translations=translations or {}
    )
    category.full_clean()
    category.save()
    menu_changed(store.id)
    return category


@transaction.atomic
def category_update(
    *,
    category: Category,
    name: str | None = None,
    display_order: int | None = None,
    translations: dict | None = None,
) -> Category:
    """Change what is given; ``translations`` replaces the category's (all languages)."""
    if name is not None:
        category.name = name
    if display_order is not None:
        category.display_order = display_order
    if translations is not None:
        category.translations = translations
    category.full_clean()
    category.save(update_fields=["name", "display_order", "translations"])
    menu_changed(category.store_id)
    return category


@transaction.atomic
def category_delete(*, category: Category) -> None:
    """Hide an empty category. ``CategoryNotEmpty`` while any item on the menu is in it;
    items deleted earlier stay attached to it for the orders that show them."""
    category = Category.objects.select_for_update().get(pk=category.pk)
    if category.menu_items.filter(is_deleted=False).exists():
        raise CategoryNotEmpty()
    category.is_deleted = True
    category.save(update_fields=["is_deleted"])
    menu_changed(category.store_id)


@transaction.atomic
def menu_item_create(
    *,
    store: Store,
    category: Category,
    name: str,
    price: int,
    description: str = "",
    display_order: int = 0,
    is_available: bool = True,
    badges: Sequence[str] = (),
    image: File | None = None,
    option_group_ids: Sequence[int] = (),
    sold_out_today: bool = False,
    translations: dict | None = None,
) -> MenuItem:
    """A new item in ``category``, which must be one of the store's (else ``NotFound``),
    offering the store's option groups ``option_group_ids`` in that order. ``image`` must pass
    ``menus.images.validated_photo`` (else 413/415, nothing stored)."""
    _check_category(store, category)
    item = MenuItem(
        store=store,
        category=category,
        name=name,
        description=description,
        price=price,
        display_order=display_order,
        is_available=is_available,
        badges=in_badge_order(badges),
        translations=translations or {},
    )
    set_sold_out_today(item, store, sold_out_today, is_available)
    item.full_clean(exclude=["image"])
    with _new_photo(item, image):
        item.save()
    _offer_option_groups(item, option_group_ids)
    menu_changed(store.id)
    logger.info("Menu item created", extra={"store_id": store.id, "menu_item_id": item.id})
    return item


@transaction.atomic
def menu_item_update(
    *,
    item: MenuItem,
    category: Category | None = None,
    image: File | Unchanged | None = UNCHANGED,
    option_group_ids: Sequence[int] | None = None,
    sold_out_today: bool | None = None,
    **fields,
) -> MenuItem:
    """Change an item's category, name, description, price, display order, availability,
    translations (all languages: ``Translated``), photo (``image=None`` removes it) or the
    option groups it offers (all of them, in order).
    ``sold_out_today=True`` sells it out until the store's next business day begins (it is
    back by itself then); ``False``, or making it available, brings it back now.
    Orders already placed keep the names and prices they were sold at. A replaced or removed
    photo's file is deleted once the change commits; a refused or failed change leaves the
    item and its photo as they were."""
    unknown = set(fields) - set(MENU_ITEM_FIELDS)
    if unknown:
        raise TypeError(f"menu_item_update() got unexpected fields: {sorted(unknown)}")
    if category is not None:
        _check_category(item.store, category)
        item.category = category
    if "badges" in fields:
        fields["badges"] = in_badge_order(fields["badges"])
    for field, value in fields.items():
        setattr(item, field, value)
    set_sold_out_today(item, item.store, sold_out_today, fields.get("is_available"))
    item.full_clean(exclude=["image"])
    if image is UNCHANGED:
        item.save()
    else:
        old_names = item.photo_names
        with _new_photo(item, image):
            item.save()
        for name in old_names:
            transaction.on_commit(partial(item.image.storage.delete, name), robust=True)
    if option_group_ids is not None:
        _offer_option_groups(item, option_group_ids)
    menu_changed(item.store_id)
    logger.info("Menu item updated", extra={"store_id": item.store_id, "menu_item_id": item.id})
    return item


@contextmanager
def _new_photo(item: MenuItem, image: File | None):
    """Validate and store ``image`` as the item's photo, with its smaller copies (or clear
    them, for None) around the save in the ``with`` block; if that block fails, the new
    files are removed again."""
    if image is None:
        item.image = item.image_small = item.image_medium = None
        yield
        return
    photo = validated_photo(image)
    files = (
        (item.image, photo.image),
        (item.image_small, photo.small),
        (item.image_medium, photo.medium),
    )
    stored = []
    try:
        for field_file, content in files:
            field_file.save(content.name, content, save=False)
            stored.append(field_file.name)
        yield
    except BaseException:
        for name in stored:
            item.image.storage.delete(name)
        raise


@transaction.atomic
def menu_item_delete(*, item: MenuItem) -> None:
    """Take an item off the menu. Its row stays: past orders point at it."""
    item.is_deleted = True
    item.save(update_fields=["is_deleted", "updated_at"])
    menu_changed(item.store_id)
    logger.info("Menu item deleted", extra={"store_id": item.store_id, "menu_item_id": item.id})


@transaction.atomic
def menu_items_reorder(*, category: Category, menu_item_ids: Sequence[int]) -> None:
    """Show the category's items in this order (display order 1, 2, 3, …); items not named
    follow in their current order. Every id must be an item of this category on the menu."""
    items = list(category.menu_items.filter(is_deleted=False).order_by("display_order", "id"))
    by_id = {item.id: item for item in items}
    if len(set(menu_item_ids)) != len(menu_item_ids) or not set(menu_item_ids) <= set(by_id):
        raise ValidationError({"menu_item_ids": ["Each id once, of this category's items."]})
    named = [by_id[item_id] for item_id in menu_item_ids]
    rest = [item for item in items if item.id not in set(menu_item_ids)]
    _number_in_order(named + rest)
    menu_changed(category.store_id)


Direction = Literal["up", "down"]


@transaction.atomic
def menu_item_move(*, store: Store, item: MenuItem, direction: Direction) -> None:
    """One place up or down among its category's items on the store's menu
    (``_move_one_place``); ``NotFound`` for an item not on it."""
    siblings = MenuItem.objects.filter(store=store, category_id=item.category_id, is_deleted=False)
    if _move_one_place(siblings, item, direction):
        menu_changed(store.id)


@transaction.atomic
def category_move(*, store: Store, category: Category, direction: Direction) -> None:
    """One place up or down among the store's categories (``_move_one_place``): the order
    of the tablet's menu. ``NotFound`` for a category not on the store's menu."""
    siblings = Category.objects.filter(store=store, is_deleted=False)
    if _move_one_place(siblings, category, direction):
        menu_changed(store.id)


def _move_one_place(
    siblings: QuerySet[Category] | QuerySet[MenuItem],
    moving: Category | MenuItem,
    direction: Direction,
) -> bool:
    """Move ``moving`` one place up or down among ``siblings`` (in display order, then id;
    their rows locked until the change commits, so two moves at once do not undo each
    other) and number them 1, 2, 3, … in their new order. The first moved up, or the last
    moved down, stays where it is and nothing is written: False. ``NotFound`` when it is not
    one of them (another store's, or gone)."""
    rows = list(siblings.select_for_update().order_by("display_order", "id"))
    ids = [row.pk for row in rows]
    if moving.pk not in ids:
        raise NotFound()
    position = ids.index(moving.pk)
    target = position - 1 if direction == "up" else position + 1
    if not 0 <= target < len(rows):
        return False
    rows.insert(target, rows.pop(position))
    _number_in_order(rows)
    return True


def _number_in_order(rows: Sequence[Category] | Sequence[MenuItem]) -> None:
    """Display order 1, 2, 3, … as listed, written in one query."""
    for position, row in enumerate(rows, start=1):
        row.display_order = position
    if rows:
        type(rows[0]).objects.bulk_update(rows, ["display_order"])


def in_badge_order(badges: Sequence[str]) -> list[str]:
    """Known badges in Badge's order (unknown and repeated ones are left for validation)."""
    known = [badge for badge in Badge.values if badge in badges]
    return known if len(known) == len(badges) else list(badges)


def set_sold_out_today(
    thing: OnSale, store: Store, sold_out_today: bool | None, is_available: bool | None
) -> None:
    """Sold out for the rest of the business day, or back now: an item's or a choice's."""
    if sold_out_today:
        thing.sold_out_until = next_business_day_start(store, timezone.now())
    elif sold_out_today is False or is_available:
        thing.sold_out_until = None


def _offer_option_groups(item: MenuItem, group_ids: Sequence[int]) -> None:
    """The item offers exactly these groups of its store, in this order."""
    if len(set(group_ids)) != len(group_ids):
        raise ValidationError({"option_group_ids": ["Each group once."]})
    groups = OptionGroup.objects.filter(store_id=item.store_id, is_deleted=False)
    found = set(groups.filter(id__in=group_ids).values_list("id", flat=True))
    if missing := [group_id for group_id in group_ids if group_id not in found]:
        raise ValidationError({"option_group_ids": [f"No such option group: {missing[0]}."]})
    MenuItemOptionGroup.objects.filter(menu_item=item).delete()
    MenuItemOptionGroup.objects.bulk_create(
        MenuItemOptionGroup(menu_item=item, group_id=group_id, display_order=position)
        for position, group_id in enumerate(group_ids, start=1)
    )


MENU_CHANGED = "menu_changed"


def menu_changed(store_id: int) -> None:
    """A new menu version for the store, in the change's transaction: tablets' ETags, the
    cached menu bodies (menus.api) and the menus orders are priced from
    (menus.selectors.orderable_menu) name a version, so they change with it: every change to
    a menu's rows calls this. The store's tablets hear of it live (``menu_changed``) and
    read the menu again."""
    Store.objects.filter(pk=store_id).update(menu_version=F("menu_version") + 1)
    publish(MENU_CHANGED, {}, channels=[menu_channel(store_id)])


def _check_category(store: Store, category: Category) -> None:
    if category.store_id != store.id or category.is_deleted:
        raise NotFound("No such category.")
