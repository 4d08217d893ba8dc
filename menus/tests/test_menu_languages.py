"""Menus in the guests' languages: texts translated by the manager, read in the language a
tablet asks for with the store's text where none is, and orders in the store's language."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import assert_error
from menus import services
from menus.models import Category, MenuItem, OptionChoice, OptionGroup
from orders.order_lines import OrderLine
from orders.services import order_place

MENU = "/api/v1/menu/"
CATEGORIES = "/api/v1/admin/categories/"
ITEMS = "/api/v1/admin/menu-items/"
GROUPS = "/api/v1/admin/option-groups/"


def bibimbap_in(body: dict) -> dict:
    return next(
        item
        for category in body["categories"]
        for item in category["menu_items"]
        if item["price"] == 9000
    )


class TestReadingTheMenu:
    def test_in_the_language_asked_for_with_the_stores_text_where_none_is(
        self, table_client, translated
    ):
        body = table_client.get(MENU, {"lang": "ja"}).json()

        assert (body["language"], body["default_language"]) == ("ja", "ko")
        mains, drinks = body["categories"]
        assert (mains["name"], mains["name_language"]) == ("お食事", "ja")
        assert (drinks["name"], drinks["name_language"]) == ("Drinks", "ko")
        dish = bibimbap_in(body)
        assert (dish["name"], dish["name_language"]) == ("ビビンバ", "ja")
        assert (dish["description"], dish["description_language"]) == ("ナムルご飯", "ja")
        stew = mains["menu_items"][1]
        assert (stew["name"], stew["name_language"]) == ("Kimchi stew", "ko")
        spice, add_ons = dish["option_groups"]
        assert (spice["name"], spice["name_language"]) == ("辛さ", "ja")
        assert [(c["name"], c["name_language"]) for c in spice["choices"]] == [
            ("甘口", "ja"),
            ("辛口", "ja"),
            ("Extreme", "ko"),
        ]
        assert (add_ons["name"], add_ons["name_language"]) == ("Add-ons", "ko")

    def test_english_reads_the_english_texts(self, table_client, translated):
        body = table_client.get(MENU, {"lang": "en"}).json()

        assert body["categories"][0]["name"] == "Main dishes"
        dish = bibimbap_in(body)
        assert (dish["name"], dish["name_language"]) == ("Bibimbap", "ko")  # no English name
        assert (dish["description"], dish["description_language"]) == ("Mixed rice", "en")

    def test_the_stores_own_language_reads_the_text_as_written(self, table_client, translated):
        dish = bibimbap_in(table_client.get(MENU, {"lang": "ko"}).json())

        assert (dish["name"], dish["name_language"]) == ("Bibimbap", "ko")

    @pytest.mark.parametrize(
        ("header", "language"),
        [("ja-JP,ja;q=0.9", "ja"), ("zh-CN,zh;q=0.9", "zh-hans"), ("fr-FR", "en"), ("", "ko")],
    )
    def test_without_lang_the_accept_language_header_else_the_stores(
        self, table_client, translated, header, language
    ):
        headers = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
        response = table_client.get(MENU, **headers)

        assert response.json()["language"] == language
        assert "Accept-Language" in response["Vary"]

    def test_an_empty_lang_is_none(self, table_client, translated):
        body = table_client.get(MENU, {"lang": ""}, HTTP_ACCEPT_LANGUAGE="ja").json()

        assert body["language"] == "ja"

    def test_lang_wins_over_the_header_and_takes_regional_codes(self, table_client, translated):
        body = table_client.get(MENU, {"lang": "zh-CN"}, HTTP_ACCEPT_LANGUAGE="ja").json()

        assert body["language"] == "zh-hans"

    @pytest.mark.parametrize("lang", ["fr", "xx-yy", "../ja"])
    def test_a_language_we_have_no_menus_in_is_a_validation_error(
        self, table_client, translated, lang
    ):
        body = assert_error(table_client.get(MENU, {"lang": lang}), 400, "VALIDATION_ERROR")

        assert list(body["fields"]) == ["lang"]

    def test_each_language_has_its_own_etag(self, table_client, translated):
        japanese = table_client.get(MENU, {"lang": "ja"})
        english = table_client.get(MENU, {"lang": "en"})

        assert japanese["ETag"] != english["ETag"]
        again = table_client.get(MENU, {"lang": "ja"}, HTTP_IF_NONE_MATCH=japanese["ETag"])
        assert again.status_code == 304
        other = table_client.get(MENU, {"lang": "en"}, HTTP_IF_NONE_MATCH=japanese["ETag"])
        assert other.status_code == 200
        assert bibimbap_in(other.json())["description"] == "Mixed rice"

    def test_a_translation_changed_is_a_new_menu(self, table_client, translated):
        before = table_client.get(MENU, {"lang": "ja"})
        services.menu_item_update(item=translated.stew, translations={"ja": {"name": "チゲ"}})

        after = table_client.get(MENU, {"lang": "ja"}, HTTP_IF_NONE_MATCH=before["ETag"])

        assert after.status_code == 200
        names = [i["name"] for i in after.json()["categories"][0]["menu_items"]]
        assert "チゲ" in names

    def test_costs_the_same_queries_in_any_language(
        self, table_client, translated, django_assert_num_queries
    ):
        with django_assert_num_queries(5):
            table_client.get(MENU, {"lang": "ja"})


class TestOrders:
    def test_keep_the_stores_language_whatever_the_guest_read(
        self, table_client, table, translated, options
    ):
        table_client.get(MENU, {"lang": "ja"})
        placed = order_place(
            table=table,
            lines=[
                OrderLine(menu_id=translated.bibimbap.id, quantity=1, option_ids=(options.mild.id,))
            ],
        )

        line = placed.order.items.get()
        assert line.name == "Bibimbap"
        assert [(o.group_name, o.choice_name) for o in line.options.all()] == [
            ("Spice level", "Mild")
        ]


class TestManagerWrites:
    def test_a_category_with_translations(self, manager_client, menu):
        created = manager_client.post(
            CATEGORIES,
            {"name": "디저트", "translations": {"en": {"name": "Desserts"}, "ja": {"name": ""}}},
            format="json",
        )

        assert created.status_code == 201, created.json()
        # An empty text is no translation.
        assert created.json()["translations"] == {"en": {"name": "Desserts"}}
        category = Category.objects.get(pk=created.json()["id"])
        assert category.translations == {"en": {"name": "Desserts"}}

    def test_an_items_translations_replace_the_old_ones_and_are_listed(self, manager_client, menu):
        url = f"{ITEMS}{menu.cola.id}/"
        manager_client.patch(url, {"translations": {"ja": {"name": "コーラ"}}}, format="json")
        response = manager_client.patch(
            url,
            {"translations": {"en": {"name": "Coke", "description": "Cold"}}},
            format="json",
        )

        assert response.json()["translations"] == {"en": {"name": "Coke", "description": "Cold"}}
        assert response.json()["name"] == "Cola"  # managers read the text as written
        listed = manager_client.get(ITEMS).json()
        assert next(i for i in listed if i["id"] == menu.cola.id)["translations"] == {
            "en": {"name": "Coke", "description": "Cold"}
        }

    def test_a_groups_and_its_choices_translations(self, manager_client, world):
        body = {
            "name": "맵기",
            "translations": {"en": {"name": "Spice"}},
            "choices": [
                {"name": "순한맛", "translations": {"en": {"name": "Mild"}}},
                {"name": "매운맛"},
            ],
        }
        created = manager_client.post(GROUPS, body, format="json").json()

        assert created["translations"] == {"en": {"name": "Spice"}}
        assert [c["translations"] for c in created["choices"]] == [{"en": {"name": "Mild"}}, {}]
        # A PATCH without choices or translations leaves them.
        patched = manager_client.patch(
            f"{GROUPS}{created['id']}/", {"max_choices": 2}, format="json"
        ).json()
        assert patched["translations"] == {"en": {"name": "Spice"}}
        assert patched["choices"][0]["translations"] == {"en": {"name": "Mild"}}

    @pytest.mark.parametrize(
        ("translations", "field"),
        [
            ({"fr": {"name": "Coca"}}, "translations"),
            ({"ja": {"name": "x" * 101}}, "translations.ja.name"),
            ({"ja": {"name": 5}}, "translations.ja.name"),
            ({"ja": "コーラ"}, "translations.ja"),
            (["ja"], "translations"),
        ],
    )
    def test_bad_translations_are_refused_and_change_nothing(
        self, manager_client, menu, translations, field
    ):
        response = manager_client.patch(
            f"{ITEMS}{menu.cola.id}/", {"translations": translations}, format="json"
        )

        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert field in body["fields"]
        assert MenuItem.objects.get(pk=menu.cola.id).translations == {}


class TestModel:
    def test_clean_keeps_known_languages_and_fields_only(self, menu):
        menu.cola.translations = {"ja": {"name": "  コーラ  ", "description": " "}}
        menu.cola.full_clean()
        assert menu.cola.translations == {"ja": {"name": "コーラ"}}

        menu.mains.translations = {"ja": {"description": "only dishes have one"}}
        with pytest.raises(ValidationError):
            menu.mains.full_clean()

    def test_choices_and_groups_are_translated_by_name_only(self, options):
        choice = OptionChoice.objects.get(pk=options.mild.pk)
        choice.translations = {"en": {"name": "Mild", "description": "no"}}
        with pytest.raises(ValidationError):
            choice.full_clean(exclude=["group"])
        group = OptionGroup.objects.get(pk=options.spice.pk)
        group.translations = {"zh-hans": {"name": "辣度"}}
        group.full_clean()
