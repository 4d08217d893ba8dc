"""Signing in and out of the manager's pages (``/manager/``, namespace ``manager``), and the
store's settings."""

from django.urls import path

from stores import pages, settings_pages

urlpatterns = [
    path("login/", pages.LoginView.as_view(), name="login"),
    path("logout/", pages.LogoutView.as_view(), name="logout"),
    path("store/", settings_pages.StoreSettingsView.as_view(), name="store-settings"),
]
