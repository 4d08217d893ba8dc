"""Django admin's menu pages go through menus.services: same photo rules, same deletions."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import menu_events
from menus import option_groups, services
from menus.models import MenuItem, MenuItemOptionGroup, OptionGroup
from menus.option_groups import ChoiceInput, option_group_save
from menus.tests.test_images import picture, stored_files, upload
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.models import Store, User


@pytest.fixture
def staff_client(world) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser(username="root", password="staff-pass-1"))
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def add_item(client, world, menu, image, category=None):
    return client.post(
        "/admin/menus/menuitem/add/",
        {
            "store": world.store.id,
            "category": (category or menu.mains).id,
            "name": "Galbi",
            "description": "",
            "price": 25000,
            "display_order": 0,
            "is_available": "on",
            "image": image,
        },
    )


def test_adding_an_item_with_a_photo(staff_client, world, menu, media):
    response = add_item(staff_client, world, menu, upload(picture("PNG"), "dish.jpg"))

    assert response.status_code == 302
    item = MenuItem.objects.get(name="Galbi")
    assert item.image.name.endswith(".png")
    assert stored_files(media) == sorted(item.photo_names)
    assert item.image_small
    assert item.image_medium


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (upload(b"<svg/>", "x.svg", "image/svg+xml"), b"Upload a valid image."),  # Django's
        (upload(picture("GIF"), "x.gif", "image/gif"), b"Send a JPEG, PNG or WebP image."),
    ],
    ids=["svg", "gif"],
)
def test_a_photo_that_is_not_a_jpeg_png_or_webp_is_a_form_error(
    staff_client, world, menu, media, image, message
):
    response = add_item(staff_client, world, menu, image)

    assert response.status_code == 200
    assert message in response.content
    assert not MenuItem.objects.filter(name="Galbi").exists()
    assert stored_files(media) == []


def test_another_stores_category_is_a_form_error(staff_client, world, menu):
    theirs = menu.their_noodles.category

    response = add_item(staff_client, world, menu, "", category=theirs)

    assert response.status_code == 200
    assert b"This category belongs to another store." in response.content


def test_the_sold_out_column_saves_through_the_service(staff_client, menu):
    response = staff_client.post(
        "/admin/menus/menuitem/?store__id__exact=" + str(menu.cola.store_id),
        {
            "form-TOTAL_FORMS": "4",
            "form-INITIAL_FORMS": "4",
            **{
                f"form-{i}-id": str(item.id)
                for i, item in enumerate(
                    MenuItem.objects.filter(store_id=menu.cola.store_id, is_deleted=False).order_by(
                        "-id"
                    )
                )
            },
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    assert not MenuItem.objects.get(pk=menu.cola.pk).is_available


def test_an_option_group_is_saved_with_its_choices_through_the_service(staff_client, world):
    response = staff_client.post(
        "/admin/menus/optiongroup/add/",
        {
            "store": world.store.id,
            "name": "Size",
            "min_choices": 1,
            "max_choices": 1,
            "choices-TOTAL_FORMS": 2,
            "choices-INITIAL_FORMS": 0,
            "choices-0-name": "Regular",
            "choices-0-price_delta": 0,
            "choices-0-is_available": "on",
            "choices-1-name": "Large",
            "choices-1-price_delta": 2000,
            "choices-1-is_available": "on",
        },
    )

    assert response.status_code == 302, response.content[-2000:]
    group = OptionGroup.objects.get(name="Size")
    assert [(c.name, c.price_delta, c.display_order) for c in group.choices.all()] == [
        ("Regular", 0, 1),
        ("Large", 2000, 2),
    ]
    assert Store.objects.get(pk=world.store.pk).menu_version > world.store.menu_version


def test_an_option_group_deleted_in_admin_leaves_the_menu(staff_client, world, menu):
    group = option_group_save(store=world.store, name="Size", choices=[ChoiceInput("L")])
    services.menu_item_update(item=menu.bibimbap, option_group_ids=[group.id])

    staff_client.post(f"/admin/menus/optiongroup/{group.id}/delete/", {"post": "yes"})

    group.refresh_from_db()
    assert group.is_deleted
    assert not menu.bibimbap.option_groups.exists()


class TestOfferedGroups:
    """An item's option groups in its admin page: the store's own only, saved through
    menus.services.menu_item_update in the order given."""

    def change(self, client, item, rows, *, initial=()):
        """Post the item's page unchanged but for its groups: ``rows`` are (group id, display
        order) for new rows; ``initial`` (link, group id, display order, delete) for the
        stored ones."""
        data = {
            "category": item.category_id,
            "name": item.name,
            "description": item.description,
            "price": item.price,
            "display_order": item.display_order,
            "is_available": "on" if item.is_available else "",
            "image": "",
            "option_links-TOTAL_FORMS": len(initial) + len(rows),
            "option_links-INITIAL_FORMS": len(initial),
        }
        all_rows = [*initial, *((None, group, order, False) for group, order in rows)]
        for index, (link, group, order, delete) in enumerate(all_rows):
            prefix = f"option_links-{index}-"
            data |= {
                f"{prefix}id": link.id if link else "",
                f"{prefix}menu_item": item.id,
                f"{prefix}group": group,
                f"{prefix}display_order": order,
            }
            if delete:
                data[f"{prefix}DELETE"] = "on"
        return client.post(f"/admin/menus/menuitem/{item.id}/change/", data)

    def offered(self, item) -> list[str]:
        return [link.group.name for link in item.option_links.select_related("group")]

    def stored_links(self, item):
        return list(item.option_links.order_by("display_order"))

    def test_the_page_shows_the_groups_offered_and_only_the_stores_own(
        self, staff_client, menu, options
    ):
        response = staff_client.get(f"/admin/menus/menuitem/{menu.bibimbap.id}/change/")

        assert response.status_code == 200
        body = response.content.decode()
        assert 'name="option_links-TOTAL_FORMS" value="3"' in body  # two offered, one blank
        assert f'<option value="{options.spice.id}" selected>Spice level</option>' in body
        assert f'<option value="{options.add_ons.id}" selected>Add-ons</option>' in body
        assert "Broth" not in body  # beta's group

    def test_a_new_item_is_added_without_groups(self, staff_client):
        response = staff_client.get("/admin/menus/menuitem/add/")

        assert response.status_code == 200
        assert "option_links-TOTAL_FORMS" not in response.content.decode()

    def test_groups_are_saved_through_the_service_in_display_order(
        self, staff_client, world, menu, options
    ):
        spice, add_ons = self.stored_links(menu.bibimbap)
        size = option_group_save(store=world.store, name="Size", choices=[ChoiceInput("L")])
        version = Store.objects.get(pk=world.store.pk).menu_version

        response = self.change(
            staff_client,
            menu.bibimbap,
            [(size.id, 1)],
            initial=[(spice, options.spice.id, 5, False), (add_ons, options.add_ons.id, 2, False)],
        )

        assert response.status_code == 302, response.content[-3000:]
        assert self.offered(menu.bibimbap) == ["Size", "Add-ons", "Spice level"]
        assert [link.display_order for link in self.stored_links(menu.bibimbap)] == [1, 2, 3]
        # One change, one new menu version.
        assert Store.objects.get(pk=world.store.pk).menu_version == version + 1

    def test_a_row_deleted_is_no_longer_offered(self, staff_client, menu, options):
        spice, add_ons = self.stored_links(menu.bibimbap)

        response = self.change(
            staff_client,
            menu.bibimbap,
            [],
            initial=[(spice, options.spice.id, 1, True), (add_ons, options.add_ons.id, 2, False)],
        )

        assert response.status_code == 302
        assert self.offered(menu.bibimbap) == ["Add-ons"]

    def test_two_rows_may_swap_their_groups(self, staff_client, menu, options):
        spice, add_ons = self.stored_links(menu.bibimbap)

        response = self.change(
            staff_client,
            menu.bibimbap,
            [],
            initial=[(spice, options.add_ons.id, 1, False), (add_ons, options.spice.id, 2, False)],
        )

        assert response.status_code == 302, response.content[-3000:]
        assert self.offered(menu.bibimbap) == ["Add-ons", "Spice level"]

    @pytest.mark.parametrize("whose", ["another store's", "a deleted"])
    def test_a_group_not_of_the_store_is_refused_and_never_stored(
        self, staff_client, world, menu, options, whose
    ):
        if whose == "a deleted":
            group = option_group_save(store=world.store, name="Old", choices=[ChoiceInput("x")])
            option_groups.option_group_delete(group=group)
        else:
            group = options.their_rich.group
        version = Store.objects.get(pk=world.store.pk).menu_version

        response = self.change(staff_client, menu.bibimbap, [(group.id, 3)], initial=[])

        assert response.status_code == 200
        assert b"Select a valid choice." in response.content
        assert self.offered(menu.bibimbap) == ["Spice level", "Add-ons"]
        assert not MenuItemOptionGroup.objects.filter(group=group).exists()
        assert Store.objects.get(pk=world.store.pk).menu_version == version

    def test_a_group_offered_twice_is_a_form_error(self, staff_client, menu, options):
        response = self.change(
            staff_client, menu.stew, [(options.spice.id, 1), (options.spice.id, 2)]
        )

        assert response.status_code == 200
        assert b"Please correct the duplicate data for group" in response.content
        assert self.offered(menu.stew) == []

    def test_the_sold_out_column_leaves_the_groups_alone(self, staff_client, menu, options):
        items = MenuItem.objects.filter(store_id=menu.bibimbap.store_id, is_deleted=False)
        response = staff_client.post(
            f"/admin/menus/menuitem/?store__id__exact={menu.bibimbap.store_id}",
            {
                "form-TOTAL_FORMS": str(items.count()),
                "form-INITIAL_FORMS": str(items.count()),
                **{f"form-{i}-id": str(item.id) for i, item in enumerate(items.order_by("-id"))},
                "_save": "Save",
            },
        )

        assert response.status_code == 302
        assert not MenuItem.objects.get(pk=menu.bibimbap.pk).is_available
        assert self.offered(menu.bibimbap) == ["Spice level", "Add-ons"]


class TestStations:
    """Stations are saved and deleted through ``menus.stations``; a category's station is one
    of its store's."""

    def first(self, store):
        return store.stations.order_by("position", "id").first()

    def test_a_new_station_goes_last(self, staff_client, world):
        response = staff_client.post(
            "/admin/menus/station/add/", {"store": world.store.id, "name": " Bar "}
        )

        assert response.status_code == 302
        assert [(s.name, s.position) for s in world.store.stations.all()] == [
            (self.first(world.store).name, 1),
            ("Bar", 2),
        ]

    def test_a_name_in_use_is_a_form_error_on_a_rename(self, staff_client, world, bar):
        kitchen = self.first(world.store)

        response = staff_client.post(
            f"/admin/menus/station/{bar.id}/change/", {"name": kitchen.name}
        )

        assert response.status_code == 200
        assert b"Another station has this name." in response.content
        bar.refresh_from_db()
        assert bar.name == "Bar"

    def test_the_last_station_is_not_deleted(self, staff_client, world):
        kitchen = self.first(world.store)

        response = staff_client.post(f"/admin/menus/station/{kitchen.id}/delete/", {"post": "yes"})

        assert response.status_code == 302
        assert world.store.stations.filter(pk=kitchen.pk).exists()

    def test_a_category_takes_only_its_stores_station(self, staff_client, world, menu):
        theirs = self.first(world.other_store)
        form = {"store": world.store.id, "name": "Mains", "display_order": 1, "translations": "{}"}

        refused = staff_client.post(
            f"/admin/menus/category/{menu.mains.id}/change/", {**form, "station": theirs.id}
        )
        ours = self.first(world.store)
        saved = staff_client.post(
            f"/admin/menus/category/{menu.mains.id}/change/", {**form, "station": ours.id}
        )

        assert refused.status_code == 200
        assert b"This station belongs to another store." in refused.content
        assert saved.status_code == 302
        menu.mains.refresh_from_db()
        assert menu.mains.station == ours

    def test_the_category_list_shows_each_ones_station(self, staff_client, world, bar):
        body = staff_client.get("/admin/menus/category/").content.decode()

        assert "Bar" in body


class TestCategories:
    """Categories are saved through ``menus.services`` and ``menus.stations``: the store's
    tablets and its next orders see the change."""

    def form(self, world, **fields):
        return {"store": world.store.id, "display_order": 1, "translations": "{}", **fields}

    def version(self, store) -> int:
        return Store.objects.get(pk=store.pk).menu_version

    def test_a_new_category_at_its_station(self, staff_client, world, bar):
        before = self.version(world.store)

        response = staff_client.post(
            "/admin/menus/category/add/", self.form(world, name="Desserts", station=bar.id)
        )

        assert response.status_code == 302
        category = world.store.categories.get(name="Desserts")
        assert category.station == bar
        assert self.version(world.store) > before

    def test_an_edit_reaches_the_tablets_and_the_next_order(self, staff_client, world, menu, bar):
        order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])  # drinks: at the bar
        before = self.version(world.store)
        kitchen = world.store.stations.order_by("position").first()

        response = staff_client.post(
            f"/admin/menus/category/{menu.drinks.id}/change/",
            self.form(world, name="Soft drinks", station=kitchen.id),
        )

        assert response.status_code == 302
        assert self.version(world.store) > before
        assert menu_events(world.store)[-1] == "menu_changed"
        order = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order
        assert order.items.get().station_id == kitchen.id

    def test_a_category_stays_in_its_store(self, staff_client, world, menu):
        response = staff_client.post(
            f"/admin/menus/category/{menu.mains.id}/change/",
            {**self.form(world, name="Mains"), "store": world.other_store.id},
        )

        assert response.status_code == 302
        menu.mains.refresh_from_db()
        assert menu.mains.store_id == world.store.id
