"""Signing in and out of the manager's pages (``/manager/``, namespace ``manager``)."""

from django.urls import path

from stores import pages

urlpatterns = [
    path("login/", pages.LoginView.as_view(), name="login"),
    path("logout/", pages.LogoutView.as_view(), name="logout"),
]
