"""``manage.py seed_demo``, as the contract's Operations section says, and
``manage.py remake_photos``."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from menus.images import MEDIUM_WIDTH
from menus.models import Category, MenuItem, OptionChoice, OptionGroup
from menus.tests.test_images import exif_photo
from stores.models import Store, Table, User
from stores.services import manager_login, table_login
from stores.tests.test_commands import STRONG, createstore


class TestSeedDemo:
    @pytest.fixture
    def media(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        return tmp_path

    def seed(self) -> str:
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        return out.getvalue()

    def test_creates_what_api_md_promises_and_prints_the_logins(self, db, media):
        out = self.seed()

        store = Store.objects.get(code="demo")
        assert store.name == "Demo Bistro"
        assert manager_login(store_code="demo", username="manager", password="demo-manager")
        for number in range(1, 7):
            assert table_login(store_code="demo", table_number=number, password="1234")
        assert list(store.tables.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
        assert list(store.managers.values_list("username", "role", "is_staff")) == [
            ("manager", "manager", False),
            ("kitchen", "kitchen", False),
        ]
        assert manager_login(
            store_code="demo",
            username="kitchen",
            password="demo-kitchen",
            kitchen_accounts=True,
        )
        bar = store.stations.get(name="바")
        assert list(bar.categories.values_list("name", flat=True)) == ["음료"]
        assert store.categories.count() == 3
        assert store.menu_items.filter(is_available=True, is_deleted=False).count() == 10
        assert "store demo, username manager, password demo-manager" in out
        assert "store demo, tables 1-6, password 1234" in out
        assert "store demo, username kitchen, password demo-kitchen" in out

    def test_the_demo_menu_has_real_option_groups(self, db, media):
        self.seed()

        offered = {
            item.name: [link.group.name for link in item.option_links.all()]
            for item in MenuItem.objects.filter(store__code="demo")
        }
        assert offered["떡볶이"] == ["맵기", "양", "추가"]
        assert offered["콜라"] == []
        spice = OptionGroup.objects.get(store__code="demo", name="맵기")
        assert (spice.required, spice.choices.count()) == (True, 4)

    def test_the_demo_menu_is_korean_with_english_japanese_and_chinese(self, db, media):
        self.seed()

        store = Store.objects.get(code="demo")
        assert store.language == "ko"
        dish = MenuItem.objects.get(store=store, name="비빔밥")
        assert dish.translations["ja"] == {
            "name": "ビビンバ",
            "description": "ご飯、ナムル、卵、コチュジャン。",
        }
        assert set(dish.translations) == {"en", "ja", "zh-hans"}
        for model in (Category, MenuItem, OptionGroup, OptionChoice):
            things = model.objects.all()
            assert things
            assert all(set(t.translations) == {"en", "ja", "zh-hans"} for t in things)

    def test_every_item_has_a_jpeg_photo_in_storage(self, db, media):
        self.seed()

        items = MenuItem.objects.filter(store__code="demo")
        assert items.count() == 10
        for item in items:
            assert item.image.name.startswith(f"menus/{item.store_id}/")
            assert item.image.name.endswith(".jpg")
            assert item.image.storage.exists(item.image.name)
            with item.image.open() as stored, Image.open(stored) as photo:
                assert photo.format == "JPEG"
        assert len({item.image.name for item in items}) == items.count()

    def test_running_twice_changes_nothing(self, db, media):
        def snapshot() -> dict:
            return {
                "stores": Store.objects.count(),
                "users": User.objects.count(),
                "tables": Table.objects.count(),
                "categories": Category.objects.count(),
                "items": sorted(MenuItem.objects.values_list("id", "image")),
                "files": sorted(path.name for path in media.rglob("*.jpg")),
            }

        self.seed()
        before = snapshot()

        out = self.seed()

        assert snapshot() == before
        assert "nothing changed" in out
        assert "store demo, username manager, password demo-manager" in out

    def test_an_existing_demo_store_is_left_as_it_is(self, db, media):
        createstore("demo", "--name", "Our Demo", "--manager", "chef", "--password", STRONG)

        out = self.seed()

        store = Store.objects.get(code="demo")
        assert store.name == "Our Demo"
        assert list(store.managers.values_list("username", flat=True)) == ["chef"]
        assert not Table.objects.exists()
        assert not Category.objects.exists()
        assert not MenuItem.objects.exists()
        assert list(media.iterdir()) == []
        assert "exists already: nothing changed" in out


class TestRemakePhotos:
    def test_photos_stored_before_copies_get_them_and_lose_their_exif(
        self, settings, tmp_path, menu, django_capture_on_commit_callbacks
    ):
        settings.MEDIA_ROOT = tmp_path
        item = menu.bibimbap
        item.image.save("photo.jpg", ContentFile(exif_photo()), save=True)  # as once stored
        old_name = item.image.name
        menu.stew.image.save("photo.png", ContentFile(b"not a photo at all"), save=True)
        out, err = io.StringIO(), io.StringIO()

        with django_capture_on_commit_callbacks(execute=True):
            call_command("remake_photos", stdout=out, stderr=err)

        item.refresh_from_db()
        with Image.open(item.image_medium.path) as medium:
            assert medium.width == MEDIUM_WIDTH
        with Image.open(item.image.path) as photo:
            assert not photo.getexif()
        assert not default_storage.exists(old_name)
        assert out.getvalue() == "Photos remade: 1, refused: 1.\n"
        assert f"Menu item {menu.stew.id}:" in err.getvalue()
        again = io.StringIO()
        call_command("remake_photos", stdout=again, stderr=io.StringIO())
        assert again.getvalue() == "Photos remade: 0, refused: 1.\n"
