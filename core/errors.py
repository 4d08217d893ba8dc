"""The domain error base: what a service refuses, with the contract's ``error_code`` and HTTP
status, and the few refusals that belong to no one app.

Services raise these whoever calls them (API, manager pages, Django admin); the API's single
exception handler (``core.api_errors``) turns them into the contract's error body, pages turn
them into messages. Each app keeps its own errors next to its services (``orders/errors.py``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status_code = 400
    error_code = "VALIDATION_ERROR"
    default_detail = _("The request could not be processed.")
    field: str | None = None  # the input it is about, where a form shows it

    def __init__(self, detail: str | None = None) -> None:
        self.detail = str(detail if detail is not None else self.default_detail)
        super().__init__(self.detail)

    def headers(self) -> dict[str, str]:
        return {}

    def body(self) -> dict:
        """What the error body says besides ``detail`` and ``error_code``."""
        return {}


class NotFound(DomainError):
    status_code = 404
    error_code = "NOT_FOUND"
    default_detail = _("Not found.")


class FileTooLarge(DomainError):
    status_code = 413
    error_code = "FILE_TOO_LARGE"
    default_detail = _("The file or request body is too large.")


class UnsupportedMediaType(DomainError):
    status_code = 415
    error_code = "UNSUPPORTED_MEDIA_TYPE"
    default_detail = _("Unsupported media type.")
