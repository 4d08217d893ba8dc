"""Login lockout, counted at two levels so that guessing stays slow and a stranger cannot deny
the account to its owner for long:

- per account and client address: 5 failed attempts within 15 minutes lock that address
  out of that account for 15 minutes (``LOGIN_MAX_FAILURES``);
- per account: 20 within 15 minutes, from anywhere, lock the account for everyone
  (``LOGIN_MAX_FAILURES_PER_ACCOUNT``), which distributed guessing would reach.

An account is a store and a table number, a store and a username, or a staff username, as
typed: unknown stores, tables and users lock out exactly like real ones, so the lockout tells
an attacker nothing. Each attempt is counted before its password is checked, so that however
many arrive at once no more are checked than the limits allow. Rows live in the database so
that every server process sees the same counts; staff see and clear them in Django admin,
and a manager clears their tables' (``login_lockout_clear``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.throttling import BaseThrottle

from stores.errors import TooManyAttempts
from stores.models import LoginThrottle, Store


def table_login_account(*, store_code: str, table_number: int) -> str:
    return f"table:{store_code}:{table_number}"


def manager_login_account(*, store_code: str, username: str) -> str:
    return f"admin:{store_code}:{username}"


def staff_login_account(*, username: str) -> str:
    return f"staff:{username}"


ADDRESS_MAX_LENGTH = 64  # an IPv6 address is at most 45 characters


def client_address(request: HttpRequest) -> str:
    """The client's address, behind ``NUM_PROXIES`` proxies as the rate limits read it (cut
    short: a misconfigured proxy count would let the client choose it)."""
    return (BaseThrottle().get_ident(request) or "unknown")[:ADDRESS_MAX_LENGTH]


@dataclass(frozen=True)
class Attempt:
    account: str
    address: str

    def keys_and_limits(self) -> list[tuple[str, int]]:
        return [
            (f"{self.account}@{self.address}", settings.LOGIN_MAX_FAILURES),
            (self.account, settings.LOGIN_MAX_FAILURES_PER_ACCOUNT),
        ]


def login_attempt_begin(attempt: Attempt) -> int:
    """Count ``attempt`` before its password is checked: ``TooManyAttempts`` (with the
    seconds left) while its address or its account is locked out, else how many attempts
    are left after this one. A success forgives the count (``login_attempt_succeeded``)."""
    try:
        return _count_both(attempt)
    except IntegrityError:
        # Another process created a row between our read and insert: count again.
        return _count_both(attempt)


@transaction.atomic
def _count_both(attempt: Attempt) -> int:
    """One transaction: a refusal at either level undoes the count at the other."""
    return min([_count(key, limit) for key, limit in attempt.keys_and_limits()])


def _count(key: str, limit: int) -> int:
    now = timezone.now()
    window = settings.LOGIN_LOCKOUT
    throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(
        key=key, defaults={"first_failure_at": now}
    )
    if throttle.locked_until is not None and throttle.locked_until > now:
        seconds_left = (throttle.locked_until - now).total_seconds()
        raise TooManyAttempts(retry_after_seconds=math.ceil(seconds_left))
    if throttle.locked_until is not None or now - throttle.first_failure_at > window:
        throttle.failures = 0
        throttle.first_failure_at = now
        throttle.locked_until = None
    throttle.failures += 1
    if throttle.failures >= limit:
        throttle.locked_until = now + window  # for the attempts after this one
    throttle.save(update_fields=["failures", "first_failure_at", "locked_until"])
    return limit - throttle.failures


def login_attempt_succeeded(attempt: Attempt) -> None:
    LoginThrottle.objects.filter(key__in=[key for key, _ in attempt.keys_and_limits()]).delete()


def login_lockout_clear(*, account: str) -> int:
    """End every lockout of ``account``, from every address; how many rows went."""
    deleted, _ = LoginThrottle.objects.filter(key=account).delete()
    more, _ = LoginThrottle.objects.filter(key__startswith=f"{account}@").delete()
    return deleted + more


def locked_table_numbers(*, store: Store) -> set[int]:
    """The numbers of the store's tables that some address is locked out of now."""
    prefix = table_login_account(store_code=store.code, table_number=0)[:-1]
    keys = LoginThrottle.objects.filter(
        key__startswith=prefix, locked_until__gt=timezone.now()
    ).values_list("key", flat=True)
    numbers = {key.removeprefix(prefix).split("@")[0] for key in keys}
    return {int(number) for number in numbers if number.isdigit()}
