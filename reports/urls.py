from rest_framework.routers import SimpleRouter

from reports.api import ReportViewSet

router = SimpleRouter()
router.register("admin/reports", ReportViewSet, basename="manager-report")

urlpatterns = [
    *router.urls,
]
