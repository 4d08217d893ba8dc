"""The store's order-number counter, made in the transaction that creates the store.

Stores belong to ``stores``, which knows nothing of orders; so the floor makes its row when
a store is saved for the first time, whoever saves it (a service, Django admin, a
fixture)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from orders.models import OrderNumberCounter
from stores.models import Store


@receiver(post_save, sender=Store, dispatch_uid="orders.store_opened")
def store_opened(sender, instance: Store, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        OrderNumberCounter.objects.create(store=instance)
