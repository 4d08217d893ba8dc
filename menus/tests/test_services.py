"""``menus.services``: what creating a category or a menu item guarantees, whoever calls it."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from core.errors import NotFound
from menus.models import Category, MenuItem
from menus.services import category_create, menu_item_create


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
