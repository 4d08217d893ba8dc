"""Viewset bases for the two kinds of caller: the caller's store is where every queryset
starts."""

from __future__ import annotations

from rest_framework import viewsets

from stores.authentication import BearerTokenAuthentication, KitchenSessionAuthentication
from stores.models import Store, Table
from stores.permissions import IsKitchenStaff, IsManager, IsTable


class StoreScopedViewSet(viewsets.GenericViewSet):
    """A viewset whose querysets all start from ``self.store``, the caller's store.

    Subclasses implement ``get_queryset`` with a selector that takes the store; another
    store's ids then fall out as 404 without anyone remembering to filter.
    """

    lookup_value_regex = r"\d+"

    @property
    def store(self) -> Store:
        return self.request.user.store


class TableViewSet(StoreScopedViewSet):
    """For tablets: the caller is one table (``self.table``)."""

    permission_classes = [IsTable]

    @property
    def table(self) -> Table:
        return self.request.user.table


class ManagerViewSet(StoreScopedViewSet):
    """For store managers (bearer token or the manager pages' session)."""

    permission_classes = [IsManager]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]


class KitchenCallers:
    """For the kitchen display: the store's managers and kitchen accounts (a manager's bearer
    token, or either's session)."""

    authentication_classes = [BearerTokenAuthentication, KitchenSessionAuthentication]
    permission_classes = [IsKitchenStaff]


class KitchenViewSet(KitchenCallers, StoreScopedViewSet):
    http_method_names = ["post", "options"]
