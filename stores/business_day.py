"""A store's business day: from ``Store.business_day_starts`` one day to the same time the next,
in the stores' time zone (``TIME_ZONE``). What sold out "today" is back when the next one
begins, and a sale after midnight belongs to the evening before."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from stores.models import Store


def stores_zone() -> ZoneInfo:
    """The stores' time zone (``TIME_ZONE``), in which business days are counted."""
    return ZoneInfo(settings.TIME_ZONE)


def business_day_begins(day: date, starts: time) -> datetime:
    """When business day ``day`` begins, for a store whose days start at ``starts`` (aware)."""
    return datetime.combine(day, starts, tzinfo=stores_zone())


def business_date(store: Store, moment: datetime) -> date:
    """The business day ``moment`` belongs to: before the day's start, the day before."""
    local = moment.astimezone(stores_zone())
    return local.date() - timedelta(days=local.time() < store.business_day_starts)


def next_business_day_start(store: Store, moment: datetime) -> datetime:
    """When the business day after the one of ``moment`` begins (aware)."""
    following = business_date(store, moment) + timedelta(days=1)
    return business_day_begins(following, store.business_day_starts)
