"""``manage.py seed_demo``: the demo store a newcomer logs into; a second run changes nothing."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from menus.option_groups import ChoiceInput, option_group_save
from menus.services import category_create, menu_item_create
from stores.errors import StoreCodeTaken
from stores.services import store_create, table_create

STORE_CODE = "demo"
STORE_NAME = "Demo Bistro"
MANAGER_USERNAME = "manager"
MANAGER_PASSWORD = "demo-manager"  # noqa: S105 (published demo login)
TABLE_NUMBERS = range(1, 7)
TABLE_PASSWORD = "1234"  # noqa: S105 (published demo login)

# Option groups by key: (name, least, most, [(choice, price change in KRW)]).
OPTION_GROUPS = {
    "spice": (
        "Spice level 맵기",
        1,
        1,
        [("Mild 순한맛", 0), ("Medium 보통", 0), ("Hot 매운맛", 0), ("Extra hot 아주 매운맛", 500)],
    ),
    "size": ("Size 양", 1, 1, [("Regular 보통", 0), ("Large 곱빼기", 3000)]),
    "add_ons": (
        "Add-ons 추가",
        0,
        3,
        [("Cheese 치즈", 2000), ("Fried egg 계란후라이", 1000), ("Extra rice 공기밥", 1000)],
    ),
    "temperature": ("Temperature 온도", 1, 1, [("Hot 따뜻하게", 0), ("Iced 차갑게", 0)]),
}
# The groups each dish offers, in order.
OFFERED = {
    "Bibimbap 비빔밥": ["spice", "add_ons"],
    "Kimchi stew 김치찌개": ["spice", "add_ons"],
    "Japchae 잡채": ["size"],
    "Tteokbokki 떡볶이": ["spice", "size", "add_ons"],
    "Barley tea 보리차": ["temperature"],
}

# (category, [(name, description, price in KRW, photo colour)])
MENU = [
    (
        "Mains 식사",
        [
            ("Bibimbap 비빔밥", "Rice, seasoned vegetables, egg, gochujang.", 11000, "#c0392b"),
            ("Kimchi stew 김치찌개", "Aged kimchi, pork and tofu, with rice.", 9500, "#d35400"),
            ("Bulgogi 불고기", "Soy-marinated beef, grilled.", 16000, "#8e5a2b"),
            ("Japchae 잡채", "Glass noodles stir-fried with vegetables.", 12000, "#a0522d"),
        ],
    ),
    (
        "Sides 사이드",
        [
            ("Mandu 만두", "Pan-fried dumplings, six pieces.", 7000, "#b8860b"),
            ("Pajeon 파전", "Spring onion pancake.", 13000, "#9a7d0a"),
            ("Tteokbokki 떡볶이", "Rice cakes in spicy sauce.", 8000, "#e74c3c"),
        ],
    ),
    (
        "Drinks 음료",
        [
            ("Sikhye 식혜", "Sweet rice punch.", 3000, "#d4ac0d"),
            ("Barley tea 보리차", "Roasted barley, hot or iced.", 2000, "#7d6608"),
            ("Cola 콜라", "355 ml can.", 2500, "#1f2d3d"),
        ],
    ),
]


class Command(BaseCommand):
    help = (
        "Create the demo store, its manager, tables 1-6 and a menu with photos and options, "
        "if absent."
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
        for number in TABLE_NUMBERS:
            table_create(store=store, number=number, password=TABLE_PASSWORD)
        groups = {
            key: option_group_save(
                store=store,
                name=name,
                min_choices=least,
                max_choices=most,
                choices=[ChoiceInput(choice, price_delta) for choice, price_delta in choices],
            ).id
            for key, (name, least, most, choices) in OPTION_GROUPS.items()
        }
        for category_order, (category_name, dishes) in enumerate(MENU, start=1):
            category = category_create(
                store=store, name=category_name, display_order=category_order
            )
            for dish_order, (name, description, price, colour) in enumerate(dishes, start=1):
                menu_item_create(
                    store=store,
                    category=category,
                    name=name,
                    description=description,
                    price=price,
                    display_order=dish_order,
                    image=demo_photo(name, colour),
                    option_group_ids=[groups[key] for key in OFFERED.get(name, [])],
                )


def demo_photo(name: str, colour: str) -> ContentFile:
    """A 480x360 JPEG: the dish's name on a plate of colour (no photos in the repository)."""
    image = Image.new("RGB", (480, 360), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 30, 390, 330), fill="#f5f0e6", outline="#ffffff", width=6)
    label = name.rsplit(" ", 1)[0]  # the English part: Pillow's own font has no Hangul
    font = ImageFont.load_default(size=40)
    draw.text((240, 180), label, fill="#333333", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="photo.jpg")
