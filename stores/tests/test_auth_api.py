"""POST /api/v1/auth/table/ and /api/v1/auth/admin/: tokens, uniform failures, lockout."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from conftest import MANAGER_PASSWORD, TABLE_PASSWORD, assert_error
from stores import services
from stores.models import DeviceCredential, LoginThrottle

TABLE_LOGIN = "/api/v1/auth/table/"
MANAGER_LOGIN = "/api/v1/auth/admin/"
DEVICE_LOGIN = "/api/v1/auth/table/device/"
SIXTEEN_HOURS = 16 * 3600


def decode(access: str) -> dict:
    return jwt.decode(access, settings.SECRET_KEY, algorithms=["HS256"])


def table_login(client, *, store="alpha", number=1, password=TABLE_PASSWORD, address="127.0.0.1"):
    body = {"store": store, "table_number": number, "password": password}
    return client.post(TABLE_LOGIN, body, format="json", REMOTE_ADDR=address)


def manager_login(client, *, store="alpha", username="manager", password=MANAGER_PASSWORD):
    body = {"store": store, "username": username, "password": password}
    return client.post(MANAGER_LOGIN, body, format="json")


class TestDeviceLogin:
    """A tablet signs in again with the credential its setup gave it, never its password."""

    def device_login(self, client, device_token):
        return client.post(DEVICE_LOGIN, {"device_token": device_token}, format="json")

    def test_gives_a_token_for_the_table_that_was_set_up(self, api_client, world):
        device_token = table_login(api_client).json()["device_token"]

        response = self.device_login(api_client, device_token)

        assert response.status_code == 200
        body = response.json()
        assert body == {
            "access": body["access"],
            "token_type": "Bearer",
            "expires_in": SIXTEEN_HOURS,
            "store": {"id": world.store.id, "code": "alpha", "name": "Alpha Grill"},
            "table": {"id": world.table.id, "number": 1},
        }
        assert decode(body["access"])["table_id"] == world.table.id
        assert DeviceCredential.objects.get().last_used_at is not None

    def test_a_new_table_password_ends_it(self, api_client, world):
        device_token = table_login(api_client).json()["device_token"]

        services.table_set_password(table=world.table, password="another-one")

        assert_error(self.device_login(api_client, device_token), 401, "TOKEN_INVALID")
        assert table_login(api_client, password="another-one").status_code == 200  # at once

    def test_deleting_the_table_ends_it(self, api_client, world):
        device_token = table_login(api_client, number=2).json()["device_token"]

        services.table_delete(table=world.other_table)

        assert_error(self.device_login(api_client, device_token), 401, "TOKEN_INVALID")

    def test_other_tables_credentials_stay(self, api_client, world):
        mine = table_login(api_client).json()["device_token"]

        services.table_set_password(table=world.other_table, password="another-one")

        assert self.device_login(api_client, mine).status_code == 200

    def test_unknown_credentials_never_lock_the_table_out(self, api_client, world):
        for _ in range(8):
            assert_error(self.device_login(api_client, "x" * 43), 401, "TOKEN_INVALID")

        assert not LoginThrottle.objects.exists()
        assert table_login(api_client).status_code == 200

    @pytest.mark.parametrize("body", [{}, {"device_token": 12}, {"device_token": "x" * 101}])
    def test_malformed_bodies_are_validation_errors(self, api_client, db, body):
        response = api_client.post(DEVICE_LOGIN, body, format="json")

        assert_error(response, 400, "VALIDATION_ERROR")

    def test_only_the_digest_is_kept(self, api_client, world):
        device_token = table_login(api_client).json()["device_token"]

        assert device_token not in str(list(DeviceCredential.objects.values()))


class TestTableLogin:
    def test_answers_the_contract_with_a_table_token(self, api_client, world):
        response = table_login(api_client)

        assert response.status_code == 200
        body = response.json()
        assert body == {
            "access": body["access"],
            "token_type": "Bearer",
            "expires_in": SIXTEEN_HOURS,
            "store": {"id": world.store.id, "code": "alpha", "name": "Alpha Grill"},
            "table": {"id": world.table.id, "number": 1},
            "device_token": body["device_token"],
        }
        assert len(body["device_token"]) >= 40

    def test_token_carries_the_table_claims_for_16_hours(self, api_client, world):
        claims = decode(table_login(api_client).json()["access"])

        assert claims["sub"] == f"table:{world.table.id}"
        assert claims["store_id"] == world.store.id
        assert claims["table_id"] == world.table.id
        assert claims["is_admin"] is False
        assert "manager_id" not in claims
        assert claims["exp"] - claims["iat"] == SIXTEEN_HOURS
        assert claims["jti"]
        # The contract's claims, plus our credentials fingerprint; nothing else.
        assert set(claims) == {"sub", "store_id", "table_id", "is_admin", "exp", "iat", "jti"} | {
            "cred"
        }

    def test_lifetime_follows_the_setting(self, api_client, world, settings):
        settings.JWT_ACCESS_HOURS = 2

        response = table_login(api_client)

        claims = decode(response.json()["access"])
        assert claims["exp"] - claims["iat"] == 2 * 3600
        assert response.json()["expires_in"] == 2 * 3600

    def test_store_code_is_not_case_sensitive(self, api_client, world):
        assert table_login(api_client, store=" Alpha ").status_code == 200

    @pytest.mark.parametrize(
        "wrong",
        [
            {"store": "nowhere"},
            {"store": "beta", "number": 1, "password": "wrong"},
            {"number": 7},
            {"password": "wrong"},
            {"password": ""},
        ],
        ids=["unknown store", "other store", "unknown table", "wrong password", "empty password"],
    )
    def test_every_wrong_login_gives_the_same_401(self, api_client, world, wrong):
        response = table_login(api_client, **wrong)

        body = assert_error(response, 401, "INVALID_CREDENTIALS")
        assert body["detail"] == "Invalid credentials."
        assert "access" not in body

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"store": "alpha", "table_number": "one", "password": "x"}, "table_number"),
            ({"store": "alpha", "table_number": 0, "password": "x"}, "table_number"),
            ({"store": "alpha", "table_number": 1000, "password": "x"}, "table_number"),
            ({"table_number": 1, "password": "x"}, "store"),
            ({"store": "alpha", "table_number": 1}, "password"),
            ({"store": ["alpha"], "table_number": 1, "password": "x"}, "store"),
        ],
    )
    def test_malformed_bodies_are_validation_errors(self, api_client, world, body, field):
        response = api_client.post(TABLE_LOGIN, body, format="json")

        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert field in body["fields"]

    def test_only_post_is_allowed(self, api_client, db):
        assert_error(api_client.get(TABLE_LOGIN), 405, "METHOD_NOT_ALLOWED")


class TestManagerLogin:
    def test_answers_the_contract_with_a_manager_token(self, api_client, world):
        response = manager_login(api_client)

        assert response.status_code == 200
        body = response.json()
        assert body == {
            "access": body["access"],
            "token_type": "Bearer",
            "expires_in": SIXTEEN_HOURS,
            "store": {"id": world.store.id, "code": "alpha", "name": "Alpha Grill"},
            "manager": {"id": world.manager.id, "username": "manager"},
        }

    def test_token_carries_the_manager_claims_for_16_hours(self, api_client, world):
        claims = decode(manager_login(api_client).json()["access"])

        assert claims["sub"] == f"admin:{world.store.id}"
        assert claims["store_id"] == world.store.id
        assert claims["table_id"] is None
        assert claims["is_admin"] is True
        assert claims["manager_id"] == world.manager.id
        assert claims["exp"] - claims["iat"] == SIXTEEN_HOURS
        assert set(claims) == {
            "sub",
            "store_id",
            "table_id",
            "is_admin",
            "manager_id",
            "exp",
            "iat",
            "jti",
            "cred",
        }

    def test_same_username_in_two_stores_logs_into_each_own_store(self, api_client, world):
        theirs = manager_login(api_client, store="beta")

        assert theirs.json()["manager"]["id"] == world.other_manager.id
        assert decode(theirs.json()["access"])["store_id"] == world.other_store.id

    @pytest.mark.parametrize(
        "wrong",
        [{"store": "nowhere"}, {"username": "nobody"}, {"password": "wrong"}],
        ids=["unknown store", "unknown username", "wrong password"],
    )
    def test_every_wrong_login_gives_the_same_401(self, api_client, world, wrong):
        assert_error(manager_login(api_client, **wrong), 401, "INVALID_CREDENTIALS")

    def test_a_deactivated_manager_cannot_log_in(self, api_client, world):
        world.manager.is_active = False
        world.manager.save()

        assert_error(manager_login(api_client), 401, "INVALID_CREDENTIALS")

    def test_platform_staff_cannot_log_in_as_a_manager(self, api_client, world, django_user_model):
        django_user_model.objects.create_superuser(username="root", password="staff-pass-1")

        assert_error(
            manager_login(api_client, username="root", password="staff-pass-1"),
            401,
            "INVALID_CREDENTIALS",
        )


class TestLockout:
    def fail(self, client, times: int, **kwargs):
        for _ in range(times):
            assert_error(
                table_login(client, password="wrong", **kwargs), 401, "INVALID_CREDENTIALS"
            )

    def test_five_failures_lock_out_even_the_right_password(self, api_client, world):
        self.fail(api_client, 5)

        response = table_login(api_client)

        assert_error(response, 429, "TOO_MANY_ATTEMPTS")
        assert 0 < int(response["Retry-After"]) <= 15 * 60

    def test_lockout_ends_after_15_minutes(self, api_client, world):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            self.fail(api_client, 5)
            clock.shift(timedelta(minutes=14, seconds=59))
            response = table_login(api_client)
            assert_error(response, 429, "TOO_MANY_ATTEMPTS")
            assert response["Retry-After"] == "1"

            clock.shift(timedelta(seconds=1))
            assert table_login(api_client).status_code == 200

    def test_failures_older_than_15_minutes_do_not_count(self, api_client, world):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            self.fail(api_client, 4)
            clock.shift(timedelta(minutes=16))
            self.fail(api_client, 4)

            assert table_login(api_client).status_code == 200

    def test_success_resets_the_count(self, api_client, world):
        self.fail(api_client, 4)
        assert table_login(api_client).status_code == 200

        self.fail(api_client, 4)

        assert table_login(api_client).status_code == 200

    def test_lockout_is_per_store_and_table(self, api_client, world):
        self.fail(api_client, 5)

        assert table_login(api_client, number=2).status_code == 200
        assert table_login(api_client, store="beta").status_code == 200

    def test_unknown_tables_lock_out_like_real_ones(self, api_client, world):
        self.fail(api_client, 5, number=99)

        assert_error(table_login(api_client, number=99), 429, "TOO_MANY_ATTEMPTS")

    def test_manager_lockout_is_per_store_and_username(self, api_client, world):
        for _ in range(5):
            assert_error(manager_login(api_client, password="wrong"), 401, "INVALID_CREDENTIALS")

        assert_error(manager_login(api_client), 429, "TOO_MANY_ATTEMPTS")
        assert manager_login(api_client, store="beta").status_code == 200

    def test_lockout_lives_in_the_database(self, api_client, world):
        # Every server process reads the same rows: a lockout holds across processes.
        self.fail(api_client, 5)

        by_address, by_account = LoginThrottle.objects.order_by("-key")
        assert (by_address.key, by_address.failures) == ("table:alpha:1@127.0.0.1", 5)
        assert by_address.locked_until > timezone.now()
        assert (by_account.key, by_account.failures, by_account.locked_until) == (
            "table:alpha:1",
            5,
            None,
        )

    def test_a_failure_tells_how_many_tries_are_left(self, api_client, world):
        lefts = [
            table_login(api_client, password="wrong").json()["attempts_left"] for _ in range(5)
        ]

        assert lefts == [4, 3, 2, 1, 0]
        assert "attempts_left" not in table_login(api_client).json()  # the 429

    def test_guesses_from_one_address_do_not_lock_out_another(self, api_client, world):
        self.fail(api_client, 5, address="203.0.113.9")

        assert_error(table_login(api_client, address="203.0.113.9"), 429, "TOO_MANY_ATTEMPTS")
        assert table_login(api_client, address="198.51.100.1").status_code == 200

    def test_twenty_failures_from_anywhere_lock_the_account_for_everyone(self, api_client, world):
        for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"):
            self.fail(api_client, 5, address=address)

        response = table_login(api_client, address="198.51.100.1")  # right password, new address

        assert_error(response, 429, "TOO_MANY_ATTEMPTS")
        assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60
        assert table_login(api_client, number=2, address="198.51.100.1").status_code == 200

    def test_a_refused_attempt_is_not_counted(self, api_client, world):
        # A locked address's tries must not push the account towards its own lockout.
        self.fail(api_client, 5, address="203.0.113.9")
        for _ in range(30):
            table_login(api_client, password="wrong", address="203.0.113.9")

        assert LoginThrottle.objects.get(key="table:alpha:1").failures == 5
        assert table_login(api_client, address="198.51.100.1").status_code == 200

    def test_the_manager_ends_a_tables_lockout(self, api_client, world):
        self.fail(api_client, 5)
        self.fail(api_client, 5, address="10.0.0.2")
        LoginThrottle.objects.create(
            key="table:alpha:12", failures=3, first_failure_at=timezone.now()
        )

        assert services.table_lockout_clear(table=world.table) == 3

        assert table_login(api_client).status_code == 200
        assert LoginThrottle.objects.get().key == "table:alpha:12"  # table 12 is not table 1
