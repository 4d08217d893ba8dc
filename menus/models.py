"""What a store sells: categories and the menu items in them."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from stores.models import Store

PRICE_MAX = 10_000_000
NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 1000


def menu_image_path(item: MenuItem, filename: str) -> str:
    """``menus/{store_id}/{uuid4}{ext}``: nothing of the uploaded name but its extension,
    which the upload validation has already set from the detected format."""
    extension = PurePath(filename).suffix.lower()
    return f"menus/{item.store_id}/{uuid.uuid4()}{extension}"


class Category(models.Model):
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="categories")
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    display_order = models.IntegerField(_("display order"), default=0)
    # Deleted categories are hidden; their (deleted) items still point at them for history.
    is_deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name_plural = _("categories")
        indexes = [models.Index(fields=["store", "display_order"], name="category_store_order_idx")]

    def __str__(self) -> str:
        return self.name


class MenuItem(models.Model):
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="menu_items")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="menu_items")
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        # TextField's max_length reaches forms and serializers only; services call full_clean().
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )
    price = models.PositiveIntegerField(
        _("price"), validators=[MinValueValidator(0), MaxValueValidator(PRICE_MAX)]
    )
    display_order = models.IntegerField(_("display order"), default=0)
    is_available = models.BooleanField(
        _("available"), default=True, help_text=_("Untick when sold out.")
    )
    image = models.ImageField(_("image"), upload_to=menu_image_path, blank=True)
    # Smaller WebP copies made with the photo (menus.images): a list's thumbnail, a menu card.
    image_small = models.ImageField(upload_to=menu_image_path, blank=True, editable=False)
    image_medium = models.ImageField(upload_to=menu_image_path, blank=True, editable=False)
    # Deleting an item hides it; past orders keep pointing at it.
    is_deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0, price__lte=PRICE_MAX), name="menu_item_price_in_range"
            ),
        ]
        indexes = [
            models.Index(
                fields=["store", "category", "display_order"], name="menu_item_store_order_idx"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def thumbnail(self) -> FieldFile:
        """The photo's small copy, or the photo itself if it was stored before copies were."""
        return self.image_small or self.image

    @property
    def photo_names(self) -> list[str]:
        """The stored files of the photo and its copies."""
        return [file.name for file in (self.image, self.image_small, self.image_medium) if file]
