"""Every store starts with the default call reasons and cooldown, made in the transaction
that creates it, whoever creates it (a service, Django admin, a fixture): stores know
nothing of calls."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from calls.services import call_defaults_create
from stores.models import Store


@receiver(post_save, sender=Store, dispatch_uid="calls.store_opened")
def store_opened(sender, instance: Store, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        call_defaults_create(store=instance)
