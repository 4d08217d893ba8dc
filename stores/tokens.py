"""The contract's two bearer tokens, issued by our login views (a table is not a user)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from rest_framework_simplejwt.tokens import AccessToken

from stores.models import Table, User

# Not a contract claim: a fingerprint of the caller's password hash, so that a changed
# password ends the tokens issued before it (see stores.models.credentials_fingerprint).
CREDENTIALS_CLAIM = "cred"


def access_token_lifetime() -> timedelta:
    return timedelta(hours=settings.JWT_ACCESS_HOURS)


class StoreAccessToken(AccessToken):
    """An HS256 access token carrying exactly the claims we set, plus exp, iat and jti."""

    @property
    def lifetime(self) -> timedelta:  # read per token, so tests can change the setting
        return access_token_lifetime()

    def __init__(self, token: str | bytes | None = None, verify: bool = True) -> None:
        super().__init__(token, verify=verify)
        # TOKEN_TYPE_CLAIM is None: simplejwt would still write {None: "access"}.
        self.payload.pop(None, None)


def table_token(table: Table) -> StoreAccessToken:
    token = StoreAccessToken()
    token["sub"] = f"table:{table.id}"
    token["store_id"] = table.store_id
    token["table_id"] = table.id
    token["is_admin"] = False
    token[CREDENTIALS_CLAIM] = table.credentials_fingerprint
    return token


def manager_token(manager: User) -> StoreAccessToken:
    token = StoreAccessToken()
    token["sub"] = f"admin:{manager.store_id}"
    token["store_id"] = manager.store_id
    token["table_id"] = None
    token["is_admin"] = True
    token["manager_id"] = manager.id
    token[CREDENTIALS_CLAIM] = manager.credentials_fingerprint
    return token
