"""The stretch of business days a report covers: one day, an ISO week, a month or any range
of days, and the period of the same length just before it.

A business day runs from the store's ``business_day_starts`` to the same time the next day,
in the stores' time zone (``stores.business_day``): a sale at 01:30 belongs to the evening
before."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from stores.business_day import business_date, business_day_begins
from stores.models import Store

DAY, WEEK, MONTH, RANGE = "day", "week", "month", "range"
# Wide enough for any restaurant's history, narrow enough that every bound is a real moment.
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2099, 12, 31)
RANGE_DAYS_MAX = 366
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")  # what <input type="week"> sends
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")  # what <input type="month"> sends


@dataclass(frozen=True)
class Period:
    """Business days ``first_day`` to ``last_day`` (inclusive) of one store."""

    kind: str
    first_day: date
    last_day: date
    day_starts: time  # the store's business_day_starts

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def starts_at(self) -> datetime:
        return business_day_begins(self.first_day, self.day_starts)

    @property
    def ends_at(self) -> datetime:
        """The moment after the period: the start of the business day that follows it."""
        return business_day_begins(self.last_day + timedelta(days=1), self.day_starts)

    @property
    def day_shift(self) -> timedelta:
        """How far a business day starts after midnight: a moment minus this falls on its
        business date."""
        starts = self.day_starts
        return timedelta(hours=starts.hour, minutes=starts.minute, seconds=starts.second)

    def previous(self) -> Period:
        """The period just before: the month before a month, else as many days before."""
        if self.kind == MONTH:
            last = self.first_day - timedelta(days=1)
            return Period(MONTH, last.replace(day=1), last, self.day_starts)
        return Period(
            self.kind,
            self.first_day - timedelta(days=self.days),
            self.first_day - timedelta(days=1),
            self.day_starts,
        )

    def following(self) -> Period:
        """The period just after (for a page's "next" link)."""
        if self.kind == MONTH:
            first = self.last_day + timedelta(days=1)
            return month_period(first.year, first.month, self.day_starts)
        return Period(
            self.kind,
            self.last_day + timedelta(days=1),
            self.last_day + timedelta(days=self.days),
            self.day_starts,
        )

    def query(self) -> dict[str, str]:
        """The query parameters that name this period."""
        if self.kind == DAY:
            return {"day": self.first_day.isoformat()}
        if self.kind == WEEK:
            year, week, _weekday = self.first_day.isocalendar()
            return {"week": f"{year}-W{week:02d}"}
        if self.kind == MONTH:
            return {"month": f"{self.first_day:%Y-%m}"}
        return {"date_from": self.first_day.isoformat(), "date_to": self.last_day.isoformat()}

    def dates(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(self.days)]


def month_period(year: int, month: int, day_starts: time) -> Period:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return Period(MONTH, first, following - timedelta(days=1), day_starts)


def today(store: Store) -> date:
    """The store's business day now."""
    return business_date(store, timezone.now())


def period_from(
    *,
    store: Store,
    day: date | None = None,
    week: str = "",
    month: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> Period:
    """The period the query names: ``day``, ``week`` (``2026-W48``), ``month`` (``2026-11``)
    or ``date_from`` to ``date_to`` (up to 366 days); nothing named is the store's business
    day now. ``ValidationError`` on the field concerned for anything else."""
    starts = store.business_day_starts
    named = [
        name
        for name, value in (
            ("day", day),
            ("week", week),
            ("month", month),
            ("date_from", date_from or date_to),
        )
        if value
    ]
    if len(named) > 1:
        raise ValidationError(
            {named[1]: [_("Name one period: a day, a week, a month or a range of days.")]}
        )
    if day:
        return _checked(Period(DAY, day, day, starts), "day")
    if week:
        return _checked(_week(week, starts), "week")
    if month:
        return _checked(_month(month, starts), "month")
    if date_from or date_to:
        if not (date_from and date_to):
            missing = "date_to" if date_from else "date_from"
            raise ValidationError({missing: [_("Give both the first and the last day.")]})
        if date_from > date_to:
            raise ValidationError(
                {"date_from": [_("The first day must not be after the last day.")]}
            )
        period = _checked(Period(RANGE, date_from, date_to, starts), "date_from")
        if period.days > RANGE_DAYS_MAX:
            raise ValidationError(
                {"date_to": [_("Choose at most %(days)d days.") % {"days": RANGE_DAYS_MAX}]}
            )
        return period
    business_day = today(store)
    return Period(DAY, business_day, business_day, starts)


def _week(text: str, starts: time) -> Period:
    found = WEEK_PATTERN.match(text)
    try:
        first = date.fromisocalendar(int(found[1]), int(found[2]), 1) if found else None
    except ValueError:
        first = None
    if first is None:
        raise ValidationError({"week": [_("Name a week as 2026-W48.")]})
    return Period(WEEK, first, first + timedelta(days=6), starts)


def _month(text: str, starts: time) -> Period:
    found = MONTH_PATTERN.match(text)
    if not found or not 1 <= int(found[2]) <= 12:
        raise ValidationError({"month": [_("Name a month as 2026-11.")]})
    return month_period(int(found[1]), int(found[2]), starts)


def _checked(period: Period, field: str) -> Period:
    if not (period.first_day >= FIRST_DATE and period.last_day <= LAST_DATE):
        raise ValidationError(
            {
                field: [
                    _("Choose a date from %(first)s to %(last)s.")
                    % {"first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()}
                ]
            }
        )
    return period
