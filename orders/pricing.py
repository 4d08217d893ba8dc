"""What the menu charges for the lines a guest asks for, or why it refuses them.

A line is its item's price plus the price changes of the chosen options, each snapshotted on
the order (names and prices as they are now, and the station that makes it: a later change
to the menu leaves past orders alone). The chosen options must be choices of the item's own
option groups, at least and at most as many in each group as the group asks; anything else is
a ``ValidationError`` naming the line. A sold-out item or choice (until changed, or for the
day) refuses the whole order (``MenuUnavailable``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from menus.models import PRICE_MAX, MenuItem, OptionChoice, OptionGroup
from menus.selectors import OrderableMenu, orderable_items
from orders.errors import MenuUnavailable
from orders.models import OrderItem, OrderItemOption
from orders.order_lines import OrderLine


@dataclass
class PricedLine:
    item: OrderItem  # unsaved
    options: list[OrderItemOption]  # unsaved, in the menu's order


def priced_lines(*, menu: OrderableMenu, lines: Sequence[OrderLine]) -> list[PricedLine]:
    """The lines as the order will keep them, priced from the store's ``menu``
    (``menus.selectors.orderable_menu``); an item not on it is read, to tell a deleted
    item (unavailable) from one that never was the store's."""
    missing = {line.menu_id for line in lines} - menu.items.keys()
    if missing:
        items = {**menu.items, **orderable_items(menu.store_id).in_bulk(missing)}
    else:
        items = menu.items
    unknown = {
        f"items.{index}.menu_id": [_("No such menu item.")]
        for index, line in enumerate(lines)
        if line.menu_id not in items
    }
    if unknown:
        raise ValidationError(unknown)
    chosen = [_chosen(index, line, items[line.menu_id]) for index, line in enumerate(lines)]
    now = timezone.now()
    unavailable = sorted(
        {
            _named(items[line.menu_id], choice)
            for line, choices in zip(lines, chosen, strict=True)
            for choice in [None, *(choice for _group, choice in choices)]
            if not _orderable(items[line.menu_id], choice, now)
        }
    )
    if unavailable:
        raise MenuUnavailable(_("Not available now: %s.") % ", ".join(unavailable))
    return [
        _priced(index, line, items[line.menu_id], choices)
        for index, (line, choices) in enumerate(zip(lines, chosen, strict=True))
    ]


def _chosen(index: int, line: OrderLine, item: MenuItem) -> list[tuple[OptionGroup, OptionChoice]]:
    """The line's choices with their groups, in the menu's order, checked against the
    item's groups."""
    field = f"items.{index}.option_ids"
    offered = {
        choice.id: (link.group, choice)
        for link in item.option_links.all()
        for choice in link.group.choices.all()
    }
    if len(set(line.option_ids)) != len(line.option_ids):
        raise ValidationError({field: [_("A choice is named twice.")]})
    foreign = [option_id for option_id in line.option_ids if option_id not in offered]
    if foreign:
        raise ValidationError({field: [_("No such option for this item: %s.") % foreign[0]]})
    problems = [
        problem
        for link in item.option_links.all()
        if (problem := _count_problem(link.group, line.option_ids, offered))
    ]
    if problems:
        raise ValidationError({field: problems})
    picked = set(line.option_ids)
    return [(group, choice) for group, choice in offered.values() if choice.id in picked]


def _count_problem(group: OptionGroup, option_ids, offered) -> str | None:
    count = sum(1 for option_id in option_ids if offered[option_id][0].id == group.id)
    if count < group.min_choices:
        return ngettext(
            "Choose at least %(count)d of %(group)s.",
            "Choose at least %(count)d of %(group)s.",
            group.min_choices,
        ) % {"count": group.min_choices, "group": group.name}
    if count > group.max_choices:
        return ngettext(
            "Choose at most %(count)d of %(group)s.",
            "Choose at most %(count)d of %(group)s.",
            group.max_choices,
        ) % {"count": group.max_choices, "group": group.name}
    return None


def _orderable(item: MenuItem, choice: OptionChoice | None, now: datetime) -> bool:
    if choice is not None:
        return choice.on_sale_at(now)
    return item.on_sale_at(now) and not item.is_deleted


def _named(item: MenuItem, choice: OptionChoice | None) -> str:
    return item.name if choice is None else f"{item.name} ({choice.name})"


def _priced(index: int, line: OrderLine, item: MenuItem, chosen) -> PricedLine:
    unit_price = item.price + sum(choice.price_delta for _group, choice in chosen)
    if unit_price > PRICE_MAX:
        raise ValidationError(
            {f"items.{index}.option_ids": [_("The price with these options is too high.")]}
        )
    options = [
        OrderItemOption(
            choice=choice,
            group_name=group.name,
            choice_name=choice.name,
            price_delta=choice.price_delta,
        )
        for group, choice in chosen
    ]
    order_item = OrderItem(
        menu_item=item,
        name=item.name,
        unit_price=unit_price,
        quantity=line.quantity,
        note=line.note,
        station_id=item.category.station_id,
    )
    return PricedLine(order_item, options)
