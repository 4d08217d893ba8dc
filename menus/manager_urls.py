"""The menu's pages under ``/manager/menu/`` (namespace ``manager``)."""

from django.urls import path

from menus import option_pages, pages, station_pages, translation_pages

urlpatterns = [
    path("", pages.MenuView.as_view(), name="menu"),
    path("categories/<int:category_id>/", pages.CategoryEditView.as_view(), name="category-edit"),
    path(
        "categories/<int:category_id>/delete/",
        pages.CategoryDeleteView.as_view(),
        name="category-delete",
    ),
    path(
        "categories/<int:category_id>/move/",
        pages.CategoryMoveView.as_view(),
        name="category-move",
    ),
    path("items/new/", pages.MenuItemFormView.as_view(), name="item-add"),
    path("items/<int:item_id>/", pages.MenuItemFormView.as_view(), name="item-edit"),
    path("items/<int:item_id>/delete/", pages.MenuItemDeleteView.as_view(), name="item-delete"),
    path(
        "items/<int:item_id>/availability/",
        pages.MenuItemAvailabilityView.as_view(),
        name="item-availability",
    ),
    path("items/<int:item_id>/move/", pages.MenuItemMoveView.as_view(), name="item-move"),
    path("translations/", translation_pages.MenuTranslationsView.as_view(), name="translations"),
    path("options/", option_pages.OptionGroupListView.as_view(), name="options"),
    path("options/new/", option_pages.OptionGroupFormView.as_view(), name="option-add"),
    path("options/<int:group_id>/", option_pages.OptionGroupFormView.as_view(), name="option-edit"),
    path(
        "options/<int:group_id>/delete/",
        option_pages.OptionGroupDeleteView.as_view(),
        name="option-delete",
    ),
    path("stations/", station_pages.StationListView.as_view(), name="stations"),
    path("stations/categories/", station_pages.StationRoutesView.as_view(), name="station-routes"),
    path(
        "stations/<int:station_id>/", station_pages.StationEditView.as_view(), name="station-edit"
    ),
    path(
        "stations/<int:station_id>/move/",
        station_pages.StationMoveView.as_view(),
        name="station-move",
    ),
    path(
        "stations/<int:station_id>/delete/",
        station_pages.StationDeleteView.as_view(),
        name="station-delete",
    ),
    path(
        "choices/<int:choice_id>/availability/",
        option_pages.OptionChoiceAvailabilityView.as_view(),
        name="choice-availability",
    ),
]
