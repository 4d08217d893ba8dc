from django.urls import path
from rest_framework.routers import SimpleRouter

from orders.api_kitchen import KitchenLineViewSet, KitchenOrderViewSet, KitchenView
from orders.api_manager import FloorView, ManagerOrderViewSet, ManagerTableViewSet
from orders.api_tablet import TabletOrderViewSet

router = SimpleRouter()
router.register("orders", TabletOrderViewSet, basename="tablet-order")
router.register("admin/tables", ManagerTableViewSet, basename="manager-table")
router.register("admin/orders", ManagerOrderViewSet, basename="manager-order")
router.register("kitchen/orders", KitchenOrderViewSet, basename="kitchen-order")
router.register("kitchen/lines", KitchenLineViewSet, basename="kitchen-line")

urlpatterns = [
    *router.urls,
    path("admin/floor/", FloorView.as_view(), name="manager-floor"),
    path("kitchen/", KitchenView.as_view(), name="kitchen-list"),
]
