"""The sales pages under ``/manager/reports/`` (namespace ``manager``)."""

from django.urls import path

from reports import pages

urlpatterns = [
    path("", pages.SalesView.as_view(), name="reports"),
    path("export.csv", pages.SalesExportView.as_view(), name="reports-export"),
    path("day-close/", pages.DayCloseView.as_view(), name="reports-day-close"),
]
