"""Django admin for visits and orders: their changes go through the order services."""

from __future__ import annotations

import pytest

from menus.option_groups import ChoiceInput, option_group_save
from menus.services import menu_item_update
from orders.models import Order, OrderChange, Visit
from orders.order_lines import OrderLine
from orders.services import order_place, table_complete


@pytest.fixture
def order(world, menu) -> Order:
    return order_place(table=world.table, lines=[OrderLine(menu.cola.id, 2)]).order


class TestVisits:
    def test_completing_a_table_through_an_action(self, staff_client, world, order, staff):
        visit = Visit.objects.get()
        staff_client.post(
            "/admin/orders/visit/", {"action": "complete_tables", "_selected_action": [visit.id]}
        )

        assert Visit.objects.get().ended_at is not None
        event = OrderChange.objects.get(kind="table_completed")
        assert event.actor == f"staff:{staff.id}:root"

    def test_a_visit_over_already_leaves_the_tables_next_visit_open(
        self, staff_client, world, menu, order, staff
    ):
        over = Visit.objects.get()
        table_complete(table=world.table, actor=world.manager)
        order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])

        staff_client.post(
            "/admin/orders/visit/", {"action": "complete_tables", "_selected_action": [over.id]}
        )

        assert Visit.objects.filter(table=world.table, ended_at=None).count() == 1


class TestOrders:
    def test_order_list_queries_do_not_grow_with_orders(
        self, staff_client, world, menu, django_assert_max_num_queries
    ):
        for _ in range(30):
            order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])

        with django_assert_max_num_queries(12):
            assert staff_client.get("/admin/orders/order/").status_code == 200

    def test_status_actions_use_the_forward_only_service(self, staff_client, order, staff):
        staff_client.post(
            "/admin/orders/order/", {"action": "mark_completed", "_selected_action": [order.id]}
        )
        staff_client.post(
            "/admin/orders/order/", {"action": "mark_preparing", "_selected_action": [order.id]}
        )

        order.refresh_from_db()
        assert order.status == "completed"
        assert OrderChange.objects.filter(kind="status_changed").count() == 1

    def test_deleting_an_order_keeps_its_record(self, staff_client, order):
        staff_client.post(
            "/admin/orders/order/",
            {"action": "delete_selected", "_selected_action": [order.id], "post": "yes"},
        )

        assert not Order.objects.exists()
        assert OrderChange.objects.filter(kind="deleted", order_id=order.id).exists()

    def test_orders_cannot_be_edited(self, staff_client, order):
        staff_client.post(
            f"/admin/orders/order/{order.id}/change/", {"status": "pending", "total_amount": 1}
        )

        order.refresh_from_db()
        assert order.total_amount == 4000


def test_an_orders_page_shows_its_options_and_notes(staff_client, world, menu):
    group = option_group_save(
        store=world.store, name="Spice", choices=[ChoiceInput("Extra hot", 500)]
    )
    menu_item_update(item=menu.bibimbap, option_group_ids=[group.id])
    line = OrderLine(menu.bibimbap.id, 1, (group.choices.get().id,), "No sesame")
    order = order_place(table=world.table, lines=[line], note="Birthday").order

    page = staff_client.get(f"/admin/orders/order/{order.id}/change/").content.decode()

    assert "Spice: Extra hot (+₩500)" in page
    assert "No sesame" in page
    assert "Birthday" in page
