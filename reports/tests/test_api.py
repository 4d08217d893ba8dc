"""``/api/v1/admin/reports/``: the figures as the contract shows them, bad periods refused on
their field, and nobody but the store's manager gets in."""

from __future__ import annotations

import pytest

from conftest import assert_error, bearer_client
from stores.tokens import manager_token, table_token

SALES = "/api/v1/admin/reports/sales/"
DAY_CLOSE = "/api/v1/admin/reports/day-close/"
NO_SALES = {"orders": 0, "revenue": 0}


def hours(**sold: tuple[int, int]) -> list[dict]:
    """Every hour from 05 to 04, with ``h12=(orders, revenue)`` for those with sales."""
    return [
        {
            "hour": hour,
            **dict(zip(("orders", "revenue"), sold.get(f"h{hour}", (0, 0)), strict=True)),
        }
        for hour in (*range(5, 24), *range(5))
    ]


class TestSales:
    def test_a_business_day_as_the_contract_shows_it(self, manager_client, menu, options, sales):
        response = manager_client.get(SALES, {"day": "2026-12-01"})

        assert response.status_code == 200
        assert response.json() == {
            "period": {
                "kind": "day",
                "first_day": "2026-12-01",
                "last_day": "2026-12-01",
                "starts_at": "2026-11-30T20:00:00Z",  # 05:00 in Seoul
                "ends_at": "2026-12-01T20:00:00Z",
            },
            "previous_period": {
                "kind": "day",
                "first_day": "2026-11-30",
                "last_day": "2026-11-30",
                "starts_at": "2026-11-29T20:00:00Z",
                "ends_at": "2026-11-30T20:00:00Z",
            },
            "totals": {
                "revenue": 38_000,
                "orders": 3,
                "visits": 2,
                "average_per_visit": 19_000,
                "average_per_order": 12_667,
                "deleted_orders": 1,
                "deleted_amount": 9_000,
            },
            "previous_totals": {
                "revenue": 16_000,
                "orders": 1,
                "visits": 1,
                "average_per_visit": 16_000,
                "average_per_order": 16_000,
                "deleted_orders": 0,
                "deleted_amount": 0,
            },
            "items": [
                {"menu_id": menu.cola.id, "name": "Cola", "quantity": 4, "revenue": 8_000},
                {"menu_id": menu.bibimbap.id, "name": "Bibimbap", "quantity": 2, "revenue": 22_000},
                {"menu_id": menu.stew.id, "name": "Kimchi stew", "quantity": 1, "revenue": 8_000},
            ],
            "options": [
                {"group": "Add-ons", "name": "Cheese", "quantity": 2, "revenue": 4_000},
                {"group": "Spice level", "name": "Hot", "quantity": 2, "revenue": 0},
            ],
            "categories": [
                {"category_id": menu.mains.id, "name": "Mains", "quantity": 3, "revenue": 30_000},
                {"category_id": menu.drinks.id, "name": "Drinks", "quantity": 4, "revenue": 8_000},
            ],
            "tables": [
                {
                    "table_id": sales.lunch.visit.table_id,
                    "number": 1,
                    "orders": 2,
                    "revenue": 30_000,
                },
                {
                    "table_id": sales.dinner.visit.table_id,
                    "number": 2,
                    "orders": 1,
                    "revenue": 8_000,
                },
            ],
            "hours": hours(h12=(1, 24_000), h19=(1, 8_000), h1=(1, 6_000)),
            "days": [{"date": "2026-12-01", "orders": 3, "revenue": 38_000}],
        }

    def test_a_month_a_week_and_a_range(self, manager_client, sales):
        for query, days in (
            ({"month": "2026-12"}, 31),
            ({"week": "2026-W49"}, 7),
            ({"date_from": "2026-11-30", "date_to": "2026-12-02"}, 3),
        ):
            body = manager_client.get(SALES, query).json()

            assert len(body["days"]) == days, query
            assert body["totals"]["revenue"] == sum(day["revenue"] for day in body["days"])

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ({"day": "2026-02-30"}, "day"),
            ({"day": "1999-12-31"}, "day"),
            ({"week": "2026-48"}, "week"),
            ({"week": "2026-W60"}, "week"),
            ({"month": "2026-13"}, "month"),
            ({"date_from": "2026-11-01"}, "date_to"),
            ({"date_from": "2026-11-02", "date_to": "2026-11-01"}, "date_from"),
            ({"date_from": "2025-01-01", "date_to": "2026-12-31"}, "date_to"),
            ({"day": "2026-11-01", "week": "2026-W48"}, "week"),
        ],
    )
    def test_a_bad_period_is_refused_on_its_field(self, manager_client, query, field):
        body = assert_error(manager_client.get(SALES, query), 400, "VALIDATION_ERROR")

        assert list(body["fields"]) == [field]

    def test_another_stores_manager_sees_only_their_own(self, other_manager_client, sales):
        body = other_manager_client.get(SALES, {"day": "2026-12-01"}).json()

        assert body["totals"]["revenue"] == 7_000
        assert [item["name"] for item in body["items"]] == ["Ramen"]

    def test_nobody_else_gets_in(self, api_client, world):
        for url in (SALES, DAY_CLOSE):
            assert_error(api_client.get(url), 401, "NOT_AUTHENTICATED")
            table = bearer_client(table_token(world.table))
            assert_error(table.get(url), 403, "PERMISSION_DENIED")
            assert_error(api_client.post(url, {}), 401, "NOT_AUTHENTICATED")


class TestDayClose:
    def test_the_days_close_as_of_now(self, world, sales, time_machine):
        time_machine.move_to("2026-12-01T17:30:00Z", tick=False)  # 02:30 in Seoul
        manager_client = bearer_client(manager_token(world.manager))  # signed in then

        response = manager_client.get(DAY_CLOSE, {"day": "2026-12-01"})

        assert response.status_code == 200
        body = response.json()
        assert body["printed_at"] == "2026-12-01T17:30:00Z"
        assert body["totals"]["revenue"] == 38_000
        assert body["previous_totals"]["revenue"] == 16_000
        assert [(c["name"], c["revenue"]) for c in body["categories"]] == [
            ("Mains", 30_000),
            ("Drinks", 8_000),
        ]
        assert body["hours"] == hours(h12=(1, 24_000), h19=(1, 8_000), h1=(1, 6_000))
        assert body["deleted_orders"] == [
            {
                "number": sales.mistake.number,
                "table_number": 1,
                "from_status": "pending",
                "total_amount": 9_000,
                "deleted_at": "2026-12-01T04:05:00Z",
                "actor": f"manager:{world.manager.id}:manager",
            }
        ]
        assert [
            (v["table_number"], v["order_count"], v["total_amount"]) for v in body["open_visits"]
        ] == [
            (1, 2, 30_000),
            (2, 2, 16_000),
        ]

    def test_without_a_day_it_is_the_business_day_now(self, world, sales, time_machine):
        time_machine.move_to("2026-12-01T17:30:00Z", tick=False)  # 02:30 on 12-02 in Seoul
        manager_client = bearer_client(manager_token(world.manager))

        for query in ({}, {"day": ""}):  # an empty value is as none, as everywhere
            body = manager_client.get(DAY_CLOSE, query).json()

            assert body["period"]["first_day"] == "2026-12-01"

    def test_a_bad_day_is_refused(self, manager_client):
        body = assert_error(manager_client.get(DAY_CLOSE, {"day": "soon"}), 400, "VALIDATION_ERROR")

        assert list(body["fields"]) == ["day"]
