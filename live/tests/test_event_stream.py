"""/api/v1/events/ and the kitchen's /api/v1/events/kitchen/ under uvicorn, over real sockets:
who hears what, replay, rollback, keep-alive (across server processes: test_event_relay)."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from live import publish
from live.channels import store_channel, table_channel
from live.sse import KEEP_ALIVE_SECONDS
from live.storage import channel_position
from orders.order_lines import OrderLine
from orders.services import order_place
from stores.services import table_set_password
from stores.tokens import manager_token, table_token
from testsupport.live_server import AsgiServer, allow_many_connections

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server(world, menu):
    server = AsgiServer()
    yield server
    server.stop()


def place(server, table, *items) -> dict:
    body = {"items": [{"menu_id": item.id, "quantity": 1} for item in items]}
    status, order = server.request("POST", "/api/v1/orders/", body, str(table_token(table)))
    assert status == 201, order
    return order


def manager_request(server, world, method, path, body=None, manager=None):
    return server.request(method, path, body, str(manager_token(manager or world.manager)))


class TestWhoHearsWhat:
    def test_each_caller_receives_exactly_its_events(self, server, clients, world, menu):
        before = channel_position(store_channel(world.store.id))  # its tables' making
        dashboard = clients(server, manager_token(world.manager))
        tablet = clients(server, table_token(world.table))
        other_tablet = clients(server, table_token(world.other_table))
        their_dashboard = clients(server, manager_token(world.other_manager))

        order = place(server, world.table, menu.cola)
        new_order = dashboard.next()
        manager_request(
            server, world, "PATCH", f"/api/v1/admin/orders/{order['id']}/", {"status": "preparing"}
        )
        store_update, table_update = dashboard.next(), tablet.next()
        manager_request(server, world, "DELETE", f"/api/v1/admin/orders/{order['id']}/")
        store_delete, table_delete = dashboard.next(), tablet.next()
        place(server, world.table, menu.stew)
        dashboard.next()
        manager_request(server, world, "POST", f"/api/v1/admin/tables/{world.table.id}/complete/")
        store_reset, table_reset = dashboard.next(), tablet.next()

        # The store's floor hears whether an order is new; its table does not.
        assert (new_order.type, new_order.json()) == ("new_order", {**order, "seen_at": None})
        assert new_order.id == f"{store_channel(world.store.id)}:{before + 1}"
        assert store_update.type == table_update.type == "order_updated"
        assert store_update.json()["status"] == table_update.json()["status"] == "preparing"
        assert store_update.json()["seen_at"] is not None  # moving it on was seeing it
        assert table_update.json() == {
            name: value for name, value in store_update.json().items() if name != "seen_at"
        }
        # A tablet listens to its table and its menu: the id names the position in each channel.
        positions = dict(part.split(":") for part in table_update.id.split(","))
        assert positions[table_channel(world.table.id)] == "1"
        deleted = {"id": order["id"], "number": 1, "table": {"id": world.table.id, "number": 1}}
        assert (store_delete.type, store_delete.json()) == ("order_deleted", deleted)
        assert (table_delete.type, table_delete.json()) == ("order_deleted", deleted)
        assert store_reset.type == table_reset.type == "table_reset"
        assert table_reset.json()["table"] == {"id": world.table.id, "number": 1}
        assert table_reset.json()["session_id"] == order["session_id"]
        # The tablet hears nothing of new orders, the others nothing at all.
        assert tablet.next(timeout=0.5) is None
        assert other_tablet.next(timeout=0.5) is None
        assert their_dashboard.next(timeout=0.5) is None

    def test_a_manager_session_cookie_works(self, server, clients, world, menu, client):
        client.force_login(world.manager)
        cookie = f"sessionid={client.cookies['sessionid'].value}"
        dashboard = clients(server, Cookie=cookie)

        order = place(server, world.table, menu.cola)

        assert dashboard.next().json()["id"] == order["id"]

    @pytest.mark.parametrize(
        ("authorization", "error_code"),
        [(None, "NOT_AUTHENTICATED"), ("Bearer nonsense", "TOKEN_INVALID")],
    )
    def test_no_or_bad_credentials_get_401(self, server, clients, authorization, error_code):
        headers = {"Authorization": authorization} if authorization else {}
        stream = clients(server, **headers)

        assert stream.status == 401
        assert b'"error_code": "%s"' % error_code.encode() in stream.body

    def test_a_token_in_the_url_is_refused(self, server, world):
        token = str(manager_token(world.manager))

        status, body = server.request("GET", f"/api/v1/events/?token={token}")

        assert status == 400
        assert body["error_code"] == "VALIDATION_ERROR"

    def test_nobody_picks_their_channel(self, server, world):
        token = str(table_token(world.table))
        channel = store_channel(world.store.id)

        status, _ = server.request("GET", f"/api/v1/events/?channel={channel}", token=token)

        assert status == 400


KITCHEN_FEED = "/api/v1/events/kitchen/"


def session_cookie(client, user) -> str:
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


class TestKitchenFeed:
    def test_kitchen_displays_hear_the_kitchens_events_only(
        self, server, clients, world, menu, client, kitchen_account
    ):
        display = clients(server, path=KITCHEN_FEED, Cookie=session_cookie(client, kitchen_account))
        managers_display = clients(server, manager_token(world.manager), path=KITCHEN_FEED)
        theirs = clients(server, manager_token(world.other_manager), path=KITCHEN_FEED)

        order = place(server, world.table, menu.cola)
        status, _ = server.request(
            "POST",
            f"/api/v1/kitchen/orders/{order['id']}/bump/",
            {"status": "preparing"},
            str(manager_token(world.manager)),
        )

        assert status == 200
        placed, started = display.next(), display.next()
        assert (placed.type, placed.json()["id"]) == ("kitchen_order", order["id"])
        assert placed.json()["lines"][0]["name"] == "Cola"
        assert "price" not in placed.data
        assert started.json()["tickets"][0]["status"] == "preparing"
        assert managers_display.next().json()["id"] == order["id"]
        assert theirs.next(timeout=0.5) is None

    def test_a_kitchen_account_is_refused_the_floors_feed(
        self, server, clients, world, client, kitchen_account
    ):
        stream = clients(server, Cookie=session_cookie(client, kitchen_account))

        assert stream.status == 403
        assert b'"error_code": "PERMISSION_DENIED"' in stream.body

    def test_a_tablet_is_refused_the_kitchens_feed(self, server, clients, world):
        stream = clients(server, table_token(world.table), path=KITCHEN_FEED)

        assert stream.status == 403


class TestReliability:
    def test_a_client_that_reconnects_gets_what_it_missed_in_order(
        self, server, clients, world, menu
    ):
        dashboard = clients(server, manager_token(world.manager))
        place(server, world.table, menu.cola)
        seen = dashboard.next()
        dashboard.close()

        missed = [place(server, world.table, menu.stew)["id"] for _ in range(3)]
        again = clients(server, manager_token(world.manager), **{"Last-Event-ID": seen.id})
        replayed = [again.next() for _ in range(3)]
        live = place(server, world.table, menu.cola)

        assert [event.json()["id"] for event in replayed] == missed
        assert [event.type for event in replayed] == ["new_order"] * 3
        assert again.next().json()["id"] == live["id"]

    def test_a_rolled_back_order_sends_nothing(self, server, clients, world, menu):
        before = channel_position(store_channel(world.store.id))
        dashboard = clients(server, manager_token(world.manager))

        status, body = server.request(
            "POST",
            "/api/v1/orders/",
            {
                "items": [
                    {"menu_id": menu.cola.id, "quantity": 1},
                    {"menu_id": menu.sold_out.id, "quantity": 1},
                ]
            },
            str(table_token(world.table)),
        )

        assert (status, body["error_code"]) == (409, "MENU_UNAVAILABLE")
        assert dashboard.next(timeout=1) is None
        order = place(server, world.table, menu.cola)
        event = dashboard.next()
        assert event.json()["id"] == order["id"]
        assert event.id == f"{store_channel(world.store.id)}:{before + 1}"  # nothing in between

    def test_an_order_whose_delivery_was_lost_is_replayed(
        self, server, clients, world, menu, monkeypatch
    ):
        """The event is stored with the order, not after it: placed by a process that dies
        right after the commit (no after-commit work runs), it still reaches a reconnecting
        dashboard."""
        dashboard = clients(server, manager_token(world.manager))
        place(server, world.table, menu.cola)
        seen = dashboard.next()

        monkeypatch.setattr(publish.transaction, "on_commit", lambda *args, **kwargs: None)
        undelivered = order_place(
            table=world.table, lines=[OrderLine(menu_id=menu.stew.id, quantity=1)]
        ).order

        assert dashboard.next(timeout=1) is None
        again = clients(server, manager_token(world.manager), **{"Last-Event-ID": seen.id})
        replayed = again.next()
        assert (replayed.type, replayed.json()["id"]) == ("new_order", undelivered.id)

    @pytest.mark.parametrize("last_event_id", ["store-1:abc", "error", "x" * 300, "store-1"])
    def test_a_malformed_last_event_id_starts_a_fresh_stream(
        self, server, clients, world, menu, last_event_id
    ):
        dashboard = clients(
            server, manager_token(world.manager), **{"Last-Event-ID": last_event_id}
        )

        order = place(server, world.table, menu.cola)

        assert dashboard.status == 200
        assert dashboard.next().json()["id"] == order["id"]

    def test_a_resume_position_in_the_url_is_refused(self, server, world):
        token = str(manager_token(world.manager))

        status, body = server.request("GET", "/api/v1/events/?lastEventId=store-1:0", token=token)

        assert (status, body["error_code"]) == (400, "VALIDATION_ERROR")

    @pytest.mark.slow
    def test_its_headers_keep_proxies_and_caches_out(self, server, clients, world):
        stream = clients(server, manager_token(world.manager))

        assert stream.headers["Content-Type"].startswith("text/event-stream")
        assert stream.headers["Cache-Control"] == "no-cache"
        assert stream.headers["X-Accel-Buffering"] == "no"
        # No document: no policy for one, held for the stream's life (docs/performance.md).
        assert "Content-Security-Policy" not in stream.headers
        assert stream.headers["X-Content-Type-Options"] == "nosniff"

    def test_a_keep_alive_comes_within_30_seconds(self, server, clients, world):
        dashboard = clients(server, manager_token(world.manager))

        started = time.monotonic()
        event = dashboard.next(timeout=30, skip=("stream-open",))

        assert event is not None
        assert event.type == "keep-alive"
        assert time.monotonic() - started < 30


@pytest.mark.slow
class TestRevokedCallers:
    """A stream ends within a keep-alive of its caller's revocation; its reconnection is
    refused. (The wait allows the keep-alive a loaded machine's delay: CI runs its two
    passes side by side.)"""

    def test_a_new_table_password_ends_the_tablets_stream(self, server, clients, world):
        token = table_token(world.table)
        tablet = clients(server, token)
        other = clients(server, table_token(world.other_table))

        table_set_password(table=world.table, password="new-password-3")

        assert tablet.ended(timeout=KEEP_ALIVE_SECONDS + 15)
        assert not other.ended(timeout=0)
        assert clients(server, token).status == 401
        assert clients(server, table_token(world.table)).status == 200  # a token made now

    def test_a_deactivated_manager_hears_no_more(self, server, clients, world, client):
        client.force_login(world.manager)
        by_session = clients(server, Cookie=f"sessionid={client.cookies['sessionid'].value}")
        by_token = clients(server, manager_token(world.manager))

        world.manager.is_active = False
        world.manager.save(update_fields=["is_active"])

        assert by_session.ended(timeout=KEEP_ALIVE_SECONDS + 15)
        assert by_token.ended(timeout=5)

    def test_a_busy_stream_checks_its_caller_too(self, server, clients, world, menu):
        dashboard = clients(server, manager_token(world.manager))
        world.manager.is_active = False
        world.manager.save(update_fields=["is_active"])

        # An order a second: the stream is never silent, and still says keep-alive.
        deadline, heard = time.monotonic() + KEEP_ALIVE_SECONDS + 15, 0
        while not dashboard.ended(timeout=1) and time.monotonic() < deadline:
            place(server, world.table, menu.cola)
            heard += dashboard.next(timeout=2, skip=("stream-open", "keep-alive")) is not None

        assert dashboard.ended(timeout=0)
        assert heard >= KEEP_ALIVE_SECONDS // 2

    def test_a_session_signed_out_or_expired_hears_no_more(self, server, clients, world):
        signed_out, expired, still_in = Client(), Client(), Client()
        for browser in (signed_out, expired, still_in):
            browser.force_login(world.manager)
        cookies = {
            browser: f"sessionid={browser.cookies['sessionid'].value}"
            for browser in (signed_out, expired, still_in)
        }
        streams = {browser: clients(server, Cookie=cookie) for browser, cookie in cookies.items()}

        signed_out.logout()
        Session.objects.filter(session_key=expired.session.session_key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )

        assert streams[signed_out].ended(timeout=KEEP_ALIVE_SECONDS + 15)
        assert streams[expired].ended(timeout=5)
        assert not streams[still_in].ended(timeout=0)
        assert clients(server, Cookie=cookies[signed_out]).status == 401
        assert clients(server, Cookie=cookies[expired]).status == 401


def server_threads(server: AsgiServer) -> int:
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("Threads:")).split()[1])


async def open_idle_streams(server: AsgiServer, token: str, count: int) -> list:
    """``count`` streams, each read until its ``stream-open``, then left open and idle."""

    async def open_one():
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(
            f"GET /api/v1/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {token}\r\n\r\n".encode()
        )
        await reader.readuntil(b"event: stream-open")
        return writer

    return await asyncio.gather(*(open_one() for _ in range(count)))


@pytest.fixture
def many_connections():
    allow_many_connections()  # before the server starts: it inherits the limit


@pytest.mark.slow
def test_a_thousand_idle_streams_do_not_hold_a_thread_each(many_connections, world):
    server = AsgiServer()
    token = str(manager_token(world.manager))

    async def measure() -> tuple[int, int]:
        (first,) = await open_idle_streams(server, token, 1)
        before = server_threads(server)
        streams = await open_idle_streams(server, token, 1000)
        after = server_threads(server)
        for writer in [first, *streams]:
            writer.close()
        return before, after

    try:
        before, after = asyncio.run(measure())
    finally:
        server.stop()

    assert after <= before + 2
