"""Option groups: saved whole with their choices, offered by items in an order, reused by
several items; through the service and the manager's API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import assert_error
from menus import services
from menus.models import MenuItemOptionGroup, OptionChoice, OptionGroup
from menus.option_groups import ChoiceInput, option_group_save
from stores.models import Store

GROUPS = "/api/v1/admin/option-groups/"
ITEMS = "/api/v1/admin/menu-items/"
CHOICES = "/api/v1/admin/option-choices/"
SPICE = {
    "name": "Spice level",
    "min_choices": 1,
    "max_choices": 1,
    "choices": [{"name": "Mild"}, {"name": "Hot"}, {"name": "Extreme", "price_delta": 500}],
}


def menu_version(store) -> int:
    return Store.objects.get(pk=store.pk).menu_version


class TestService:
    def test_choices_are_kept_changed_added_and_dropped_in_the_order_given(self, world):
        group = option_group_save(
            store=world.store, name="Size", choices=[ChoiceInput("S"), ChoiceInput("M")]
        )
        small, medium = group.choices.order_by("display_order")

        option_group_save(
            store=world.store,
            group=group,
            name="Size",
            choices=[ChoiceInput("Large", 1500), ChoiceInput("Medium", id=medium.id)],
        )

        shown = [
            (choice.name, choice.price_delta, choice.id == medium.id)
            for choice in group.choices.filter(is_deleted=False).order_by("display_order")
        ]
        assert shown == [("Large", 1500, False), ("Medium", 0, True)]
        assert OptionChoice.objects.get(pk=small.pk).is_deleted  # kept for past orders

    @pytest.mark.parametrize(("min_choices", "max_choices"), [(2, 1), (0, 0), (0, 21), (21, 21)])
    def test_impossible_counts_are_refused(self, world, min_choices, max_choices):
        with pytest.raises(ValidationError):
            option_group_save(
                store=world.store,
                name="Broken",
                min_choices=min_choices,
                max_choices=max_choices,
                choices=[ChoiceInput("One")],
            )

        assert not OptionGroup.objects.exists()

    def test_a_choice_of_another_group_cannot_be_kept(self, world):
        first = option_group_save(store=world.store, name="A", choices=[ChoiceInput("a")])
        second = option_group_save(store=world.store, name="B", choices=[ChoiceInput("b")])

        with pytest.raises(ValidationError):
            option_group_save(
                store=world.store,
                group=second,
                name="B",
                choices=[ChoiceInput("stolen", id=first.choices.get().id)],
            )

        assert first.choices.get().name == "a"

    def test_every_change_makes_a_new_menu_version(self, world, menu):
        before = menu_version(world.store)
        group = option_group_save(store=world.store, name="Size", choices=[ChoiceInput("L")])
        services.menu_item_update(item=menu.bibimbap, option_group_ids=[group.id])

        assert menu_version(world.store) == before + 2


class TestApi:
    def test_a_group_is_made_and_reused_by_two_items(self, manager_client, world, menu):
        created = manager_client.post(GROUPS, SPICE, format="json")
        assert created.status_code == 201, created.content
        group = created.json()

        for item in (menu.bibimbap, menu.stew):
            body = {"option_group_ids": [group["id"]]}
            response = manager_client.patch(f"{ITEMS}{item.id}/", body, format="json")
            assert response.status_code == 200
            assert [g["id"] for g in response.json()["option_groups"]] == [group["id"]]

        listed = manager_client.get(GROUPS).json()
        assert [(g["name"], g["required"], sorted(g["menu_item_ids"])) for g in listed] == [
            ("Spice level", True, sorted([menu.bibimbap.id, menu.stew.id]))
        ]
        assert [(c["name"], c["price_delta"]) for c in listed[0]["choices"]] == [
            ("Mild", 0),
            ("Hot", 0),
            ("Extreme", 500),
        ]

    def test_an_item_offers_its_groups_in_the_order_given(self, manager_client, world, menu):
        spice = manager_client.post(GROUPS, SPICE, format="json").json()
        size = manager_client.post(
            GROUPS, {"name": "Size", "choices": [{"name": "Large"}]}, format="json"
        ).json()

        body = {"option_group_ids": [size["id"], spice["id"]]}
        response = manager_client.patch(f"{ITEMS}{menu.bibimbap.id}/", body, format="json")

        assert [g["name"] for g in response.json()["option_groups"]] == ["Size", "Spice level"]

    def test_patching_the_name_keeps_the_choices(self, manager_client, world):
        group = manager_client.post(GROUPS, SPICE, format="json").json()

        response = manager_client.patch(f"{GROUPS}{group['id']}/", {"name": "Heat"}, format="json")

        assert response.status_code == 200
        assert response.json()["choices"] == group["choices"]
        assert response.json()["name"] == "Heat"

    def test_a_deleted_group_leaves_every_item(self, manager_client, world, menu):
        group = manager_client.post(GROUPS, SPICE, format="json").json()
        services.menu_item_update(item=menu.bibimbap, option_group_ids=[group["id"]])

        assert manager_client.delete(f"{GROUPS}{group['id']}/").status_code == 204

        assert manager_client.get(GROUPS).json() == []
        assert not MenuItemOptionGroup.objects.exists()

    def test_a_choice_is_sold_out_in_one_tap(self, manager_client, table_client, world, menu):
        group = manager_client.post(GROUPS, SPICE, format="json").json()
        services.menu_item_update(item=menu.bibimbap, option_group_ids=[group["id"]])
        hot = group["choices"][1]["id"]

        response = manager_client.patch(f"{CHOICES}{hot}/", {"is_available": False}, format="json")

        assert response.status_code == 200
        assert response.json()["is_available"] is False
        dish = table_client.get("/api/v1/menu/").json()["categories"][0]["menu_items"][0]
        assert [c["is_available"] for c in dish["option_groups"][0]["choices"]] == [
            True,
            False,
            True,
        ]

    def test_another_stores_group_cannot_be_offered(self, manager_client, world, menu):
        theirs = option_group_save(
            store=world.other_store, name="Broth", choices=[ChoiceInput("Rich")]
        )

        body = {"option_group_ids": [theirs.id]}
        response = manager_client.patch(f"{ITEMS}{menu.bibimbap.id}/", body, format="json")

        assert "option_group_ids" in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert not menu.bibimbap.option_groups.exists()

    @pytest.mark.parametrize(
        "body",
        [
            {**SPICE, "choices": []},
            {**SPICE, "min_choices": 2},
            {**SPICE, "choices": [{"name": ""}]},
            {**SPICE, "choices": [{"name": "Gold", "price_delta": 10_000_001}]},
            {**SPICE, "choices": [{"name": "Refund", "price_delta": -500}]},
            {**SPICE, "choices": [{"name": "Mild", "id": 10**9}]},
            {**SPICE, "max_choices": "1"},
        ],
        ids=["no-choice", "min-over-max", "blank", "too-dear", "negative", "unknown-id", "text"],
    )
    def test_bad_groups_are_400_and_store_nothing(self, manager_client, world, body):
        response = manager_client.post(GROUPS, body, format="json")

        assert_error(response, 400, "VALIDATION_ERROR")
        assert not OptionGroup.objects.exists()
        assert not OptionChoice.objects.exists()

    def test_a_choice_is_always_given_whole_even_in_a_patch(self, manager_client, world):
        group = manager_client.post(GROUPS, SPICE, format="json").json()

        response = manager_client.patch(
            f"{GROUPS}{group['id']}/", {"choices": [{"price_delta": 5}]}, format="json"
        )

        assert "choices.0.name" in assert_error(response, 400, "VALIDATION_ERROR")["fields"]
        assert len(manager_client.get(f"{GROUPS}{group['id']}/").json()["choices"]) == 3

    def test_a_tablet_cannot_edit_groups(self, table_client):
        assert_error(table_client.post(GROUPS, SPICE, format="json"), 403, "PERMISSION_DENIED")
