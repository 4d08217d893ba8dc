"""What the store, login and table services refuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class InvalidCredentials(DomainError):
    status_code = 401
    error_code = "INVALID_CREDENTIALS"
    default_detail = _("Invalid credentials.")

    def __init__(self, detail: str | None = None, *, attempts_left: int | None = None) -> None:
        self.attempts_left = attempts_left
        super().__init__(detail)

    def body(self) -> dict[str, int]:
        return {} if self.attempts_left is None else {"attempts_left": self.attempts_left}


class TooManyAttempts(DomainError):
    status_code = 429
    error_code = "TOO_MANY_ATTEMPTS"
    default_detail = _("Too many failed login attempts. Try again later.")

    def __init__(self, retry_after_seconds: int, detail: str | None = None) -> None:
        self.retry_after_seconds = max(1, retry_after_seconds)
        super().__init__(detail)

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class DeviceCredentialEnded(DomainError):
    """A tablet's credential that is unknown, or ended by a new table password or the table's
    deletion: the tablet must be set up again."""

    status_code = 401
    error_code = "TOKEN_INVALID"
    default_detail = _("This tablet's sign-in has ended. Set the tablet up again.")


class StoreCodeTaken(DomainError):
    """From ``createstore`` and Django admin; no endpoint creates stores."""

    status_code = 409
    error_code = "STORE_CODE_TAKEN"
    default_detail = _("A store with this code already exists.")


class TableNumberTaken(DomainError):
    status_code = 409
    error_code = "TABLE_NUMBER_TAKEN"
    default_detail = _("Another table already has this number.")
    field = "number"


class TableInUse(DomainError):
    status_code = 409
    error_code = "TABLE_IN_USE"
    default_detail = _("This table has an open visit; complete it first.")
