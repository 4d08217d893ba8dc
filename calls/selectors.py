"""Reads of calls and call reasons, scoped to a store or a table."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import QuerySet

from calls.models import COOLDOWN_DEFAULT_SECONDS, CallReason, CallSettings, StaffCall
from stores.business_day import business_day_begins
from stores.models import Store, Table


def store_calls(*, store: Store) -> QuerySet[StaffCall]:
    """Every call of the store, open or kept, with its table (one query)."""
    return StaffCall.objects.filter(store=store).select_related("table")


def store_open_calls(*, store: Store) -> QuerySet[StaffCall]:
    """The store's calls not resolved yet, oldest first (one query)."""
    return store_calls(store=store).filter(resolved_at=None).order_by("created_at", "id")


def store_resolved_calls(*, store: Store, day: date) -> QuerySet[StaffCall]:
    """The store's calls made in business ``day`` and resolved since, newest first, with their
    tables (one query). A call belongs to the day it was made, as a sale does: one made at
    01:30 is the evening before's."""
    starts = store.business_day_starts
    return (
        store_calls(store=store)
        .filter(
            resolved_at__isnull=False,
            created_at__gte=business_day_begins(day, starts),
            created_at__lt=business_day_begins(day + timedelta(days=1), starts),
        )
        .order_by("-created_at", "-id")
    )


def table_open_call(*, table: Table) -> StaffCall | None:
    return StaffCall.objects.filter(table=table, resolved_at=None).select_related("table").first()


def table_last_call(*, table: Table) -> StaffCall | None:
    return StaffCall.objects.filter(table=table).order_by("-created_at", "-id").first()


def store_call_reasons(*, store: Store, offered_only: bool = False) -> QuerySet[CallReason]:
    reasons = CallReason.objects.filter(store=store)
    return reasons.filter(is_active=True) if offered_only else reasons


def store_cooldown(*, store_id: int) -> timedelta:
    seconds = (
        CallSettings.objects.filter(store_id=store_id)
        .values_list("cooldown_seconds", flat=True)
        .first()
    )
    return timedelta(seconds=COOLDOWN_DEFAULT_SECONDS if seconds is None else seconds)


def table_next_call_at(*, table: Table, now: datetime) -> datetime | None:
    """When the table may call again, if that is later than ``now``."""
    last = table_last_call(table=table)
    if last is None:
        return None
    next_at = last.created_at + store_cooldown(store_id=table.store_id)
    return next_at if next_at > now else None
