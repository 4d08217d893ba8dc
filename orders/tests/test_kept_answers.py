"""The table list and the floor, kept between changes (``orders.kept_answers``): every kind of
change reaches the next read, in this process or from another, and a read between two changes
costs the caller's check and the store's position."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from calls.services import staff_call_acknowledge, staff_call_create, staff_call_resolve
from orders.selectors import store_floor, store_tables
from orders.serializers import FloorSerializer, TableSerializer
from orders.services import order_delete, order_set_status, orders_mark_seen, table_complete
from orders.tests.test_manager_api import place
from stores.services import table_create, table_delete, table_set_password, table_update
from stores.tokens import manager_token
from testsupport.live_server import AsgiServer

TABLES, FLOOR = "/api/v1/admin/tables/", "/api/v1/admin/floor/"


def made_afresh(world) -> dict[str, object]:
    """What the two answers say when made now, without anything kept."""
    return {
        TABLES: json.loads(
            json.dumps(TableSerializer(store_tables(store=world.store), many=True).data)
        ),
        FLOOR: json.loads(json.dumps(FloorSerializer(store_floor(store=world.store)).data)),
    }


def read(manager_client) -> dict[str, object]:
    return {path: manager_client.get(path).json() for path in (TABLES, FLOOR)}


def changes(world, menu):
    """Every kind of change to what the answers show, one after another."""
    order = place(world, menu, cola=2)
    yield "an order placed"
    order_set_status(order=order, status="preparing", actor=world.manager)
    yield "an order moved on"
    orders_mark_seen(store=world.store, table=None, actor=world.manager)
    yield "orders seen"
    second = place(world, menu, stew=1)
    yield "another order"
    order_delete(order=second, actor=world.manager)
    yield "an order deleted"
    call = staff_call_create(table=world.table, reason_code="water").call
    yield "a staff call"
    staff_call_acknowledge(call=call, actor=world.manager)
    yield "the call acknowledged"
    staff_call_resolve(call=call, actor=world.manager)
    yield "the call resolved"
    table_complete(table=world.table, actor=world.manager)
    yield "the table completed"
    table = table_create(store=world.store, number=7, password="table-7")
    yield "a table added"
    table_update(table=table, number=8)
    yield "a table renumbered"
    table_delete(table=table)
    yield "a table removed"


def test_every_change_reaches_the_next_read(manager_client, world, menu):
    assert read(manager_client) == made_afresh(world)

    for change in changes(world, menu):
        assert read(manager_client) == made_afresh(world), change


def test_a_password_changed_keeps_the_answer_that_still_holds(
    manager_client, world, menu, django_assert_num_queries
):
    place(world, menu)
    manager_client.get(TABLES)
    table_set_password(table=world.other_table, password="another-2")

    with django_assert_num_queries(2):  # the manager behind the token, the store's position
        response = manager_client.get(TABLES)

    assert response.json() == made_afresh(world)[TABLES]


def test_each_store_reads_its_own(manager_client, other_manager_client, world, menu):
    place(world, menu)
    mine = manager_client.get(FLOOR).json()
    place(world, menu, world.their_table)

    theirs = other_manager_client.get(FLOOR).json()

    assert manager_client.get(FLOOR).json() == mine
    theirs_ids = {t["id"] for t in theirs["tables"]}
    assert world.their_table.id in theirs_ids
    assert world.table.id not in theirs_ids


@pytest.mark.parametrize(("path", "queries"), [(TABLES, 7), (FLOOR, 8)])
def test_a_read_between_two_changes_costs_two_queries(
    manager_client, world, menu, django_assert_num_queries, path, queries
):
    place(world, menu)
    # The first read makes the answer: its own queries and the store's position.
    with django_assert_num_queries(queries):
        first = manager_client.get(path)

    with django_assert_num_queries(2):  # the manager behind the token, the store's position
        second = manager_client.get(path)

    assert second.status_code == 200
    assert second["Content-Type"] == "application/json"
    assert second.content == first.content


@pytest.mark.django_db(transaction=True)
def test_a_change_another_process_commits_reaches_this_ones_answer(world, menu):
    server = AsgiServer()
    try:
        token = str(manager_token(world.manager))
        status, before = server.request("GET", TABLES, token=token)
        assert status == 200
        assert before[0]["current_session"] is None
        connection.close()

        order = place(world, menu)  # committed here, read there

        status, after = server.request("GET", TABLES, token=token)
        assert status == 200
        assert [o["id"] for o in after[0]["recent_orders"]] == [order.id]
    finally:
        server.stop()
