"""The kitchen display, ``/kitchen/``: one page for a wall screen or a tablet in the kitchen,
for the store's managers and kitchen accounts. It draws itself from the kitchen API
(``orders.api_kitchen``) and keeps up from the kitchen's feed of live events.

The page is a shell: the store's name, its stations as links (``?station=<id>``: that
station's tickets; none: every station's), a clock and the connection's state. The tickets
are drawn by ``static/kitchen/kitchen.js``, which reads ``GET /api/v1/kitchen/`` once the
feed is open (an order placed between this page and the feed's opening is in the read) and
then draws every change from the events, which carry the whole order.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from live.sse import KEEP_ALIVE_SECONDS
from menus.models import Station
from menus.selectors import store_stations
from orders.kitchen import RECALL_MINUTES
from stores.pages import KitchenPageMixin


class KitchenDisplayView(KitchenPageMixin, View):
    template_name = "kitchen/display.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        stations = list(store_stations(store_id=self.store.id))
        context = {
            "store": self.store,
            "stations": stations,
            "station": _chosen_station(stations, request.GET.get("station")),
            "keep_alive_seconds": KEEP_ALIVE_SECONDS,
            "recall_minutes": RECALL_MINUTES,
            "time_zone": settings.TIME_ZONE,
        }
        return render(request, self.template_name, context)


def _chosen_station(stations: list[Station], wanted: str | None) -> Station | None:
    """The store's station named by ``?station=``; None for all of them. Another store's
    station, or one deleted since the link was made, is not found."""
    if not wanted:
        return None
    for station in stations:
        if str(station.id) == wanted:
            return station
    raise Http404("No such station.")
