from rest_framework.routers import SimpleRouter

from calls.api import ManagerCallViewSet, TabletCallViewSet

router = SimpleRouter()
router.register("calls", TabletCallViewSet, basename="tablet-call")
router.register("admin/calls", ManagerCallViewSet, basename="manager-call")

urlpatterns = router.urls
