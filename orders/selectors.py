"""Reads of orders, visits and tables, scoped to a store or a table and shaped for
serialization: every queryset here answers in a fixed number of queries, however many rows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.selectors import store_open_calls
from orders.models import Order, OrderChange, OrderItem, OrderItemOption, OrderStatus, Visit
from stores.models import Store, Table

RECENT_ORDERS_PER_TABLE = 3
HISTORY_DEFAULT_DAYS = 7
# The dates a history lookup may name: wide for any restaurant, narrow enough that a day's
# bounds in the store's time zone are real moments (date.min and date.max are not).
HISTORY_FIRST_DATE, HISTORY_LAST_DATE = date(2000, 1, 1), date(2099, 12, 31)


def orders_for_display() -> QuerySet[Order]:
    """Orders with what the contract's Order shows: the table, the items and their options
    (3 queries)."""
    return _newest_orders_with_items().select_related("visit__table")


def kitchen_orders() -> QuerySet[Order]:
    """Orders with what a kitchen display shows: the contract's Order and each station's
    ticket (4 queries)."""
    return orders_for_display().prefetch_related("tickets")


def store_kitchen_orders(*, store: Store, recalled_since: datetime) -> QuerySet[Order]:
    """What the store's kitchen displays show, oldest first: the orders of open visits not
    completed yet, and those with a ticket bumped since ``recalled_since`` (which a station
    may still recall), in 4 queries."""
    waiting = Q(status__in=[OrderStatus.PENDING, OrderStatus.PREPARING])
    recallable = Q(tickets__bumped_at__gte=recalled_since)
    return (
        kitchen_orders()
        .filter(store=store, visit__ended_at=None)
        .filter(pk__in=Order.objects.filter(store=store).filter(waiting | recallable).values("pk"))
        .order_by("created_at", "id")
    )


def order_items(*, options: bool = True) -> Prefetch:
    """An order's lines, in order, as the list ``order.item_list``, each with its options as
    ``option_list`` (unless ``options`` is False): what the serializers and templates read.
    Prefetched into ``order.items.all()`` instead, Django would build a queryset for every
    order and every line it fills, most of the time of a floor's read."""
    lines = OrderItem.objects.order_by("id")
    if options:
        chosen = OrderItemOption.objects.order_by("id")
        lines = lines.prefetch_related(Prefetch("options", queryset=chosen, to_attr="option_list"))
    return Prefetch("items", queryset=lines, to_attr="item_list")


def _newest_orders_with_items() -> QuerySet[Order]:
    """For orders prefetched from their visit, whose ``visit`` (and its ``table``, when the
    visit was prefetched from its table) Django sets from the parent without a join."""
    return Order.objects.prefetch_related(order_items()).order_by("-created_at", "-id")


def table_open_orders(*, table: Table) -> QuerySet[Order]:
    """The orders of the table's open visit, newest first (none once it was completed)."""
    return orders_for_display().filter(visit__table=table, visit__ended_at=None)


def store_open_orders(
    *,
    store: Store,
    status: str | None = None,
    table_id: int | None = None,
    seen: bool | None = None,
) -> QuerySet[Order]:
    """Orders of every open visit in the store, newest first, optionally filtered."""
    orders = orders_for_display().filter(store=store, visit__ended_at=None)
    if status:
        orders = orders.filter(status=status)
    if table_id is not None:
        orders = orders.filter(visit__table_id=table_id)
    if seen is not None:
        orders = orders.filter(seen_at__isnull=not seen)
    return orders


def store_unseen_orders(*, store_id: int) -> QuerySet[Order]:
    """The orders of the store's open visits that no manager has seen yet."""
    return Order.objects.filter(store_id=store_id, seen_at=None, visit__ended_at=None)


def store_orders(*, store: Store) -> QuerySet[Order]:
    """Every order of the store, history included (for reading one by id)."""
    return orders_for_display().filter(store=store)


def order_changes(*, order: Order) -> QuerySet[OrderChange]:
    return OrderChange.objects.filter(store_id=order.store_id, order_id=order.id)


def _with_totals(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    return visits.annotate(
        order_count=Count("orders"),
        unseen_count=Count("orders", filter=Q(orders__seen_at=None)),
        total_amount=Coalesce(Sum("orders__total_amount"), 0),
    )


def store_tables(*, store: Store) -> QuerySet[Table]:
    """The store's tables by number, each with its open visit (``open_visits``: a list of
    zero or one, with ``order_count``, ``unseen_count``, ``total_amount`` and
    ``oldest_unserved_at``, when its oldest order still pending or preparing was placed, or
    None) and that visit's newest orders (``recent_orders``). Four queries, whatever the
    number of tables and orders."""
    recent_orders = Prefetch(
        "orders",
        queryset=_newest_orders_with_items()[:RECENT_ORDERS_PER_TABLE],
        to_attr="recent_orders",
    )
    # In the totals' own query: the card's waiting time costs no query of its own.
    unserved = Q(orders__status__in=[OrderStatus.PENDING, OrderStatus.PREPARING])
    open_visits = Prefetch(
        "visits",
        queryset=_with_totals(Visit.objects.filter(ended_at=None))
        .annotate(oldest_unserved_at=Min("orders__created_at", filter=unserved))
        .prefetch_related(recent_orders),
        to_attr="open_visits",
    )
    return store_live_tables(store=store).prefetch_related(open_visits)


def store_floor(*, store: Store) -> dict[str, QuerySet]:
    """The store's floor, as its live pages keep it: ``tables``, by number, each with its open
    visit (``open_visits``: a list of zero or one) and all that visit's orders, newest first;
    and the store's open ``calls``, oldest first. Six queries, whatever their numbers."""
    orders = Prefetch("orders", queryset=_newest_orders_with_items())
    open_visits = Prefetch(
        "visits",
        queryset=Visit.objects.filter(ended_at=None).prefetch_related(orders),
        to_attr="open_visits",
    )
    return {
        "tables": store_live_tables(store=store).prefetch_related(open_visits),
        "calls": store_open_calls(store=store),
    }


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
    """The dates a history lookup covers: up to today, and the last 7 days unless given.
    ``ValidationError`` (on the date concerned) for a date outside 2000 to 2099, or when both
    are given the wrong way round."""
    outside = {
        name: [
            _("Choose a date from %(first)s to %(last)s.")
            % {"first": HISTORY_FIRST_DATE.isoformat(), "last": HISTORY_LAST_DATE.isoformat()}
        ]
        for name, given in (("date_from", date_from), ("date_to", date_to))
        if given is not None and not HISTORY_FIRST_DATE <= given <= HISTORY_LAST_DATE
    }
    if outside:
        raise ValidationError(outside)
    if date_from and date_to and date_from > date_to:
        raise ValidationError({"date_from": [_("The first date must not be after the second.")]})
    date_to = date_to or timezone.localdate()
    date_from = date_from or date_to - timedelta(days=HISTORY_DEFAULT_DAYS - 1)
    return date_from, date_to


def table_history(*, table: Table, date_from: date, date_to: date) -> QuerySet[Visit]:
    """Closed visits of the table that ended within the dates (inclusive, in the store's time
    zone), newest first, each with its orders and their items."""
    start, end = day_bounds(date_from=date_from, date_to=date_to)
    return (
        _with_totals(Visit.objects.filter(table=table, ended_at__gte=start, ended_at__lt=end))
        .select_related("table")
        .prefetch_related(Prefetch("orders", queryset=orders_for_display()))
        .order_by("-ended_at", "-id")
    )


def visit_for_display(*, visit_id: int) -> Visit:
    return (
        _with_totals(Visit.objects.filter(pk=visit_id))
        .select_related("table")
        .prefetch_related(Prefetch("orders", queryset=orders_for_display()))
        .get()
    )
