"""Login lockout: after 5 failures within 15 minutes for one key, 15 minutes of 429.

A key is a store and a table number, or a store and a username, as typed: unknown stores and
tables lock out exactly like real ones, so the lockout tells an attacker nothing. Rows live in
the database so that every server process sees the same counts.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from stores.errors import TooManyAttempts
from stores.models import LoginThrottle


def table_login_key(*, store_code: str, table_number: int) -> str:
    return f"table:{store_code}:{table_number}"


def manager_login_key(*, store_code: str, username: str) -> str:
    return f"admin:{store_code}:{username}"


def login_throttle_check(*, key: str) -> None:
    """Raise ``TooManyAttempts`` (with the seconds left) while ``key`` is locked out."""
    locked_until = (
        LoginThrottle.objects.filter(key=key, locked_until__gt=timezone.now())
        .values_list("locked_until", flat=True)
        .first()
    )
    if locked_until is not None:
        seconds_left = (locked_until - timezone.now()).total_seconds()
        raise TooManyAttempts(retry_after_seconds=math.ceil(seconds_left))


def login_throttle_record_failure(*, key: str) -> None:
    """Count one failure; the fifth within the window locks the key for the lockout period."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                _record_failure(key)
            return
        except IntegrityError:
            # Another process created the row between our read and insert: count again.
            if attempt:
                raise


def _record_failure(key: str) -> None:
    now = timezone.now()
    window = settings.LOGIN_LOCKOUT
    throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(
        key=key, defaults={"first_failure_at": now}
    )
    lock_has_passed = throttle.locked_until is not None and throttle.locked_until <= now
    if lock_has_passed or now - throttle.first_failure_at > window:
        throttle.failures = 0
        throttle.first_failure_at = now
        throttle.locked_until = None
    throttle.failures += 1
    if throttle.failures >= settings.LOGIN_MAX_FAILURES:
        throttle.locked_until = now + window
    throttle.save(update_fields=["failures", "first_failure_at", "locked_until"])


def login_throttle_reset(*, key: str) -> None:
    LoginThrottle.objects.filter(key=key).delete()
