"""A table added, renumbered or removed is told to the store's floor (``table_changed``), in
the change's transaction, whoever makes the change: a service, a manager page, Django admin."""

from __future__ import annotations

import pytest
from django.db import transaction

from conftest import channel_events, signed_in
from live.channels import store_channel
from stores.errors import TableNumberTaken
from stores.services import table_create, table_delete, table_set_password, table_update


def events_of(store) -> list[dict]:
    """The ``table_changed`` events of ``store``, oldest first."""
    return [
        data for kind, data in channel_events(store_channel(store.id)) if kind == "table_changed"
    ]


def table_events(store, table) -> list[dict]:
    """The ``table_changed`` events of ``store`` about ``table``."""
    return [data for data in events_of(store) if data["table"]["id"] == table.id]


def test_each_change_to_what_the_floor_shows_is_told(world):
    table = table_create(store=world.store, number=9, password="secret-9")
    table_update(table=table, number=19)
    table_delete(table=table)

    assert table_events(world.store, table) == [
        {"table": {"id": table.id, "number": 9}, "deleted": False},
        {"table": {"id": table.id, "number": 19}, "deleted": False},
        {"table": {"id": table.id, "number": 19}, "deleted": True},
    ]
    assert table_events(world.other_store, table) == []


def test_a_new_password_or_the_same_number_tells_nothing(world):
    table_set_password(table=world.table, password="another-1")
    table_update(table=world.table, number=world.table.number)

    assert table_events(world.store, world.table) == [
        {"table": {"id": world.table.id, "number": world.table.number}, "deleted": False}
    ]  # its creation only


@pytest.mark.django_db(transaction=True)
def test_a_refused_change_tells_nothing(world):
    with pytest.raises(TableNumberTaken):
        table_update(table=world.table, number=world.other_table.number)
    with pytest.raises(TableNumberTaken), transaction.atomic():
        table_create(store=world.store, number=world.table.number, password="secret-9")

    # The store's tables 1 and 2 as they were made, and nothing since.
    assert [event["table"]["number"] for event in events_of(world.store)] == [1, 2]


def test_django_admin_tells_the_floor_too(world, staff):
    admin = signed_in(staff)

    response = admin.post(
        f"/admin/stores/table/{world.table.id}/change/",
        {"number": 42, "new_password": ""},
    )

    assert response.status_code == 302, response.content[:500]
    assert table_events(world.store, world.table)[-1] == {
        "table": {"id": world.table.id, "number": 42},
        "deleted": False,
    }
