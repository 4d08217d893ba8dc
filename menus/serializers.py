"""The contract's Category and MenuItem, and the bodies that change them."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from core.serializers import (
    ContractModelSerializer,
    IdField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
)
from menus.images import MEDIUM_WIDTH, SMALL_WIDTH
from menus.models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, PRICE_MAX, Category, MenuItem

DISPLAY_ORDER_LIMIT = 1_000_000


class CategorySerializer(ContractModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "display_order"]


class ImageVariantSerializer(serializers.Serializer):
    """A smaller copy of the photo: ``width`` pixels wide, or the photo's width if less."""

    width = serializers.IntegerField()
    url = serializers.URLField()


class MenuItemSerializer(ContractModelSerializer):
    image_url = serializers.SerializerMethodField()
    image_variants = serializers.SerializerMethodField()

    class Meta:
        model = MenuItem
        fields = [
            "id",
            "category_id",
            "name",
            "description",
            "price",
            "display_order",
            "is_available",
            "image_url",
            "image_variants",
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


class MenuCategorySerializer(CategorySerializer):
    menu_items = MenuItemSerializer(many=True, source="menu")

    class Meta(CategorySerializer.Meta):
        fields = [*CategorySerializer.Meta.fields, "menu_items"]


class MenuSerializer(serializers.Serializer):
    categories = MenuCategorySerializer(many=True)


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
