"""The caller's row read by its fixed statement: what the ORM would read, and every change seen
by the next read, in one query while nothing changed."""

from __future__ import annotations

from datetime import time

import pytest
from django.db.models import F
from django.utils import timezone

from stores import caller_rows
from stores.caller_rows import CallerRows
from stores.models import Store, Table, User


def values(instance) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
    }


def read_by_the_orm(model, pk: int):
    return model.objects.select_related("store").get(pk=pk)


@pytest.fixture
def tables() -> CallerRows:
    return CallerRows(Table, "store")


@pytest.fixture
def users() -> CallerRows:
    return CallerRows(User, "store")


@pytest.mark.parametrize("reads", [1, 2])
def test_a_row_is_what_the_orm_reads(world, tables, users, reads):
    for _ in range(reads):
        table, manager = tables.get(world.table.id), users.get(world.manager.id)

    expected = read_by_the_orm(Table, world.table.id)
    assert values(table) == values(expected)
    assert values(table.store) == values(expected.store)
    assert values(manager) == values(read_by_the_orm(User, world.manager.id))
    assert timezone.is_aware(table.created_at)
    assert type(table.store.business_day_starts) is time
    assert manager.is_active is True


def test_a_kept_row_costs_the_fixed_statement_alone(world, tables, django_assert_num_queries):
    tables.get(world.table.id)

    with django_assert_num_queries(1) as context:
        table = tables.get(world.table.id)

    assert context.captured_queries[0]["sql"].startswith("SELECT r.")
    with django_assert_num_queries(0):  # its store came with it
        assert (table.number, table.store.code) == (world.table.number, "alpha")


def test_a_row_never_read_costs_one_query(world, tables, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert tables.get(world.table.id).store.code == "alpha"


@pytest.mark.parametrize(
    ("model", "change", "seen"),
    [
        (Table, {"number": 42}, lambda table: table.number == 42),
        (Table, {"password": "another-hash"}, lambda table: table.password == "another-hash"),
        (Table, {"deleted_at": timezone.now()}, lambda table: table.deleted_at is not None),
        (Store, {"name": "Renamed"}, lambda table: table.store.name == "Renamed"),
        (
            Store,
            {"menu_version": F("menu_version") + 1},
            lambda table: table.store.menu_version == 2,
        ),
        (
            Store,
            {"business_day_starts": time(4, 30)},
            lambda table: table.store.business_day_starts == time(4, 30),
        ),
        (Store, {"ticket_amber_minutes": 3}, lambda table: table.store.ticket_amber_minutes == 3),
    ],
)
def test_every_change_is_seen_by_the_next_read(
    world, tables, django_assert_num_queries, model, change, seen
):
    tables.get(world.table.id)
    pk = world.table.id if model is Table else world.store.id

    model.objects.filter(pk=pk).update(**change)  # as another process would: no signals

    with django_assert_num_queries(2):  # the fixed statement, then the ORM's read
        table = tables.get(world.table.id)
    assert seen(table)
    assert values(table) == values(read_by_the_orm(Table, world.table.id))
    with django_assert_num_queries(1):
        assert seen(tables.get(world.table.id))


def test_a_row_gone_is_none(world, tables):
    tables.get(world.other_table.id)

    Table.objects.filter(pk=world.other_table.id).delete()

    assert tables.get(world.other_table.id) is None
    assert tables.get(99_999) is None


def test_an_empty_link_reads_as_none(db, users):
    staff = User.objects.create_superuser(username="root", password="staff-pass-1")

    assert users.get(staff.id).store is None
    assert users.get(staff.id).store is None
    assert users.get(staff.id).username == "root"


def test_each_read_is_a_new_instance(world, tables):
    first = tables.get(world.table.id)
    first.number = 77
    first.store.name = "Changed in memory"

    second = tables.get(world.table.id)

    assert second.number == world.table.number
    assert second.store.name == "Alpha Grill"


def test_rows_past_the_bound_are_read_afresh(world, tables, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(caller_rows, "ROWS_KEPT", 2)
    for table in (world.table, world.other_table, world.their_table):
        tables.get(table.id)

    assert len(tables.kept) <= 2
    with django_assert_num_queries(1):
        assert tables.get(world.table.id).id == world.table.id
