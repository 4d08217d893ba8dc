from django.urls import path
from rest_framework.routers import SimpleRouter

from menus.api import ManagerCategoryViewSet, ManagerMenuItemViewSet, TabletMenuView
from menus.api_options import ManagerOptionChoiceViewSet, ManagerOptionGroupViewSet

router = SimpleRouter()
router.register("admin/categories", ManagerCategoryViewSet, basename="manager-category")
router.register("admin/menu-items", ManagerMenuItemViewSet, basename="manager-menu-item")
router.register("admin/option-groups", ManagerOptionGroupViewSet, basename="manager-option-group")
router.register(
    "admin/option-choices", ManagerOptionChoiceViewSet, basename="manager-option-choice"
)

urlpatterns = [
    path("menu/", TabletMenuView.as_view(), name="tablet-menu"),
    *router.urls,
]
