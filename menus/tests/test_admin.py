"""Django admin's menu pages go through menus.services: same photo rules, same deletions."""

from __future__ import annotations

import pytest
from django.test import Client

from menus import services
from menus.models import MenuItem, OptionGroup
from menus.option_groups import ChoiceInput, option_group_save
from menus.tests.test_images import picture, stored_files, upload
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
