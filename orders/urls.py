from django.urls import path
from rest_framework.routers import SimpleRouter

from orders import event_stream
from orders.api_manager import ManagerOrderViewSet, ManagerTableViewSet
from orders.api_tablet import TabletOrderViewSet

router = SimpleRouter()
router.register("orders", TabletOrderViewSet, basename="tablet-order")
router.register("admin/tables", ManagerTableViewSet, basename="manager-table")
router.register("admin/orders", ManagerOrderViewSet, basename="manager-order")

urlpatterns = [
    path("events/", event_stream.events, name="events"),
    *router.urls,
]
