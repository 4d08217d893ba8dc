"""The kitchen display's pages under ``/kitchen/`` (namespace ``kitchen``)."""

from django.urls import path

from orders import kitchen_pages

urlpatterns = [
    path("", kitchen_pages.KitchenDisplayView.as_view(), name="display"),
]
