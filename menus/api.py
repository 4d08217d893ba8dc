"""The tablet's menu (``/api/v1/menu/``) and the manager's menu administration
(``/api/v1/admin/categories/``, ``/api/v1/admin/menu-items/``)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.openapi import error_responses
from core.parsers import StrictJSONParser, StrictMultiPartParser
from menus import selectors, services
from menus.languages import MenuLanguage, requested_language
from menus.models import Category, MenuItem
from menus.serializers import (
    CategoryWriteSerializer,
    ManagerCategorySerializer,
    ManagerMenuItemSerializer,
    MenuItemListQuerySerializer,
    MenuItemOrderSerializer,
    MenuItemWriteSerializer,
    MenuQuerySerializer,
    MenuSerializer,
)
from stores.business_day import business_date
from stores.models import Store
from stores.permissions import IsTable
from stores.viewsets import ManagerViewSet

# Where photos are served from: a change of storage (another bucket or CDN) renames the menu.
MEDIA_IDENTITY = repr(settings.STORAGES["default"]) + settings.MEDIA_URL
MENU_CACHE_SECONDS = 3600


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class TabletMenuView(APIView):
    permission_classes = [IsTable]

    @extend_schema(
        summary="The store's menu by category",
        tags=["tablet"],
        parameters=[
            MenuQuerySerializer,
            OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER),
            OpenApiParameter("Accept-Language", str, OpenApiParameter.HEADER),
        ],
        responses={200: MenuSerializer, 304: None, **error_responses(400)},
    )
    def get(self, request: Request) -> HttpResponse:
        store = request.user.store  # loaded with the table by the authentication
        query = MenuQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        language = MenuLanguage(
            wanted=query.validated_data.get("lang") or requested_language(request, store),
            default=store.language,
        )
        # The menu's version names it: every menu change bumps it (menus.services), so a
        # tablet that has this version gets 304 without a single menu query, and the body of
        # a version is built once per process. The request's origin is part of the name:
        # photo URLs in the body are absolute.
        origin = request.build_absolute_uri("/")
        # And the business day: what sold out for the day is back when the next one begins.
        day = business_date(store, timezone.now()).isoformat()
        # And the language it is read in.
        version = (
            f"{store.id}-{store.menu_version}-{day}-{language.wanted}-{language.default}"
            f"-{_digest(origin + MEDIA_IDENTITY)}"
        )
        etag = f'"menu-{version}"'
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponse(status=status.HTTP_304_NOT_MODIFIED)
        else:
            body = cache.get_or_set(
                f"menu-body:{version}",
                lambda: self._body(request, store, language),
                MENU_CACHE_SECONDS,
            )
            response = HttpResponse(body, content_type="application/json")
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        patch_vary_headers(response, ["Accept-Language"])
        return response

    @staticmethod
    def _body(request: Request, store: Store, language: MenuLanguage) -> bytes:
        menu = {
            "language": language.wanted,
            "default_language": language.default,
            "categories": selectors.store_menu(store=store),
        }
        context = {"request": request, "menu_language": language}
        return JSONRenderer().render(MenuSerializer(menu, context=context).data)


class MenuManagerViewSet(ManagerViewSet):
    """A manager's menu endpoints: the texts as written, in the store's language, with their
    translations beside them."""

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "menu_language": MenuLanguage.of(self.store)}


def category_of_store(store: Store, category_id: int) -> Category:
    category = selectors.store_categories(store=store).filter(pk=category_id).first()
    if category is None:
        raise serializers.ValidationError({"category_id": ["No such category."]})
    return category


@extend_schema_view(
    list=extend_schema(summary="Categories by display order"),
    create=extend_schema(
        request=CategoryWriteSerializer, responses={201: ManagerCategorySerializer}
    ),
    partial_update=extend_schema(
        request=CategoryWriteSerializer, responses={200: ManagerCategorySerializer}
    ),
    destroy=extend_schema(
        responses={204: None, **error_responses(409)}, summary="Delete an empty category"
    ),
)
@extend_schema(tags=["manager: menu"])
class ManagerCategoryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, MenuManagerViewSet
):
    serializer_class = ManagerCategorySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.store_categories(store=self.store)

    def create(self, request: Request) -> Response:
        body = CategoryWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        category = services.category_create(store=self.store, **body.validated_data)
        return Response(self.get_serializer(category).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        category = self.get_object()
        body = CategoryWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        category = services.category_update(category=category, **body.validated_data)
        return Response(self.get_serializer(category).data)

    def perform_destroy(self, category: Category) -> None:
        services.category_delete(category=category)

    @extend_schema(
        request=MenuItemOrderSerializer,
        responses={200: ManagerMenuItemSerializer(many=True)},
        summary="Put the category's items in this order",
    )
    @action(detail=True, methods=["post"])
    def reorder(self, request: Request, pk: str) -> Response:
        category = self.get_object()
        body = MenuItemOrderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.menu_items_reorder(
            category=category, menu_item_ids=body.validated_data["menu_item_ids"]
        )
        items = selectors.store_menu_items(store=self.store, category_id=category.id)
        return Response(
            ManagerMenuItemSerializer(items, many=True, context=self.get_serializer_context()).data
        )


@extend_schema_view(
    list=extend_schema(
        summary="Menu items in menu order",
        parameters=[MenuItemListQuerySerializer],
        responses={200: ManagerMenuItemSerializer(many=True), **error_responses(400)},
    ),
    create=extend_schema(
        request=MenuItemWriteSerializer,
        responses={201: ManagerMenuItemSerializer, **error_responses(415)},
    ),
    partial_update=extend_schema(
        request=MenuItemWriteSerializer,
        responses={200: ManagerMenuItemSerializer, **error_responses(415)},
    ),
    destroy=extend_schema(
        responses={204: None}, summary="Delete (hide) an item; past orders keep showing it"
    ),
)
@extend_schema(tags=["manager: menu"])
class ManagerMenuItemViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, MenuManagerViewSet
):
    serializer_class = ManagerMenuItemSerializer
    pagination_class = None
    # The one place with uploads: JSON, or multipart/form-data with an ``image`` file.
    parser_classes = [StrictJSONParser, StrictMultiPartParser]

    def get_queryset(self):
        if self.action == "list":
            query = MenuItemListQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            category_id = query.validated_data.get("category")
            return selectors.store_menu_items(store=self.store, category_id=category_id)
        return selectors.store_menu_items(store=self.store)

    def create(self, request: Request) -> Response:
        body = MenuItemWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        category = category_of_store(self.store, fields.pop("category_id"))
        item = services.menu_item_create(store=self.store, category=category, **fields)
        return Response(self.get_serializer(self._fresh(item)).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        item = self.get_object()
        body = MenuItemWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        if "category_id" in fields:
            fields["category"] = category_of_store(self.store, fields.pop("category_id"))
        item = services.menu_item_update(item=item, **fields)
        return Response(self.get_serializer(self._fresh(item)).data)

    def _fresh(self, item: MenuItem) -> MenuItem:
        """The item read again, with the option groups it offers now."""
        return selectors.store_menu_items(store=self.store).get(pk=item.pk)

    def perform_destroy(self, item) -> None:
        services.menu_item_delete(item=item)
