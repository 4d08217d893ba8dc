"""/api/v1/menu/ for tablets, /api/v1/admin/categories/ and /menu-items/ for managers."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from conftest import assert_error, bearer_client, with_forged_signature
from menus import services
from menus.models import Category, MenuItem
from menus.option_groups import ChoiceInput, option_group_save
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.tokens import manager_token, table_token

MENU = "/api/v1/menu/"
CATEGORIES = "/api/v1/admin/categories/"
ITEMS = "/api/v1/admin/menu-items/"


def item_json(item: MenuItem, image_url=None, **extra) -> dict:
    """The item as the menu shows it in the store's language (Korean, the default)."""
    return {
        "id": item.id,
        "category_id": item.category_id,
        "name": item.name,
        "name_language": "ko",
        "description": item.description,
        "description_language": "ko",
        "price": item.price,
        "display_order": item.display_order,
        "is_available": item.is_available,
        "image_url": image_url,
        "image_variants": [],
        "option_groups": [],
        "sold_out_until": None,
        "badges": [],
        **extra,
    }


class TestTabletMenu:
    def test_shows_the_stores_menu_by_category(self, table_client, menu):
        response = table_client.get(MENU)

        assert response.status_code == 200
        assert response.json() == {
            "language": "ko",
            "default_language": "ko",
            "categories": [
                {
                    "id": menu.mains.id,
                    "name": "Mains",
                    "name_language": "ko",
                    "display_order": 1,
                    "menu_items": [item_json(menu.bibimbap), item_json(menu.stew)],
                },
                {
                    "id": menu.drinks.id,
                    "name": "Drinks",
                    "name_language": "ko",
                    "display_order": 2,
                    "menu_items": [item_json(menu.cola), item_json(menu.sold_out)],
                },
            ],
        }

    def test_orders_by_display_order_then_id(self, table_client, menu):
        menu.stew.display_order = 0
        menu.stew.save()
        menu.drinks.display_order = 0
        menu.drinks.save()

        categories = table_client.get(MENU).json()["categories"]

        assert [c["name"] for c in categories] == ["Drinks", "Mains"]
        assert [i["name"] for i in categories[1]["menu_items"]] == ["Kimchi stew", "Bibimbap"]

    def test_image_urls_are_absolute(self, table_client, menu, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        menu.cola.image.save("cola.png", ContentFile(b"png"), save=True)

        items = table_client.get(MENU).json()["categories"][1]["menu_items"]

        assert items[0]["image_url"] == f"http://testserver/media/{menu.cola.image.name}"
        assert items[0]["image_url"].startswith(
            f"http://testserver/media/menus/{menu.cola.store_id}/"
        )

    def test_a_matching_etag_gives_304(self, table_client, menu):
        first = table_client.get(MENU)

        again = table_client.get(MENU, HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == first["ETag"]

    @pytest.mark.parametrize(
        "change",
        [
            lambda menu: services.menu_item_update(item=menu.cola, is_available=False),
            lambda menu: services.menu_item_update(item=menu.cola, price=2500),
            lambda menu: services.menu_item_delete(item=menu.cola),
            lambda menu: services.menu_item_create(
                store=menu.mains.store, category=menu.mains, name="Galbi", price=25000
            ),
            lambda menu: services.category_update(category=menu.drinks, name="Beverages"),
            lambda menu: services.category_create(store=menu.mains.store, name="Desserts"),
            lambda menu: services.menu_items_reorder(
                category=menu.mains, menu_item_ids=[menu.stew.id, menu.bibimbap.id]
            ),
        ],
        ids=["sold-out", "price", "deleted", "new-item", "renamed", "new-category", "order"],
    )
    def test_any_change_the_tablet_would_see_changes_the_etag(self, table_client, menu, change):
        first = table_client.get(MENU)

        change(menu)
        response = table_client.get(MENU, HTTP_IF_NONE_MATCH=first["ETag"])

        assert response.status_code == 200
        assert response["ETag"] != first["ETag"]
        assert response.content != first.content

    def test_another_stores_change_leaves_the_etag_alone(self, table_client, world, menu):
        etag = table_client.get(MENU)["ETag"]

        services.menu_item_update(item=menu.their_noodles, price=1)

        assert table_client.get(MENU, HTTP_IF_NONE_MATCH=etag).status_code == 304

    def test_a_matching_etag_costs_no_menu_query(
        self, table_client, menu, django_assert_num_queries
    ):
        etag = table_client.get(MENU)["ETag"]

        with django_assert_num_queries(1):  # the token's table, with its store
            assert table_client.get(MENU, HTTP_IF_NONE_MATCH=etag).status_code == 304

    def test_each_store_sees_only_its_menu(self, world, menu):
        their_manager = bearer_client(manager_token(world.other_manager))
        assert_error(their_manager.get(MENU), 403, "PERMISSION_DENIED")  # tablets only

        their_menu = bearer_client(table_token(world.their_table)).get(MENU).json()

        assert [c["name"] for c in their_menu["categories"]] == ["Noodles"]

    @pytest.mark.parametrize("items", [1, 50])
    def test_costs_the_same_queries_for_1_or_50_items(
        self, table_client, world, menu, django_assert_num_queries, items
    ):
        spice = option_group_save(
            store=world.store,
            name="Spice",
            min_choices=1,
            choices=[ChoiceInput("Mild"), ChoiceInput("Hot")],
        )
        size = option_group_save(
            store=world.store, name="Size", choices=[ChoiceInput("Large", 1000)]
        )
        for index in range(items):
            dish = MenuItem.objects.create(
                store=world.store, category=menu.mains, name=f"Dish {index}", price=1000
            )
            services.menu_item_update(item=dish, option_group_ids=[spice.id, size.id])

        # 1: the table behind the token, 2: categories, 3: their items, 4: the option groups
        # they offer, 5: the groups' choices.
        with django_assert_num_queries(5):
            response = table_client.get(MENU)

        dishes = response.json()["categories"][0]["menu_items"]
        assert len(dishes) == items + 2
        assert [group["name"] for group in dishes[0]["option_groups"]] == ["Spice", "Size"]

    def test_no_token_and_expired_token_are_refused(self, api_client, world, menu):
        with time_machine.travel(timezone.now() - timedelta(hours=17)):
            expired = bearer_client(table_token(world.table))

        assert_error(api_client.get(MENU), 401, "NOT_AUTHENTICATED")
        assert_error(expired.get(MENU), 401, "TOKEN_EXPIRED")


class TestCategories:
    def test_lists_creates_updates(self, manager_client, menu):
        created = manager_client.post(CATEGORIES, {"name": "Desserts", "display_order": 3})
        category = Category.objects.get(name="Desserts")
        updated = manager_client.patch(
            f"{CATEGORIES}{category.id}/", {"name": "Sweets"}, format="json"
        )
        listed = manager_client.get(CATEGORIES)

        def shown(category_id, name, display_order):
            return {
                "id": category_id,
                "name": name,
                "name_language": "ko",
                "display_order": display_order,
                "translations": {},
            }

        assert created.status_code == 201
        assert created.json() == shown(category.id, "Desserts", 3)
        assert updated.json() == shown(category.id, "Sweets", 3)
        assert listed.json() == [
            shown(menu.mains.id, "Mains", 1),
            shown(menu.drinks.id, "Drinks", 2),
            shown(category.id, "Sweets", 3),
        ]

    @pytest.mark.parametrize("body", [{"name": ""}, {"name": "x" * 101}, {}])
    def test_bad_names_are_validation_errors(self, manager_client, menu, body):
        assert_error(manager_client.post(CATEGORIES, body, format="json"), 400, "VALIDATION_ERROR")

    def test_a_category_with_items_cannot_be_deleted(self, manager_client, menu):
        response = manager_client.delete(f"{CATEGORIES}{menu.drinks.id}/")

        assert_error(response, 409, "CATEGORY_NOT_EMPTY")
        assert manager_client.get(f"{CATEGORIES}{menu.drinks.id}/").status_code == 200

    def test_an_emptied_category_can_be_deleted(self, manager_client, table_client, menu):
        for item in (menu.cola, menu.sold_out):
            assert manager_client.delete(f"{ITEMS}{item.id}/").status_code == 204

        response = manager_client.delete(f"{CATEGORIES}{menu.drinks.id}/")

        assert response.status_code == 204
        names = [c["name"] for c in table_client.get(MENU).json()["categories"]]
        assert names == ["Mains"]
        assert_error(manager_client.get(f"{CATEGORIES}{menu.drinks.id}/"), 404, "NOT_FOUND")

    def test_reorders_a_categorys_items(self, manager_client, menu):
        extra = MenuItem.objects.create(
            store=menu.mains.store, category=menu.mains, name="Mandu", price=5000, display_order=9
        )

        response = manager_client.post(
            f"{CATEGORIES}{menu.mains.id}/reorder/",
            {"menu_item_ids": [menu.stew.id, extra.id]},
            format="json",
        )

        assert response.status_code == 200
        assert [(i["name"], i["display_order"]) for i in response.json()] == [
            ("Kimchi stew", 1),
            ("Mandu", 2),
            ("Bibimbap", 3),
        ]

    def test_reordering_with_another_categorys_item_is_refused(self, manager_client, menu):
        response = manager_client.post(
            f"{CATEGORIES}{menu.mains.id}/reorder/",
            {"menu_item_ids": [menu.stew.id, menu.cola.id]},
            format="json",
        )

        assert_error(response, 400, "VALIDATION_ERROR")
        menu.stew.refresh_from_db()
        assert menu.stew.display_order == 2


class TestMenuItems:
    def test_creates_an_item(self, manager_client, menu):
        body = {
            "category_id": menu.drinks.id,
            "name": "Sikhye",
            "description": "Sweet rice drink",
            "price": 3000,
            "display_order": 5,
        }

        response = manager_client.post(ITEMS, body, format="json")

        assert response.status_code == 201
        item = MenuItem.objects.get(name="Sikhye")
        assert response.json() == item_json(item, translations={})
        assert item.is_available is True

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"price": -1}, "price"),
            ({"price": 10_000_001}, "price"),
            ({"price": "cheap"}, "price"),
            ({"name": ""}, "name"),
            ({"description": "x" * 1001}, "description"),
            ({"category_id": None}, "category_id"),
        ],
    )
    def test_bad_items_are_validation_errors(self, manager_client, menu, change, field):
        body = {"category_id": menu.drinks.id, "name": "Tea", "price": 1000, **change}

        response = manager_client.post(ITEMS, body, format="json")

        assert field in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert not MenuItem.objects.filter(name="Tea").exists()

    def test_another_stores_category_is_unknown(self, manager_client, world, menu):
        theirs = Category.objects.get(store=world.other_store)
        body = {"category_id": theirs.id, "name": "Tea", "price": 1000}

        response = manager_client.post(ITEMS, body, format="json")

        assert "category_id" in assert_error(response, 400, "VALIDATION_ERROR")["fields"]

    def test_updates_price_and_sold_out(self, manager_client, menu):
        response = manager_client.patch(
            f"{ITEMS}{menu.cola.id}/", {"price": 2500, "is_available": False}, format="json"
        )

        menu.cola.refresh_from_db()
        assert response.json() == item_json(menu.cola, translations={})
        assert (menu.cola.price, menu.cola.is_available) == (2500, False)

    def test_moves_an_item_to_another_category(self, manager_client, menu):
        response = manager_client.patch(
            f"{ITEMS}{menu.cola.id}/", {"category_id": menu.mains.id}, format="json"
        )

        assert response.json()["category_id"] == menu.mains.id

    def test_deleting_hides_an_item_but_history_keeps_it(
        self, manager_client, table_client, world, menu
    ):
        order = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 2)]).order

        assert manager_client.delete(f"{ITEMS}{menu.cola.id}/").status_code == 204

        drinks = table_client.get(MENU).json()["categories"][1]["menu_items"]
        assert menu.cola.id not in [i["id"] for i in drinks]
        assert_error(manager_client.get(f"{ITEMS}{menu.cola.id}/"), 404, "NOT_FOUND")
        line = table_client.get(f"/api/v1/orders/{order.id}/").json()["items"][0]
        assert (line["menu_id"], line["name"], line["subtotal"]) == (menu.cola.id, "Cola", 4000)

    def test_lists_items_optionally_by_category(self, manager_client, menu):
        everything = manager_client.get(ITEMS).json()
        drinks = manager_client.get(f"{ITEMS}?category={menu.drinks.id}").json()

        assert [i["name"] for i in everything] == [
            "Bibimbap",
            "Kimchi stew",
            "Cola",
            "Makgeolli",
        ]
        assert [i["name"] for i in drinks] == ["Cola", "Makgeolli"]
        assert_error(manager_client.get(f"{ITEMS}?category=x"), 400, "VALIDATION_ERROR")


MENU_ADMIN_ENDPOINTS = [
    ("get", CATEGORIES),
    ("post", CATEGORIES),
    ("get", CATEGORIES + "{category}/"),
    ("patch", CATEGORIES + "{category}/"),
    ("delete", CATEGORIES + "{category}/"),
    ("post", CATEGORIES + "{category}/reorder/"),
    ("get", ITEMS),
    ("post", ITEMS),
    ("get", ITEMS + "{item}/"),
    ("patch", ITEMS + "{item}/"),
    ("delete", ITEMS + "{item}/"),
]


class TestWhoMustNotGetIn:
    @pytest.fixture
    def target(self, menu):
        return {"category": menu.drinks.id, "item": menu.cola.id}

    @pytest.mark.parametrize(("method", "path"), MENU_ADMIN_ENDPOINTS)
    def test_a_table_token_is_forbidden(self, table_client, target, method, path):
        response = getattr(table_client, method)(path.format(**target), {}, format="json")

        assert_error(response, 403, "PERMISSION_DENIED")

    @pytest.mark.parametrize(("method", "path"), MENU_ADMIN_ENDPOINTS)
    def test_no_token_is_not_authenticated(self, api_client, target, method, path):
        response = getattr(api_client, method)(path.format(**target), {}, format="json")

        assert_error(response, 401, "NOT_AUTHENTICATED")

    @pytest.mark.parametrize(("method", "path"), MENU_ADMIN_ENDPOINTS)
    def test_expired_and_forged_tokens_are_refused(self, world, target, method, path):
        with time_machine.travel(timezone.now() - timedelta(hours=17)):
            expired = bearer_client(manager_token(world.manager))
        forged = bearer_client(with_forged_signature(manager_token(world.manager)))

        for client, code in ((expired, "TOKEN_EXPIRED"), (forged, "TOKEN_INVALID")):
            response = getattr(client, method)(path.format(**target), {}, format="json")
            assert_error(response, 401, code)

    @pytest.mark.parametrize(("method", "path"), [e for e in MENU_ADMIN_ENDPOINTS if "{" in e[1]])
    def test_another_stores_manager_gets_404_and_changes_nothing(
        self, other_manager_client, menu, target, method, path
    ):
        body = {"name": "Hacked", "price": 1, "menu_item_ids": [menu.cola.id]}

        response = getattr(other_manager_client, method)(path.format(**target), body, format="json")

        assert_error(response, 404, "NOT_FOUND")
        menu.cola.refresh_from_db()
        menu.drinks.refresh_from_db()
        assert (menu.cola.name, menu.cola.is_deleted, menu.drinks.name) == ("Cola", False, "Drinks")

    def test_another_stores_manager_lists_none_of_ours(self, other_manager_client, menu):
        assert [c["name"] for c in other_manager_client.get(CATEGORIES).json()] == ["Noodles"]
        assert [i["name"] for i in other_manager_client.get(ITEMS).json()] == ["Ramen"]


class TestBadges:
    def test_a_dish_shows_the_badges_its_manager_put_on_it(
        self, manager_client, table_client, menu
    ):
        path = f"/api/v1/admin/menu-items/{menu.bibimbap.id}/"

        response = manager_client.patch(path, {"badges": ["spicy", "popular"]}, format="json")

        assert response.json()["badges"] == ["popular", "spicy"]  # in the badges' own order
        dishes = table_client.get(MENU).json()["categories"][0]["menu_items"]
        assert dishes[0]["badges"] == ["popular", "spicy"]
        assert dishes[1]["badges"] == []

    @pytest.mark.parametrize(
        "badges", [["hot"], ["new", "new"], "new", [1]], ids=["unknown", "twice", "text", "number"]
    )
    def test_anything_else_is_400_and_changes_nothing(self, manager_client, menu, badges):
        path = f"/api/v1/admin/menu-items/{menu.bibimbap.id}/"

        response = manager_client.patch(path, {"badges": badges}, format="json")

        assert_error(response, 400, "VALIDATION_ERROR")
        menu.bibimbap.refresh_from_db()
        assert menu.bibimbap.badges == []
