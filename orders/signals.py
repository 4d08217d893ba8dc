"""What the floor does as stores and tables change: the store's order-number counter, made in
the transaction that creates the store; a ``table_changed`` event to the store's floor, in the
transaction that adds, renumbers or removes a table.

Stores and tables belong to ``stores``, which knows nothing of orders or live events; so the
floor acts when they are saved, whoever saves them (a service, Django admin, a fixture)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from orders import live_events
from orders.models import OrderNumberCounter
from stores.models import Store, Table

# What a table shows on the floor: a save that may change either is told to the floor.
_ON_THE_FLOOR = {"number", "deleted_at"}


@receiver(post_save, sender=Store, dispatch_uid="orders.store_opened")
def store_opened(sender, instance: Store, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        OrderNumberCounter.objects.create(store=instance)


@receiver(post_save, sender=Table, dispatch_uid="orders.table_changed")
def table_changed(
    sender, instance: Table, created: bool, update_fields=None, raw: bool = False, **kwargs
) -> None:
    if raw:
        return
    if created or update_fields is None or _ON_THE_FLOOR & set(update_fields):
        live_events.publish_table_changed(instance)
