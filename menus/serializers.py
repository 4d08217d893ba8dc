"""The contract's Category, MenuItem and OptionGroup, and the bodies that change them."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.utils import html

from core.serializers import (
    ContractModelSerializer,
    IdField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
    UtcDateTimeField,
)
from menus.images import MEDIUM_WIDTH, SMALL_WIDTH
from menus.languages import LANGUAGE_CODES, supported_language
from menus.models import (
    CHOICES_MAX,
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PRICE_MAX,
    Badge,
    Category,
    MenuItem,
    OnSale,
    OptionChoice,
    OptionGroup,
    Translated,
)
from menus.option_groups import ChoiceInput

DISPLAY_ORDER_LIMIT = 1_000_000
OPTION_CHOICES_MAX = 50  # in one group
OPTION_GROUPS_MAX = 20  # offered by one item


@extend_schema_field(OpenApiTypes.STR)
class MenuTextField(serializers.Field):
    """A ``Translated`` text in the reader's language where it is translated, else in the
    store's (the serializer's context says which: ``menu_language``, a ``MenuLanguage``)."""

    def __init__(self, text: str, **kwargs) -> None:
        self.text = text
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, thing: Translated) -> str:
        return self.context["menu_language"].text(thing, self.text)[0]


@extend_schema_field(serializers.ChoiceField(choices=LANGUAGE_CODES))
class MenuTextLanguageField(MenuTextField):
    """The language a ``MenuTextField`` beside it is in."""

    def to_representation(self, thing: Translated) -> str:
        return self.context["menu_language"].text(thing, self.text)[1]


class NameTranslationSerializer(serializers.Serializer):
    name = StrictCharField(max_length=NAME_MAX_LENGTH, allow_blank=True, required=False)


class DishTranslationSerializer(NameTranslationSerializer):
    description = StrictCharField(
        max_length=DESCRIPTION_MAX_LENGTH, allow_blank=True, required=False
    )


class TranslationsField(serializers.DictField):
    """``{"en": {"name": …}, "ja": {…}}``: the texts in other languages than the store's.
    Written, the whole set, replacing what was there (an empty text is no translation)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("help_text", f"By language: {', '.join(LANGUAGE_CODES)} (JSON only).")
        super().__init__(**kwargs)

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and self.field_name in dictionary:
            # A form's field of that name is text, which a dictionary refuses: JSON only.
            # (DRF would otherwise read only ``translations.<key>`` fields, and drop it.)
            return dictionary[self.field_name]
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        unknown = (
            [key for key in data if key not in LANGUAGE_CODES] if isinstance(data, dict) else []
        )
        if unknown:
            raise serializers.ValidationError(f"No such language: {unknown[0]}.")
        return super().to_internal_value(data)


class CategorySerializer(ContractModelSerializer):
    name = MenuTextField("name")
    name_language = MenuTextLanguageField("name")

    class Meta:
        model = Category
        fields = ["id", "name", "name_language", "display_order"]


class ManagerCategorySerializer(CategorySerializer):
    translations = TranslationsField(child=NameTranslationSerializer(), read_only=True)

    class Meta(CategorySerializer.Meta):
        fields = [*CategorySerializer.Meta.fields, "translations"]


class ImageVariantSerializer(serializers.Serializer):
    """A smaller copy of the photo: ``width`` pixels wide, or the photo's width if less."""

    width = serializers.IntegerField()
    url = serializers.URLField()


class OnSaleSerializer(ContractModelSerializer):
    """``is_available`` as guests see it now: not sold out, neither until changed nor for the
    day; ``sold_out_until`` says when a dish sold out for the day is back."""

    is_available = serializers.SerializerMethodField()
    sold_out_until = UtcDateTimeField(
        read_only=True, allow_null=True, help_text="Sold out for the day: back at this time."
    )

    @extend_schema_field(serializers.BooleanField())
    def get_is_available(self, thing: OnSale) -> bool:
        return thing.on_sale_at(timezone.now())


class OptionChoiceSerializer(OnSaleSerializer):
    name = MenuTextField("name")
    name_language = MenuTextLanguageField("name")

    class Meta:
        model = OptionChoice
        fields = [
            "id",
            "name",
            "name_language",
            "price_delta",
            "display_order",
            "is_available",
            "sold_out_until",
        ]


class ManagerOptionChoiceSerializer(OptionChoiceSerializer):
    translations = TranslationsField(child=NameTranslationSerializer(), read_only=True)

    class Meta(OptionChoiceSerializer.Meta):
        fields = [*OptionChoiceSerializer.Meta.fields, "translations"]


class OptionGroupSerializer(ContractModelSerializer):
    name = MenuTextField("name")
    name_language = MenuTextLanguageField("name")
    required = serializers.BooleanField(help_text="At least one choice must be made.")
    choices = OptionChoiceSerializer(many=True, help_text="In display order.")

    class Meta:
        model = OptionGroup
        fields = [
            "id",
            "name",
            "name_language",
            "min_choices",
            "max_choices",
            "required",
            "choices",
        ]


class OfferedGroupsSerializer(serializers.ListSerializer):
    """The groups an item offers, in its order (``menus.selectors.with_options``). Declared,
    not a method field: its serializer is built once per answer rather than once per item."""

    def get_attribute(self, item: MenuItem) -> list[OptionGroup]:
        return [link.group for link in item.option_links.all()]


class MenuItemSerializer(OnSaleSerializer):
    name = MenuTextField("name")
    name_language = MenuTextLanguageField("name")
    description = MenuTextField("description")
    description_language = MenuTextLanguageField("description")
    image_url = serializers.SerializerMethodField()
    image_variants = serializers.SerializerMethodField()
    option_groups = OfferedGroupsSerializer(child=OptionGroupSerializer(), read_only=True)

    class Meta:
        model = MenuItem
        fields = [
            "id",
            "category_id",
            "name",
            "name_language",
            "description",
            "description_language",
            "price",
            "display_order",
            "is_available",
            "image_url",
            "image_variants",
            "option_groups",
            "sold_out_until",
            "badges",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_image_url(self, item: MenuItem) -> str | None:
        return self._absolute_url(item.image.url) if item.image else None

    @extend_schema_field(ImageVariantSerializer(many=True))
    def get_image_variants(self, item: MenuItem) -> list[dict]:
        """The photo's smaller copies, narrowest first (for ``srcset``); none without a photo."""
        copies = ((SMALL_WIDTH, item.image_small), (MEDIUM_WIDTH, item.image_medium))
        return [
            {"width": width, "url": self._absolute_url(file.url)} for width, file in copies if file
        ]

    def _absolute_url(self, url: str) -> str:
        """An absolute URL the tablet can load (storage URLs may be relative: /media/…)."""
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class ManagerMenuItemSerializer(MenuItemSerializer):
    translations = TranslationsField(child=DishTranslationSerializer(), read_only=True)

    class Meta(MenuItemSerializer.Meta):
        fields = [*MenuItemSerializer.Meta.fields, "translations"]


class MenuCategorySerializer(CategorySerializer):
    menu_items = MenuItemSerializer(many=True, source="menu")

    class Meta(CategorySerializer.Meta):
        fields = [*CategorySerializer.Meta.fields, "menu_items"]


class MenuSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=LANGUAGE_CODES,
        help_text="The language asked for, which texts are in if translated.",
    )
    default_language = serializers.ChoiceField(
        choices=LANGUAGE_CODES, help_text="The store's: texts not translated are in it."
    )
    categories = MenuCategorySerializer(many=True)


class MenuQuerySerializer(serializers.Serializer):
    lang = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The guest's language (ko, en, ja, zh-hans; ja-JP and zh-CN do too). "
        "Without it (or empty), Accept-Language, else the store's language.",
    )

    def validate_lang(self, code: str) -> str:
        if not code:
            return code
        language = supported_language(code)
        if language is None:
            raise serializers.ValidationError(f"One of {', '.join(LANGUAGE_CODES)}.")
        return language


def _display_order_field(**kwargs) -> serializers.IntegerField:
    return StrictIntegerField(
        min_value=-DISPLAY_ORDER_LIMIT, max_value=DISPLAY_ORDER_LIMIT, **kwargs
    )


def _name_field(**kwargs) -> serializers.CharField:
    return StrictCharField(min_length=1, max_length=NAME_MAX_LENGTH, **kwargs)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Desserts", value={"name": "Desserts 디저트", "display_order": 4}, request_only=True
        )
    ]
)
class CategoryWriteSerializer(serializers.Serializer):
    name = _name_field()
    display_order = _display_order_field(required=False)
    translations = TranslationsField(child=NameTranslationSerializer(), required=False)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Hotteok",
            value={
                "category_id": 1,
                "name": "Hotteok 호떡",
                "description": "Sweet pancake with brown sugar and nuts.",
                "price": 4500,
                "is_available": True,
            },
            request_only=True,
        )
    ]
)
class MenuItemWriteSerializer(serializers.Serializer):
    category_id = IdField()
    name = _name_field()
    description = StrictCharField(
        max_length=DESCRIPTION_MAX_LENGTH, allow_blank=True, required=False
    )
    price = StrictIntegerField(min_value=0, max_value=PRICE_MAX)
    display_order = _display_order_field(required=False)
    is_available = StrictBooleanField(required=False)
    sold_out_today = StrictBooleanField(
        required=False,
        help_text="true: sold out until the store's next business day begins; false: back now.",
    )
    badges = serializers.ListField(
        child=serializers.ChoiceField(choices=Badge.choices),
        max_length=len(Badge.choices),
        required=False,
        help_text="What the dish's card shows guests, each at most once (JSON only).",
    )
    option_group_ids = serializers.ListField(
        child=IdField(),
        max_length=OPTION_GROUPS_MAX,
        required=False,
        help_text="The store's option groups the item offers, in display order (JSON only).",
    )
    translations = TranslationsField(child=DishTranslationSerializer(), required=False)
    image = serializers.FileField(
        required=False,
        allow_null=True,
        allow_empty_file=True,  # judged with every other file by menus.images (415)
        help_text="multipart/form-data only: a JPEG, PNG or WebP of at most 5 MB. "
        "null removes the photo.",
    )


class MenuItemListQuerySerializer(serializers.Serializer):
    category = IdField(required=False, help_text="Only this category's items.")


class MenuItemOrderSerializer(serializers.Serializer):
    menu_item_ids = serializers.ListField(child=IdField(), min_length=1, max_length=1000)


class ManagerOptionGroupSerializer(OptionGroupSerializer):
    """A group as its manager sees it: with the items on the menu that offer it, and the
    texts in other languages."""

    choices = ManagerOptionChoiceSerializer(many=True, help_text="In display order.")
    menu_item_ids = serializers.SerializerMethodField()
    translations = TranslationsField(child=NameTranslationSerializer(), read_only=True)

    class Meta(OptionGroupSerializer.Meta):
        fields = [*OptionGroupSerializer.Meta.fields, "menu_item_ids", "translations"]

    def get_menu_item_ids(self, group: OptionGroup) -> list[int]:
        return [link.menu_item_id for link in group.item_links.all()]


class OptionChoiceWriteSerializer(serializers.Serializer):
    id = IdField(required=False, help_text="A choice of this group to keep; none for a new one.")
    name = _name_field()
    price_delta = StrictIntegerField(min_value=0, max_value=PRICE_MAX, required=False)
    is_available = StrictBooleanField(required=False)
    translations = TranslationsField(child=NameTranslationSerializer(), required=False)

    def to_internal_value(self, data) -> ChoiceInput:
        values = super().to_internal_value(data)
        if "name" not in values:  # a PATCH of the group lets fields go missing; a choice, never
            raise serializers.ValidationError({"name": [self.error_messages["required"]]})
        return ChoiceInput(**values)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Spice level",
            value={
                "name": "Spice level 맵기",
                "min_choices": 1,
                "max_choices": 1,
                "choices": [
                    {"name": "Mild 순한맛"},
                    {"name": "Hot 매운맛"},
                    {"name": "Very hot 아주 매운맛", "price_delta": 500},
                ],
            },
            request_only=True,
        )
    ]
)
class OptionGroupWriteSerializer(serializers.Serializer):
    name = _name_field()
    min_choices = StrictIntegerField(min_value=0, max_value=CHOICES_MAX, required=False)
    max_choices = StrictIntegerField(min_value=1, max_value=CHOICES_MAX, required=False)
    choices = serializers.ListField(
        child=OptionChoiceWriteSerializer(),
        min_length=1,
        max_length=OPTION_CHOICES_MAX,
        help_text="Every choice of the group, in display order: one left out leaves the menu.",
    )
    translations = TranslationsField(child=NameTranslationSerializer(), required=False)


class OptionChoiceAvailabilitySerializer(serializers.Serializer):
    is_available = StrictBooleanField(required=False)
    sold_out_today = StrictBooleanField(
        required=False,
        help_text="true: sold out until the store's next business day begins; false: back now.",
    )

    def validate(self, data):
        if not data:
            raise serializers.ValidationError("Send is_available or sold_out_today.")
        return data
