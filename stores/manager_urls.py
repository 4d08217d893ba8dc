"""Signing in and out of the manager's pages (``/manager/``, namespace ``manager``), the
store's settings and the kitchen's accounts."""

from django.urls import path

from stores import kitchen_account_pages, pages, settings_pages

urlpatterns = [
    path("login/", pages.LoginView.as_view(), name="login"),
    path("logout/", pages.LogoutView.as_view(), name="logout"),
    path("store/", settings_pages.StoreSettingsView.as_view(), name="store-settings"),
    path(
        "kitchen-accounts/",
        kitchen_account_pages.KitchenAccountListView.as_view(),
        name="kitchen-accounts",
    ),
    path(
        "kitchen-accounts/<int:account_id>/password/",
        kitchen_account_pages.KitchenAccountPasswordView.as_view(),
        name="kitchen-account-password",
    ),
    path(
        "kitchen-accounts/<int:account_id>/delete/",
        kitchen_account_pages.KitchenAccountDeleteView.as_view(),
        name="kitchen-account-delete",
    ),
]
