"""What the call services refuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class CallTooSoon(DomainError):
    status_code = 429
    error_code = "CALL_TOO_SOON"
    default_detail = _("The staff was called a moment ago. Please wait a little.")

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__()
        self.retry_after_seconds = retry_after_seconds

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class CallResolved(DomainError):
    status_code = 409
    error_code = "CALL_RESOLVED"
    default_detail = _("This call was already resolved.")
