"""Menu photos on S3, for real: django-storages against moto's S3 server on loopback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import urllib.request

import boto3
import pytest
from botocore.exceptions import ClientError
from PIL import Image

from menus.images import MEDIUM_WIDTH
from menus.models import MenuItem
from menus.tests.test_images import ITEMS, exif_photo, picture, upload
from testsupport.live_server import free_port

BUCKET = "table-order-test-photos"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(endpoint, timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("moto's S3 server did not start")
            time.sleep(0.2)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def s3(s3_endpoint, settings):
    """An empty bucket, and the app's default storage pointed at it (as production does
    when AWS_STORAGE_BUCKET_NAME is set)."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    # Photos are public (their URLs go to every tablet): readable by anyone, as README says.
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "addressing_style": "path",
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for entry in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=entry["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return [entry["Key"] for entry in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
        return response.read()


def test_upload_url_replace_and_remove(
    s3, s3_endpoint, manager_client, world, menu, django_capture_on_commit_callbacks
):
    created = manager_client.post(
        ITEMS,
        {
            "category_id": menu.mains.id,
            "name": "Galbi",
            "price": "25000",
            "image": upload(exif_photo(), "dish.jpg", "image/jpeg"),
        },
        format="multipart",
    )
    assert created.status_code == 201, created.content
    item = MenuItem.objects.get(name="Galbi")
    first_keys = item.photo_names

    assert sorted(keys(s3)) == sorted(first_keys)
    assert all(key.startswith(f"menus/{world.store.id}/") for key in first_keys)
    assert created.json()["image_url"] == f"{s3_endpoint}/{BUCKET}/{item.image.name}"
    served = Image.open(io.BytesIO(fetch(created.json()["image_url"])))
    assert served.width < served.height  # upright
    assert not served.getexif()
    medium = created.json()["image_variants"][-1]
    assert medium == {
        "width": MEDIUM_WIDTH,
        "url": f"{s3_endpoint}/{BUCKET}/{item.image_medium.name}",
    }
    assert Image.open(io.BytesIO(fetch(medium["url"]))).size == (
        MEDIUM_WIDTH,
        MEDIUM_WIDTH * 4 // 3,
    )

    second = picture("JPEG")
    with django_capture_on_commit_callbacks(execute=True):
        replaced = manager_client.patch(
            f"{ITEMS}{item.id}/", {"image": upload(second, "x.jpg")}, format="multipart"
        )

    item.refresh_from_db()
    assert replaced.status_code == 200
    assert sorted(keys(s3)) == sorted(item.photo_names)
    assert Image.open(io.BytesIO(fetch(replaced.json()["image_url"]))).format == "JPEG"
    for key in first_keys:
        with pytest.raises(ClientError):
            s3.head_object(Bucket=BUCKET, Key=key)

    with django_capture_on_commit_callbacks(execute=True):
        removed = manager_client.patch(f"{ITEMS}{item.id}/", {"image": None}, format="json")

    assert (removed.json()["image_url"], removed.json()["image_variants"]) == (None, [])
    assert keys(s3) == []


def test_a_refused_upload_writes_nothing_to_the_bucket(s3, manager_client, menu):
    response = manager_client.post(
        ITEMS,
        {"category_id": menu.mains.id, "name": "Galbi", "price": "1", "image": upload(b"nope")},
        format="multipart",
    )

    assert response.status_code == 415
    assert keys(s3) == []
