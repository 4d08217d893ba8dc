"""/api/v1/orders/: a tablet places and follows this visit's orders."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from conftest import assert_error, bearer_client, with_forged_signature
from orders.models import Order
from orders.order_lines import OrderLine
from orders.services import order_place, table_complete
from stores.services import table_delete
from stores.tokens import manager_token, table_token

ORDERS = "/api/v1/orders/"


def order_body(*pairs) -> dict:
    return {"items": [{"menu_id": item.id, "quantity": quantity} for item, quantity in pairs]}


def expected_order(order: Order, table) -> dict:
    """The contract's Order, built from the database row."""
    return {
        "id": order.id,
        "number": order.number,
        "status": order.status,
        "table": {"id": table.id, "number": table.number},
        "session_id": order.visit_id,
        "items": [
            {
                "menu_id": item.menu_item_id,
                "name": item.name,
                "unit_price": item.unit_price,
                "quantity": item.quantity,
                "subtotal": item.unit_price * item.quantity,
                "options": [],
                "note": item.note,
            }
            for item in order.items.order_by("id")
        ],
        "total_amount": order.total_amount,
        "note": order.note,
        "created_at": order.created_at.isoformat().replace("+00:00", "Z"),
        "updated_at": order.updated_at.isoformat().replace("+00:00", "Z"),
    }


class TestPlaceOrder:
    def test_answers_201_with_the_contracts_order(self, table_client, world, menu):
        response = table_client.post(
            ORDERS, order_body((menu.bibimbap, 2), (menu.cola, 1)), format="json"
        )

        assert response.status_code == 201
        order = Order.objects.get()
        assert response.json() == expected_order(order, world.table)
        assert response.json()["total_amount"] == 20000

    def test_the_answer_is_the_order_as_stored_with_lines_in_the_order_sent(
        self, table_client, menu
    ):
        lines = [(menu.cola, 3), (menu.bibimbap, 1), (menu.cola, 1), (menu.bibimbap, 2)]

        placed = table_client.post(ORDERS, order_body(*lines), format="json").json()

        assert table_client.get(f"{ORDERS}{placed['id']}/").json() == placed
        assert [(item["menu_id"], item["quantity"]) for item in placed["items"]] == [
            (item.id, quantity) for item, quantity in lines
        ]

    def test_prices_sent_by_the_client_are_ignored(self, table_client, menu):
        body = {"items": [{"menu_id": menu.bibimbap.id, "quantity": 1, "unit_price": 1}]}
        body["total_amount"] = 1

        response = table_client.post(ORDERS, body, format="json")

        assert response.json()["total_amount"] == 9000

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"items": []}, "items"),
            ({}, "items"),
            ({"items": "cola"}, "items"),
            ({"items": [{"menu_id": 1, "quantity": 0}]}, "items.0.quantity"),
            ({"items": [{"menu_id": 1, "quantity": 100}]}, "items.0.quantity"),
            ({"items": [{"menu_id": 1, "quantity": "2x"}]}, "items.0.quantity"),
            ({"items": [{"menu_id": "x", "quantity": 1}]}, "items.0.menu_id"),
            ({"items": [{"quantity": 1}]}, "items.0.menu_id"),
            ({"items": [{"menu_id": 1, "quantity": 1}] * 51}, "items"),
        ],
    )
    def test_malformed_orders_are_validation_errors(self, table_client, menu, body, field):
        response = table_client.post(ORDERS, body, format="json")

        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert field in body["fields"]
        assert not Order.objects.exists()

    def test_unknown_and_other_stores_items_are_validation_errors(self, table_client, menu):
        body = order_body((menu.cola, 1), (menu.their_noodles, 1))
        body["items"].append({"menu_id": 999_999, "quantity": 1})

        response = table_client.post(ORDERS, body, format="json")

        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert set(body["fields"]) == {"items.1.menu_id", "items.2.menu_id"}
        assert not Order.objects.exists()

    @pytest.mark.parametrize("which", ["sold_out", "deleted"])
    def test_unavailable_items_are_refused(self, table_client, menu, which):
        response = table_client.post(
            ORDERS, order_body((menu.cola, 1), (getattr(menu, which), 1)), format="json"
        )

        assert_error(response, 409, "MENU_UNAVAILABLE")
        assert not Order.objects.exists()

    def test_fifty_lines_of_99_are_fine(self, table_client, menu):
        response = table_client.post(ORDERS, order_body(*[(menu.cola, 99)] * 50), format="json")

        assert response.status_code == 201
        assert response.json()["total_amount"] == 50 * 99 * 2000

    @pytest.mark.parametrize("lines", [1, 20])
    def test_costs_the_same_queries_for_1_or_20_lines(
        self, table_client, world, menu, django_assert_num_queries, lines
    ):
        table_client.post(ORDERS, {"items": [{"menu_id": menu.cola.id, "quantity": 1}]})
        items = [{"menu_id": menu.bibimbap.id, "quantity": 1}] * lines

        # The menu was read by the first order (menus.selectors.orderable_menu). 1 the caller
        # behind the token, 2 the table locked (with its store's menu version), 3 the open
        # visit, 4 the order, 5 its items (not read back: the Order it shows is made from
        # them as written), 6 the store's order number bumped and read (last: the counter
        # stays locked until the commit), 7 the order numbered, 8 the change record, 9 the
        # store channel's event counter bumped and read, 10 the event, 11-12 the same on the
        # kitchen's channel; 13-14 the savepoint that the test's own transaction makes of the
        # service's.
        with django_assert_num_queries(14):
            assert table_client.post(ORDERS, {"items": items}).status_code == 201


class TestIdempotencyKey:
    def test_a_retry_returns_the_same_order(self, table_client, menu):
        body = order_body((menu.cola, 1))

        first = table_client.post(ORDERS, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        again = table_client.post(ORDERS, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

        assert (first.status_code, again.status_code) == (201, 201)
        assert again.json() == first.json()
        assert Order.objects.count() == 1

    def test_the_same_key_with_another_body_is_a_conflict(self, table_client, menu):
        table_client.post(
            ORDERS, order_body((menu.cola, 1)), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
        )

        response = table_client.post(
            ORDERS, order_body((menu.cola, 2)), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
        )

        assert_error(response, 409, "IDEMPOTENCY_KEY_REUSED")
        assert Order.objects.count() == 1

    @pytest.mark.parametrize("key", ["", "k" * 65])
    def test_keys_are_1_to_64_characters(self, table_client, menu, key):
        response = table_client.post(
            ORDERS, order_body((menu.cola, 1)), format="json", HTTP_IDEMPOTENCY_KEY=key
        )

        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert "Idempotency-Key" in body["fields"]

    def test_a_64_character_key_is_fine(self, table_client, menu):
        response = table_client.post(
            ORDERS, order_body((menu.cola, 1)), format="json", HTTP_IDEMPOTENCY_KEY="k" * 64
        )

        assert response.status_code == 201


class TestListAndRetrieve:
    def test_lists_this_visits_orders_newest_first(self, table_client, world, menu):
        with time_machine.travel(timezone.now() - timedelta(minutes=5)):
            older = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order
        newer = order_place(table=world.table, lines=[OrderLine(menu.stew.id, 2)]).order
        order_place(table=world.other_table, lines=[OrderLine(menu.cola.id, 1)])

        response = table_client.get(ORDERS)

        assert response.status_code == 200
        assert response.json() == [
            expected_order(newer, world.table),
            expected_order(older, world.table),
        ]

    def test_the_list_empties_when_the_table_is_completed(self, table_client, world, menu):
        order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)])
        table_complete(table=world.table, actor=world.manager)

        assert table_client.get(ORDERS).json() == []

    def test_retrieves_an_order_of_this_visit(self, table_client, world, menu):
        order = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order

        response = table_client.get(f"{ORDERS}{order.id}/")

        assert response.json() == expected_order(order, world.table)

    def test_an_order_of_a_completed_visit_is_not_found(self, table_client, world, menu):
        order = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order
        table_complete(table=world.table, actor=world.manager)

        assert_error(table_client.get(f"{ORDERS}{order.id}/"), 404, "NOT_FOUND")

    @pytest.mark.parametrize("orders", [1, 50])
    def test_listing_costs_four_queries_however_many_orders(
        self, table_client, world, menu, django_assert_num_queries, orders
    ):
        for _ in range(orders):
            order_place(
                table=world.table,
                lines=[OrderLine(menu.cola.id, 1), OrderLine(menu.stew.id, 2)],
            )

        # 1: the table behind the token, 2: the orders with their table, 3: their items,
        # 4: the items' options.
        with django_assert_num_queries(4):
            response = table_client.get(ORDERS)

        assert len(response.json()) == orders


class TestWhoMustNotGetIn:
    def test_another_table_of_the_store_sees_none_of_this_tables_orders(
        self, other_table_client, world, menu
    ):
        order = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order

        assert other_table_client.get(ORDERS).json() == []
        assert_error(other_table_client.get(f"{ORDERS}{order.id}/"), 404, "NOT_FOUND")

    def test_another_stores_table_sees_nothing(self, world, menu):
        order = order_place(table=world.table, lines=[OrderLine(menu.cola.id, 1)]).order
        theirs = bearer_client(table_token(world.their_table))

        assert theirs.get(ORDERS).json() == []
        assert_error(theirs.get(f"{ORDERS}{order.id}/"), 404, "NOT_FOUND")

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_a_manager_token_is_refused(self, world, menu, method):
        client = bearer_client(manager_token(world.manager))

        response = getattr(client, method)(ORDERS, order_body((menu.cola, 1)), format="json")

        assert_error(response, 403, "PERMISSION_DENIED")
        assert not Order.objects.exists()

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_no_token_is_refused(self, api_client, menu, method):
        response = getattr(api_client, method)(ORDERS, order_body((menu.cola, 1)), format="json")

        assert_error(response, 401, "NOT_AUTHENTICATED")

    def test_an_expired_token_is_refused(self, world, menu):
        with time_machine.travel(timezone.now() - timedelta(hours=17)):
            client = bearer_client(table_token(world.table))

        assert_error(client.get(ORDERS), 401, "TOKEN_EXPIRED")

    def test_a_forged_token_is_refused(self, world, menu):
        forged = bearer_client(with_forged_signature(table_token(world.table)))

        assert_error(forged.get(ORDERS), 401, "TOKEN_INVALID")

    def test_a_deleted_table_is_refused(self, table_client, world, menu):
        table_delete(table=world.table)

        assert_error(table_client.get(ORDERS), 401, "TOKEN_INVALID")
