"""Flow 2 in a real browser: a manager signs in and sets up the floor: tables with
passwords, categories, menu items with photos; the tablet's menu API shows the result."""

from __future__ import annotations

import io
import re
import urllib.request

import pytest
from PIL import Image
from playwright.sync_api import expect

from menus.models import MenuItem
from orders.tests.test_dashboard_browser import sign_in
from stores.models import Table
from stores.services import table_login
from stores.tokens import table_token
from tablet.tests.test_tablet_browser import set_up as set_up_tablet
from testsupport.browser import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def photo_file(tmp_path, colour="#d35400", size=(1600, 1200)):
    """A photo as a phone takes it, larger than any screen shows."""
    path = tmp_path / "galbi.jpg"
    Image.new("RGB", size, colour).save(path, format="JPEG")
    return path


def test_tables_are_added_renumbered_and_kept_while_in_use(page, app_server, world, menu):
    sign_in(page)
    page.get_by_role("link", name="Tables").click()

    page.get_by_label("Table number").fill("7")
    page.get_by_label("Tablet password").fill("seven-7")
    page.get_by_role("button", name="Add table").click()
    expect(page.locator(".message-success")).to_contain_text("Table 7 added")
    table = Table.objects.get(store=world.store, number=7)
    assert table_login(store_code="alpha", table_number=7, password="seven-7") == table

    # A number already in use is refused on the form, nothing stored.
    page.get_by_label("Table number").fill("1")
    page.get_by_label("Tablet password").fill("another")
    page.get_by_role("button", name="Add table").click()
    expect(page.locator(".field-invalid")).to_contain_text("already has this number")
    assert Table.objects.filter(store=world.store, deleted_at=None).count() == 3

    # Renumber 7 to 8, password unchanged.
    page.locator(f"#table-row-{table.id}").get_by_role("link", name="Edit").click()
    page.get_by_label("Table number").fill("8")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message-success")).to_contain_text("Table 8 saved")
    screenshot(page, "manager-tables")
    assert table_login(store_code="alpha", table_number=8, password="seven-7") == table

    # Table 1 has an open visit: deleting it is refused with a message.
    status, _ = app_server.request(
        "POST",
        "/api/v1/orders/",
        {"items": [{"menu_id": menu.cola.id, "quantity": 1}]},
        token=str(table_token(world.table)),
    )
    assert status == 201
    page.reload()
    page.locator(f"#table-row-{world.table.id}").get_by_role("button", name="Delete").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Confirm").click()
    expect(page.locator(".message-error")).to_contain_text("open visit")
    assert Table.objects.get(pk=world.table.pk).deleted_at is None

    # Table 8 is free: deleted after confirming.
    page.locator(f"#table-row-{table.id}").get_by_role("button", name="Delete").click()
    page.locator("#confirm-dialog").get_by_role("button", name="Confirm").click()
    expect(page.locator(".message-success")).to_contain_text("Table 8 deleted")
    expect(page.locator(f"#table-row-{table.id}")).to_have_count(0)


def test_a_menu_item_with_a_photo_reaches_the_tablet_menu(page, app_server, world, menu, tmp_path):
    sign_in(page)
    page.get_by_role("link", name="Menu").click()

    page.get_by_label("Category name").fill("Grill")
    page.get_by_role("button", name="Add category").click()
    expect(page.locator(".message-success")).to_contain_text("Grill")

    grill = page.locator(".menu-category", has_text="Grill")
    grill.get_by_role("link", name="Add item").click()
    expect(page.get_by_label("Category")).to_have_value(
        str(world.store.categories.get(name="Grill").id)
    )
    page.get_by_label("Name").fill("Galbi <b>special</b>")
    page.get_by_label("Description").fill("Marinated short ribs, grilled at the table.")
    page.get_by_label("Price (won)").fill("32000")
    page.get_by_label("Photo").set_input_files(photo_file(tmp_path))
    expect(page.locator("#photo-preview")).to_have_attribute("src", re.compile(r"^data:image/jpeg"))
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".message-success")).to_contain_text("“Galbi <b>special</b>” saved")
    item = MenuItem.objects.get(name="Galbi <b>special</b>")
    row = page.locator(f"#item-{item.id}")
    expect(row).to_contain_text("₩32,000")
    # The list's thumbnail is the small copy, not the photo.
    expect(row.locator("img.thumb")).to_have_attribute("src", f"/media/{item.image_small.name}")
    screenshot(page, "manager-menu")

    # Sold out, then back on sale; moved above nothing (first), below nothing (last).
    row.get_by_role("button", name="Mark sold out").click()
    expect(page.locator(f"#item-{item.id}")).to_contain_text("Sold out")
    item.refresh_from_db()
    assert item.is_available is False
    page.locator(f"#item-{item.id}").get_by_role("button", name="Back on sale").click()
    expect(page.locator(f"#item-{item.id}")).to_contain_text("Mark sold out")

    # The tablet's menu shows the item and its photo, which is served.
    status, body = app_server.request("GET", "/api/v1/menu/", token=str(table_token(world.table)))
    assert status == 200
    grill_menu = next(c for c in body["categories"] if c["name"] == "Grill")
    [on_tablet] = grill_menu["menu_items"]
    assert (on_tablet["name"], on_tablet["price"], on_tablet["is_available"]) == (
        "Galbi <b>special</b>",
        32000,
        True,
    )
    with urllib.request.urlopen(on_tablet["image_url"]) as response:  # noqa: S310 (loopback)
        assert response.headers["Content-Type"] == "image/jpeg"
        with Image.open(io.BytesIO(response.read())) as served:
            assert served.size == (1600, 1200)

    # A tablet's card loads the copy made for it.
    set_up_tablet(page)
    page.locator(".category", has_text="Grill").click()
    photo = page.locator(f".item[data-menu-id='{item.id}'] img.photo")
    photo.scroll_into_view_if_needed()
    expect(photo).to_have_js_property("complete", True)
    assert photo.evaluate("img => img.currentSrc").endswith(f"/media/{item.image_medium.name}")


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_changes(
    page, app_server, world, menu, tmp_path
):
    fake = tmp_path / "menu.jpg"
    fake.write_bytes(b"%PDF-1.4 not a photo at all")
    files_before = set(app_server.media_root.rglob("*.*"))
    sign_in(page)
    page.goto(f"/manager/menu/items/{menu.stew.id}/")

    page.get_by_label("Price (won)").fill("8500")
    page.get_by_label("Photo").set_input_files(fake)
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".form-error")).to_be_visible()
    menu.stew.refresh_from_db()
    assert menu.stew.price == 8000
    assert not menu.stew.image
    assert set(app_server.media_root.rglob("*.*")) == files_before


def test_the_chosen_photo_is_kept_through_a_form_error(page, app_server, world, menu, tmp_path):
    sign_in(page)
    page.goto(f"/manager/menu/items/new/?category={menu.mains.id}")
    page.get_by_label("Name").fill("   ")  # the browser sends it; the server finds no name
    page.get_by_label("Price (won)").fill("32000")
    page.get_by_label("Photo").set_input_files(photo_file(tmp_path))
    expect(page.locator("#photo-preview")).to_have_attribute("src", re.compile(r"^data:image/"))
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".field-error").first).to_be_visible()
    photo = page.get_by_label("Photo")
    page.wait_for_function("document.querySelector('input[name=image]').files.length === 1")
    assert photo.evaluate("input => input.files[0].name") == "galbi.jpg"
    expect(page.locator("#photo-preview")).to_have_attribute("src", re.compile(r"^data:image/"))
    screenshot(page, "manager-item-form-error-keeps-photo")
    page.get_by_label("Name").fill("Galbi")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".message-success")).to_contain_text("Galbi")
    item = MenuItem.objects.get(name="Galbi")
    with Image.open(app_server.media_root / item.image.name) as stored:
        assert stored.size == (1600, 1200)
    # Saved: nothing waits in the browser for the next new item.
    page.goto(f"/manager/menu/items/new/?category={menu.mains.id}")
    page.get_by_label("Name").fill("   ")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".field-error").first).to_be_visible()
    page.wait_for_timeout(300)
    assert photo.evaluate("input => input.files.length") == 0


def test_the_pages_speak_korean_to_a_korean_browser(open_page, app_server, world, menu):
    page = open_page(locale="ko-KR")
    page.goto("/manager/login/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    page.get_by_label("매장 코드").fill("alpha")
    page.get_by_label("아이디").fill("manager")
    page.get_by_label("비밀번호").fill("wrong password")
    page.get_by_role("button", name="로그인").click()
    expect(page.locator(".form-error")).to_contain_text("맞지 않습니다")
    screenshot(page, "manager-login-ko")
