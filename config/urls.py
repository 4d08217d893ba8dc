"""Every URL of the app, from the apps' own URL modules (named, never imported here)."""

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.health import healthz

# The busiest routes first: Django tries the patterns in order on every request. The event
# streams come before them all: a request keeps the list of the patterns tried before its
# own (``ResolverMatch.tried``) for as long as it lasts, and a stream lasts for hours.
api_v1 = [
    path("", include("live.urls")),
    path("", include("menus.urls")),
    path("", include("orders.urls")),
    path("", include("calls.urls")),
    path("", include("reports.urls")),
    path("", include("stores.urls")),
]
# The manager's pages, each owned by the app whose data it shows, in one namespace.
manager_pages = [
    path("", include("stores.manager_urls")),
    path("", include("orders.manager_urls")),
    path("menu/", include("menus.manager_urls")),
    path("calls/", include("calls.manager_urls")),
    path("reports/", include("reports.manager_urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("manager/", include((manager_pages, "manager"))),
    path("table/", include("tablet.urls")),
    path("kitchen/", include(("orders.kitchen_urls", "kitchen"))),
    # Translations for the pages' JavaScript (domain djangojs), in the request's language.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script for the
    # CSP. Swagger UI sets a <style> itself; only this page allows inline styles for it.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="api-docs",
    ),
]

if settings.MEDIA_URL.startswith("/") and settings.STORAGES["default"]["BACKEND"].endswith(
    "FileSystemStorage"
):
    # Menu photos on local disk (the default): served by the app itself. In production they
    # live on S3 and this route does not exist.
    urlpatterns.append(
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
