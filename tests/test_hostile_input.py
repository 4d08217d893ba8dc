"""Hostile input: whatever arrives, the answer is the contract's error (never a 500, never a
stack trace), and nothing is stored half-way."""

from __future__ import annotations

import json
import socket
import time

import pytest

from conftest import assert_error, bearer_client
from menus.models import Category, MenuItem
from orders.models import Order
from stores.tokens import manager_token, table_token

CATEGORIES = "/api/v1/admin/categories/"
ORDERS = "/api/v1/orders/"


@pytest.fixture
def manager(world):
    return bearer_client(manager_token(world.manager))


@pytest.fixture
def tablet(world):
    return bearer_client(table_token(world.table))


class TestBodies:
    def test_a_body_over_the_limit_is_refused_unread(self, tablet, menu):
        body = b'{"items": [' + b" " * (7 * 1024 * 1024) + b"]}"

        response = tablet.generic("POST", ORDERS, body, content_type="application/json")

        assert_error(response, 413, "FILE_TOO_LARGE")
        assert not Order.objects.exists()

    def test_deeply_nested_json_is_a_validation_error(self, tablet, menu):
        body = '{"items": ' + "[" * 100_000 + "]" * 100_000 + "}"

        response = tablet.generic("POST", ORDERS, body, content_type="application/json")

        assert_error(response, 400, "VALIDATION_ERROR")
        assert not Order.objects.exists()

    def test_a_huge_array_is_a_validation_error(self, tablet, menu):
        items = [{"menu_id": menu.cola.id, "quantity": 1}] * 10_000

        response = tablet.post(ORDERS, {"items": items})

        assert_error(response, 400, "VALIDATION_ERROR")
        assert "items" in response.json()["fields"]
        assert not Order.objects.exists()

    @pytest.mark.parametrize(
        "content_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded"]
    )
    def test_anything_but_json_is_unsupported(self, tablet, menu, content_type):
        body = json.dumps({"items": [{"menu_id": menu.cola.id, "quantity": 1}]})

        response = tablet.generic("POST", ORDERS, body, content_type=content_type)

        assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
        assert not Order.objects.exists()

    @pytest.mark.parametrize("body", ["{", "null", "[]", '"items"', "1e999", "\x00"])
    def test_malformed_json_is_a_validation_error(self, tablet, menu, body):
        response = tablet.generic("POST", ORDERS, body, content_type="application/json")

        assert_error(response, 400, "VALIDATION_ERROR")
        assert not Order.objects.exists()


class TestText:
    @pytest.mark.parametrize(
        "name",
        [
            "Robert'); DROP TABLE menus_category;--",
            '<img src=x onerror="alert(1)">',
            "\u202eevil\u202c RTL",
            "Bibimbap 🍚🔥 비빔밥",
            "\uff21\uff22\uff23 full width",
            "x" * 100,
        ],
    )
    def test_any_text_is_stored_and_returned_as_it_is(self, manager, world, name):
        response = manager.post(CATEGORIES, {"name": name})

        assert response.status_code == 201
        assert response.json()["name"] == name
        assert Category.objects.get(pk=response.json()["id"]).name == name

    @pytest.mark.parametrize(
        ("name", "why"),
        [
            ("nul\x00byte", "NUL"),
            ("lone \ud800 surrogate", "surrogate"),
            ("x" * 101, "too long"),
            ("", "empty"),
        ],
    )
    def test_text_no_database_can_hold_is_a_validation_error(self, manager, world, name, why):
        body = json.dumps({"name": name}).encode()  # json escapes the surrogate as \\ud800

        response = manager.generic("POST", CATEGORIES, body, content_type="application/json")

        assert_error(response, 400, "VALIDATION_ERROR")
        assert not Category.objects.filter(store=world.store).exclude(name__in=["Mains"]).exists()

    def test_a_bad_menu_item_stores_nothing(self, manager, world, menu):
        body = {"category_id": menu.mains.id, "name": "ok", "price": 1000, "description": "\x00"}

        response = manager.post("/api/v1/admin/menu-items/", body)

        assert_error(response, 400, "VALIDATION_ERROR")
        assert not MenuItem.objects.filter(name="ok").exists()


class TestTokensInUrls:
    @pytest.mark.parametrize("parameter", ["token", "access_token", "jwt", "authorization"])
    def test_a_token_in_the_query_string_opens_nothing(self, api_client, world, parameter):
        token = table_token(world.table)

        response = api_client.get(f"/api/v1/menu/?{parameter}={token}")

        assert_error(response, 401, "NOT_AUTHENTICATED")

    def test_the_event_stream_refuses_a_token_in_its_url(self, api_client, world):
        response = api_client.get(f"/api/v1/events/?token={table_token(world.table)}")

        assert response.status_code in (400, 401)
        assert response.json()["error_code"] in ("VALIDATION_ERROR", "NOT_AUTHENTICATED")


@pytest.mark.django_db(transaction=True)
def test_a_slow_client_does_not_hold_up_the_others(app_server, world):
    """A client that sends half a request and waits (slowloris) ties up nothing but its own
    socket: the server keeps answering everyone else."""
    slow = []
    for _ in range(20):
        connection = socket.create_connection(("127.0.0.1", app_server.port))
        connection.sendall(
            b"POST /api/v1/auth/table/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
        )
        slow.append(connection)
    try:
        started = time.monotonic()
        status, body = app_server.request("GET", "/healthz")

        assert (status, body) == (200, {"status": "ok"})
        assert time.monotonic() - started < 2
    finally:
        for connection in slow:
            connection.close()
