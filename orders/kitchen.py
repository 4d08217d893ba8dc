"""The kitchen display's changes to orders: a station starting, bumping and recalling its part
of an order (its ticket, by the rule in ``orders.tickets``), and checking lines off.

Each change locks the order after its table, as every change to an order does
(``orders.services.order_lock``), and sends ``kitchen_order`` to the store's kitchen displays;
when the order's status moves with it, the order services send ``order_updated`` to its
floor and table too.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from menus.models import Station
from menus.selectors import first_station_id
from orders import live_events
from orders.errors import InvalidTransition, RecallTooLate
from orders.models import Order, OrderItem, OrderStatus
from orders.selectors import order_items
from orders.services import order_lock, order_reopen, order_set_status
from orders.tickets import PROGRESS, TicketState, ticket_states, tickets_save
from stores.actors import Actor

logger = logging.getLogger(__name__)

# How long a bumped ticket may be called back to the display.
RECALL_MINUTES = 5
RECALL_WINDOW = timedelta(minutes=RECALL_MINUTES)


@transaction.atomic
def ticket_bump(
    *, order: Order, status: str, actor: Actor, station: Station | None = None
) -> Order:
    """Move the order's ticket at ``station`` (every station's, with None: the display of all
    stations) forward to ``status``: ``preparing`` starts it, ``completed`` bumps it. A ticket
    already there or further on is left as it is, so the same step tapped twice (on two
    screens, or a double tap) changes nothing. ``InvalidTransition`` for any other status and
    for a station with nothing in the order; ``VisitClosed`` once its table is completed."""
    if status not in (OrderStatus.PREPARING, OrderStatus.COMPLETED):
        raise InvalidTransition("A ticket moves on to preparing or completed.")
    order, states = _locked_with_tickets(order)
    chosen = _at(states, station)
    moving = [state.station_id for state in chosen if PROGRESS[state.status] < PROGRESS[status]]
    if not moving:
        return order
    now = timezone.now()
    if status == OrderStatus.COMPLETED:
        tickets_save(order, moving, started_at=now, bumped_at=now)
    else:
        tickets_save(order, moving, started_at=now)
    bumped = {state.station_id for state in states if state.bumped_at}
    if status == OrderStatus.COMPLETED:
        bumped |= set(moving)
    every_station_bumped = bumped >= {state.station_id for state in states}
    target = OrderStatus.COMPLETED if every_station_bumped else OrderStatus.PREPARING
    _logged("Ticket moved", order, station, status)
    return _order_moved_to(order, target, actor)


@transaction.atomic
def ticket_recall(*, order: Order, actor: Actor, station: Station | None = None) -> Order:
    """Bring the order's bumped ticket at ``station`` (every bumped one, with None) back to
    the display, preparing, within ``RECALL_WINDOW`` of its bump; the order is preparing
    again if the bump had completed it. A ticket not bumped is left as it is.
    ``RecallTooLate`` after the window; ``VisitClosed`` once the table is completed."""
    order, states = _locked_with_tickets(order)
    bumped = [state for state in _at(states, station) if state.status == OrderStatus.COMPLETED]
    if not bumped:
        return order
    since = timezone.now() - RECALL_WINDOW
    if any(state.bumped_at is None or state.bumped_at < since for state in bumped):
        raise RecallTooLate()
    tickets_save(order, [state.station_id for state in bumped], bumped_at=None)
    _logged("Ticket recalled", order, station, OrderStatus.PREPARING)
    if order.status == OrderStatus.COMPLETED:
        return order_reopen(order=order, actor=actor)
    live_events.publish_kitchen_order(order)
    return order


@transaction.atomic
def line_check(*, line: OrderItem, done: bool, actor: Actor) -> Order:
    """Check one of an order's lines off on the kitchen display (``done``), or back on. Only
    the display shows it; the order's status moves with its tickets, not its lines.
    ``VisitClosed`` once the table is completed."""
    order = order_lock(line.order)
    line = OrderItem.objects.get(pk=line.pk, order=order)
    if (line.done_at is not None) != done:
        line.done_at = timezone.now() if done else None
        line.save(update_fields=["done_at"])
        live_events.publish_kitchen_order(order)
        logger.info(
            "Order line checked",
            extra={"store_id": order.store_id, "order_id": order.id, "done": done},
        )
    return order


def _locked_with_tickets(order: Order) -> tuple[Order, list[TicketState]]:
    order = order_lock(order)
    prefetch_related_objects([order], order_items(options=False), "tickets")
    return order, ticket_states(order, first_station_id(order.store_id))


def _at(states: list[TicketState], station: Station | None) -> list[TicketState]:
    chosen = [state for state in states if station is None or state.station_id == station.id]
    if not chosen:
        raise InvalidTransition("This order has nothing for this station.")
    return chosen


def _order_moved_to(order: Order, status: str, actor: Actor) -> Order:
    """The order moved on to ``status`` if it is behind (which tells every screen), else
    the kitchen displays told of its tickets."""
    if PROGRESS[order.status] < PROGRESS[status]:
        return order_set_status(order=order, status=status, actor=actor)
    live_events.publish_kitchen_order(order)
    return order


def _logged(message: str, order: Order, station: Station | None, status: str) -> None:
    logger.info(
        message,
        extra={
            "store_id": order.store_id,
            "order_id": order.id,
            "station_id": station.id if station else None,
            "to_status": status,
        },
    )
