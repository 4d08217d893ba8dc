"""What the menu services refuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class CategoryNotEmpty(DomainError):
    status_code = 409
    error_code = "CATEGORY_NOT_EMPTY"
    default_detail = _("This category still has menu items.")


class LastStation(DomainError):
    status_code = 409
    error_code = "LAST_STATION"
    default_detail = _("A store needs one station at the least: this is its last.")
