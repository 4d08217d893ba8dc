"""The menu's texts in one other language at once, as a manager translates them: every name
and description of the store's menu beside its translation, and saving the changed ones."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from menus import selectors
from menus.models import Category, MenuItem, OptionChoice, OptionGroup, Translated
from menus.services import menu_changed
from stores.models import Store

KINDS = {Category: "category", MenuItem: "item", OptionGroup: "group", OptionChoice: "choice"}


@dataclass(frozen=True)
class MenuText:
    """One text of the menu (``field`` of ``thing``) and its translation in ``language``."""

    thing: Translated
    field: str
    language: str

    @property
    def key(self) -> str:
        """A name for the text in a form: ``item-12-description``."""
        return f"{KINDS[type(self.thing)]}-{self.thing.pk}-{self.field}"

    @property
    def original(self) -> str:
        return getattr(self.thing, self.field)

    @property
    def translation(self) -> str:
        return self.thing.translations.get(self.language, {}).get(self.field, "")


@dataclass(frozen=True)
class MenuTexts:
    """The store's menu as a translator reads it: categories, each with its dishes (name,
    then description), and option groups, each with its choices."""

    categories: list[tuple[MenuText, list[MenuText]]]
    groups: list[tuple[MenuText, list[MenuText]]]

    def all(self) -> Iterable[MenuText]:
        for head, texts in (*self.categories, *self.groups):
            yield head
            yield from texts


def menu_texts(*, store: Store, language: str) -> MenuTexts:
    """Every text of the store's menu with its ``language`` translation, in five queries."""
    items_by_category: dict[int, list[MenuItem]] = {}
    for item in selectors.store_menu_items(store=store).prefetch_related(None):
        items_by_category.setdefault(item.category_id, []).append(item)
    categories = [
        (
            MenuText(category, "name", language),
            [
                MenuText(item, field, language)
                for item in items_by_category.get(category.id, [])
                for field in item.TRANSLATED_FIELDS
                if field == "name" or item.description
            ],
        )
        for category in selectors.store_categories(store=store)
    ]
    groups = [
        (
            MenuText(group, "name", language),
            [MenuText(choice, "name", language) for choice in group.choices.all()],
        )
        for group in selectors.store_option_groups(store=store)
    ]
    return MenuTexts(categories=categories, groups=groups)


@transaction.atomic
def translations_save(*, store: Store, changes: Sequence[tuple[MenuText, str]]) -> int:
    """Set the translations of texts of ``menu_texts(store=store)`` to those given (empty:
    none), all or nothing; tablets read the menu again once. The number of texts changed."""
    changed: dict[tuple[type, int], Translated] = {}
    count = 0
    for text, translation in changes:
        translation = translation.strip()
        if translation == text.translation:
            continue
        count += 1
        thing = changed.setdefault((type(text.thing), text.thing.pk), text.thing)
        texts = {**thing.translations.get(text.language, {}), text.field: translation}
        thing.translations = {**thing.translations, text.language: texts}
    for thing in changed.values():
        thing.clean()  # drops what was emptied; the form has checked the lengths
    for model in {type(thing) for thing in changed.values()}:
        model.objects.bulk_update(
            [thing for thing in changed.values() if type(thing) is model], ["translations"]
        )
    if changed:
        menu_changed(store.id)
    return count
