from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class StoreUserBackend(ModelBackend):
    """Username-and-password login for platform staff (Django admin).

    ``User.objects.get_by_natural_key`` only finds staff, so a manager can never log in here
    by username alone; managers log in with their store through ``stores.services``.
    (A subclass rather than ModelBackend itself, because usernames are unique per store, not
    globally, and Django only accepts that with a backend of the project's own.)
    """
