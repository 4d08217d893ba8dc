"""Sold out for the day: back by itself when the store's next business day begins (05:00 in
the stores' time zone unless the store says otherwise), with no job to run; an item or a
choice; through the manager's API, seen by tablets, refused by ordering."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from conftest import assert_error, bearer_client
from stores.tokens import manager_token, table_token

SEOUL = ZoneInfo("Asia/Seoul")
ITEMS = "/api/v1/admin/menu-items/"
MENU = "/api/v1/menu/"
ORDERS = "/api/v1/orders/"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SEOUL)


@pytest.fixture
def manager_client(world):
    """Store alpha's manager, signed in at the time the test travels to."""
    return TravellingClient(lambda: manager_token(world.manager))


@pytest.fixture
def table_client(world):
    return TravellingClient(lambda: table_token(world.table))


class TravellingClient:
    """A client whose bearer token is issued afresh for every request, at the test's time."""

    def __init__(self, token) -> None:
        self.token = token

    def __getattr__(self, method):
        return lambda *args, **kwargs: getattr(bearer_client(self.token()), method)(*args, **kwargs)


def dish(table_client, name: str) -> dict:
    items = [i for c in table_client.get(MENU).json()["categories"] for i in c["menu_items"]]
    return next(item for item in items if item["name"] == name)


class TestSoldOutToday:
    def test_an_item_sold_out_at_night_is_back_at_five_the_next_morning(
        self, manager_client, table_client, menu
    ):
        with time_machine.travel(at(1, 21), tick=False):
            response = manager_client.patch(
                f"{ITEMS}{menu.cola.id}/", {"sold_out_today": True}, format="json"
            )
            assert response.status_code == 200
            assert response.json()["is_available"] is False
            assert response.json()["sold_out_until"] == "2026-12-01T20:00:00Z"  # 05:00 KST
            etag = table_client.get(MENU)["ETag"]
            assert dish(table_client, "Cola")["is_available"] is False
            body = {"items": [{"menu_id": menu.cola.id, "quantity": 1}]}
            assert_error(table_client.post(ORDERS, body, format="json"), 409, "MENU_UNAVAILABLE")

        with time_machine.travel(at(2, 4, 59), tick=False):
            assert dish(table_client, "Cola")["is_available"] is False

        with time_machine.travel(at(2, 5), tick=False):
            assert table_client.get(MENU, HTTP_IF_NONE_MATCH=etag).status_code == 200
            assert dish(table_client, "Cola")["is_available"] is True
            assert table_client.post(ORDERS, body, format="json").status_code == 201

    def test_sold_out_until_changed_stays_sold_out(self, manager_client, table_client, menu):
        with time_machine.travel(at(1, 21), tick=False):
            manager_client.patch(f"{ITEMS}{menu.cola.id}/", {"is_available": False}, format="json")

        with time_machine.travel(at(3, 12), tick=False):
            assert dish(table_client, "Cola")["is_available"] is False

    def test_bringing_it_back_ends_the_day_early(self, manager_client, table_client, menu):
        with time_machine.travel(at(1, 21), tick=False):
            path = f"{ITEMS}{menu.cola.id}/"
            manager_client.patch(path, {"sold_out_today": True}, format="json")
            response = manager_client.patch(path, {"is_available": True}, format="json")

            assert response.json()["sold_out_until"] is None
            assert dish(table_client, "Cola")["is_available"] is True

    def test_a_choice_sold_out_for_the_day(self, manager_client, table_client, menu, options):
        line = {"menu_id": menu.bibimbap.id, "quantity": 1, "option_ids": [options.hot.id]}
        with time_machine.travel(at(1, 21), tick=False):
            response = manager_client.patch(
                f"/api/v1/admin/option-choices/{options.hot.id}/",
                {"sold_out_today": True},
                format="json",
            )
            assert response.status_code == 200
            choices = dish(table_client, "Bibimbap")["option_groups"][0]["choices"]
            assert [c["is_available"] for c in choices] == [True, False, True]
            response = table_client.post(ORDERS, {"items": [line]}, format="json")
            assert_error(response, 409, "MENU_UNAVAILABLE")

        with time_machine.travel(at(2, 5, 1), tick=False):
            assert table_client.post(ORDERS, {"items": [line]}, format="json").status_code == 201

    def test_a_choice_needs_something_to_change(self, manager_client, options):
        response = manager_client.patch(
            f"/api/v1/admin/option-choices/{options.hot.id}/", {}, format="json"
        )

        assert_error(response, 400, "VALIDATION_ERROR")
