"""``menus.services``: what creating a category or a menu item, or moving one, guarantees,
whoever calls it."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from conftest import menu_events
from core.errors import NotFound
from menus.models import Category, MenuItem
from menus.services import (
    MENU_CHANGED,
    category_create,
    category_move,
    menu_item_create,
    menu_item_move,
)
from stores.models import Store


def jpeg() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 36), "#c0392b").save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name="bibimbap.jpg")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()]


class TestCategoryCreate:
    def test_creates_a_category_of_the_store(self, world):
        category = category_create(store=world.store, name="Mains", display_order=2)

        category.refresh_from_db()
        assert (category.store, category.name, category.display_order) == (world.store, "Mains", 2)
        assert not category.is_deleted

    @pytest.mark.parametrize("name", ["", "x" * 101])
    def test_a_bad_name_stores_nothing(self, world, name):
        with pytest.raises(ValidationError) as error:
            category_create(store=world.store, name=name)

        assert "name" in error.value.message_dict
        assert not Category.objects.exists()


class TestMenuItemCreate:
    def test_creates_an_item_with_its_photo_under_a_name_of_ours(self, world, menu, media):
        item = menu_item_create(
            store=world.store,
            category=menu.mains,
            name="Galbi",
            price=25000,
            description="Grilled short ribs.",
            display_order=3,
            is_available=False,
            image=jpeg(),
        )

        item.refresh_from_db()
        assert (item.store, item.category, item.name, item.price) == (
            world.store,
            menu.mains,
            "Galbi",
            25000,
        )
        assert (item.description, item.display_order, item.is_available) == (
            "Grilled short ribs.",
            3,
            False,
        )
        assert item.image.name.startswith(f"menus/{world.store.id}/")
        assert item.image.name.endswith(".jpg")
        assert "bibimbap" not in item.image.name
        assert item.image.storage.exists(item.image.name)
        with item.image.open() as stored, Image.open(stored) as photo:
            assert photo.format == "JPEG"

    def test_without_a_photo_the_item_has_none(self, world, menu, media):
        item = menu_item_create(store=world.store, category=menu.mains, name="Galbi", price=0)

        assert not item.image
        assert stored_files(media) == []

    def test_another_stores_category_is_not_found_and_stores_nothing(self, world, menu, media):
        theirs = menu.their_noodles.category
        items_before = MenuItem.objects.count()

        with pytest.raises(NotFound):
            menu_item_create(
                store=world.store, category=theirs, name="Galbi", price=25000, image=jpeg()
            )

        assert MenuItem.objects.count() == items_before
        assert not MenuItem.objects.filter(name="Galbi").exists()
        assert stored_files(media) == []

    def test_a_deleted_category_is_not_found(self, world, menu, media):
        menu.drinks.is_deleted = True
        menu.drinks.save(update_fields=["is_deleted"])

        with pytest.raises(NotFound):
            menu_item_create(store=world.store, category=menu.drinks, name="Soju", price=5000)

        assert not MenuItem.objects.filter(name="Soju").exists()

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"price": -1}, "price"),
            ({"price": 10_000_001}, "price"),
            ({"name": ""}, "name"),
            ({"description": "x" * 1001}, "description"),
        ],
    )
    def test_bad_fields_store_neither_row_nor_photo(self, world, menu, media, change, field):
        fields = {"name": "Galbi", "price": 25000, **change}
        items_before = MenuItem.objects.count()

        with pytest.raises(ValidationError) as error:
            menu_item_create(store=world.store, category=menu.mains, image=jpeg(), **fields)

        assert field in error.value.message_dict
        assert MenuItem.objects.count() == items_before
        assert stored_files(media) == []


def menu_version(store: Store) -> int:
    return Store.objects.get(pk=store.pk).menu_version


def category_order(store: Store) -> list[tuple[str, int]]:
    return list(
        Category.objects.filter(store=store, is_deleted=False)
        .order_by("display_order", "id")
        .values_list("name", "display_order")
    )


class TestCategoryMove:
    def test_moves_one_place_and_numbers_the_stores_categories_afresh(self, world, menu):
        # Positions as the API may have left them: a tie, a gap.
        Category.objects.filter(pk=menu.drinks.pk).update(display_order=1)
        desserts = Category.objects.create(store=world.store, name="Desserts", display_order=7)
        version = menu_version(world.store)

        category_move(store=world.store, category=desserts, direction="up")

        assert category_order(world.store) == [("Mains", 1), ("Desserts", 2), ("Drinks", 3)]
        assert menu_version(world.store) == version + 1
        assert menu_events(world.store) == [MENU_CHANGED]
        category_move(store=world.store, category=menu.mains, direction="down")
        assert category_order(world.store) == [("Desserts", 1), ("Mains", 2), ("Drinks", 3)]
        # The other store's categories are not among them.
        assert category_order(world.other_store) == [("Noodles", 0)]

    def test_a_deleted_category_is_passed_over(self, world, menu):
        old = Category.objects.create(
            store=world.store, name="Old", display_order=2, is_deleted=True
        )

        category_move(store=world.store, category=menu.drinks, direction="up")

        assert category_order(world.store) == [("Drinks", 1), ("Mains", 2)]
        old.refresh_from_db()
        assert old.display_order == 2

    @pytest.mark.parametrize(("name", "direction"), [("mains", "up"), ("drinks", "down")])
    def test_the_first_moved_up_or_the_last_down_stays_and_nothing_changes(
        self, world, menu, name, direction
    ):
        version = menu_version(world.store)

        category_move(store=world.store, category=getattr(menu, name), direction=direction)

        assert category_order(world.store) == [("Mains", 1), ("Drinks", 2)]
        assert menu_version(world.store) == version
        assert menu_events(world.store) == []

    def test_another_stores_category_is_not_found(self, world, menu):
        theirs = Category.objects.get(store=world.other_store)
        versions = menu_version(world.store), menu_version(world.other_store)

        with pytest.raises(NotFound):
            category_move(store=world.store, category=theirs, direction="up")

        assert category_order(world.other_store) == [("Noodles", 0)]
        assert (menu_version(world.store), menu_version(world.other_store)) == versions

    def test_a_deleted_category_is_not_found(self, world, menu):
        Category.objects.filter(pk=menu.drinks.pk).update(is_deleted=True)

        with pytest.raises(NotFound):
            category_move(store=world.store, category=menu.drinks, direction="up")

        assert category_order(world.store) == [("Mains", 1)]


class TestMenuItemMove:
    def item_order(self, category: Category) -> list[tuple[str, int]]:
        return list(
            category.menu_items.filter(is_deleted=False)
            .order_by("display_order", "id")
            .values_list("name", "display_order")
        )

    def test_moves_one_place_among_its_categorys_items_on_the_menu(self, world, menu):
        version = menu_version(world.store)

        menu_item_move(store=world.store, item=menu.stew, direction="up")

        assert self.item_order(menu.mains) == [("Kimchi stew", 1), ("Bibimbap", 2)]
        assert self.item_order(menu.drinks) == [("Cola", 0), ("Makgeolli", 0)]
        assert menu_version(world.store) == version + 1
        menu.deleted.refresh_from_db()
        assert menu.deleted.display_order == 0  # off the menu: not among them

    def test_the_last_moved_down_stays_and_nothing_changes(self, world, menu):
        version = menu_version(world.store)

        menu_item_move(store=world.store, item=menu.stew, direction="down")

        assert self.item_order(menu.mains) == [("Bibimbap", 1), ("Kimchi stew", 2)]
        assert menu_version(world.store) == version

    def test_another_stores_item_is_not_found(self, world, menu):
        with pytest.raises(NotFound):
            menu_item_move(store=world.store, item=menu.their_noodles, direction="up")
