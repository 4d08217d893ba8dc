"""The rows the floor keeps for each store and table, made in the transaction that creates
the store or the table: the store's order-number counter, and the live-event channels of the
store and of each table (``orders.event_storage.channel_open``).

Stores and tables belong to ``stores``, which knows nothing of the floor; so the floor makes
its rows when they are saved for the first time, whoever saves them (a service, Django admin,
a fixture)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from orders.event_storage import channel_open
from orders.live_events import store_channel, table_channel
from orders.models import OrderNumberCounter
from stores.models import Store, Table


@receiver(post_save, sender=Store, dispatch_uid="orders.store_opened")
def store_opened(sender, instance: Store, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        OrderNumberCounter.objects.create(store=instance)
        channel_open(store_channel(instance.id))


@receiver(post_save, sender=Table, dispatch_uid="orders.table_opened")
def table_opened(sender, instance: Table, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        channel_open(table_channel(instance.id))
