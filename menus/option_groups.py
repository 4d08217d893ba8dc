"""Changes to a store's option groups and their choices: the one place for each rule, whoever
calls (API, pages, admin). Which groups an item offers is the item's (``menus.services``).

A group is saved whole, with its choices in the order given: a choice named by id is kept
(and changed), one without an id is new, and one left out leaves the menu. Orders placed
before keep what they snapshotted.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from core.errors import NotFound
from menus.models import MenuItemOptionGroup, OptionChoice, OptionGroup
from menus.services import menu_changed, set_sold_out_today
from stores.models import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChoiceInput:
    name: str
    price_delta: int = 0
    is_available: bool = True
    id: int | None = None  # an existing choice of the group, else a new one
    translations: dict | None = None  # the name in other languages; None leaves them


@transaction.atomic
def option_group_save(
    *,
    store: Store,
    name: str,
    choices: Sequence[ChoiceInput],
    min_choices: int = 0,
    max_choices: int = 1,
    group: OptionGroup | None = None,
    translations: dict | None = None,
) -> OptionGroup:
    """Create a group (``group=None``) or change one of the store's, with its choices.
    ``translations`` (the group's name in other languages) left None are left as they are."""
    if group is None:
        group = OptionGroup(store=store)
    elif group.store_id != store.id or group.is_deleted:
        raise NotFound("No such option group.")
    group.name, group.min_choices, group.max_choices = name, min_choices, max_choices
    if translations is not None:
        group.translations = translations
    group.full_clean()
    group.save()
    _save_choices(group, choices)
    menu_changed(store.id)
    logger.info("Option group saved", extra={"store_id": store.id, "option_group_id": group.id})
    return group


def _save_choices(group: OptionGroup, choices: Sequence[ChoiceInput]) -> None:
    current = {choice.id: choice for choice in group.choices.filter(is_deleted=False)}
    named = [choice.id for choice in choices if choice.id is not None]
    if len(set(named)) != len(named) or not set(named) <= set(current):
        raise ValidationError({"choices": ["Each id once, of this group's choices."]})
    if not choices:
        raise ValidationError({"choices": ["A group has at least one choice."]})
    kept = []
    for position, given in enumerate(choices, start=1):
        choice = current.get(given.id) if given.id is not None else OptionChoice(group=group)
        choice.name, choice.price_delta = given.name, given.price_delta
        choice.is_available, choice.display_order = given.is_available, position
        if given.translations is not None:
            choice.translations = given.translations
        try:
            choice.full_clean(exclude=["group"])
        except ValidationError as error:
            raise ValidationError(
                {f"choices.{position - 1}.{field}": messages for field, messages in error}
            ) from error
        choice.save()
        kept.append(choice.id)
    group.choices.filter(is_deleted=False).exclude(id__in=kept).update(is_deleted=True)


@transaction.atomic
def option_group_delete(*, group: OptionGroup) -> None:
    """Take a group off the menu, and off every item that offered it."""
    group.is_deleted = True
    group.save(update_fields=["is_deleted"])
    MenuItemOptionGroup.objects.filter(group=group).delete()
    menu_changed(group.store_id)


@transaction.atomic
def option_choice_set_available(
    *, choice: OptionChoice, is_available: bool | None = None, sold_out_today: bool | None = None
) -> OptionChoice:
    """Sell a choice out (until someone brings it back, or ``sold_out_today`` until the
    store's next business day), or bring it back: one tap on the manager's menu."""
    if is_available is not None:
        choice.is_available = is_available
    set_sold_out_today(choice, choice.group.store, sold_out_today, is_available)
    choice.save(update_fields=["is_available", "sold_out_until"])
    menu_changed(choice.group.store_id)
    return choice
