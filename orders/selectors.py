"""Reads of orders, visits and tables, scoped to a store or a table and shaped for
serialization: every queryset here answers in a fixed number of queries, however many rows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from orders.models import Order, OrderEvent, OrderItem
from stores.models import Store, Table, TableSession

RECENT_ORDERS_PER_TABLE = 3
HISTORY_DEFAULT_DAYS = 7


def orders_for_display() -> QuerySet[Order]:
    """Orders with what the contract's Order shows: the table and the items (2 queries)."""
    return _newest_orders_with_items().select_related("session__table")


def _newest_orders_with_items() -> QuerySet[Order]:
    """For orders prefetched from their visit, whose ``session`` (and its ``table``, when the
    visit was prefetched from its table) Django sets from the parent without a join."""
    return Order.objects.prefetch_related("items").order_by("-created_at", "-id")


def placed_order_for_display(order: Order, items: list[OrderItem]) -> Order:
    """``order``, just created with ``items``, loaded as ``orders_for_display()`` loads it,
    without reading back what its transaction wrote (two queries, a fifth of placing an
    order): its ``session.table`` must be set, and ``items`` are the saved rows in their
    order. The items are attached the way Django's ``prefetch_related`` attaches them."""
    shown = order.items.all()
    shown._result_cache, shown._prefetch_done = list(items), True
    order._prefetched_objects_cache = {"items": shown}
    return order


def table_open_orders(*, table: Table) -> QuerySet[Order]:
    """The orders of the table's open visit, newest first (none once it was completed)."""
    return orders_for_display().filter(session__table=table, session__ended_at=None)


def store_open_orders(
    *, store: Store, status: str | None = None, table_id: int | None = None
) -> QuerySet[Order]:
    """Orders of every open visit in the store, newest first, optionally filtered."""
    orders = orders_for_display().filter(store=store, session__ended_at=None)
    if status:
        orders = orders.filter(status=status)
    if table_id is not None:
        orders = orders.filter(session__table_id=table_id)
    return orders


def store_orders(*, store: Store) -> QuerySet[Order]:
    """Every order of the store, history included (for reading one by id)."""
    return orders_for_display().filter(store=store)


def order_events(*, order: Order) -> QuerySet[OrderEvent]:
    return OrderEvent.objects.filter(store_id=order.store_id, order_id=order.id)


def _with_totals(sessions: QuerySet[TableSession]) -> QuerySet[TableSession]:
    return sessions.annotate(
        order_count=Count("orders"),
        total_amount=Coalesce(Sum("orders__total_amount"), 0),
    )


def store_tables(*, store: Store) -> QuerySet[Table]:
    """The store's tables by number, each with its open visit (``open_sessions``: a list of
    zero or one, with ``order_count`` and ``total_amount``) and that visit's newest orders
    (``recent_orders``). Four queries, whatever the number of tables and orders."""
    recent_orders = Prefetch(
        "orders",
        queryset=_newest_orders_with_items()[:RECENT_ORDERS_PER_TABLE],
        to_attr="recent_orders",
    )
    open_sessions = Prefetch(
        "sessions",
        queryset=_with_totals(TableSession.objects.filter(ended_at=None)).prefetch_related(
            recent_orders
        ),
        to_attr="open_sessions",
    )
    return store_live_tables(store=store).prefetch_related(open_sessions)


def store_live_tables(*, store: Store) -> QuerySet[Table]:
    """The store's tables (not deleted), by number, without their visits."""
    return Table.objects.filter(store=store, deleted_at=None).order_by("number")


def store_table(*, store: Store, table_id: int) -> Table:
    """One table of the store, shaped like ``store_tables`` (``Table.DoesNotExist`` if it is
    not this store's)."""
    return store_tables(store=store).get(pk=table_id)


def day_bounds(*, date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """From the start of ``date_from`` to the end of ``date_to``, in the store's time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(date_from, time.min, tzinfo=zone)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def history_dates(*, date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The dates a history lookup covers: up to today, and the last 7 days unless given."""
    date_to = date_to or timezone.localdate()
    date_from = date_from or date_to - timedelta(days=HISTORY_DEFAULT_DAYS - 1)
    return date_from, date_to


def table_history(*, table: Table, date_from: date, date_to: date) -> QuerySet[TableSession]:
    """Closed visits of the table that ended within the dates (inclusive, in the store's time
    zone), newest first, each with its orders and their items."""
    start, end = day_bounds(date_from=date_from, date_to=date_to)
    return (
        _with_totals(
            TableSession.objects.filter(table=table, ended_at__gte=start, ended_at__lt=end)
        )
        .select_related("table")
        .prefetch_related(Prefetch("orders", queryset=orders_for_display()))
        .order_by("-ended_at", "-id")
    )


def session_for_display(*, session_id: int) -> TableSession:
    return (
        _with_totals(TableSession.objects.filter(pk=session_id))
        .select_related("table")
        .prefetch_related(Prefetch("orders", queryset=orders_for_display()))
        .get()
    )
