"""Which kind of caller an endpoint is for. Each answers 403 PERMISSION_DENIED to the other kind
(and DRF answers 401 NOT_AUTHENTICATED to a caller with no credentials at all)."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from stores.authentication import TableCaller
from stores.models import User


class IsTable(BasePermission):
    message = "This endpoint is for table tablets."

    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, TableCaller)


class IsManager(BasePermission):
    message = "This endpoint is for store managers."

    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, User) and request.user.is_manager


class IsKitchenStaff(BasePermission):
    message = "This endpoint is for the store's kitchen and managers."

    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, User) and request.user.is_kitchen_staff
