"""The sales figures of a store over a period, computed by the database: every figure is one
aggregate query (``annotate``/``aggregate``), so a report costs the same number of queries
for one day or a year.

Revenue is what the orders placed in the period came to, whatever their status; a deleted
order is gone from ``Order`` and counted apart from its change record (``OrderChange`` of kind
``deleted``, with the amount it came to), never in revenue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    BigIntegerField,
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncHour
from django.utils import timezone

from orders.models import Order, OrderChange, OrderChangeKind, OrderItem, OrderItemOption, Visit
from reports.periods import Period
from stores.business_day import stores_zone
from stores.models import Store

IdRange = tuple[int, int]  # the first and last id of some rows


@dataclass(frozen=True)
class Totals:
    revenue: int
    orders: int
    visits: int
    deleted_orders: int
    deleted_amount: int

    @property
    def average_per_visit(self) -> int:
        return round(self.revenue / self.visits) if self.visits else 0

    @property
    def average_per_order(self) -> int:
        return round(self.revenue / self.orders) if self.orders else 0


@dataclass(frozen=True)
class ItemSales:
    menu_id: int
    name: str
    quantity: int
    revenue: int


@dataclass(frozen=True)
class OptionSales:
    group: str
    name: str
    quantity: int
    revenue: int


@dataclass(frozen=True)
class CategorySales:
    category_id: int
    name: str
    quantity: int
    revenue: int


@dataclass(frozen=True)
class TableSales:
    table_id: int
    number: int
    orders: int
    revenue: int


@dataclass(frozen=True)
class HourSales:
    hour: int  # of the day in the stores' time zone, 0 to 23
    orders: int
    revenue: int


@dataclass(frozen=True)
class DaySales:
    date: date  # the business day
    orders: int
    revenue: int


@dataclass(frozen=True)
class SalesReport:
    period: Period
    previous_period: Period
    totals: Totals
    previous_totals: Totals
    items: list[ItemSales]  # by quantity, then revenue
    options: list[OptionSales]  # by quantity, then revenue
    categories: list[CategorySales]  # by revenue
    tables: list[TableSales]  # by table number
    hours: list[HourSales]  # every hour, from the hour the business day starts
    days: list[DaySales]  # every day of the period

    @property
    def items_by_revenue(self) -> list[ItemSales]:
        return sorted(self.items, key=lambda item: (-item.revenue, -item.quantity, item.name))


@dataclass(frozen=True)
class DeletedOrder:
    number: int | None
    table_number: int
    from_status: str
    total_amount: int | None  # None for an order deleted before amounts were kept
    deleted_at: datetime
    actor: str


@dataclass(frozen=True)
class OpenVisit:
    id: int
    table_id: int
    table_number: int
    started_at: datetime
    order_count: int
    total_amount: int


@dataclass(frozen=True)
class DayClose:
    """A business day's close (a "Z report"), as of ``printed_at``."""

    period: Period
    printed_at: datetime
    totals: Totals
    previous_totals: Totals  # the day before
    categories: list[CategorySales]
    hours: list[HourSales]
    deleted_orders: list[DeletedOrder] = field(default_factory=list)
    open_visits: list[OpenVisit] = field(default_factory=list)


def sales_report(*, store: Store, period: Period) -> SalesReport:
    """Six queries, whatever the period's length and the number of orders (four when it has
    no orders: nothing to read of their lines)."""
    previous = period.previous()
    totals, previous_totals, order_ids = _totals(store=store, period=period, previous=previous)
    hours, days = _by_hour(store=store, period=period)
    lines = _lines(store=store, period=period, order_ids=order_ids)
    return SalesReport(
        period=period,
        previous_period=previous,
        totals=totals,
        previous_totals=previous_totals,
        items=lines.items,
        options=_options(store=store, period=period, lines=lines),
        categories=lines.categories,
        tables=_tables(store=store, period=period),
        hours=hours,
        days=days,
    )


def day_close(*, store: Store, period: Period) -> DayClose:
    """Six queries: the day's totals (and the day before's), deleted orders (counted, then
    listed), the lines by category, orders by the hour placed, and the visits still open
    now."""
    totals, previous_totals, order_ids = _totals(
        store=store, period=period, previous=period.previous()
    )
    return DayClose(
        period=period,
        printed_at=timezone.now(),
        totals=totals,
        previous_totals=previous_totals,
        categories=_lines(store=store, period=period, order_ids=order_ids).categories,
        hours=_by_hour(store=store, period=period)[0],
        deleted_orders=[
            DeletedOrder(
                number=change.order_number,
                table_number=change.table_number,
                from_status=change.from_status,
                total_amount=change.total_amount,
                deleted_at=change.created_at,
                actor=change.actor,
            )
            for change in _deletions(store=store, start=period.starts_at, end=period.ends_at)
        ],
        open_visits=[
            OpenVisit(
                id=visit.id,
                table_id=visit.table_id,
                table_number=visit.table.number,
                started_at=visit.started_at,
                order_count=visit.order_count,
                total_amount=visit.total_amount,
            )
            for visit in Visit.objects.filter(store=store, ended_at=None)
            .select_related("table")
            .annotate(
                order_count=Count("orders"), total_amount=Coalesce(Sum("orders__total_amount"), 0)
            )
            .order_by("table__number", "id")
        ],
    )


def orders_placed(*, store: Store, start: datetime, end: datetime) -> QuerySet[Order]:
    """The store's orders placed from ``start`` until (not including) ``end``."""
    return Order.objects.filter(store=store, created_at__gte=start, created_at__lt=end)


def lines_sold(
    *, store: Store, start: datetime, end: datetime, order_ids: IdRange | None = None
) -> QuerySet[OrderItem]:
    """The lines of the store's orders placed from ``start`` until ``end``.

    ``order_ids``, the first and last id of those orders, only narrows the search: ids grow
    with time, so the lines of a month lie in one stretch of the lines' index on their
    order, which the database then reads instead of every line of every year (a month of a
    busy year: 31 ms against 153 ms on PostgreSQL, which otherwise scans them all)."""
    lines = OrderItem.objects.filter(
        order__store=store, order__created_at__gte=start, order__created_at__lt=end
    )
    if order_ids is not None:
        lines = lines.filter(order__id__range=order_ids)
    return lines


def order_id_range(*, store: Store, start: datetime, end: datetime) -> IdRange | None:
    """The first and last id of the orders placed from ``start`` until ``end`` (``None``
    for none)."""
    ids = orders_placed(store=store, start=start, end=end).aggregate(
        first=Min("id"), last=Max("id")
    )
    return None if ids["first"] is None else (ids["first"], ids["last"])


def _deletions(*, store: Store, start: datetime, end: datetime) -> QuerySet[OrderChange]:
    return OrderChange.objects.filter(
        store=store, kind=OrderChangeKind.DELETED, created_at__gte=start, created_at__lt=end
    )


def _line_revenue(quantity: str = "quantity", price: str = "unit_price") -> Sum:
    return Sum(F(price) * F(quantity), output_field=BigIntegerField())


def _totals(
    *, store: Store, period: Period, previous: Period
) -> tuple[Totals, Totals, IdRange | None]:
    """The period's totals and the previous period's (which ends where this one starts), in
    one query of the orders and one of the deletions; and the period's first and last order
    id (``lines_sold``)."""
    this = Q(created_at__gte=period.starts_at)
    before = ~this
    orders = orders_placed(store=store, start=previous.starts_at, end=period.ends_at).aggregate(
        revenue=Coalesce(Sum("total_amount", filter=this), 0),
        orders=Count("id", filter=this),
        visits=Count("visit", filter=this, distinct=True),
        previous_revenue=Coalesce(Sum("total_amount", filter=before), 0),
        previous_orders=Count("id", filter=before),
        previous_visits=Count("visit", filter=before, distinct=True),
        first_id=Min("id", filter=this),
        last_id=Max("id", filter=this),
    )
    deleted = _deletions(store=store, start=previous.starts_at, end=period.ends_at).aggregate(
        count=Count("id", filter=this),
        amount=Coalesce(Sum("total_amount", filter=this), 0),
        previous_count=Count("id", filter=before),
        previous_amount=Coalesce(Sum("total_amount", filter=before), 0),
    )
    return (
        Totals(
            revenue=orders["revenue"],
            orders=orders["orders"],
            visits=orders["visits"],
            deleted_orders=deleted["count"],
            deleted_amount=deleted["amount"],
        ),
        Totals(
            revenue=orders["previous_revenue"],
            orders=orders["previous_orders"],
            visits=orders["previous_visits"],
            deleted_orders=deleted["previous_count"],
            deleted_amount=deleted["previous_amount"],
        ),
        None if orders["first_id"] is None else (orders["first_id"], orders["last_id"]),
    )


@dataclass(frozen=True)
class _Lines:
    items: list[ItemSales]
    categories: list[CategorySales]
    order_ids: IdRange | None  # the first and last id of the lines' orders, and of
    line_ids: IdRange | None  # the lines: what narrows the search for their options


def _lines(*, store: Store, period: Period, order_ids: IdRange | None) -> _Lines:
    """The lines by dish (and the name it was sold under: a renamed dish shows under both
    names) with the dish's category, in one query; the categories are the sums of their
    dishes' rows."""
    if order_ids is None:
        return _Lines(items=[], categories=[], order_ids=None, line_ids=None)
    rows = list(
        lines_sold(store=store, start=period.starts_at, end=period.ends_at, order_ids=order_ids)
        .values("menu_item_id", "name", "menu_item__category_id", "menu_item__category__name")
        .annotate(
            total_quantity=Sum("quantity"),
            revenue=_line_revenue(),
            first_id=Min("id"),
            last_id=Max("id"),
        )
        .order_by("-total_quantity", "-revenue", "name", "menu_item_id")
    )
    categories: dict[int, list] = {}
    for row in rows:
        category = categories.setdefault(
            row["menu_item__category_id"], [row["menu_item__category__name"], 0, 0]
        )
        category[1] += row["total_quantity"]
        category[2] += row["revenue"]
    return _Lines(
        items=[
            ItemSales(
                menu_id=row["menu_item_id"],
                name=row["name"],
                quantity=row["total_quantity"],
                revenue=row["revenue"],
            )
            for row in rows
        ],
        categories=sorted(
            (
                CategorySales(category_id=pk, name=name, quantity=quantity, revenue=revenue)
                for pk, (name, quantity, revenue) in categories.items()
            ),
            key=lambda category: (-category.revenue, category.name, category.category_id),
        ),
        order_ids=order_ids,
        line_ids=(min(row["first_id"] for row in rows), max(row["last_id"] for row in rows)),
    )


def _options(*, store: Store, period: Period, lines: _Lines) -> list[OptionSales]:
    if lines.line_ids is None:
        return []
    rows = (
        OrderItemOption.objects.filter(
            # Both narrow the search, as in ``lines_sold``: the database does not carry a
            # range over a join.
            order_item__id__range=lines.line_ids,
            order_item__order__id__range=lines.order_ids,
            order_item__order__store=store,
            order_item__order__created_at__gte=period.starts_at,
            order_item__order__created_at__lt=period.ends_at,
        )
        .values("group_name", "choice_name")
        .annotate(
            quantity=Sum("order_item__quantity"),
            revenue=_line_revenue("order_item__quantity", "price_delta"),
        )
        .order_by("-quantity", "-revenue", "group_name", "choice_name")
    )
    return [
        OptionSales(
            group=row["group_name"],
            name=row["choice_name"],
            quantity=row["quantity"],
            revenue=row["revenue"],
        )
        for row in rows
    ]


def _tables(*, store: Store, period: Period) -> list[TableSales]:
    rows = (
        orders_placed(store=store, start=period.starts_at, end=period.ends_at)
        .values("visit__table_id", "visit__table__number")
        .annotate(order_count=Count("id"), revenue=Sum("total_amount"))
        .order_by("visit__table__number", "visit__table_id")
    )
    return [
        TableSales(
            table_id=row["visit__table_id"],
            number=row["visit__table__number"],
            orders=row["order_count"],
            revenue=row["revenue"],
        )
        for row in rows
    ]


def _by_hour(*, store: Store, period: Period) -> tuple[list[HourSales], list[DaySales]]:
    """The period's sales by hour of the day, from the hour the business day starts (05, 06,
    … 04), and by business day (every one of the period): one query grouping the orders by
    the hour they were placed in, in the stores' time zone, folded here (at most 24 rows a
    day). A store whose day starts at, say, 05:30 has its hours from :30 to :30 (hour 5 is
    05:30 to 06:29), so that every hour falls within one business day."""
    offset = timedelta(minutes=period.day_starts.minute, seconds=period.day_starts.second)
    moment = F("created_at")
    if offset:
        moment = ExpressionWrapper(F("created_at") - Value(offset), output_field=DateTimeField())
    rows = (
        orders_placed(store=store, start=period.starts_at, end=period.ends_at)
        .annotate(placed_hour=TruncHour(moment, tzinfo=stores_zone()))
        .values("placed_hour")
        .annotate(order_count=Count("id"), revenue=Sum("total_amount"))
        .order_by("placed_hour")
    )
    hours = {hour: [0, 0] for hour in range(24)}
    days = {day: [0, 0] for day in period.dates()}
    for row in rows:
        placed_hour = row["placed_hour"].astimezone(stores_zone())
        day = (placed_hour + offset - period.day_shift).date()
        for figures in (hours[placed_hour.hour], days[day]):
            figures[0] += row["order_count"]
            figures[1] += row["revenue"]
    first = period.day_starts.hour
    return (
        [
            HourSales(hour=hour, orders=hours[hour][0], revenue=hours[hour][1])
            for hour in ((first + n) % 24 for n in range(24))
        ],
        [
            DaySales(date=day, orders=orders, revenue=revenue)
            for day, (orders, revenue) in days.items()
        ],
    )
