"""Staff calls in Django admin: read, and resolved through the same service as the pages."""

from __future__ import annotations

from django.contrib import admin, messages

from calls import services
from calls.models import CallReason, CallSettings, StaffCall


@admin.register(StaffCall)
class StaffCallAdmin(admin.ModelAdmin):
    list_display = ["id", "store", "table", "reason_label", "text", "created_at", "resolved_at"]
    list_filter = ["store"]
    list_select_related = ["store", "table"]
    readonly_fields = [field.name for field in StaffCall._meta.fields]
    actions = ["resolve"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # kept for the store's history and reports

    @admin.action(description="Resolve the selected calls")
    def resolve(self, request, queryset) -> None:
        for call in queryset.filter(resolved_at=None):
            services.staff_call_resolve(call=call, actor=request.user)
        messages.success(request, "Resolved.")


@admin.register(CallReason)
class CallReasonAdmin(admin.ModelAdmin):
    list_display = ["store", "code", "label", "position", "is_active"]
    list_filter = ["store"]
    readonly_fields = ["store", "code"]

    def has_add_permission(self, request) -> bool:
        return False  # on the store's reasons page (calls.services.call_reasons_update)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # calls name their reason


@admin.register(CallSettings)
class CallSettingsAdmin(admin.ModelAdmin):
    """Read here; the store's reasons page changes it (``calls.services``)."""

    list_display = ["store", "cooldown_seconds"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
