"""Django admin for platform staff: visits, orders with their lines, and the change record.

Visits and orders are read-only here except through actions, which call the same services as
the API and the manager pages (forward-only status, history never changes, deletions
recorded, a visit closed only by completing its table).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin import DeleteThroughServiceMixin
from core.errors import DomainError
from core.money import won
from orders import services
from orders.models import Order, OrderChange, OrderItem, OrderStatus, Visit


class MoneyColumns:
    """Amounts shown as money (``core.money.won``), not as bare integers."""

    @admin.display(description=_("total amount"), ordering="total_amount")
    def total(self, order: Order) -> str:
        return won(order.total_amount)


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    fields = ["menu_item", "name", "chosen_options", "note", "price", "quantity", "subtotal"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("options")

    @admin.display(description=_("options"))
    def chosen_options(self, item: OrderItem) -> str:
        return ", ".join(
            f"{option.group_name}: {option.choice_name}"
            + (f" (+{won(option.price_delta)})" if option.price_delta else "")
            for option in item.options.all()
        )

    @admin.display(description=_("unit price"))
    def price(self, item: OrderItem) -> str:
        return won(item.unit_price)

    @admin.display(description=_("subtotal"))
    def subtotal(self, item: OrderItem) -> str:
        return won(item.subtotal)


@admin.register(Order)
class OrderAdmin(MoneyColumns, DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["number", "store", "table", "status", "total", "created_at"]
    list_filter = ["status", "store", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["store", "visit__table"]
    search_fields = ["=number", "store__code"]
    readonly_fields = [
        "store",
        "visit",
        "number",
        "status",
        "total",
        "note",
        "created_at",
        "seen_at",
    ]
    fields = readonly_fields
    inlines = [OrderItemInline]
    actions = ["mark_preparing", "mark_completed", "delete_selected"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("table"), ordering="visit__table__number")
    def table(self, order: Order) -> str:
        return str(order.visit.table)

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


@admin.register(OrderChange)
class OrderChangeAdmin(admin.ModelAdmin):
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


class VisitOrderInline(MoneyColumns, admin.TabularInline):
    model = Order
    fields = ["number", "status", "total", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["id", "store", "table", "started_at", "ended_at"]
    list_filter = [("ended_at", admin.EmptyFieldListFilter), "store"]
    list_select_related = ["store", "table"]
    search_fields = ["store__code", "table__number"]
    readonly_fields = ["store", "table", "started_at", "ended_at"]
    inlines = [VisitOrderInline]
    actions = ["complete_tables"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Complete the tables of the selected open visits"))
    def complete_tables(self, request, queryset) -> None:
        for visit in queryset.select_related("table"):
            if not visit.is_open:
                self.message_user(request, _("%(visit)s is over already.") % {"visit": visit})
                continue
            try:
                services.table_complete(table=visit.table, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"{visit}: {error.detail}", messages.WARNING)
            else:
                self.message_user(request, _("%(table)s completed.") % {"table": visit.table})
