"""PreparedQuery answers exactly what its queryset answers, in one query."""

from __future__ import annotations

import pytest
from django.utils import timezone

from config.prepared_queries import PreparedQuery
from stores.models import Table

pytestmark = pytest.mark.django_db

live_table = PreparedQuery(
    lambda table_id, store_id: Table.objects.select_related("store").filter(
        pk=table_id, store_id=store_id, deleted_at=None
    )
)


def field_values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def test_the_same_instances_as_the_queryset_with_their_related_object(
    world, django_assert_num_queries
):
    for table in (world.table, world.other_table):
        expected = Table.objects.select_related("store").get(pk=table.pk)

        with django_assert_num_queries(1):
            found = live_table.first(table.pk, table.store_id)
            store = found.store

        assert field_values(found) == field_values(expected)  # converted: datetimes, not text
        assert field_values(store) == field_values(expected.store)


def test_none_when_the_queryset_is_empty(world):
    assert live_table.first(world.table.pk, world.other_store.pk) is None
    Table.objects.filter(pk=world.table.pk).update(deleted_at=timezone.now())
    assert live_table.first(world.table.pk, world.store.pk) is None


def test_an_argument_outside_the_query_is_refused(world):
    unused = PreparedQuery(lambda table_id, store_id: Table.objects.filter(pk=table_id))

    with pytest.raises(ValueError, match="once"):
        unused.first(world.table.pk, world.store.pk)
