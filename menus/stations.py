"""A store's stations (the kitchen, the bar) and which categories each makes: the one place for
each rule, whoever calls (pages, admin). Orders keep the station a line was ordered for
(``OrderItem.station``), so a change here routes the next orders, never those in the kitchen;
each change that does is a new version of the menu (``menus.services.menu_changed``), which
orders are routed from (``menus.selectors.orderable_menu``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from core.errors import NotFound
from menus.errors import LastStation
from menus.models import Category, Station
from menus.services import Direction, menu_changed
from stores.models import Store

logger = logging.getLogger(__name__)


def station_defaults_create(*, store: Store) -> Station:
    """A new store's first station, named in the store's language: everything is made there
    until the store adds others."""
    with translation.override(store.language):
        return Station.objects.create(store=store, name=_("Kitchen"), position=1)


@transaction.atomic
def station_save(
    *,
    store: Store,
    name: str,
    category_ids: Sequence[int] | None = None,
    station: Station | None = None,
) -> Station:
    """Create a station (``station`` None), last of the store's, or rename one, making the
    categories of ``category_ids`` there (categories named by no station go to the first;
    None leaves them as they are: a rename). A category is at one station at a time: naming
    it here moves it from another. ``NotFound`` for a category or station not the store's;
    ``ValidationError`` for a name in use."""
    if station is None:
        last = Station.objects.filter(store=store).aggregate(last=Max("position"))["last"]
        station = Station(store=store, position=(last or 0) + 1)
    elif station.store_id != store.id:
        raise NotFound("No such station.")
    station.name = name.strip()
    station.full_clean(exclude=["store"], validate_unique=False)
    if category_ids is not None:
        categories = Category.objects.filter(store=store, is_deleted=False, pk__in=category_ids)
        if len(categories) != len(set(category_ids)):
            raise NotFound("No such category.")
    try:
        with transaction.atomic():
            station.save()
    except IntegrityError as error:
        raise ValidationError({"name": _("Another station has this name.")}) from error
    if category_ids is not None:
        Category.objects.filter(store=store, station=station).exclude(pk__in=category_ids).update(
            station=None
        )
        categories.update(station=station)
        menu_changed(store.id)
    logger.info("Station saved", extra={"store_id": store.id, "station_id": station.id})
    return station


@transaction.atomic
def category_stations_set(*, store: Store, stations: Mapping[int, int | None]) -> int:
    """Make each category named (by id) at the station given, None for no station: made at
    the store's first. Categories not named stay where they are. Returns how many moved.
    ``NotFound`` for a category or station not the store's; nothing moves then."""
    categories = list(
        Category.objects.select_for_update().filter(
            store=store, is_deleted=False, pk__in=list(stations)
        )
    )
    if len(categories) != len(stations):
        raise NotFound("No such category.")
    named = {station_id for station_id in stations.values() if station_id is not None}
    if Station.objects.filter(store=store, pk__in=named).count() != len(named):
        raise NotFound("No such station.")
    moved = [category for category in categories if category.station_id != stations[category.pk]]
    for category in moved:
        category.station_id = stations[category.pk]
    Category.objects.bulk_update(moved, ["station"])
    if moved:
        menu_changed(store.id)
    logger.info("Category stations set", extra={"store_id": store.id, "moved": len(moved)})
    return len(moved)


@transaction.atomic
def station_move(*, store: Store, station: Station, direction: Direction) -> bool:
    """One place up or down among the store's stations (their rows locked until the change
    commits, so two moves at once do not undo each other), numbered 1, 2, 3, … in their new
    order. The first is where categories on no station are made. The first moved up, or the
    last moved down, stays where it is and nothing is written: False. ``NotFound`` for a
    station not the store's."""
    rows = list(Station.objects.select_for_update().filter(store=store).order_by("position", "id"))
    ids = [row.pk for row in rows]
    if station.pk not in ids:
        raise NotFound("No such station.")
    place = ids.index(station.pk)
    target = place - 1 if direction == "up" else place + 1
    if not 0 <= target < len(rows):
        return False
    rows.insert(target, rows.pop(place))
    for position, row in enumerate(rows, start=1):
        row.position = position
    Station.objects.bulk_update(rows, ["position"])
    menu_changed(store.id)  # the first station may be another
    logger.info("Station moved", extra={"store_id": store.id, "station_id": station.id})
    return True


@transaction.atomic
def station_delete(*, station: Station) -> None:
    """Remove a station; its categories go to the first station, and so do the lines of
    orders in the kitchen that were for it. ``LastStation`` for the store's only one."""
    stations = Station.objects.select_for_update().filter(store_id=station.store_id)
    if stations.exclude(pk=station.pk).count() == 0:
        raise LastStation()
    Category.objects.filter(station=station).update(station=None)
    station.delete()
    menu_changed(station.store_id)
    logger.info("Station deleted", extra={"store_id": station.store_id})
