from rest_framework.routers import SimpleRouter

from orders.api_manager import ManagerOrderViewSet, ManagerTableViewSet
from orders.api_tablet import TabletOrderViewSet

router = SimpleRouter()
router.register("orders", TabletOrderViewSet, basename="tablet-order")
router.register("admin/tables", ManagerTableViewSet, basename="manager-table")
router.register("admin/orders", ManagerOrderViewSet, basename="manager-order")

urlpatterns = [
    *router.urls,
]
