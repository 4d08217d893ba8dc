"""Django admin at /admin/: platform staff see every store; its changes go through services."""

from __future__ import annotations

import pytest
from django.test import Client
from django_eventstream.models import Event

from conftest import MANAGER_PASSWORD, TABLE_PASSWORD
from orders.models import Order
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.models import LoginThrottle, Store, Table, User

ADMIN_MODELS = [
    "stores/store",
    "stores/user",
    "stores/table",
    "stores/devicecredential",
    "stores/loginthrottle",
    "menus/category",
    "menus/menuitem",
    "orders/visit",
    "orders/order",
    "orders/orderchange",
]


@pytest.fixture
def order(world, menu) -> Order:
    return order_place(table=world.table, lines=[OrderLine(menu.cola.id, 2)]).order


class TestPages:
    @pytest.mark.parametrize("model", ADMIN_MODELS)
    def test_every_list_opens_for_staff(self, staff_client, order, model):
        assert staff_client.get(f"/admin/{model}/").status_code == 200

    @pytest.mark.parametrize(
        "model", ["stores/store", "stores/user", "stores/table", "menus/category", "menus/menuitem"]
    )
    def test_every_add_page_opens_for_staff(self, staff_client, model):
        assert staff_client.get(f"/admin/{model}/add/").status_code == 200

    def test_an_order_shows_its_items(self, staff_client, order):
        response = staff_client.get(f"/admin/orders/order/{order.id}/change/")

        assert response.status_code == 200
        assert b"Cola" in response.content
        assert "₩4,000" in response.content.decode()  # money, not a bare 4000

    def test_staff_log_in_by_username(self, staff, client):
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "root", "password": "staff-pass-1"}
        )

        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_a_manager_cannot_log_into_admin(self, world, client):
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "manager", "password": MANAGER_PASSWORD}
        )

        assert response.status_code == 200  # the form again, with an error
        assert client.get("/admin/").status_code == 302

    def test_a_logged_in_manager_is_sent_to_the_login(self, world):
        client = Client()
        client.force_login(world.manager)

        assert client.get("/admin/stores/store/").status_code == 302


class TestStores:
    def change(self, client, store, **fields):
        manager = store.managers.get()
        return client.post(
            f"/admin/stores/store/{store.id}/change/",
            {
                "code": store.code,
                "name": store.name,
                "business_day_starts": "05:00",
                "language": store.language,
                "ticket_amber_minutes": store.ticket_amber_minutes,
                "ticket_red_minutes": store.ticket_red_minutes,
                "managers-TOTAL_FORMS": 1,
                "managers-INITIAL_FORMS": 1,
                "managers-0-id": manager.id,
                "managers-0-store": store.id,
                **fields,
            },
        )

    def test_a_change_goes_through_the_service_and_tablets_hear_of_it(self, staff_client, world):
        response = self.change(
            staff_client,
            world.store,
            name="Alpha Bistro",
            language="ja",
            business_day_starts="04:00",
        )

        assert response.status_code == 302, response.content[-2000:]
        store = Store.objects.get(pk=world.store.pk)
        assert (store.name, store.language, str(store.business_day_starts)) == (
            "Alpha Bistro",
            "ja",
            "04:00:00",
        )
        assert store.menu_version == world.store.menu_version + 1
        assert Event.objects.filter(channel=f"menu-{store.id}", type="menu_changed").count() == 1

    def test_the_kitchen_colours_are_saved_through_the_service(self, staff_client, world):
        refused = self.change(staff_client, world.store, ticket_red_minutes=5)
        saved = self.change(
            staff_client, world.store, ticket_amber_minutes=7, ticket_red_minutes=14
        )

        assert refused.status_code == 200
        assert b"Red comes after amber" in refused.content
        assert saved.status_code == 302, saved.content[-2000:]
        store = Store.objects.get(pk=world.store.pk)
        assert (store.ticket_amber_minutes, store.ticket_red_minutes) == (7, 14)

    def test_another_stores_code_is_a_form_error(self, staff_client, world):
        response = self.change(staff_client, world.store, code="beta")

        assert response.status_code == 200
        assert b"Store with this Code already exists." in response.content
        assert Store.objects.get(pk=world.store.pk).code == "alpha"


class TestTables:
    def test_adding_a_table_hashes_its_password(self, staff_client, world):
        response = staff_client.post(
            "/admin/stores/table/add/",
            {"store": world.store.id, "number": 7, "new_password": "tablet-7"},
        )

        assert response.status_code == 302
        table = Table.objects.get(store=world.store, number=7)
        assert table.check_password("tablet-7")

    def test_the_hash_is_never_shown(self, staff_client, world):
        response = staff_client.get(f"/admin/stores/table/{world.table.id}/change/")

        assert response.status_code == 200
        assert world.table.password.encode() not in response.content
        assert b"pbkdf2_sha256$" not in response.content

    def test_a_blank_password_keeps_the_current_one(self, staff_client, world):
        response = staff_client.post(
            f"/admin/stores/table/{world.table.id}/change/", {"number": 1, "new_password": ""}
        )

        assert response.status_code == 302
        world.table.refresh_from_db()
        assert world.table.check_password(TABLE_PASSWORD)

    def test_a_new_password_replaces_the_old(self, staff_client, world):
        staff_client.post(
            f"/admin/stores/table/{world.table.id}/change/",
            {"number": 1, "new_password": "fresh-pass"},
        )

        world.table.refresh_from_db()
        assert world.table.check_password("fresh-pass")
        assert not world.table.check_password(TABLE_PASSWORD)

    def test_a_taken_number_is_a_form_error(self, staff_client, world):
        response = staff_client.post(
            "/admin/stores/table/add/",
            {"store": world.store.id, "number": 1, "new_password": "x"},
        )

        assert response.status_code == 200
        assert b"Another table already has this number." in response.content
        assert Table.objects.filter(store=world.store).count() == 2

    def test_a_table_with_an_open_visit_cannot_be_deleted(self, staff_client, world, order):
        staff_client.post(
            "/admin/stores/table/",
            {"action": "delete_selected", "_selected_action": [world.table.id], "post": "yes"},
        )

        world.table.refresh_from_db()
        assert world.table.deleted_at is None


class TestUsers:
    def add_user(self, client, store, username: str, role: str = "manager"):
        return client.post(
            "/admin/stores/user/add/",
            {
                "store": store.id if store else "",
                "username": username,
                "role": role,
                "password1": "a-strong-password-9",
                "password2": "a-strong-password-9",
            },
        )

    def test_the_same_username_may_be_added_to_another_store(self, staff_client, world):
        gamma = Store.objects.create(code="gamma", name="Gamma")

        response = self.add_user(staff_client, gamma, "manager")

        assert response.status_code == 302
        assert User.objects.filter(username="manager").count() == 3

    def test_a_duplicate_username_in_the_same_store_is_a_form_error(self, staff_client, world):
        response = self.add_user(staff_client, world.store, "manager")

        assert response.status_code == 200
        assert User.objects.filter(username="manager").count() == 2

    def test_a_kitchen_account_is_added_with_its_role_and_listed_by_it(self, staff_client, world):
        response = self.add_user(staff_client, world.store, "grill", role="kitchen")

        assert response.status_code == 302
        assert User.objects.get(store=world.store, username="grill").role == "kitchen"
        listed = staff_client.get("/admin/stores/user/?role__exact=kitchen").content.decode()
        assert "grill" in listed
        assert ">manager<" not in listed

    def test_a_manager_cannot_be_made_staff(self, staff_client, world):
        response = staff_client.post(
            f"/admin/stores/user/{world.manager.id}/change/",
            {
                "store": world.store.id,
                "username": "manager",
                "role": "manager",
                "is_active": "on",
                "is_staff": "on",
                "date_joined_0": "2026-01-01",
                "date_joined_1": "00:00:00",
            },
        )

        assert response.status_code == 200
        world.manager.refresh_from_db()
        assert not world.manager.is_staff


class TestStaffLogin:
    """Django admin's sign-in is counted and locked out like every other login."""

    def login(self, client, password):
        return client.post("/admin/login/?next=/admin/", {"username": "root", "password": password})

    def test_five_failures_lock_out_even_the_right_password(self, staff, client):
        for _ in range(5):
            assert self.login(client, "wrong").status_code == 200

        response = self.login(client, "staff-pass-1")

        assert response.status_code == 200
        assert "Too many failed login attempts." in response.content.decode()
        assert client.get("/admin/").status_code == 302

    def test_staff_end_a_lockout_by_deleting_its_rows(self, staff, world, api_client):
        for _ in range(5):
            api_client.post(
                "/api/v1/auth/table/",
                {"store": "alpha", "table_number": 1, "password": "wrong"},
                format="json",
            )
        staff_client = Client()
        staff_client.force_login(staff)
        listing = staff_client.get("/admin/stores/loginthrottle/").content.decode()
        assert "table:alpha:1@127.0.0.1" in listing

        staff_client.post(
            "/admin/stores/loginthrottle/",
            {
                "action": "delete_selected",
                "_selected_action": list(LoginThrottle.objects.values_list("pk", flat=True)),
                "post": "yes",
            },
        )

        assert not LoginThrottle.objects.exists()
        response = api_client.post(
            "/api/v1/auth/table/",
            {"store": "alpha", "table_number": 1, "password": TABLE_PASSWORD},
            format="json",
        )
        assert response.status_code == 200
