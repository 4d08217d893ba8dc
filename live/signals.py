"""The live-event channels of each store (its managers', its tablets' menu, its kitchen's)
and of each table, opened in the transaction that creates the store or the table.

Stores and tables belong to ``stores``, which knows nothing of live events; so the channels
are opened when they are saved for the first time, whoever saves them (a service, Django
admin, a fixture)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from live.channels import kitchen_channel, menu_channel, store_channel, table_channel
from live.storage import channel_open
from stores.models import Store, Table


@receiver(post_save, sender=Store, dispatch_uid="live.store_opened")
def store_opened(sender, instance: Store, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        channel_open(store_channel(instance.id))
        channel_open(menu_channel(instance.id))
        channel_open(kitchen_channel(instance.id))


@receiver(post_save, sender=Table, dispatch_uid="live.table_opened")
def table_opened(sender, instance: Table, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        channel_open(table_channel(instance.id))
