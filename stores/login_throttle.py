"""Login lockout: after 5 failed attempts within 15 minutes for one key, 15 minutes of 429.

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


def login_attempt_begin(*, key: str) -> None:
    """Count an attempt at ``key`` before its password is checked, so that however many come
    at once, at most ``LOGIN_MAX_FAILURES`` are ever checked in a window: ``TooManyAttempts``
    (with the seconds left) once the key is locked. The count is forgiven by a success
    (``login_attempt_succeeded``)."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                _count_attempt(key)
            return
        except IntegrityError:
            # Another process created the row between our read and insert: count again.
            if attempt:
                raise


def _count_attempt(key: str) -> None:
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
    if throttle.failures >= settings.LOGIN_MAX_FAILURES:
        throttle.locked_until = now + window  # for the attempts after this one
    throttle.save(update_fields=["failures", "first_failure_at", "locked_until"])


def login_attempt_succeeded(*, key: str) -> None:
    LoginThrottle.objects.filter(key=key).delete()
