"""What a new store gets (its first station), and what a change of the store's settings does
to its menu. Stores belong to ``stores``, which knows nothing of menus; so the menu hears of
a saved store here."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from menus.services import menu_changed
from menus.stations import station_defaults_create
from stores.models import Store

# The store's settings that change what its tablets show: the language the menu is written in
# (each text's language), and the business day's start (what is sold out "today").
MENU_SETTINGS = {"language", "business_day_starts"}


@receiver(post_save, sender=Store, dispatch_uid="menus.store_saved")
def store_saved(sender, instance: Store, update_fields=None, raw: bool = False, **kwargs) -> None:
    if not raw and update_fields and MENU_SETTINGS & set(update_fields):
        menu_changed(instance.id)


@receiver(post_save, sender=Store, dispatch_uid="menus.store_opened")
def store_opened(sender, instance: Store, created: bool, raw: bool = False, **kwargs) -> None:
    """Every store starts with one station, made in the transaction that creates it."""
    if created and not raw:
        station_defaults_create(store=instance)
