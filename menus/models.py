"""What a store sells: categories, the menu items in them, and the options guests choose
for an item (option groups, reusable by several of the store's items, and their choices)."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stores.models import Store

PRICE_MAX = 10_000_000
NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 1000
CHOICES_MAX = 20  # the most choices a group may ask for


class Badge(models.TextChoices):
    """What a manager may put on a dish's card for guests to notice."""

    POPULAR = "popular", _("Popular")
    NEW = "new", _("New")
    SPICY = "spicy", _("Spicy")


def validate_badges(value) -> None:
    if not isinstance(value, list) or len(set(value)) != len(value):
        raise ValidationError(_("Each badge at most once."))
    unknown = [badge for badge in value if badge not in Badge.values]
    if unknown:
        raise ValidationError(_("No such badge: %(badge)s.") % {"badge": unknown[0]})


def menu_image_path(item: MenuItem, filename: str) -> str:
    """``menus/{store_id}/{uuid4}{ext}``: nothing of the uploaded name but its extension,
    which the upload validation has already set from the detected format."""
    extension = PurePath(filename).suffix.lower()
    return f"menus/{item.store_id}/{uuid.uuid4()}{extension}"


class Translated(models.Model):
    """Names (and descriptions) in the store's language, the model's own fields, and in
    others: ``translations`` is ``{"en": {"name": "…"}, "ja": {…}}`` (menus.languages reads
    it). ``clean()`` keeps only known languages and fields, and no empty text."""

    TRANSLATED_FIELDS: tuple[str, ...] = ("name",)

    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        self.translations = self._checked_translations(self.translations)

    def _checked_translations(self, translations) -> dict[str, dict[str, str]]:
        if not isinstance(translations, dict):
            raise ValidationError({"translations": _("A translation for each language.")})
        languages = {code for code, _name in settings.LANGUAGES}
        checked = {}
        for language, texts in translations.items():
            if language not in languages or not isinstance(texts, dict):
                raise ValidationError(
                    {"translations": _("No such language: %(language)s.") % {"language": language}}
                )
            kept = {}
            for field, text in texts.items():
                if field not in self.TRANSLATED_FIELDS or not isinstance(text, str):
                    raise ValidationError({"translations": _("Only names and descriptions.")})
                limit = self._meta.get_field(field).max_length
                if len(text) > limit:
                    raise ValidationError(
                        {"translations": _("At most %(limit)d characters.") % {"limit": limit}}
                    )
                if text.strip():
                    kept[field] = text.strip()
            if kept:
                checked[language] = kept
        return checked


class OnSale(models.Model):
    """Sold out until someone changes it (``is_available``), or for the rest of the
    business day (``sold_out_until``, the next day's start: back by itself, no job to run)."""

    is_available = models.BooleanField(
        _("available"), default=True, help_text=_("Untick when sold out.")
    )
    sold_out_until = models.DateTimeField(
        _("sold out until"),
        null=True,
        blank=True,
        help_text=_("Sold out for the day: back when the store's next business day begins."),
    )

    class Meta:
        abstract = True

    def on_sale_at(self, moment: datetime) -> bool:
        return self.is_available and not (self.sold_out_until and self.sold_out_until > moment)

    @property
    def sold_out_for_the_day(self) -> bool:
        return (
            self.is_available
            and self.sold_out_until is not None
            and (self.sold_out_until > timezone.now())
        )


class Station(models.Model):
    """Where a store's dishes are made (the kitchen, the bar, the grill): each has its own
    kitchen display, showing the lines of the categories it makes. Every store has one at the
    least, made with the store (``menus.signals``); a category on no station is made at the
    first one."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="stations")
    name = models.CharField(_("name"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["store", "name"], name="station_name_unique_in_store")
        ]

    def __str__(self) -> str:
        return self.name


class Category(Translated):
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="categories")
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    station = models.ForeignKey(
        Station,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="categories",
        verbose_name=_("station"),
        help_text=_("Where its dishes are made. Empty: the store's first station."),
    )
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


class MenuItem(OnSale, Translated):
    TRANSLATED_FIELDS = ("name", "description")

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
    badges = models.JSONField(
        _("badges"), default=list, blank=True, validators=[validate_badges]
    )  # in Badge's order: ["popular", "spicy"]
    image = models.ImageField(_("image"), upload_to=menu_image_path, blank=True)
    # Smaller WebP copies made with the photo (menus.images): a list's thumbnail, a menu card.
    image_small = models.ImageField(upload_to=menu_image_path, blank=True, editable=False)
    image_medium = models.ImageField(upload_to=menu_image_path, blank=True, editable=False)
    option_groups = models.ManyToManyField(
        "OptionGroup", through="MenuItemOptionGroup", related_name="menu_items", blank=True
    )
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


class OptionGroup(Translated):
    """A choice guests make about a dish ("Spice level", "Size", "Add-ons"): at least
    ``min_choices`` and at most ``max_choices`` of its choices (1 and 1: exactly one). Any of
    the store's items may offer it."""

    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="option_groups")
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    min_choices = models.PositiveSmallIntegerField(
        _("at least"), default=0, validators=[MaxValueValidator(CHOICES_MAX)]
    )
    max_choices = models.PositiveSmallIntegerField(
        _("at most"), default=1, validators=[MinValueValidator(1), MaxValueValidator(CHOICES_MAX)]
    )
    # Deleted groups leave the menu; orders keep their snapshot of what was chosen.
    is_deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_choices__gte=1, max_choices__lte=CHOICES_MAX)
                & Q(min_choices__lte=F("max_choices")),
                name="option_group_choices_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def required(self) -> bool:
        return self.min_choices >= 1


class OptionChoice(OnSale, Translated):
    """One choice of a group, with what it adds to the dish's price."""

    group = models.ForeignKey(OptionGroup, on_delete=models.CASCADE, related_name="choices")
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    price_delta = models.PositiveIntegerField(
        _("price change"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(PRICE_MAX)],
        help_text=_("Added to the dish's price."),
    )
    display_order = models.IntegerField(_("display order"), default=0)
    is_deleted = models.BooleanField(default=False)

    class Meta:
        ordering = ["display_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_delta__gte=0, price_delta__lte=PRICE_MAX),
                name="option_choice_price_delta_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group.name}: {self.name}" if self.group_id else self.name


class MenuItemOptionGroup(models.Model):
    """An item offers a group, in its place among the item's groups."""

    menu_item = models.ForeignKey(MenuItem, on_delete=models.CASCADE, related_name="option_links")
    group = models.ForeignKey(OptionGroup, on_delete=models.CASCADE, related_name="item_links")
    display_order = models.IntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["menu_item", "group"], name="menu_item_option_group_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.menu_item_id} offers {self.group_id}"
