"""The guests' ordering page: a shell of HTML; everything else is the JSON API, from JavaScript."""

from django.conf import settings
from django.views.generic import TemplateView

from live.sse import KEEP_ALIVE_SECONDS
from orders.models import ORDER_LINES_MAX, QUANTITY_MAX


class TabletPageView(TemplateView):
    template_name = "tablet/index.html"
    extra_context = {
        "max_quantity": QUANTITY_MAX,
        "max_lines": ORDER_LINES_MAX,
        "keep_alive_seconds": KEEP_ALIVE_SECONDS,
        "languages": settings.LANGUAGES,  # a guest's choice of them: tablet/languages.js
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
    }
