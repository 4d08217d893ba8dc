"""Orders placed at chosen moments, for the reports' tests."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from orders.order_lines import OrderLine
from orders.services import order_delete, order_place, table_complete

SEOUL = ZoneInfo("Asia/Seoul")


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    """A moment of 2026 in the stores' time zone."""
    return datetime(2026, month, day, hour, minute, tzinfo=SEOUL)


@pytest.fixture
def place():
    """``place(table, when, (menu_id, quantity, option_ids?), ...)`` → the order, placed then."""

    def place(table, when: datetime, *lines):
        with time_machine.travel(when, tick=False):
            return order_place(
                table=table, lines=[OrderLine(line[0], line[1], *line[2:]) for line in lines]
            ).order

    return place


@pytest.fixture
def delete():
    def delete(order, when: datetime, actor):
        with time_machine.travel(when, tick=False):
            return order_delete(order=order, actor=actor)

    return delete


@pytest.fixture
def complete():
    def complete(table, when: datetime, actor):
        with time_machine.travel(when, tick=False):
            return table_complete(table=table, actor=actor)

    return complete


def bulk_orders(table, item, count: int, when: datetime, *, lines_each: int = 1) -> None:
    """``count`` orders of ``lines_each`` lines of ``item`` at ``table``, in one past visit,
    all placed at ``when``: made with bulk_create, for tests that need many."""
    from orders.models import Order, OrderItem, OrderNumberCounter, Visit

    with time_machine.travel(when, tick=False):
        # A visit already completed: a table may have had many, but only one open.
        visit = Visit.objects.create(store_id=table.store_id, table=table, ended_at=when)
        counter = OrderNumberCounter.objects.get(store_id=table.store_id)
        first = counter.last_number + 1
        orders = Order.objects.bulk_create(
            Order(
                store_id=table.store_id,
                visit=visit,
                number=first + n,
                total_amount=item.price * lines_each,
            )
            for n in range(count)
        )
        counter.last_number = first + count - 1
        counter.save()
        OrderItem.objects.bulk_create(
            OrderItem(
                order=order, menu_item=item, name=item.name, unit_price=item.price, quantity=1
            )
            for order in orders
            for _line in range(lines_each)
        )


@pytest.fixture
def sales(world, menu, options, place, delete, complete):
    """Two business days of store alpha around 2026-12-01, and a sale of beta's.

    - 11-30 20:00 table 2: 2 kimchi stews (16,000); table 2 completed at 23:00.
    - 12-01 12:10 table 1: 2 bibimbap, hot with cheese (2 at 11,000) and a cola (24,000).
    - 12-01 13:00 table 1: a bibimbap (9,000), deleted at 13:05.
    - 12-01 19:00 table 2: a kimchi stew (8,000).
    - 12-02 01:30 table 1: 3 colas (6,000): still the evening of 12-01.
    - 12-02 05:00 table 2: a kimchi stew (8,000): the first sale of 12-02.
    - 12-01 12:00 beta's table: a ramen (7,000).
    """
    stew, bibimbap, cola = menu.stew.id, menu.bibimbap.id, menu.cola.id
    place(world.other_table, at(30, 20, month=11), (stew, 2))
    complete(world.other_table, at(30, 23, month=11), world.manager)
    lunch = place(
        world.table, at(1, 12, 10), (bibimbap, 2, (options.hot.id, options.cheese.id)), (cola, 1)
    )
    mistake = place(world.table, at(1, 13), (bibimbap, 1, (options.mild.id,)))
    delete(mistake, at(1, 13, 5), world.manager)
    dinner = place(world.other_table, at(1, 19), (stew, 1))
    late = place(world.table, at(2, 1, 30), (cola, 3))
    morning = place(world.other_table, at(2, 5), (stew, 1))
    place(world.their_table, at(1, 12), (menu.their_noodles.id, 1))
    return SimpleNamespace(lunch=lunch, mistake=mistake, dinner=dinner, late=late, morning=morning)
