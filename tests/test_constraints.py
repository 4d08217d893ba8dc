"""The domain's invariants hold in the database itself, whatever code writes the rows."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from menus.models import Category, MenuItem
from orders.models import Order, OrderItem, Visit
from stores.models import Store, Table, User


def rejected(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def session(world) -> Visit:
    return Visit.objects.create(store=world.store, table=world.table)


@pytest.fixture
def menu_item(world) -> MenuItem:
    category = Category.objects.create(store=world.store, name="Mains")
    return MenuItem.objects.create(
        store=world.store, category=category, name="Bibimbap", price=9000
    )


class TestStoresAndPeople:
    def test_store_codes_are_unique(self, world):
        assert rejected(lambda: Store.objects.create(code="alpha", name="Copy"))

    def test_store_codes_are_slugs(self, db):
        assert rejected(lambda: Store.objects.create(code="Not A Slug", name="x"))

    def test_usernames_are_unique_within_a_store(self, world):
        assert rejected(lambda: User.objects.create(store=world.store, username="manager"))

    def test_the_same_username_may_exist_in_two_stores(self, world):
        # alpha and beta both have "manager" already (conftest); a third store may too.
        store = Store.objects.create(code="gamma", name="Gamma")

        assert not rejected(lambda: User.objects.create(store=store, username="manager"))

    def test_staff_usernames_are_unique_among_staff(self, db):
        User.objects.create(username="root", is_staff=True)

        assert rejected(lambda: User.objects.create(username="root", is_staff=True))

    def test_managers_cannot_be_platform_staff(self, world):
        assert rejected(lambda: User.objects.create(store=world.store, username="x", is_staff=True))
        assert rejected(
            lambda: User.objects.create(store=world.store, username="y", is_superuser=True)
        )


class TestTablesAndVisits:
    def test_table_numbers_are_unique_within_a_store(self, world):
        assert rejected(lambda: Table.objects.create(store=world.store, number=1, password="x"))

    def test_the_same_table_number_may_exist_in_two_stores(self, world):
        assert world.their_table.number == world.table.number

    @pytest.mark.parametrize("number", [0, 1000])
    def test_table_numbers_stay_in_range(self, world, number):
        assert rejected(
            lambda: Table.objects.create(store=world.store, number=number, password="x")
        )

    def test_a_table_has_at_most_one_open_visit(self, world, session):
        assert rejected(lambda: Visit.objects.create(store=world.store, table=world.table))

    def test_closed_visits_do_not_count(self, world, session):
        session.ended_at = timezone.now()
        session.save()

        assert not rejected(lambda: Visit.objects.create(store=world.store, table=world.table))


class TestMenusAndOrders:
    @pytest.mark.parametrize("price", [-1, 10_000_001])
    def test_prices_stay_in_range(self, menu_item, price):
        menu_item.price = price

        assert rejected(menu_item.save)

    def test_order_numbers_are_unique_within_a_store(self, world, session):
        Order.objects.create(store=world.store, visit=session, number=1)

        assert rejected(lambda: Order.objects.create(store=world.store, visit=session, number=1))

    def test_the_same_order_number_may_exist_in_two_stores(self, world, session):
        Order.objects.create(store=world.store, visit=session, number=1)
        their_session = Visit.objects.create(store=world.other_store, table=world.their_table)

        assert not rejected(
            lambda: Order.objects.create(store=world.other_store, visit=their_session, number=1)
        )

    def test_order_statuses_are_the_contracts(self, world, session):
        assert rejected(
            lambda: Order.objects.create(
                store=world.store, visit=session, number=1, status="cancelled"
            )
        )

    @pytest.mark.parametrize("quantity", [0, 100])
    def test_order_quantities_stay_in_range(self, world, session, menu_item, quantity):
        order = Order.objects.create(store=world.store, visit=session, number=1)

        assert rejected(
            lambda: OrderItem.objects.create(
                order=order, menu_item=menu_item, name="x", unit_price=1, quantity=quantity
            )
        )

    def test_an_ordered_item_cannot_be_deleted_from_the_database(self, world, session, menu_item):
        order = Order.objects.create(store=world.store, visit=session, number=1)
        OrderItem.objects.create(
            order=order, menu_item=menu_item, name=menu_item.name, unit_price=9000, quantity=1
        )

        with pytest.raises(ProtectedError):
            menu_item.delete()
