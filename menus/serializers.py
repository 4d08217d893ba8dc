"""The contract's Category and MenuItem, and the bodies that change them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.serializers import (
    ContractModelSerializer,
    IdField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
)
from menus.models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, PRICE_MAX, Category, MenuItem

DISPLAY_ORDER_LIMIT = 1_000_000


class CategorySerializer(ContractModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "display_order"]


class MenuItemSerializer(ContractModelSerializer):
    image_url = serializers.SerializerMethodField()

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
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_image_url(self, item: MenuItem) -> str | None:
        """An absolute URL the tablet can load (storage URLs may be relative: /media/…)."""
        if not item.image:
            return None
        url = item.image.url
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


class CategoryWriteSerializer(serializers.Serializer):
    name = _name_field()
    display_order = _display_order_field(required=False)


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
