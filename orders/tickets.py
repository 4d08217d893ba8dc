"""The kitchen's rule for an order's tickets, once: which stations make an order's lines, and
what each station's part of it (its ticket) has come to.

A line is made at the station it was ordered for (``OrderItem.station``) or, for a category
on no station (or a station deleted since), at the store's first station. An order has one
ticket at each station with lines in it. A ticket is **pending** until its station starts it,
**preparing** until its station bumps it, **completed** once bumped (or once the order is):
each station's part is its own, whatever the others do. The order follows its tickets: it is
preparing once any station starts or bumps its part, and completed once every station has
bumped its own (``orders.kitchen``); an order completed another way (the manager's
dashboard) has every ticket bumped with it (``orders.services.order_set_status``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from orders.models import Order, OrderItem, OrderStatus, Ticket

# How far along each status is: a ticket or an order only moves up, but for a recall.
PROGRESS = {OrderStatus.PENDING: 0, OrderStatus.PREPARING: 1, OrderStatus.COMPLETED: 2}


@dataclass(frozen=True)
class TicketState:
    """An order's part at one station, as the kitchen display shows it."""

    station_id: int
    status: str
    started_at: datetime | None
    bumped_at: datetime | None


def line_station_id(line: OrderItem, first_station: int) -> int:
    return line.station_id or first_station


def ticket_states(
    order: Order, first_station: int, tickets: Iterable[Ticket] | None = None
) -> list[TicketState]:
    """The order's tickets, one per station with lines in it, in station id order. Reads the
    order's ``item_list`` (``orders.selectors.order_items``) and, unless ``tickets`` are given
    (none, for an order just placed), its ``tickets``, prefetched
    (``orders.selectors.kitchen_orders``)."""
    stations = sorted({line_station_id(line, first_station) for line in order.item_list})
    if tickets is None:
        tickets = order.tickets.all()
    tickets = {ticket.station_id: ticket for ticket in tickets}
    states = []
    for station_id in stations:
        ticket = tickets.get(station_id)
        started = ticket.started_at if ticket else None
        bumped = ticket.bumped_at if ticket else None
        if bumped or order.status == OrderStatus.COMPLETED:
            status = OrderStatus.COMPLETED
        elif started:
            status = OrderStatus.PREPARING
        else:
            status = OrderStatus.PENDING
        states.append(TicketState(station_id, status, started, bumped))
    return states


def tickets_save(order: Order, station_ids: Iterable[int], **stamps: datetime | None) -> None:
    """Set ``stamps`` (``started_at``, ``bumped_at``) on the order's tickets at
    ``station_ids``, making those no station had touched yet: two queries at the most.
    ``started_at`` is kept where a ticket has one already."""
    existing = {ticket.station_id: ticket for ticket in order.tickets.all()}
    new, changed = [], []
    for station_id in station_ids:
        ticket = existing.get(station_id)
        if ticket is None:
            ticket = Ticket(order=order, station_id=station_id)
            new.append(ticket)
        else:
            changed.append(ticket)
        for name, value in stamps.items():
            if name == "started_at" and ticket.started_at:
                continue
            setattr(ticket, name, value)
    if new:
        Ticket.objects.bulk_create(new)
    if changed:
        Ticket.objects.bulk_update(changed, list(stamps))
