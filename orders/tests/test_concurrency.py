"""Orders placed at once from many threads (many server workers, in production): numbers stay
unique and consecutive, visits add up, and completing a table mid-rush loses nothing.

Runs on both databases: PostgreSQL's row locks and SQLite's single writer (the test database
is a file, so writers wait on each other exactly as in production)."""

from __future__ import annotations

import contextlib
import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django_eventstream.models import Event, EventCounter

from orders.errors import NoOpenVisit
from orders.models import Order, OrderChange, OrderItem, OrderNumberCounter, Visit
from orders.order_lines import OrderLine
from orders.selectors import store_tables
from orders.services import _lock_table, order_place, table_complete
from stores.services import table_create

ORDERS_PER_THREAD = 10


def _thread_count() -> int:
    """Ten threads, or as many as PostgreSQL's connection pool lends besides the test's own
    connection: a thread waiting for a connection the pool cannot lend would time out while
    the others hold theirs for their whole run, and the test would measure the pool."""
    pool = connections["default"].settings_dict.get("OPTIONS", {}).get("pool")
    return min(10, pool["max_size"] - 1) if pool else 10


THREADS = _thread_count()

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_threads(work, count: int) -> list:
    """Run ``work(index)`` in ``count`` threads released together; each closes its own DB
    connection when done."""
    start = threading.Barrier(count)

    def worker(index: int):
        try:
            start.wait()
            return work(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(worker, range(count)))


def test_100_concurrent_orders_get_100_consecutive_numbers_and_correct_totals(world, menu):
    tables = [world.table, world.other_table] + [
        table_create(store=world.store, number=n, password="pass") for n in range(3, 6)
    ]

    def place_orders(index: int) -> list[int]:
        table = tables[index % len(tables)]
        return [
            order_place(
                table=table, lines=[OrderLine(menu.cola.id, 1), OrderLine(menu.stew.id, index + 1)]
            ).order.number
            for _ in range(ORDERS_PER_THREAD)
        ]

    numbers = [n for batch in run_in_threads(place_orders, THREADS) for n in batch]

    assert sorted(numbers) == list(range(1, THREADS * ORDERS_PER_THREAD + 1))
    assert Order.objects.count() == THREADS * ORDERS_PER_THREAD
    for table in store_tables(store=world.store):
        (session,) = table.open_visits
        threads_of_table = [i for i in range(THREADS) if tables[i % len(tables)] == table]
        expected = sum(ORDERS_PER_THREAD * (2000 + 8000 * (i + 1)) for i in threads_of_table)
        assert session.total_amount == expected
        assert session.order_count == ORDERS_PER_THREAD * len(threads_of_table)


def test_completing_a_table_during_a_rush_leaves_every_order_in_exactly_one_visit(world, menu):
    placers = THREADS - 1

    def work(index: int) -> list[int]:
        if index == placers:  # the manager, completing the table again and again
            completed = []
            for _ in range(ORDERS_PER_THREAD * 2):
                with contextlib.suppress(NoOpenVisit):
                    completed.append(table_complete(table=world.table, actor=world.manager).id)
            return completed
        return [
            order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order.id
            for _ in range(ORDERS_PER_THREAD)
        ]

    results = run_in_threads(work, THREADS)
    placed = [order_id for batch in results[:placers] for order_id in batch]

    assert sorted(placed) == sorted(Order.objects.values_list("id", flat=True))
    assert len(placed) == placers * ORDERS_PER_THREAD
    assert Visit.objects.filter(table=world.table, ended_at=None).count() <= 1
    for session in Visit.objects.filter(table=world.table):
        orders = Order.objects.filter(visit=session)
        # An order never outlives the end of its visit, nor predates its start.
        for order in orders:
            assert order.created_at >= session.started_at
            if session.ended_at:
                assert order.created_at <= session.ended_at
    per_session = Counter(Order.objects.values_list("visit_id", flat=True))
    assert sum(per_session.values()) == len(placed)
    total = Order.objects.aggregate(total=Sum("total_amount"))["total"]
    assert total == len(placed) * 2000


@pytest.mark.skipif(
    connections["default"].vendor != "postgresql", reason="SQLite has one writer at a time"
)
def test_an_order_does_not_wait_for_another_tables_open_transaction(world, menu):
    """Locking a table locks its row only, not its store's: other tables keep ordering."""
    locked, release = threading.Event(), threading.Event()

    def hold_table_lock() -> None:
        try:
            with transaction.atomic():
                _lock_table(world.table)
                locked.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    def place_elsewhere() -> int:
        try:
            return order_place(
                table=world.other_table, lines=[OrderLine(menu.cola.id, 1)]
            ).order.number
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        holder = pool.submit(hold_table_lock)
        assert locked.wait(timeout=10)
        try:
            number = pool.submit(place_elsewhere).result(timeout=5)
        finally:
            release.set()
        holder.result(timeout=10)

    assert number == 1


def test_an_order_takes_its_number_last_and_holds_the_stores_locks_for_its_last_statements(
    world, menu
):
    """The store's order-number counter, and its channels' event counters, are rows every
    order of the store locks until it commits: taken after the order's own rows are written,
    they queue the store's orders behind a few statements of each, not its whole work."""
    order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])  # the visit is open

    with CaptureQueriesContext(connection) as queries:
        order_place(
            table=world.table, lines=[OrderLine(menu.stew.id, 2), OrderLine(menu.cola.id, 1)]
        )

    statements = [_verb_and_table(query["sql"]) for query in queries]
    numbered = statements.index(("UPDATE", OrderNumberCounter._meta.db_table))
    assert ("INSERT", OrderItem._meta.db_table) in statements[:numbered]
    counter, event = EventCounter._meta.db_table, Event._meta.db_table
    assert statements[numbered + 1 :] == [
        ("UPDATE", Order._meta.db_table),  # its number
        ("INSERT", OrderChange._meta.db_table),
        ("UPDATE", counter),  # new_order, to the store's managers
        ("INSERT", event),
        ("UPDATE", counter),  # kitchen_order, to its kitchen
        ("INSERT", event),
        ("COMMIT", ""),
    ]
    assert list(Order.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


def _verb_and_table(sql: str) -> tuple[str, str]:
    verb = sql.split(None, 1)[0].upper()
    table = re.search(r'(?:UPDATE|INTO|FROM)\s+"?(\w+)"?', sql)
    return verb, table[1] if table and verb in {"UPDATE", "INSERT", "SELECT"} else ""
