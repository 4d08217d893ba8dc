"""Ordering dishes with options and notes: priced from the menu, checked against the item's
groups, snapshotted on the order; through the service and through the tablet's API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import assert_error
from menus.option_groups import ChoiceInput, option_choice_set_available, option_group_save
from orders.errors import IdempotencyKeyReused, MenuUnavailable
from orders.models import OrderItemOption
from orders.order_lines import OrderLine
from orders.services import order_place


def place(table, *lines, note="", key=None):
    return order_place(table=table, lines=list(lines), note=note, idempotency_key=key).order


class TestPricing:
    def test_a_line_costs_its_dish_and_its_options(self, world, menu, options):
        line = OrderLine(menu.bibimbap.id, 2, (options.extreme.id, options.cheese.id), "No egg")

        order = place(world.table, line, OrderLine(menu.cola.id, 1))

        first, cola = order.items.order_by("id")
        assert (first.unit_price, first.subtotal, first.note) == (11500, 23000, "No egg")
        assert order.total_amount == 23000 + 2000
        snapshot = [
            (option.group_name, option.choice_name, option.price_delta, option.choice_id)
            for option in first.options.all()
        ]
        assert snapshot == [
            ("Spice level", "Extreme", 500, options.extreme.id),
            ("Add-ons", "Cheese", 2000, options.cheese.id),
        ]
        assert (cola.unit_price, list(cola.options.all())) == (2000, [])

    def test_the_same_dish_with_other_options_is_another_line(self, world, menu, options):
        order = place(
            world.table,
            OrderLine(menu.bibimbap.id, 1, (options.mild.id,)),
            OrderLine(menu.bibimbap.id, 1, (options.hot.id,)),
            OrderLine(menu.bibimbap.id, 1, (options.hot.id,), "Extra rice"),
        )

        assert [item.unit_price for item in order.items.all()] == [9000, 9000, 9000]
        assert order.items.count() == 3

    def test_the_snapshot_stays_when_the_menu_changes(self, world, menu, options):
        order = place(world.table, OrderLine(menu.bibimbap.id, 1, (options.extreme.id,)))

        option_group_save(
            store=world.store,
            group=options.spice,
            name="Heat",
            min_choices=1,
            max_choices=1,
            choices=[ChoiceInput("Mild", id=options.mild.id), ChoiceInput("Inferno", 900)],
        )

        option = OrderItemOption.objects.get(order_item__order=order)
        assert (option.group_name, option.choice_name, option.price_delta) == (
            "Spice level",
            "Extreme",
            500,
        )
        assert order.items.get().unit_price == 9500

    def test_an_order_carries_a_note(self, world, menu):
        order = place(world.table, OrderLine(menu.cola.id, 1), note="We share")

        assert order.note == "We share"


class TestRules:
    def test_a_required_group_must_be_chosen(self, world, menu, options):
        with pytest.raises(ValidationError) as refused:
            place(world.table, OrderLine(menu.bibimbap.id, 1, (options.cheese.id,)))

        assert refused.value.message_dict == {
            "items.0.option_ids": ["Choose at least 1 of Spice level."]
        }

    def test_at_most_max_choices(self, world, menu, options):
        chosen = (options.mild.id, options.hot.id, options.cheese.id, options.egg.id)

        with pytest.raises(ValidationError) as refused:
            place(world.table, OrderLine(menu.bibimbap.id, 1, chosen))

        assert refused.value.message_dict == {
            "items.0.option_ids": ["Choose at most 1 of Spice level."]
        }

    @pytest.mark.parametrize("whose", ["another item's", "another store's", "unknown"])
    def test_a_choice_the_item_does_not_offer_is_refused(self, world, menu, options, whose):
        foreign = {
            "another item's": options.mild.id,
            "another store's": options.their_rich.id,
            "unknown": 10**9,
        }[whose]
        dish = menu.stew.id if whose == "another item's" else menu.bibimbap.id
        chosen = (foreign,) if dish == menu.stew.id else (options.mild.id, foreign)

        with pytest.raises(ValidationError) as refused:
            place(world.table, OrderLine(dish, 1, chosen))

        assert list(refused.value.message_dict) == ["items.0.option_ids"]
        assert world.table.visits.count() == 0  # nothing stored half-way

    def test_a_choice_named_twice_is_refused(self, world, menu, options):
        with pytest.raises(ValidationError):
            place(world.table, OrderLine(menu.bibimbap.id, 1, (options.mild.id, options.mild.id)))

    def test_a_sold_out_choice_refuses_the_order(self, world, menu, options):
        option_choice_set_available(choice=options.ham, is_available=False)

        with pytest.raises(MenuUnavailable, match=r"Bibimbap \(Ham\)"):
            place(world.table, OrderLine(menu.bibimbap.id, 1, (options.mild.id, options.ham.id)))

    def test_a_choice_sold_out_after_the_menu_was_read_refuses_it(self, world, menu, options):
        option_choice_set_available(choice=options.cheese, is_available=False)

        with pytest.raises(MenuUnavailable):
            place(world.table, OrderLine(menu.bibimbap.id, 1, (options.mild.id, options.cheese.id)))

    def test_a_deleted_choice_is_no_longer_offered(self, world, menu, options):
        option_group_save(
            store=world.store,
            group=options.add_ons,
            name="Add-ons",
            max_choices=2,
            choices=[ChoiceInput("Egg", 1000, id=options.egg.id)],
        )

        with pytest.raises(ValidationError):
            place(world.table, OrderLine(menu.bibimbap.id, 1, (options.mild.id, options.cheese.id)))


class TestIdempotency:
    def test_the_same_options_and_notes_are_the_same_request(self, world, menu, options):
        line = OrderLine(menu.bibimbap.id, 1, (options.hot.id, options.egg.id), "Less rice")
        reordered = OrderLine(menu.bibimbap.id, 1, (options.egg.id, options.hot.id), "Less rice")

        first = place(world.table, line, note="Quick", key="k-1")
        again = place(world.table, reordered, note="Quick", key="k-1")

        assert again.pk == first.pk

    @pytest.mark.parametrize(
        "changed",
        [
            {"option_ids": ("mild", "egg")},
            {"note": "More rice"},
            {"order_note": "Slow"},
        ],
    )
    def test_other_options_or_notes_are_another_request(self, world, menu, options, changed):
        def line(option_names=("hot", "egg"), note="Less rice"):
            ids = tuple(getattr(options, name).id for name in option_names)
            return OrderLine(menu.bibimbap.id, 1, ids, note)

        place(world.table, line(), note="Quick", key="k-1")

        retry = line(changed.get("option_ids", ("hot", "egg")), changed.get("note", "Less rice"))
        with pytest.raises(IdempotencyKeyReused):
            place(world.table, retry, note=changed.get("order_note", "Quick"), key="k-1")


class TestTabletApi:
    def test_options_and_notes_in_and_out(self, table_client, world, menu, options):
        body = {
            "items": [
                {
                    "menu_id": menu.bibimbap.id,
                    "quantity": 1,
                    "option_ids": [options.hot.id, options.cheese.id],
                    "note": "파 빼주세요",
                },
                {"menu_id": menu.cola.id, "quantity": 2},
            ],
            "note": "Birthday",
        }

        response = table_client.post("/api/v1/orders/", body, format="json")

        assert response.status_code == 201, response.content
        order = response.json()
        assert order["note"] == "Birthday"
        assert order["total_amount"] == 11000 + 4000
        assert order["items"][0] == {
            "menu_id": menu.bibimbap.id,
            "name": "Bibimbap",
            "unit_price": 11000,
            "quantity": 1,
            "subtotal": 11000,
            "options": [
                {
                    "option_id": options.hot.id,
                    "group": "Spice level",
                    "name": "Hot",
                    "price_delta": 0,
                },
                {
                    "option_id": options.cheese.id,
                    "group": "Add-ons",
                    "name": "Cheese",
                    "price_delta": 2000,
                },
            ],
            "note": "파 빼주세요",
        }
        assert order["items"][1]["options"] == []
        assert order["items"][1]["note"] == ""

    def test_todays_body_still_orders(self, table_client, menu):
        body = {"items": [{"menu_id": menu.cola.id, "quantity": 1}]}

        response = table_client.post("/api/v1/orders/", body, format="json")

        assert response.status_code == 201
        assert response.json()["items"][0]["options"] == []

    def test_a_bad_choice_is_the_contracts_400_with_the_line(self, table_client, menu, options):
        body = {"items": [{"menu_id": menu.bibimbap.id, "quantity": 1, "option_ids": []}]}

        response = table_client.post("/api/v1/orders/", body, format="json")

        error = assert_error(response, 400, "VALIDATION_ERROR")
        assert list(error["fields"]) == ["items.0.option_ids"]

    def test_another_stores_choice_is_refused(self, table_client, menu, options):
        line = {"menu_id": menu.bibimbap.id, "quantity": 1}
        body = {"items": [{**line, "option_ids": [options.mild.id, options.their_rich.id]}]}

        response = table_client.post("/api/v1/orders/", body, format="json")

        assert_error(response, 400, "VALIDATION_ERROR")

    def test_a_sold_out_choice_is_409(self, table_client, menu, options):
        option_choice_set_available(choice=options.ham, is_available=False)
        line = {"menu_id": menu.bibimbap.id, "quantity": 1}
        body = {"items": [{**line, "option_ids": [options.mild.id, options.ham.id]}]}

        response = table_client.post("/api/v1/orders/", body, format="json")

        assert_error(response, 409, "MENU_UNAVAILABLE")

    @pytest.mark.parametrize(
        "line",
        [
            {"note": "x" * 141},
            {"note": 5},
            {"option_ids": "1"},
            {"option_ids": [True]},
            {"option_ids": list(range(1, 60))},
        ],
    )
    def test_malformed_options_and_notes_are_400(self, table_client, menu, options, line):
        body = {"items": [{"menu_id": menu.bibimbap.id, "quantity": 1, **line}]}

        response = table_client.post("/api/v1/orders/", body, format="json")

        assert_error(response, 400, "VALIDATION_ERROR")

    @pytest.mark.parametrize("lines", [1, 20])
    def test_placing_costs_the_same_queries_with_options_for_any_number_of_lines(
        self, table_client, menu, options, django_assert_num_queries, lines
    ):
        line = {
            "menu_id": menu.bibimbap.id,
            "quantity": 1,
            "option_ids": [options.hot.id, options.cheese.id],
        }
        body = {"items": [{**line, "note": f"{index}"} for index in range(lines)]}
        table_client.post("/api/v1/orders/", body, format="json")  # the visit is open

        # The 14 of an order without options (orders/tests/test_tablet_api.py), and the
        # options written.
        with django_assert_num_queries(15):
            response = table_client.post("/api/v1/orders/", body, format="json")

        assert response.status_code == 201
