"""The kitchen's stations, ``/manager/menu/stations/``: the store's stations in order, each with
the categories it makes; a station added, renamed, moved or deleted; the station of each
category chosen. Every change is a ``menus.stations`` service. A category's new station routes
the next orders, never those in the kitchen (their lines keep the station they were ordered
for); but lines on no station are the first station's, whichever that is, and a deleted
station's lines go there too (``orders.tickets``): the page says so."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError
from core.pages import add_refusal_to_form
from menus import selectors, stations
from menus.forms import CategoryStationsForm, StationForm
from menus.models import Category, Station
from menus.pages import direction_posted
from stores.pages import ManagerActionView, ManagerPageMixin

STATIONS_URL = reverse_lazy("manager:stations")


@dataclass(frozen=True)
class StationRow:
    """A station as the list shows it: the categories it makes, those on no station apart
    (made at the first)."""

    station: Station
    categories: list[Category]
    is_first: bool
    unassigned: list[Category]


class StationListView(ManagerPageMixin, View):
    """The stations with their categories, a form to add one, and the station of each
    category (``StationRoutesView`` saves it)."""

    template_name = "manager/stations.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(StationForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StationForm(request.POST)
        if form.is_valid():
            try:
                station = stations.station_save(store=self.store, name=form.cleaned_data["name"])
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Station “%(name)s” added.") % {"name": station})
                return HttpResponseRedirect(f"{STATIONS_URL}#station-{station.id}")
        return self._render(form, status=400)

    def _render(self, form: StationForm, status: int = 200) -> HttpResponse:
        store_stations = list(selectors.store_stations(store_id=self.store.id))
        categories = list(selectors.store_categories(store=self.store))
        context = {
            "rows": station_rows(store_stations, categories),
            "form": form,
            "routes": CategoryStationsForm(categories=categories, stations=store_stations),
        }
        return render(self.request, self.template_name, context, status=status)


def station_rows(store_stations: list[Station], categories: list[Category]) -> list[StationRow]:
    """Each station with the categories it makes, in the menu's order; the first's
    ``unassigned`` are those on no station."""
    unassigned = [category for category in categories if category.station_id is None]
    return [
        StationRow(
            station,
            categories=[category for category in categories if category.station_id == station.id],
            is_first=index == 0,
            unassigned=unassigned if index == 0 else [],
        )
        for index, station in enumerate(store_stations)
    ]


class _StationMixin(ManagerPageMixin):
    success_url = STATIONS_URL

    def station(self) -> Station:
        return get_object_or_404(
            selectors.store_stations(store_id=self.store.id), pk=self.kwargs["station_id"]
        )

    def get_success_url(self) -> str:
        return f"{STATIONS_URL}#station-{self.kwargs['station_id']}"


class StationEditView(_StationMixin, View):
    """A station's name."""

    template_name = "manager/station_form.html"

    def get(self, request: HttpRequest, station_id: int) -> HttpResponse:
        station = self.station()
        return self._render(station, StationForm(initial={"name": station.name}))

    def post(self, request: HttpRequest, station_id: int) -> HttpResponse:
        station = self.station()
        form = StationForm(request.POST)
        if form.is_valid():
            try:
                stations.station_save(store=self.store, station=station, **form.cleaned_data)
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
                station.refresh_from_db(fields=["name"])  # the heading names it as it is
            else:
                messages.success(request, _("Station “%(name)s” saved.") % {"name": station})
                return HttpResponseRedirect(self.get_success_url())
        return self._render(station, form, status=400)

    def _render(self, station: Station, form: StationForm, status: int = 200) -> HttpResponse:
        context = {"station": station, "form": form}
        return render(self.request, self.template_name, context, status=status)


class StationMoveView(_StationMixin, ManagerActionView):
    """One place up or down: the first makes what is on no station."""

    def perform(self) -> str:
        station = self.station()
        stations.station_move(
            store=self.store, station=station, direction=direction_posted(self.request)
        )
        return _("“%(name)s” moved.") % {"name": station.name}


class StationDeleteView(_StationMixin, ManagerActionView):
    def perform(self) -> str:
        station = self.station()
        stations.station_delete(station=station)
        said = _(
            "Station “%(name)s” deleted: its categories and its orders in the kitchen go to the "
            "first station."
        )
        return said % {"name": station.name}

    def get_success_url(self) -> str:
        return str(STATIONS_URL)


class StationRoutesView(ManagerActionView):
    """The station of each category, as chosen on the list."""

    success_url = STATIONS_URL

    def perform(self) -> str:
        form = CategoryStationsForm(
            self.request.POST,
            categories=list(selectors.store_categories(store=self.store)),
            stations=list(selectors.store_stations(store_id=self.store.id)),
        )
        if not form.is_valid():
            wrong = form.errors.items()
            raise ValidationError(
                [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in wrong]
            )
        stations.category_stations_set(store=self.store, stations=form.station_of_each())
        return _("The categories' stations are saved: the next orders go there.")

    def get_success_url(self) -> str:
        return f"{STATIONS_URL}#routes"
