"""Menu photos through /api/v1/admin/menu-items/: judged by content, stored under our names
as a photo made afresh (upright, without EXIF) and two smaller copies, old files removed only
once a change commits."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from conftest import assert_error
from menus.images import MAX_IMAGE_BYTES, MEDIUM_WIDTH, PHOTO_MAX_SIZE, SMALL_WIDTH
from menus.models import MenuItem
from menus.services import menu_item_update

ITEMS = "/api/v1/admin/menu-items/"


def picture(image_format: str, size=(64, 48), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "#a0522d" if mode == "RGB" else 0).save(buffer, format=image_format)
    return buffer.getvalue()


def noisy_png() -> bytes:
    """A PNG that does not compress to almost nothing, so half of it is really half."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 48), os.urandom(64 * 48 * 3)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(content: bytes, name="photo.png", content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def create_with(client, menu, image: SimpleUploadedFile):
    body = {"category_id": menu.mains.id, "name": "Galbi", "price": "25000", "image": image}
    return client.post(ITEMS, body, format="multipart")


class TestAccepted:
    @pytest.mark.parametrize(
        ("image_format", "extension"), [("PNG", ".png"), ("JPEG", ".jpg"), ("WEBP", ".webp")]
    )
    def test_stores_the_photo_under_a_name_of_ours(
        self, manager_client, world, menu, media, image_format, extension
    ):
        content = picture(image_format)

        response = create_with(manager_client, menu, upload(content, name="my dish.bin"))

        assert response.status_code == 201, response.content
        item = MenuItem.objects.get(name="Galbi")
        folder, _, filename = item.image.name.rpartition("/")
        assert folder == f"menus/{world.store.id}"
        assert len(filename) == 36 + len(extension)
        assert filename.endswith(extension)
        with Image.open(media / item.image.name) as stored:
            assert (stored.format, stored.size) == (image_format, (64, 48))
        assert response.json()["image_url"] == f"http://testserver/media/{item.image.name}"
        assert stored_files(media) == sorted(item.photo_names)

    def test_a_png_sent_as_jpeg_is_stored_as_png(self, manager_client, menu):
        response = create_with(
            manager_client,
            menu,
            upload(picture("PNG"), name="photo.jpg", content_type="image/jpeg"),
        )

        assert response.status_code == 201
        assert MenuItem.objects.get(name="Galbi").image.name.endswith(".png")

    def test_a_filename_that_climbs_directories_goes_nowhere_special(
        self, manager_client, world, menu, media
    ):
        response = create_with(manager_client, menu, upload(picture("PNG"), name="../../x.png"))

        assert response.status_code == 201
        assert MenuItem.objects.get(name="Galbi").image.name.startswith(f"menus/{world.store.id}/")
        assert all(path.startswith("menus/") for path in stored_files(media))


def exif_photo(size=(1600, 1200)) -> bytes:
    """A JPEG as a phone writes it: sideways pixels with orientation 6 ("turn right to view"),
    the place it was taken, and an XMP packet."""
    image = Image.new("RGB", size, "#a0522d")
    image.paste("#ffffff", (0, 0, size[0] // 2, size[1]))  # the left half: the top, upright
    exif = image.getexif()
    exif[0x0112] = 6
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (37.0, 33.0, 59.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, xmp=b"<x:xmpmeta>Seoul</x:xmpmeta>")
    return buffer.getvalue()


class TestServed:
    def test_the_photo_is_turned_upright_and_keeps_no_exif(self, manager_client, menu, media):
        response = create_with(manager_client, menu, upload(exif_photo(), "dish.jpg", "image/jpeg"))

        assert response.status_code == 201, response.content
        item = MenuItem.objects.get(name="Galbi")
        for name in item.photo_names:
            with Image.open(media / name) as served:
                assert served.width < served.height  # turned upright
                assert served.getpixel((served.width // 2, 2))[0] > 240  # white on top
                assert not served.getexif()
                assert "xmp" not in served.info
                assert b"Seoul" not in (media / name).read_bytes()

    def test_a_large_photo_is_served_no_larger_than_needed_with_two_copies(
        self, manager_client, menu, media
    ):
        response = create_with(
            manager_client, menu, upload(exif_photo((4000, 3000)), "dish.jpg", "image/jpeg")
        )

        item = MenuItem.objects.get(name="Galbi")
        sizes = {}
        for field in (item.image, item.image_small, item.image_medium):
            with Image.open(media / field.name) as served:
                sizes[field.name] = (served.format, served.size)
        assert sizes[item.image.name] == ("JPEG", (PHOTO_MAX_SIZE * 3 // 4, PHOTO_MAX_SIZE))
        assert sizes[item.image_small.name] == ("WEBP", (SMALL_WIDTH, SMALL_WIDTH * 4 // 3))
        assert sizes[item.image_medium.name] == ("WEBP", (MEDIUM_WIDTH, MEDIUM_WIDTH * 4 // 3))
        assert response.json()["image_variants"] == [
            {"width": SMALL_WIDTH, "url": f"http://testserver/media/{item.image_small.name}"},
            {"width": MEDIUM_WIDTH, "url": f"http://testserver/media/{item.image_medium.name}"},
        ]
        assert len((media / item.image_medium.name).read_bytes()) < 40_000

    def test_a_copy_is_never_wider_than_the_photo(self, manager_client, menu, media):
        create_with(manager_client, menu, upload(picture("PNG", size=(300, 200))))

        item = MenuItem.objects.get(name="Galbi")
        with Image.open(media / item.image_medium.name) as medium:
            assert medium.size == (300, 200)

    def test_without_a_photo_there_are_no_copies(self, manager_client, menu):
        response = manager_client.post(
            ITEMS, {"category_id": menu.mains.id, "name": "Galbi", "price": 1}, format="json"
        )

        assert (response.json()["image_url"], response.json()["image_variants"]) == (None, [])


class TestRefused:
    @pytest.mark.parametrize(
        ("content", "name", "content_type"),
        [
            (b"just some text, honestly", "photo.png", "image/png"),
            (picture("GIF"), "anim.gif", "image/gif"),
            (
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                "photo.svg",
                "image/svg+xml",
            ),
            (b"", "empty.png", "image/png"),
            (noisy_png()[:2000], "cut.png", "image/png"),
        ],
        ids=["text renamed .png", "gif", "svg with script", "empty", "truncated png"],
    )
    def test_what_is_not_a_jpeg_png_or_webp_is_415(
        self, manager_client, menu, media, content, name, content_type
    ):
        response = create_with(manager_client, menu, upload(content, name, content_type))

        assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
        assert not MenuItem.objects.filter(name="Galbi").exists()
        assert stored_files(media) == []

    def test_a_decompression_bomb_is_415(self, manager_client, menu, media):
        bomb = picture("PNG", size=(10_000, 10_000), mode="1")  # 100 megapixels, a few KB

        response = create_with(manager_client, menu, upload(bomb))

        assert len(bomb) < 100_000
        assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
        assert stored_files(media) == []

    def test_one_byte_over_5_mb_is_413(self, manager_client, menu, media):
        oversized = picture("PNG") + b"\0" * (MAX_IMAGE_BYTES + 1 - len(picture("PNG")))
        assert len(oversized) == MAX_IMAGE_BYTES + 1

        response = create_with(manager_client, menu, upload(oversized))

        assert_error(response, 413, "FILE_TOO_LARGE")
        assert stored_files(media) == []

    def test_a_request_announcing_a_huge_body_is_refused_before_reading_it(
        self, manager_client, menu
    ):
        response = manager_client.generic(
            "POST",
            ITEMS,
            b"--x\r\n",  # what the client says next never matters
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(50 * 1024 * 1024),
        )

        assert_error(response, 413, "FILE_TOO_LARGE")

    def test_a_refused_photo_leaves_the_item_and_its_old_photo(self, manager_client, menu, media):
        create_with(manager_client, menu, upload(picture("PNG")))
        item = MenuItem.objects.get(name="Galbi")
        before = stored_files(media)

        response = manager_client.patch(
            f"{ITEMS}{item.id}/",
            {"image": upload(b"GIF89a not really"), "price": "1"},
            format="multipart",
        )

        assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
        refreshed = MenuItem.objects.get(pk=item.pk)
        assert (refreshed.image.name, refreshed.price) == (item.image.name, 25000)
        assert stored_files(media) == before

    def test_translations_beside_a_photo_are_refused_not_dropped(self, manager_client, menu):
        """A form's fields are text: translations (like badges and option groups) go in JSON
        bodies only; found by fuzzing, where they were silently ignored."""
        body = {
            "category_id": menu.mains.id,
            "name": "Galbi",
            "price": "25000",
            "image": upload(picture("PNG")),
            "translations": '{"en": {"name": "Ribs"}}',
        }

        response = manager_client.post(ITEMS, body, format="multipart")

        assert_error(response, 400, "VALIDATION_ERROR")
        assert "translations" in response.json()["fields"]
        assert not MenuItem.objects.filter(name="Galbi").exists()

    def test_a_form_body_with_no_field_in_it_is_malformed(self, manager_client, menu):
        """Found by fuzzing: a multipart body whose parts could not be read passed for an
        empty PATCH, which changes nothing, and answered 200."""
        item = menu.cola
        boundary = "a222103b9b30b1f9e8be6882ecedb1d2"

        response = manager_client.generic(
            "PATCH",
            f"{ITEMS}{item.id}/",
            f"--{boundary}\r\n[]--{boundary}--\r\n",
            content_type=f"multipart/form-data; boundary={boundary}",
        )

        assert_error(response, 400, "VALIDATION_ERROR")


class TestReplacing:
    def test_a_new_photo_replaces_the_old_file_once_committed(
        self, manager_client, menu, media, django_capture_on_commit_callbacks
    ):
        create_with(manager_client, menu, upload(picture("PNG")))
        item = MenuItem.objects.get(name="Galbi")

        with django_capture_on_commit_callbacks(execute=True):
            response = manager_client.patch(
                f"{ITEMS}{item.id}/", {"image": upload(picture("JPEG"))}, format="multipart"
            )

        assert response.status_code == 200
        old_names = item.photo_names
        item.refresh_from_db()
        assert item.image.name.endswith(".jpg")
        assert stored_files(media) == sorted(item.photo_names)
        assert not any(default_storage.exists(name) for name in old_names)

    def test_null_removes_the_photo_and_its_file(
        self, manager_client, menu, media, django_capture_on_commit_callbacks
    ):
        create_with(manager_client, menu, upload(picture("PNG")))
        item = MenuItem.objects.get(name="Galbi")

        with django_capture_on_commit_callbacks(execute=True):
            response = manager_client.patch(f"{ITEMS}{item.id}/", {"image": None}, format="json")

        assert response.json()["image_url"] is None
        assert response.json()["image_variants"] == []
        assert stored_files(media) == []

    def test_other_changes_keep_the_photo(self, manager_client, menu, media):
        create_with(manager_client, menu, upload(picture("PNG")))
        item = MenuItem.objects.get(name="Galbi")

        response = manager_client.patch(
            f"{ITEMS}{item.id}/", {"is_available": "false"}, format="multipart"
        )

        assert response.json()["is_available"] is False
        assert response.json()["image_url"].endswith(item.image.name)
        assert stored_files(media) == sorted(item.photo_names)

    def test_a_change_that_rolls_back_loses_no_photo(self, world, menu, media):
        item = MenuItem.objects.create(store=world.store, category=menu.mains, name="X", price=1)
        item.image.save("photo.png", ContentFile(picture("PNG")), save=True)
        old_name = item.image.name

        def replace_then_fail():
            with transaction.atomic():
                menu_item_update(item=item, image=upload(picture("JPEG")))
                raise RuntimeError("the surrounding work failed")

        with pytest.raises(RuntimeError):
            replace_then_fail()

        assert MenuItem.objects.get(pk=item.pk).image.name == old_name
        assert default_storage.exists(old_name)
