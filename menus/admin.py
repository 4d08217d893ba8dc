"""Django admin for platform staff: every store's categories and menu items."""

from __future__ import annotations

from django.contrib import admin

from config.admin import DeleteThroughServiceMixin
from menus import services
from menus.models import Category, MenuItem


@admin.register(Category)
class CategoryAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["name", "store", "display_order", "is_deleted"]
    list_filter = ["store", "is_deleted"]
    list_select_related = ["store"]
    search_fields = ["name", "store__code"]
    autocomplete_fields = ["store"]
    readonly_fields = ["is_deleted"]

    def delete_through_service(self, request, category: Category) -> None:
        services.category_delete(category=category)  # refused while items remain


@admin.register(MenuItem)
class MenuItemAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["name", "store", "category", "price", "is_available", "is_deleted"]
    list_editable = ["is_available"]
    list_filter = ["store", "is_available", "is_deleted", "category"]
    list_select_related = ["store", "category"]
    search_fields = ["name", "store__code", "category__name"]
    autocomplete_fields = ["store", "category"]
    readonly_fields = ["is_deleted", "created_at", "updated_at"]

    def delete_through_service(self, request, item: MenuItem) -> None:
        services.menu_item_delete(item=item)  # hides it; orders keep pointing at it
