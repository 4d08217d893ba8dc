"""``manage.py seed_demo``: the demo store a newcomer logs into; a second run changes nothing."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from menus.option_groups import ChoiceInput, option_group_save
from menus.services import category_create, menu_item_create
from menus.stations import station_save
from stores.errors import StoreCodeTaken
from stores.models import StaffRole
from stores.services import manager_create, store_create, table_create

STORE_CODE = "demo"
STORE_NAME = "Demo Bistro"
MANAGER_USERNAME = "manager"
MANAGER_PASSWORD = "demo-manager"  # noqa: S105 (published demo login)
TABLE_NUMBERS = range(1, 7)
TABLE_PASSWORD = "1234"  # noqa: S105 (published demo login)
KITCHEN_USERNAME = "kitchen"
KITCHEN_PASSWORD = "demo-kitchen"  # noqa: S105 (published demo login)
BAR_STATION = "바"
BAR_CATEGORIES = {"Drinks"}  # by their English names: made at the bar, the rest in the kitchen


# Texts in the store's language, Korean, then English, Japanese and Chinese (translations).
def texts(korean: str, english: str, japanese: str, chinese: str) -> tuple[str, dict]:
    return korean, {"en": english, "ja": japanese, "zh-hans": chinese}


# Option groups by key: (name, least, most, [(choice, price change in KRW)]).
OPTION_GROUPS = {
    "spice": (
        texts("맵기", "Spice level", "辛さ", "辣度"),
        1,
        1,
        [
            (texts("순한맛", "Mild", "甘口", "微辣"), 0),
            (texts("보통", "Medium", "中辛", "中辣"), 0),
            (texts("매운맛", "Hot", "辛口", "特辣"), 0),
            (texts("아주 매운맛", "Extra hot", "激辛", "变态辣"), 500),
        ],
    ),
    "size": (
        texts("양", "Size", "サイズ", "份量"),
        1,
        1,
        [
            (texts("보통", "Regular", "普通", "标准"), 0),
            (texts("곱빼기", "Large", "大盛り", "大份"), 3000),
        ],
    ),
    "add_ons": (
        texts("추가", "Add-ons", "トッピング", "加料"),
        0,
        3,
        [
            (texts("치즈", "Cheese", "チーズ", "奶酪"), 2000),
            (texts("계란후라이", "Fried egg", "目玉焼き", "煎蛋"), 1000),
            (texts("공기밥", "Extra rice", "ライス追加", "加一碗米饭"), 1000),
        ],
    ),
    "temperature": (
        texts("온도", "Temperature", "温度", "温度"),
        1,
        1,
        [
            (texts("따뜻하게", "Hot", "ホット", "热"), 0),
            (texts("차갑게", "Iced", "アイス", "冰"), 0),
        ],
    ),
}
# The groups each dish offers, in order, by the dish's English name.
OFFERED = {
    "Bibimbap": ["spice", "add_ons"],
    "Kimchi stew": ["spice", "add_ons"],
    "Japchae": ["size"],
    "Tteokbokki": ["spice", "size", "add_ons"],
    "Barley tea": ["temperature"],
}

# (category, [(name, description, price in KRW, photo colour)])
MENU = [
    (
        texts("식사", "Mains", "お食事", "主食"),
        [
            (
                texts("비빔밥", "Bibimbap", "ビビンバ", "拌饭"),
                texts(
                    "밥, 나물, 계란, 고추장.",
                    "Rice, seasoned vegetables, egg, gochujang.",
                    "ご飯、ナムル、卵、コチュジャン。",
                    "米饭、凉拌蔬菜、鸡蛋、辣椒酱。",
                ),
                11000,
                "#c0392b",
            ),
            (
                texts("김치찌개", "Kimchi stew", "キムチチゲ", "泡菜汤"),
                texts(
                    "묵은지, 돼지고기, 두부, 공기밥 포함.",
                    "Aged kimchi, pork and tofu, with rice.",
                    "熟成キムチ、豚肉、豆腐。ご飯付き。",
                    "老泡菜、猪肉、豆腐，配米饭。",
                ),
                9500,
                "#d35400",
            ),
            (
                texts("불고기", "Bulgogi", "プルコギ", "烤牛肉"),
                texts(
                    "간장 양념 소고기 구이.",
                    "Soy-marinated beef, grilled.",
                    "醤油ダレに漬けた牛肉の焼き物。",
                    "酱油腌制的烤牛肉。",
                ),
                16000,
                "#8e5a2b",
            ),
            (
                texts("잡채", "Japchae", "チャプチェ", "杂菜"),
                texts(
                    "당면과 채소 볶음.",
                    "Glass noodles stir-fried with vegetables.",
                    "春雨と野菜の炒め物。",
                    "粉条炒蔬菜。",
                ),
                12000,
                "#a0522d",
            ),
        ],
    ),
    (
        texts("사이드", "Sides", "サイドメニュー", "小菜"),
        [
            (
                texts("만두", "Mandu", "マンドゥ", "煎饺"),
                texts(
                    "군만두 여섯 개.",
                    "Pan-fried dumplings, six pieces.",
                    "焼き餃子、6個。",
                    "煎饺，六个。",
                ),
                7000,
                "#b8860b",
            ),
            (
                texts("파전", "Pajeon", "チヂミ", "葱饼"),
                texts("쪽파 부침개.", "Spring onion pancake.", "ねぎのチヂミ。", "韩式葱饼。"),
                13000,
                "#9a7d0a",
            ),
            (
                texts("떡볶이", "Tteokbokki", "トッポッキ", "炒年糕"),
                texts(
                    "매콤한 소스의 떡.",
                    "Rice cakes in spicy sauce.",
                    "甘辛いソースのお餅。",
                    "甜辣酱炒年糕。",
                ),
                8000,
                "#e74c3c",
            ),
        ],
    ),
    (
        texts("음료", "Drinks", "お飲み物", "饮料"),
        [
            (
                texts("식혜", "Sikhye", "シッケ", "甜米露"),
                texts(
                    "달콤한 전통 쌀 음료.",
                    "Sweet rice punch.",
                    "甘い米の飲み物。",
                    "传统甜米饮料。",
                ),
                3000,
                "#d4ac0d",
            ),
            (
                texts("보리차", "Barley tea", "麦茶", "大麦茶"),
                texts(
                    "볶은 보리차, 따뜻하게 또는 차갑게.",
                    "Roasted barley, hot or iced.",
                    "焙煎麦茶、ホットまたはアイス。",
                    "烘焙大麦茶，热饮或冰饮。",
                ),
                2000,
                "#7d6608",
            ),
            (
                texts("콜라", "Cola", "コーラ", "可乐"),
                texts("355 ml 캔.", "355 ml can.", "355 ml 缶。", "355 毫升罐装。"),
                2500,
                "#1f2d3d",
            ),
        ],
    ),
]


def named(names: dict, descriptions: dict | None = None) -> dict:
    """``Translated.translations`` from the texts of each language."""
    return {
        language: {
            "name": name,
            **({"description": descriptions[language]} if descriptions else {}),
        }
        for language, name in names.items()
    }


class Command(BaseCommand):
    help = (
        "Create the demo store, its manager and kitchen account, tables 1-6, a menu with photos "
        "and options, and a bar for its drinks, if absent."
    )

    def handle(self, *args, **options):
        try:
            self._create()
        except StoreCodeTaken:
            # store_create refuses before anything is written, also when a concurrent run
            # (a second `make run`) created the store meanwhile.
            self.stdout.write(f"The demo store '{STORE_CODE}' exists already: nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Created the demo store '{STORE_CODE}'."))
        self.stdout.write(
            "\nDemo logins\n"
            f"  Manager: store {STORE_CODE}, username {MANAGER_USERNAME}, "
            f"password {MANAGER_PASSWORD}\n"
            f"  Kitchen display: store {STORE_CODE}, username {KITCHEN_USERNAME}, "
            f"password {KITCHEN_PASSWORD}\n"
            f"  Tablets: store {STORE_CODE}, tables {TABLE_NUMBERS[0]}-{TABLE_NUMBERS[-1]}, "
            f"password {TABLE_PASSWORD}\n"
        )

    @transaction.atomic
    def _create(self) -> None:
        store, _ = store_create(
            code=STORE_CODE,
            name=STORE_NAME,
            manager_username=MANAGER_USERNAME,
            manager_password=MANAGER_PASSWORD,
            check_password_strength=False,  # a published demo password
        )
        manager_create(
            store=store,
            username=KITCHEN_USERNAME,
            password=KITCHEN_PASSWORD,
            role=StaffRole.KITCHEN,
            check_password_strength=False,  # a published demo password
        )
        for number in TABLE_NUMBERS:
            table_create(store=store, number=number, password=TABLE_PASSWORD)
        groups = {
            key: option_group_save(
                store=store,
                name=name,
                translations=named(names),
                min_choices=least,
                max_choices=most,
                choices=[
                    ChoiceInput(choice, price_delta, translations=named(choice_names))
                    for (choice, choice_names), price_delta in choices
                ],
            ).id
            for key, ((name, names), least, most, choices) in OPTION_GROUPS.items()
        }
        at_the_bar = []
        for category_order, ((category_name, names), dishes) in enumerate(MENU, start=1):
            category = category_create(
                store=store,
                name=category_name,
                display_order=category_order,
                translations=named(names),
            )
            if names["en"] in BAR_CATEGORIES:
                at_the_bar.append(category.id)
            for dish_order, (name, description, price, colour) in enumerate(dishes, start=1):
                (korean, names), (korean_description, descriptions) = name, description
                menu_item_create(
                    store=store,
                    category=category,
                    name=korean,
                    description=korean_description,
                    translations=named(names, descriptions),
                    price=price,
                    display_order=dish_order,
                    image=demo_photo(names["en"], colour),
                    option_group_ids=[groups[key] for key in OFFERED.get(names["en"], [])],
                )

        station_save(store=store, name=BAR_STATION, category_ids=at_the_bar)


def demo_photo(name: str, colour: str) -> ContentFile:
    """A 480x360 JPEG: the dish's name on a plate of colour (no photos in the repository)."""
    image = Image.new("RGB", (480, 360), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 30, 390, 330), fill="#f5f0e6", outline="#ffffff", width=6)
    label = name  # in English: Pillow's own font has no Hangul
    font = ImageFont.load_default(size=40)
    draw.text((240, 180), label, fill="#333333", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="photo.jpg")
