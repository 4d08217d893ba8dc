"""The manager's menu pages: moving categories and items, keeping and removing photos,
selling out."""

from __future__ import annotations

import re

from conftest import signed_in
from menus.models import Category, MenuItem
from stores.models import Store


def category_names(store: Store) -> list[str]:
    return list(
        Category.objects.filter(store=store, is_deleted=False)
        .order_by("display_order", "id")
        .values_list("name", flat=True)
    )


def headings(page: str) -> list[str]:
    return re.findall(r'<header class="category-head">\s*<h2>(.*?)</h2>', page)


class TestMenuOrder:
    def test_an_item_moves_up_and_down_within_its_category(self, world, menu):
        client = signed_in(world.manager)

        client.post(f"/manager/menu/items/{menu.stew.id}/move/", {"direction": "up"})

        mains = list(
            menu.mains.menu_items.filter(is_deleted=False)
            .order_by("display_order")
            .values_list("name", flat=True)
        )
        assert mains[:2] == ["Kimchi stew", "Bibimbap"]
        client.post(f"/manager/menu/items/{menu.stew.id}/move/", {"direction": "down"})
        mains = list(
            menu.mains.menu_items.filter(is_deleted=False)
            .order_by("display_order")
            .values_list("name", flat=True)
        )
        assert mains[:2] == ["Bibimbap", "Kimchi stew"]

    def test_a_category_moves_down_and_up_and_the_page_shows_it(self, world, menu):
        client = signed_in(world.manager)
        move = f"/manager/menu/categories/{menu.mains.id}/move/"

        response = client.post(move, {"direction": "down"}, follow=True)

        assert response.redirect_chain == [(f"/manager/menu/#category-{menu.mains.id}", 302)]
        assert "“Mains” moved." in response.content.decode()
        assert category_names(world.store) == ["Drinks", "Mains"]
        assert headings(response.content.decode()) == ["Drinks", "Mains"]
        client.post(move, {"direction": "up"})
        assert category_names(world.store) == ["Mains", "Drinks"]

    def test_the_first_categorys_up_and_the_lasts_down_are_disabled(self, world, menu):
        page = signed_in(world.manager).get("/manager/menu/").content.decode()

        mains, drinks = (
            page.split(f'id="category-{category.id}"')[1].split("</header>")[0]
            for category in (menu.mains, menu.drinks)
        )
        assert 'aria-label="Move up" disabled' in mains
        assert 'aria-label="Move down">' in mains
        assert 'aria-label="Move up">' in drinks
        assert 'aria-label="Move down" disabled' in drinks

    def test_another_stores_manager_cannot_move_a_category(self, world, menu):
        response = signed_in(world.other_manager).post(
            f"/manager/menu/categories/{menu.mains.id}/move/", {"direction": "down"}
        )

        assert response.status_code == 404
        assert category_names(world.store) == ["Mains", "Drinks"]

    def test_a_new_category_goes_last_and_no_form_asks_for_a_position(self, world, menu):
        client = signed_in(world.manager)
        Category.objects.filter(pk=menu.drinks.pk).update(display_order=7)

        client.post("/manager/menu/", {"name": "Desserts", "display_order": "0"})
        client.post(f"/manager/menu/categories/{menu.mains.id}/", {"name": "Main dishes"})

        desserts = Category.objects.get(name="Desserts")
        assert desserts.display_order == 8
        assert category_names(world.store) == ["Main dishes", "Drinks", "Desserts"]
        for url in ("/manager/menu/", f"/manager/menu/categories/{menu.mains.id}/"):
            assert 'name="display_order"' not in client.get(url).content.decode()

    def test_editing_an_item_keeps_its_photo_unless_removed(
        self, world, menu, settings, tmp_path, django_capture_on_commit_callbacks
    ):
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        settings.MEDIA_ROOT = tmp_path
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "#27ae60").save(buffer, format="PNG")
        client = signed_in(world.manager)
        fields = {"category": menu.mains.id, "name": "Kimchi stew", "price": 8000}

        client.post(
            f"/manager/menu/items/{menu.stew.id}/",
            {**fields, "image": SimpleUploadedFile("stew.png", buffer.getvalue())},
        )
        menu.stew.refresh_from_db()
        photo = menu.stew.image.name
        assert photo.endswith(".png")
        client.post(f"/manager/menu/items/{menu.stew.id}/", {**fields, "price": 8500})
        menu.stew.refresh_from_db()
        assert (menu.stew.price, menu.stew.image.name) == (8500, photo)

        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/manager/menu/items/{menu.stew.id}/", {**fields, "image-clear": "on"})

        menu.stew.refresh_from_db()
        assert not menu.stew.image
        assert not (tmp_path / photo).exists()


class TestSoldOut:
    def test_sold_out_today_and_back_in_one_tap_each(self, world, menu):
        client = signed_in(world.manager)
        path = f"/manager/menu/items/{menu.cola.id}/availability/"

        client.post(path, {"sold_out_today": "true"})

        menu.cola.refresh_from_db()
        assert menu.cola.sold_out_for_the_day
        assert menu.cola.is_available  # back by itself tomorrow
        row = client.get("/manager/menu/").content.decode().split(f'id="item-{menu.cola.id}"')[1]
        assert "Sold out today" in row.split("</li>")[0]

        client.post(path, {"is_available": "true"})

        menu.cola.refresh_from_db()
        assert (menu.cola.sold_out_until, menu.cola.is_available) == (None, True)

    def test_another_stores_manager_cannot_sell_it_out(self, world, menu):
        client = signed_in(world.other_manager)

        response = client.post(
            f"/manager/menu/items/{menu.cola.id}/availability/", {"sold_out_today": "true"}
        )

        assert response.status_code == 404
        menu.cola.refresh_from_db()
        assert menu.cola.sold_out_until is None


class TestLongMenu:
    def test_a_long_menu_opens_folded_but_for_its_first_category(self, world, menu):
        for index in range(20):
            MenuItem.objects.create(
                store=world.store, category=menu.drinks, name=f"Tea {index}", price=3000
            )

        page = signed_in(world.manager).get("/manager/menu/").content.decode()

        mains, drinks = page.split('class="category-items"')[1:3]
        assert mains.startswith(" open>")
        assert drinks.startswith(">")
        assert "22 dishes" in drinks  # Cola, Makgeolli and the teas

    def test_a_short_menu_opens_whole(self, world, menu):
        page = signed_in(world.manager).get("/manager/menu/").content.decode()

        assert page.count('class="category-items" open') == 2
