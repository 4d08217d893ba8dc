"""Hostile input: whatever arrives, the answer is the contract's error (never a 500, never a
stack trace), and nothing is stored half-way."""

from __future__ import annotations

import json
import socket
import threading
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
class TestTypes:
    """JSON has types, and the contract refuses the wrong ones: no quiet coercion."""

    @pytest.mark.parametrize("quantity", ["2", 2.0, 1e1, True])
    def test_a_quantity_of_the_wrong_type_is_refused(self, tablet, menu, quantity):
        response = tablet.post(ORDERS, {"items": [{"menu_id": menu.cola.id, "quantity": quantity}]})

        assert "items.0.quantity" in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert not Order.objects.exists()

    def test_a_menu_id_as_text_is_refused(self, tablet, menu):
        response = tablet.post(ORDERS, {"items": [{"menu_id": str(menu.cola.id), "quantity": 1}]})

        assert "items.0.menu_id" in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert not Order.objects.exists()

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"store": "alpha", "table_number": " 1 ", "password": "x"}, "table_number"),
            ({"store": "alpha", "table_number": 1.0, "password": "x"}, "table_number"),
            ({"store": 7, "table_number": 1, "password": "x"}, "store"),
            ({"store": "alpha", "table_number": 1, "password": 1234}, "password"),
        ],
    )
    def test_a_login_of_the_wrong_type_is_refused(self, api_client, world, body, field):
        response = api_client.post("/api/v1/auth/table/", body, format="json")

        assert field in assert_error(response, 400, "VALIDATION_ERROR")["fields"]

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"name": 0.0}, "name"),
            ({"name": "Soups", "display_order": "3"}, "display_order"),
        ],
    )
    def test_a_category_of_the_wrong_type_is_refused(self, manager, world, body, field):
        response = manager.post(CATEGORIES, body)

        assert field in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert not Category.objects.filter(store=world.store).exists()

    def test_a_menu_item_of_the_wrong_type_is_refused(self, manager, world, menu):
        body = {"category_id": menu.mains.id, "name": "Soup", "price": "5000", "is_available": 1}

        response = manager.post("/api/v1/admin/menu-items/", body)

        fields = assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert set(fields) == {"price", "is_available"}
        assert not MenuItem.objects.filter(name="Soup").exists()

    def test_a_form_upload_still_sends_its_numbers_as_text(self, manager, world, menu):
        fields = {"category_id": str(menu.mains.id), "name": "Soup", "price": "5000"}

        response = manager.post("/api/v1/admin/menu-items/", fields, format="multipart")

        assert response.status_code == 201, response.content
        assert response.json()["price"] == 5000
        assert response.json()["is_available"] is True  # not said: on sale, not an unticked box

    @pytest.mark.parametrize(("sent", "taken"), [("0", None), ("on", None), ("false", False)])
    def test_a_form_upload_says_true_or_false_for_a_boolean(
        self, manager, world, menu, sent, taken
    ):
        """Found by fuzzing: a form's "0" was taken as false, though the schema says boolean."""
        fields = {"category_id": str(menu.mains.id), "name": "Soup", "price": "1"}

        response = manager.post(
            "/api/v1/admin/menu-items/", {**fields, "is_available": sent}, format="multipart"
        )

        if taken is None:
            assert "is_available" in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
            assert not MenuItem.objects.filter(name="Soup").exists()
        else:
            assert response.json()["is_available"] is taken


class TestQueryValues:
    """Numbers in a query string that no row can have are a 400, never a database error."""

    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/admin/orders/?table=9223372036854775808",
            "/api/v1/admin/orders/?table=-1",
            "/api/v1/admin/menu-items/?category=123456789012345678901234",
            "/api/v1/admin/menu-items/?category=first",
        ],
    )
    def test_out_of_range_ids_are_validation_errors(self, manager, world, path):
        assert_error(manager.get(path), 400, "VALIDATION_ERROR")

    @pytest.mark.parametrize(
        "path", ["/api/v1/admin/orders/?status=&table=", "/api/v1/admin/menu-items/?category="]
    )
    def test_an_empty_filter_is_no_filter(self, manager, world, path):
        assert manager.get(path).status_code == 200


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

        assert (status, body["status"]) == (200, "ok")
        assert time.monotonic() - started < 2
    finally:
        for connection in slow:
            connection.close()


def exchange(app_server, head: str, send_body=None) -> bytes:
    """The server's answer to a request written by hand; ``send_body(socket)`` writes its
    body, in a thread, for as long as the server reads it."""
    connection = socket.create_connection(("127.0.0.1", app_server.port), timeout=10)
    connection.sendall(head.replace("\n", "\r\n").encode())
    sender = None
    if send_body is not None:
        sender = threading.Thread(target=send_body, args=(connection,), daemon=True)
        sender.start()
    answer = b""
    try:
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    finally:
        connection.close()
    return answer


def order_head(world, **headers) -> str:
    lines = [
        "POST /api/v1/orders/ HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/json",
        f"Authorization: Bearer {table_token(world.table)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return "\n".join(lines) + "\n\n"


@pytest.mark.django_db(transaction=True)
class TestBodiesOverTheWire:
    """Through the ASGI server itself, where the body's size is bounded before Django reads."""

    def test_a_declared_length_over_the_limit_is_refused_before_any_is_sent(
        self, app_server, world
    ):
        started = time.monotonic()

        answer = exchange(app_server, order_head(world, **{"Content-Length": 200 * 1024 * 1024}))

        assert answer.startswith(b"HTTP/1.1 413")
        assert b'"error_code":"FILE_TOO_LARGE"' in answer
        assert time.monotonic() - started < 3
        assert not Order.objects.exists()

    def test_a_small_chunked_order_is_placed(self, app_server, world, menu):
        body = json.dumps({"items": [{"menu_id": menu.cola.id, "quantity": 2}]}).encode()
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)

        answer = exchange(
            app_server,
            order_head(world, **{"Transfer-Encoding": "chunked"}),
            send_body=lambda connection: connection.sendall(chunked),
        )

        assert answer.startswith(b"HTTP/1.1 201"), answer[:300]
        assert Order.objects.get().items.get().quantity == 2

    def test_a_chunked_body_past_the_limit_is_not_read_to_its_end(self, app_server, world):
        sent = []

        def send_forever(connection):
            piece = b"%x\r\n%s\r\n" % (65536, b" " * 65536)
            try:
                for _ in range(300 * 1024 * 1024 // 65536):  # 300 MB, if it were all read
                    connection.sendall(piece)
                    sent.append(len(piece))
            except OSError:
                pass

        answer = exchange(
            app_server, order_head(world, **{"Transfer-Encoding": "chunked"}), send_forever
        )

        assert answer.startswith(b"HTTP/1.1 413")
        assert sum(sent) < 50 * 1024 * 1024
        assert not Order.objects.exists()
