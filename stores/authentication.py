"""Who is calling: a table of a store, or a manager of a store.

Every request re-reads the table or manager behind its token with its store (one query,
``stores.caller_rows``), so a deleted table, a changed password or a deactivated manager
ends the token at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.request import Request
from rest_framework_simplejwt.exceptions import ExpiredTokenError, TokenError

from stores.caller_rows import CallerRows
from stores.models import Store, Table, User
from stores.tokens import CREDENTIALS_CLAIM, StoreAccessToken


class TokenInvalid(exceptions.AuthenticationFailed):
    default_detail = _("The token is invalid.")
    default_code = "TOKEN_INVALID"


class TokenExpired(exceptions.AuthenticationFailed):
    default_detail = _("The token has expired.")
    default_code = "TOKEN_EXPIRED"


@dataclass(frozen=True)
class TableCaller:
    """``request.user`` for a tablet. Not a Django user: tables log in with a table password."""

    table: Table
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_manager = False

    @property
    def store(self) -> Store:
        return self.table.store

    @property
    def pk(self) -> str:
        return f"table:{self.table.pk}"

    def __str__(self) -> str:
        return f"table {self.table.number} of store {self.table.store_id}"


def _int_claim(payload: dict[str, Any], name: str) -> int:
    value = payload.get(name)
    if type(value) is not int:
        raise TokenInvalid()
    return value


TABLE_ROWS = CallerRows(Table, "store")
MANAGER_ROWS = CallerRows(User, "store")


def caller_for_token(token: StoreAccessToken) -> TableCaller | User:
    """The live table or manager a decoded token speaks for, or ``TokenInvalid``."""
    payload = token.payload
    store_id = _int_claim(payload, "store_id")
    if payload.get("is_admin") is False:
        table_id = _int_claim(payload, "table_id")
        if payload.get("sub") != f"table:{table_id}":
            raise TokenInvalid()
        table = TABLE_ROWS.get(table_id)
        if (
            table is None
            or table.store_id != store_id
            or table.deleted_at is not None
            or payload.get(CREDENTIALS_CLAIM) != table.credentials_fingerprint
        ):
            raise TokenInvalid()
        return TableCaller(table)
    if payload.get("is_admin") is True:
        manager_id = _int_claim(payload, "manager_id")
        if payload.get("sub") != f"admin:{store_id}" or payload.get("table_id") is not None:
            raise TokenInvalid()
        manager = MANAGER_ROWS.get(manager_id)
        if (
            manager is None
            or manager.store_id != store_id
            or not manager.is_active
            or payload.get(CREDENTIALS_CLAIM) != manager.credentials_fingerprint
        ):
            raise TokenInvalid()
        return manager
    raise TokenInvalid()


def names_bearer(authorization: str) -> bool:
    """Whether an ``Authorization`` header is of the Bearer scheme, its token not checked."""
    return authorization.strip().partition(" ")[0].lower() == "bearer"


def decode_bearer(authorization: str) -> StoreAccessToken | None:
    """The token of an ``Authorization: Bearer …`` header; None when there is no bearer."""
    if not names_bearer(authorization):
        return None
    raw = authorization.strip().partition(" ")[2].strip()
    if not raw or " " in raw:
        raise TokenInvalid()
    try:
        return StoreAccessToken(raw)
    except ExpiredTokenError as error:
        raise TokenExpired() from error
    except TokenError as error:
        raise TokenInvalid() from error


class BearerTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer <jwt>``, table or manager. Never a token in the URL."""

    def authenticate(self, request: Request) -> tuple[TableCaller | User, StoreAccessToken] | None:
        token = decode_bearer(request.META.get("HTTP_AUTHORIZATION", ""))
        if token is None:
            return None
        return caller_for_token(token), token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class ManagerSessionAuthentication(SessionAuthentication):
    """The `/manager/` pages' session login (CSRF enforced, as DRF does), managers only."""

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        result = super().authenticate(request)
        if result is None or not self.accepts(result[0]):
            return None
        return result

    def accepts(self, user: User) -> bool:
        return user.is_manager


class KitchenSessionAuthentication(ManagerSessionAuthentication):
    """The same session login for the kitchen display's API: managers and kitchen accounts."""

    def accepts(self, user: User) -> bool:
        return user.is_kitchen_staff
