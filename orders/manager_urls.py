"""The floor's pages under ``/manager/`` (namespace ``manager``)."""

from django.urls import path

from orders import pages

urlpatterns = [
    path("", pages.DashboardView.as_view(), name="dashboard"),
    path("tables/", pages.TableListView.as_view(), name="tables"),
    path("tables/<int:table_id>/", pages.VisitView.as_view(), name="visit"),
    path("tables/<int:table_id>/edit/", pages.TableEditView.as_view(), name="table-edit"),
    path("tables/<int:table_id>/delete/", pages.TableDeleteView.as_view(), name="table-delete"),
    path("tables/<int:table_id>/unlock/", pages.TableUnlockView.as_view(), name="table-unlock"),
    path(
        "tables/<int:table_id>/complete/", pages.TableCompleteView.as_view(), name="table-complete"
    ),
    path("tables/<int:table_id>/history/", pages.HistoryView.as_view(), name="history"),
    path("orders/seen/", pages.OrdersSeenView.as_view(), name="orders-seen"),
    path("orders/<int:order_id>/status/", pages.OrderStatusView.as_view(), name="order-status"),
    path("orders/<int:order_id>/delete/", pages.OrderDeleteView.as_view(), name="order-delete"),
]
