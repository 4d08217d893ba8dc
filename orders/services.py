"""Orders and visits: placing, moving forward, deleting, completing a table, and what is new
to the floor.

Each change is recorded (``OrderChange``) and announced live (``orders.live_events``): the
event is stored in the change's transaction and delivered once it commits.

Every change locks the table's row first. That one lock serializes everything that happens at
a table (orders, status changes, completion), so an order always lands in exactly one visit
and a completed visit never changes again. Order numbers come from the store's counter row,
locked from the moment an order takes its number until the order commits: an order takes
it last, once its rows are written.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from calls.services import table_calls_resolve
from core.counters import counter_bump
from menus.selectors import first_station_id, orderable_menu
from orders import live_events
from orders.errors import (
    IdempotencyKeyReused,
    InvalidTransition,
    NoOpenVisit,
    VisitClosed,
)
from orders.models import (
    IdempotencyKey,
    Order,
    OrderChange,
    OrderChangeKind,
    OrderItem,
    OrderItemOption,
    OrderNumberCounter,
    OrderStatus,
    Visit,
)
from orders.order_lines import OrderLine
from orders.pricing import priced_lines
from orders.selectors import order_items, orders_for_display, store_unseen_orders
from orders.tickets import ticket_states, tickets_save
from stores.actors import Actor, actor_label
from stores.models import Store, Table

logger = logging.getLogger(__name__)

IDEMPOTENCY_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class PlacedOrder:
    """An order just placed, or found again by its ``Idempotency-Key``, with the contract's
    Order for it: serialized once, for the ``new_order`` event and the answer alike."""

    order: Order
    data: dict[str, Any]


@transaction.atomic
def order_place(
    *,
    table: Table,
    lines: Sequence[OrderLine],
    note: str = "",
    idempotency_key: str | None = None,
) -> PlacedOrder:
    """Place an order at ``table``; opens the table's visit if none is open.

    Prices and names, of the items and their chosen options, come from the menu as it is now
    and are copied onto the order's lines (``orders.pricing``); the total is their sum. A
    sold-out or deleted item or choice refuses the whole order (``MenuUnavailable``); an id
    that is not on this store's menu, or options the item does not offer, are a
    ``ValidationError``. With ``idempotency_key``, a repeat of the same request from the same
    table within 24 h returns the order the first one placed and creates nothing
    (``IdempotencyKeyReused`` if the lines or notes differ).
    """
    table = _lock_table(table)
    fingerprint = _fingerprint(lines, note)
    if idempotency_key:
        earlier = _order_for_idempotency_key(table, idempotency_key, fingerprint)
        if earlier is not None:
            earlier = orders_for_display().get(pk=earlier.pk)
            return PlacedOrder(earlier, live_events.order_data(earlier))

    menu = orderable_menu(table.store)
    priced = priced_lines(menu=menu, lines=lines)
    visit = _open_visit(table)
    order = Order.objects.create(  # numbered last, below
        store_id=table.store_id,
        visit=visit,
        total_amount=sum(line.item.subtotal for line in priced),
        note=note,
    )
    for line in priced:
        line.item.order = order
    OrderItem.objects.bulk_create([line.item for line in priced])
    for line in priced:
        for option in line.options:
            option.order_item = line.item
    OrderItemOption.objects.bulk_create([option for line in priced for option in line.options])
    if idempotency_key:
        IdempotencyKey.objects.create(
            table=table, key=idempotency_key, fingerprint=fingerprint, order=order
        )
    # The lines as stored, in their order, without reading them back: bulk_create gave each
    # its id (PostgreSQL, and SQLite since 3.35, return them). What orders.selectors.order_items
    # prefetches.
    order.item_list = [line.item for line in priced]
    for line in priced:
        line.item.option_list = line.options
    _number(order)
    _record_change(order, OrderChangeKind.PLACED, actor=table, to_status=order.status)
    data = live_events.publish_new_order(order, first_station=menu.first_station_id)
    logger.info(
        "Order placed",
        extra={
            "store_id": order.store_id,
            "order_id": order.id,
            "order_number": order.number,
            "table_id": table.id,
            "total_amount": order.total_amount,
        },
    )
    return PlacedOrder(order, data)


@transaction.atomic
def order_set_status(*, order: Order, status: str, actor: Actor) -> Order:
    """Move an order forward (pending → preparing → completed, or pending → completed); a
    completed order has every station's ticket bumped with it (``orders.tickets``).

    Setting the status it already has changes nothing. Raises ``InvalidTransition`` for a
    step backwards and ``VisitClosed`` for an order of a completed visit.
    """
    order = order_lock(order)
    if status == order.status:
        return order
    if not order.can_move_to(status):
        raise InvalidTransition(f"An order cannot go from {order.status} to {status}.")
    if status == OrderStatus.COMPLETED:
        _bump_every_ticket(order)
    return _change_status(order, status, actor)


@transaction.atomic
def order_reopen(*, order: Order, actor: Actor) -> Order:
    """A completed order back to preparing: the one step back, the kitchen's recall of a
    ticket bumped by mistake (``orders.kitchen.ticket_recall``, which keeps it to a few
    minutes). ``InvalidTransition`` for an order not completed; ``VisitClosed`` once its
    visit is over."""
    order = order_lock(order)
    if order.status != OrderStatus.COMPLETED:
        raise InvalidTransition("Only a completed order can be called back.")
    return _change_status(order, OrderStatus.PREPARING, actor)


def _change_status(order: Order, status: str, actor: Actor) -> Order:
    from_status, order.status = order.status, status
    order.seen_at = order.seen_at or timezone.now()  # moving it on is seeing it
    order.save(update_fields=["status", "seen_at", "updated_at"])
    _record_change(
        order, OrderChangeKind.STATUS_CHANGED, actor, from_status=from_status, to_status=status
    )
    live_events.publish_order_updated(order)
    logger.info(
        "Order status changed",
        extra={
            "store_id": order.store_id,
            "order_id": order.id,
            "from_status": from_status,
            "to_status": status,
        },
    )
    return order


def _bump_every_ticket(order: Order) -> None:
    prefetch_related_objects([order], order_items(options=False), "tickets")
    now = timezone.now()
    unbumped = [
        state.station_id
        for state in ticket_states(order, first_station_id(order.store_id))
        if not state.bumped_at
    ]
    tickets_save(order, unbumped, started_at=now, bumped_at=now)


@transaction.atomic
def order_delete(*, order: Order, actor: Actor) -> Order:
    """Delete a mistaken order of an open visit; its record stays (``VisitClosed`` once the
    visit is completed: history never changes). Returns the deleted order, ids intact."""
    order = order_lock(order)
    _record_change(
        order,
        OrderChangeKind.DELETED,
        actor,
        from_status=order.status,
        total_amount=order.total_amount,
    )
    live_events.publish_order_deleted(order, order.visit.table)
    live_events.publish_kitchen_orders_removed(store_id=order.store_id, order_ids=[order.id])
    order_id = order.id
    order.delete()
    order.id = order_id
    logger.info("Order deleted", extra={"store_id": order.store_id, "order_id": order_id})
    return order


@transaction.atomic
def table_complete(*, table: Table, actor: Actor) -> Visit:
    """Close the table's open visit: its orders become read-only history, its open staff
    call is resolved, and the table's next order opens a new visit. ``NoOpenVisit`` if no
    visit is open."""
    table = _lock_table(table)
    visit = Visit.objects.filter(table=table, ended_at=None).first()
    if visit is None:
        raise NoOpenVisit()
    visit.ended_at = timezone.now()
    visit.save(update_fields=["ended_at"])
    visit.table = table
    OrderChange.objects.create(
        store_id=table.store_id,
        kind=OrderChangeKind.TABLE_COMPLETED,
        visit_id=visit.id,
        table_number=table.number,
        actor=actor_label(actor),
    )
    table_calls_resolve(table=table, actor=actor)  # the guests are gone: so is their call
    live_events.publish_table_reset(visit)
    live_events.publish_kitchen_orders_removed(
        store_id=table.store_id,
        order_ids=list(visit.orders.order_by("id").values_list("id", flat=True)),
    )
    logger.info(
        "Table completed",
        extra={"store_id": table.store_id, "table_id": table.id, "visit_id": visit.id},
    )
    return visit


@transaction.atomic
def orders_mark_seen(
    *,
    store: Store,
    actor: Actor,
    table: Table | None = None,
    order_ids: Sequence[int] | None = None,
) -> list[int]:
    """Mark the orders of the store's open visits that no manager has seen yet as seen: all
    of them, ``table``'s, or those of ``order_ids`` (the ones a page showed). What is new is
    kept here, the same on every device of the store, and ``orders_seen`` tells the others.
    Returns the ids marked, oldest first; with none, nothing changes and nothing is sent."""
    unseen = store_unseen_orders(store_id=store.id)
    if table is not None:
        unseen = unseen.filter(visit__table=table)
    if order_ids is not None:
        unseen = unseen.filter(pk__in=order_ids)
    # Locked in id order: two devices marking at once wait for each other, never deadlock.
    order_ids = list(
        unseen.select_for_update(of=("self",)).order_by("id").values_list("id", flat=True)
    )
    if not order_ids:
        return []
    Order.objects.filter(pk__in=order_ids).update(seen_at=timezone.now())
    live_events.publish_orders_seen(store_id=store.id, order_ids=order_ids, table=table)
    logger.info(
        "Orders seen",
        extra={
            "store_id": store.id,
            "table_id": table.id if table else None,
            "orders": len(order_ids),
            "actor": actor_label(actor),
        },
    )
    return order_ids


def _lock_table(table: Table) -> Table:
    """The table's row, locked until the transaction ends (``Table.DoesNotExist`` if it was
    deleted meanwhile). Only the table's row: locking the joined store row too would make
    every order of a store wait for the one before it to commit."""
    return (
        Table.objects.select_for_update(of=("self",))
        .select_related("store")
        .get(pk=table.pk, deleted_at=None)
    )


def order_lock(order: Order) -> Order:
    """The order, locked after its table (the lock order every change to an order follows,
    here and in ``orders.kitchen``), with ``VisitClosed`` if its visit is over."""
    Table.objects.select_for_update(of=("self",)).filter(visits=order.visit_id).values_list(
        "pk", flat=True
    ).get()
    order = (
        Order.objects.select_for_update(of=("self",))
        .select_related("visit__table")
        .get(pk=order.pk)
    )
    if order.visit.ended_at is not None:
        raise VisitClosed()
    return order


def _fingerprint(lines: Sequence[OrderLine], note: str) -> str:
    canonical = [line.canonical() for line in lines]
    if note:  # an order without a note as it always was
        canonical.append(note)
    return hashlib.sha256(json.dumps(canonical).encode()).hexdigest()


def _order_for_idempotency_key(table: Table, key: str, fingerprint: str) -> Order | None:
    record = IdempotencyKey.objects.select_related("order").filter(table=table, key=key).first()
    if record is None:
        return None
    if record.created_at < timezone.now() - IDEMPOTENCY_WINDOW:
        record.delete()  # expired: the key starts afresh
        return None
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    if record.order is None:
        raise IdempotencyKeyReused("The order placed with this Idempotency-Key was deleted.")
    return record.order


def _open_visit(table: Table) -> Visit:
    visit = Visit.objects.filter(table=table, ended_at=None).first()
    if visit is None:
        visit = Visit.objects.create(store_id=table.store_id, table=table)
    visit.table = table
    return visit


def _number(order: Order) -> None:
    """Give ``order`` its store's next number. The counter's row (made with the store) stays
    locked from this UPDATE until the order commits, so numbers commit in order and never
    repeat or skip; taken once the order's rows are written, the lock queues the store's
    other orders behind the last few statements of this one only."""
    order.number = counter_bump(OrderNumberCounter, "last_number", where={"store": order.store_id})
    Order.objects.filter(pk=order.pk).update(number=order.number)


def _record_change(
    order: Order,
    kind: str,
    actor: Actor,
    *,
    from_status: str = "",
    to_status: str = "",
    total_amount: int | None = None,
) -> None:
    OrderChange.objects.create(
        store_id=order.store_id,
        kind=kind,
        order_id=order.id,
        order_number=order.number,
        visit_id=order.visit_id,
        table_number=order.visit.table.number,
        from_status=from_status,
        to_status=to_status,
        actor=actor_label(actor),
        total_amount=total_amount,
    )
