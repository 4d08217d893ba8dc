"""Bearer tokens turned into callers, re-checked against the database on every request, and the
permission classes that keep tables and managers on their own endpoints."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from conftest import assert_error
from stores import services
from stores.authentication import TableCaller
from stores.permissions import IsManager, IsTable
from stores.tokens import manager_token, table_token

factory = APIRequestFactory()


class TableOnlyView(APIView):
    permission_classes = [IsTable]

    def get(self, request):
        return Response({"table_id": request.user.table.id, "store_id": request.user.store.id})


class ManagerOnlyView(APIView):
    permission_classes = [IsManager]

    def get(self, request):
        return Response({"manager_id": request.user.id, "store_id": request.user.store.id})


def call(view, authorization: str | None = None):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
    response = view.as_view()(factory.get("/api/v1/whatever/", **headers))
    response.render()
    return response


def bearer(token) -> str:
    return f"Bearer {token}"


def forge(claims: dict, key: str | None = None) -> str:
    now = int(timezone.now().timestamp())
    payload = {"iat": now, "exp": now + 3600, "jti": "x" * 32, **claims}
    return jwt.encode(payload, key or settings.SECRET_KEY, algorithm="HS256")


class TestCallers:
    def test_a_table_token_is_that_table_of_its_store(self, world):
        response = call(TableOnlyView, bearer(table_token(world.table)))

        assert response.status_code == 200
        assert response.data == {"table_id": world.table.id, "store_id": world.store.id}

    def test_a_manager_token_is_that_manager_of_its_store(self, world):
        response = call(ManagerOnlyView, bearer(manager_token(world.manager)))

        assert response.status_code == 200
        assert response.data == {"manager_id": world.manager.id, "store_id": world.store.id}

    def test_the_caller_is_read_in_one_query(self, world, django_assert_num_queries):
        token = bearer(table_token(world.table))

        with django_assert_num_queries(1):  # the table joined with its store
            response = call(TableOnlyView, token)

        assert response.status_code == 200
        assert isinstance(TableCaller(world.table).store, type(world.store))


class TestPermissions:
    def test_a_table_token_on_a_manager_endpoint_is_forbidden(self, world):
        assert_error(
            call(ManagerOnlyView, bearer(table_token(world.table))), 403, "PERMISSION_DENIED"
        )

    def test_a_manager_token_on_a_table_endpoint_is_forbidden(self, world):
        assert_error(
            call(TableOnlyView, bearer(manager_token(world.manager))), 403, "PERMISSION_DENIED"
        )

    @pytest.mark.parametrize("view", [TableOnlyView, ManagerOnlyView])
    def test_no_token_is_not_authenticated(self, db, view):
        response = call(view)

        assert_error(response, 401, "NOT_AUTHENTICATED")
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'

    def test_another_scheme_is_not_authenticated(self, db):
        assert_error(call(TableOnlyView, "Basic dXNlcjpwYXNz"), 401, "NOT_AUTHENTICATED")


class TestBadTokens:
    @pytest.mark.parametrize(
        "authorization",
        ["Bearer", "Bearer not-a-jwt", "Bearer a.b.c", "Bearer two tokens"],
    )
    def test_malformed_tokens_are_invalid(self, db, authorization):
        assert_error(call(TableOnlyView, authorization), 401, "TOKEN_INVALID")

    def test_a_token_signed_with_another_key_is_invalid(self, world):
        claims = {
            "sub": f"table:{world.table.id}",
            "store_id": world.store.id,
            "table_id": world.table.id,
            "is_admin": False,
            "cred": world.table.credentials_fingerprint,
        }

        assert_error(
            call(TableOnlyView, bearer(forge(claims, key="guess" * 10))), 401, "TOKEN_INVALID"
        )

    def test_a_token_for_a_table_of_another_store_is_invalid(self, world):
        # Correctly signed, but claiming table 1 of beta belongs to alpha.
        claims = {
            "sub": f"table:{world.their_table.id}",
            "store_id": world.store.id,
            "table_id": world.their_table.id,
            "is_admin": False,
            "cred": world.their_table.credentials_fingerprint,
        }

        assert_error(call(TableOnlyView, bearer(forge(claims))), 401, "TOKEN_INVALID")

    def test_a_manager_token_claiming_another_store_is_invalid(self, world):
        claims = {
            "sub": f"admin:{world.other_store.id}",
            "store_id": world.other_store.id,
            "table_id": None,
            "is_admin": True,
            "manager_id": world.manager.id,
            "cred": world.manager.credentials_fingerprint,
        }

        assert_error(call(ManagerOnlyView, bearer(forge(claims))), 401, "TOKEN_INVALID")

    @pytest.mark.parametrize(
        "tamper",
        [
            {"is_admin": True},
            {"table_id": "1"},
            {"sub": "table:999"},
            {"cred": "0" * 16},
        ],
    )
    def test_a_table_token_with_inconsistent_claims_is_invalid(self, world, tamper):
        claims = {
            "sub": f"table:{world.table.id}",
            "store_id": world.store.id,
            "table_id": world.table.id,
            "is_admin": False,
            "cred": world.table.credentials_fingerprint,
            **tamper,
        }

        response = call(TableOnlyView, bearer(forge(claims)))

        assert_error(response, 401, "TOKEN_INVALID")

    def test_an_expired_token_says_so(self, world):
        with time_machine.travel(timezone.now() - timedelta(hours=16, seconds=1)):
            token = table_token(world.table)

        assert_error(call(TableOnlyView, bearer(token)), 401, "TOKEN_EXPIRED")

    def test_a_token_just_inside_its_16_hours_works(self, world):
        with time_machine.travel(timezone.now() - timedelta(hours=15, minutes=59)):
            token = table_token(world.table)

        assert call(TableOnlyView, bearer(token)).status_code == 200


class TestATokenThatWorked:
    def test_a_token_that_worked_says_expired_after_its_16_hours(self, world):
        token = bearer(table_token(world.table))
        assert call(TableOnlyView, token).status_code == 200

        with time_machine.travel(timezone.now() + timedelta(hours=16, seconds=1)):
            assert_error(call(TableOnlyView, token), 401, "TOKEN_EXPIRED")

    def test_a_token_that_worked_with_its_signature_changed_is_invalid(self, world):
        token = str(table_token(world.table))
        assert call(TableOnlyView, bearer(token)).status_code == 200
        middle = len(token) - 10
        tampered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]

        assert_error(call(TableOnlyView, bearer(tampered)), 401, "TOKEN_INVALID")


class TestRecheckedEveryRequest:
    """Each token is used once before the change: the change must end it all the same."""

    def test_changing_the_table_password_ends_its_tokens(self, world):
        token = bearer(table_token(world.table))
        assert call(TableOnlyView, token).status_code == 200

        services.table_set_password(table=world.table, password="new-password")

        assert_error(call(TableOnlyView, token), 401, "TOKEN_INVALID")
        assert call(TableOnlyView, bearer(table_token(world.table))).status_code == 200

    def test_changing_another_tables_password_leaves_this_one_alone(self, world):
        token = bearer(table_token(world.table))
        assert call(TableOnlyView, token).status_code == 200

        services.table_set_password(table=world.other_table, password="new-password")

        assert call(TableOnlyView, token).status_code == 200

    def test_deleting_the_table_ends_its_tokens(self, world):
        token = bearer(table_token(world.table))
        assert call(TableOnlyView, token).status_code == 200

        world.table.delete()

        assert_error(call(TableOnlyView, token), 401, "TOKEN_INVALID")

    def test_deactivating_the_manager_ends_their_tokens(self, world):
        token = bearer(manager_token(world.manager))
        assert call(ManagerOnlyView, token).status_code == 200

        world.manager.is_active = False
        world.manager.save(update_fields=["is_active"])

        assert_error(call(ManagerOnlyView, token), 401, "TOKEN_INVALID")

    def test_changing_the_manager_password_ends_their_tokens(self, world):
        token = bearer(manager_token(world.manager))
        assert call(ManagerOnlyView, token).status_code == 200

        world.manager.set_password("another-password-1")
        world.manager.save(update_fields=["password"])

        assert_error(call(ManagerOnlyView, token), 401, "TOKEN_INVALID")
