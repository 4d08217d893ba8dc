"""The guests' ordering page: a shell of HTML; everything else is the JSON API, from JavaScript."""

from django.views.generic import TemplateView


class TabletPageView(TemplateView):
    template_name = "tablet/index.html"
