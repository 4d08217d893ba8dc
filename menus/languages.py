"""The languages a menu is read in: the store's own (``Store.language``, the text of the
models' fields, what orders keep) and the translations beside it (``Translated``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from menus.models import Translated
from stores.models import Store

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class MenuLanguage:
    """A menu read in ``wanted``, falling back to the store's ``default`` text."""

    wanted: str
    default: str

    @classmethod
    def of(cls, store: Store) -> MenuLanguage:
        """The store's own language: the text as written, as managers edit it."""
        return cls(wanted=store.language, default=store.language)

    def text(self, thing: Translated, field: str) -> tuple[str, str]:
        """``thing``'s ``field`` in the wanted language if translated, and its language."""
        if self.wanted != self.default:
            translated = thing.translations.get(self.wanted, {}).get(field)
            if translated:
                return translated, self.wanted
        return getattr(thing, field), self.default


def supported_language(code: str) -> str | None:
    """One of our language codes for ``code`` ("zh-CN" is "zh-hans", "ja-JP" is "ja"), or
    None for a language we have no menus in."""
    try:
        return translation.get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def requested_language(request: HttpRequest, store: Store) -> str:
    """What a guest asked for: the ``lang`` the caller checked, else the page's language
    (the language cookie or ``Accept-Language``), else the store's own."""
    asked = request.headers.get("Accept-Language") or request.COOKIES.get(
        settings.LANGUAGE_COOKIE_NAME
    )
    if not asked:
        return store.language
    return translation.get_language_from_request(request)
