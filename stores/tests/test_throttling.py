"""General rate limits: each table, manager and anonymous address has its own budget, and
going over it answers the contract's 429 THROTTLED with Retry-After."""

from __future__ import annotations

import pytest

from conftest import bearer_client
from stores.tokens import manager_token, table_token


@pytest.fixture
def limits(settings):
    settings.API_RATE_LIMITS = {"table": "3/minute", "manager": "2/minute", "anonymous": "2/minute"}


def assert_throttled(response) -> None:
    assert response.status_code == 429
    body = response.json()
    assert body["error_code"] == "THROTTLED"
    assert set(body) == {"detail", "error_code", "timestamp"}
    assert 0 < int(response["Retry-After"]) <= 60


def test_a_table_over_its_budget_is_throttled_and_others_are_not(limits, world, menu):
    mine = bearer_client(table_token(world.table))
    for _ in range(3):
        assert mine.get("/api/v1/menu/").status_code == 200

    assert_throttled(mine.get("/api/v1/menu/"))
    assert bearer_client(table_token(world.other_table)).get("/api/v1/menu/").status_code == 200
    assert (
        bearer_client(manager_token(world.manager)).get("/api/v1/admin/tables/").status_code == 200
    )


def test_a_manager_over_its_budget_is_throttled(limits, world):
    client = bearer_client(manager_token(world.manager))
    for _ in range(2):
        assert client.get("/api/v1/admin/tables/").status_code == 200

    assert_throttled(client.get("/api/v1/admin/orders/"))
    other = bearer_client(manager_token(world.other_manager))
    assert other.get("/api/v1/admin/tables/").status_code == 200


def test_logins_from_one_address_are_throttled_whatever_the_usernames(limits, world, api_client):
    """Brute force across many usernames: the per-username lockout never trips, this does."""
    for username in ("anna", "bob"):
        response = api_client.post(
            "/api/v1/auth/admin/",
            {"store": "alpha", "username": username, "password": "guess"},
            format="json",
        )
        assert response.status_code == 401

    response = api_client.post(
        "/api/v1/auth/admin/",
        {"store": "alpha", "username": "carol", "password": "guess"},
        format="json",
    )

    assert_throttled(response)
    other_address = api_client.post(
        "/api/v1/auth/admin/",
        {"store": "alpha", "username": "manager", "password": "manager-pass-1"},
        format="json",
        REMOTE_ADDR="203.0.113.9",
    )
    assert other_address.status_code == 200


def test_off_means_no_limit(settings, world):
    settings.API_RATE_LIMITS = {"table": None, "manager": None, "anonymous": None}
    client = bearer_client(table_token(world.table))

    assert all(client.get("/api/v1/menu/").status_code == 200 for _ in range(50))
