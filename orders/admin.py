"""Django admin for platform staff: orders with their lines and their change record.

Orders are read-only here except through actions, which call the same services as the API
and the manager pages (forward-only status, history never changes, deletions recorded).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from config.admin import DeleteThroughServiceMixin
from config.errors import DomainError
from orders import services
from orders.models import Order, OrderEvent, OrderItem, OrderStatus


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    fields = ["menu_item", "name", "unit_price", "quantity", "subtotal"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("subtotal"))
    def subtotal(self, item: OrderItem) -> int:
        return item.subtotal


@admin.register(Order)
class OrderAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["number", "store", "table", "status", "total_amount", "created_at"]
    list_filter = ["status", "store", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["store", "session__table"]
    search_fields = ["=number", "store__code"]
    readonly_fields = ["store", "session", "number", "status", "total_amount", "created_at"]
    fields = readonly_fields
    inlines = [OrderItemInline]
    actions = ["mark_preparing", "mark_completed", "delete_selected"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("table"), ordering="session__table__number")
    def table(self, order: Order) -> str:
        return str(order.session.table)

    def delete_through_service(self, request, order: Order) -> None:
        services.order_delete(order=order, actor=request.user)

    def _set_status(self, request, queryset, status: str) -> None:
        changed = 0
        for order in queryset:
            try:
                services.order_set_status(order=order, status=status, actor=request.user)
                changed += 1
            except DomainError as error:
                self.message_user(request, f"{order}: {error.detail}", messages.WARNING)
        self.message_user(request, _("%(count)d order(s) updated.") % {"count": changed})

    @admin.action(description=_("Mark selected orders as preparing"))
    def mark_preparing(self, request, queryset) -> None:
        self._set_status(request, queryset, OrderStatus.PREPARING)

    @admin.action(description=_("Mark selected orders as completed"))
    def mark_completed(self, request, queryset) -> None:
        self._set_status(request, queryset, OrderStatus.COMPLETED)


@admin.register(OrderEvent)
class OrderEventAdmin(admin.ModelAdmin):
    """The append-only record: readable, never edited."""

    list_display = ["created_at", "store", "kind", "order_number", "table_number", "actor"]
    list_filter = ["kind", "store"]
    list_select_related = ["store"]
    search_fields = ["=order_number", "actor", "store__code"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
