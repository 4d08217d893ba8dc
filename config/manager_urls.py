"""The manager's pages at /manager/, each owned by the app whose data it shows."""

from django.urls import path

from menus import pages as menu_pages
from orders import pages as order_pages
from stores import pages as store_pages

app_name = "manager"

urlpatterns = [
    path("login/", store_pages.LoginView.as_view(), name="login"),
    path("logout/", store_pages.LogoutView.as_view(), name="logout"),
    # The floor
    path("", order_pages.DashboardView.as_view(), name="dashboard"),
    path("tables/<int:table_id>/", order_pages.VisitView.as_view(), name="visit"),
    path("tables/<int:table_id>/card/", order_pages.TableCardView.as_view(), name="table-card"),
    path(
        "tables/<int:table_id>/complete/",
        order_pages.TableCompleteView.as_view(),
        name="table-complete",
    ),
    path("tables/<int:table_id>/history/", order_pages.HistoryView.as_view(), name="history"),
    path(
        "orders/<int:order_id>/status/", order_pages.OrderStatusView.as_view(), name="order-status"
    ),
    path(
        "orders/<int:order_id>/delete/", order_pages.OrderDeleteView.as_view(), name="order-delete"
    ),
    # Tables
    path("tables/", store_pages.TableListView.as_view(), name="tables"),
    path("tables/<int:table_id>/edit/", store_pages.TableEditView.as_view(), name="table-edit"),
    path(
        "tables/<int:table_id>/delete/", store_pages.TableDeleteView.as_view(), name="table-delete"
    ),
    # Menu
    path("menu/", menu_pages.MenuView.as_view(), name="menu"),
    path(
        "menu/categories/<int:category_id>/",
        menu_pages.CategoryEditView.as_view(),
        name="category-edit",
    ),
    path(
        "menu/categories/<int:category_id>/delete/",
        menu_pages.CategoryDeleteView.as_view(),
        name="category-delete",
    ),
    path("menu/items/new/", menu_pages.MenuItemFormView.as_view(), name="item-add"),
    path("menu/items/<int:item_id>/", menu_pages.MenuItemFormView.as_view(), name="item-edit"),
    path(
        "menu/items/<int:item_id>/delete/",
        menu_pages.MenuItemDeleteView.as_view(),
        name="item-delete",
    ),
    path(
        "menu/items/<int:item_id>/availability/",
        menu_pages.MenuItemAvailabilityView.as_view(),
        name="item-availability",
    ),
    path("menu/items/<int:item_id>/move/", menu_pages.MenuItemMoveView.as_view(), name="item-move"),
]
