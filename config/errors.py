"""Domain errors: what a service refuses, with the contract's `error_code` and HTTP status.

Services raise these whoever calls them (API, manager pages, Django admin); the API's single
exception handler turns them into the contract's error body, pages turn them into messages.
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


class InvalidCredentials(DomainError):
    status_code = 401
    error_code = "INVALID_CREDENTIALS"
    default_detail = _("Invalid credentials.")


class TooManyAttempts(DomainError):
    status_code = 429
    error_code = "TOO_MANY_ATTEMPTS"
    default_detail = _("Too many failed login attempts. Try again later.")

    def __init__(self, retry_after_seconds: int, detail: str | None = None) -> None:
        self.retry_after_seconds = max(1, retry_after_seconds)
        super().__init__(detail)

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class NotFound(DomainError):
    status_code = 404
    error_code = "NOT_FOUND"
    default_detail = _("Not found.")


class MenuUnavailable(DomainError):
    status_code = 409
    error_code = "MENU_UNAVAILABLE"
    default_detail = _("A menu item in the order is sold out or no longer on the menu.")


class StoreCodeTaken(DomainError):
    status_code = 409
    error_code = "STORE_CODE_TAKEN"
    default_detail = _("A store with this code already exists.")


class TableNumberTaken(DomainError):
    status_code = 409
    error_code = "TABLE_NUMBER_TAKEN"
    default_detail = _("Another table already has this number.")
    field = "number"


class InvalidTransition(DomainError):
    status_code = 409
    error_code = "INVALID_TRANSITION"
    default_detail = _("An order's status only moves forward.")


class SessionClosed(DomainError):
    status_code = 409
    error_code = "SESSION_CLOSED"
    default_detail = _("This order belongs to a completed visit and can no longer change.")


class NoActiveSession(DomainError):
    status_code = 409
    error_code = "NO_ACTIVE_SESSION"
    default_detail = _("This table has no open visit.")


class TableInUse(DomainError):
    status_code = 409
    error_code = "TABLE_IN_USE"
    default_detail = _("This table has an open visit; complete it first.")


class CategoryNotEmpty(DomainError):
    status_code = 409
    error_code = "CATEGORY_NOT_EMPTY"
    default_detail = _("This category still has menu items.")


class IdempotencyKeyReused(DomainError):
    status_code = 409
    error_code = "IDEMPOTENCY_KEY_REUSED"
    default_detail = _("This Idempotency-Key was already used with a different request.")


class FileTooLarge(DomainError):
    status_code = 413
    error_code = "FILE_TOO_LARGE"
    default_detail = _("The file or request body is too large.")


class UnsupportedMediaType(DomainError):
    status_code = 415
    error_code = "UNSUPPORTED_MEDIA_TYPE"
    default_detail = _("Unsupported media type.")
