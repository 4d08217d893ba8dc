"""What every app's Django admin shares."""

from __future__ import annotations

from django.contrib import messages

from core.errors import DomainError


class DeleteThroughServiceMixin:
    """Admin deletions go through the owning app's service, one object at a time (never a
    bulk SQL DELETE), and a refusal becomes a message instead of an error page."""

    def delete_through_service(self, request, obj) -> None:
        raise NotImplementedError

    def delete_model(self, request, obj) -> None:
        self.delete_queryset(request, type(obj).objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            try:
                self.delete_through_service(request, obj)
            except DomainError as error:
                self.message_user(request, f"{obj}: {error.detail}", messages.ERROR)
