from django.urls import path
from rest_framework.routers import SimpleRouter

from menus.api import ManagerCategoryViewSet, ManagerMenuItemViewSet, TabletMenuView

router = SimpleRouter()
router.register("admin/categories", ManagerCategoryViewSet, basename="manager-category")
router.register("admin/menu-items", ManagerMenuItemViewSet, basename="manager-menu-item")

urlpatterns = [
    path("menu/", TabletMenuView.as_view(), name="tablet-menu"),
    *router.urls,
]
