"""The contract's two bearer tokens, issued by our login views (a table is not a user)."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from rest_framework_simplejwt.tokens import AccessToken
from rest_framework_simplejwt.utils import aware_utcnow

from stores.models import Table, User

# Not a contract claim: a fingerprint of the caller's password hash, so that a changed
# password ends the tokens issued before it (see stores.models.credentials_fingerprint).
CREDENTIALS_CLAIM = "cred"


def access_token_lifetime() -> timedelta:
    return timedelta(hours=settings.JWT_ACCESS_HOURS)


# How many checked tokens a process remembers (a few hundred bytes each); past that it
# starts afresh.
CHECKED_TOKENS_KEPT = 10_000


class StoreAccessToken(AccessToken):
    """An HS256 access token carrying exactly the claims we set, plus exp, iat and jti.

    A tablet sends the same token with every request for 16 hours, and checking its
    signature and claims with PyJWT and simplejwt takes about 45 µs each time, a tenth of a
    menu 304 (docs/performance.md). So a process remembers the claims of the tokens it has
    checked, keyed by the token's exact text and the signing key: the same text signed with
    the same key checks the same, except for expiry, which is read again each time. Whether
    the token's table or manager is still valid is not remembered: the caller is read
    afresh on every request (``stores.authentication``).
    """

    _checked: dict[tuple[str | bytes, str], dict] = {}

    @property
    def lifetime(self) -> timedelta:  # read per token, so tests can change the setting
        return access_token_lifetime()

    def __init__(self, token: str | bytes | None = None, verify: bool = True) -> None:
        key = (token, self.get_token_backend().signing_key)
        checked = self._checked.get(key) if token is not None and verify else None
        if checked is not None and time.time() < checked["exp"]:
            self.token, self.current_time, self.payload = token, aware_utcnow(), dict(checked)
            return
        super().__init__(token, verify=verify)
        # TOKEN_TYPE_CLAIM is None: simplejwt would still write {None: "access"}.
        self.payload.pop(None, None)
        if token is not None and verify:
            if len(self._checked) >= CHECKED_TOKENS_KEPT:
                self._checked.clear()
            self._checked[key] = dict(self.payload)


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
