"""What the order and visit services refuse.

The contract's codes keep their v1 names (``SESSION_CLOSED``, ``NO_ACTIVE_SESSION``); in the
code a table's session is a visit.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class MenuUnavailable(DomainError):
    status_code = 409
    error_code = "MENU_UNAVAILABLE"
    default_detail = _("A menu item in the order is sold out or no longer on the menu.")


class InvalidTransition(DomainError):
    status_code = 409
    error_code = "INVALID_TRANSITION"
    default_detail = _("An order's status only moves forward.")


class VisitClosed(DomainError):
    status_code = 409
    error_code = "SESSION_CLOSED"
    default_detail = _("This order belongs to a completed visit and can no longer change.")


class NoOpenVisit(DomainError):
    status_code = 409
    error_code = "NO_ACTIVE_SESSION"
    default_detail = _("This table has no open visit.")


class IdempotencyKeyReused(DomainError):
    status_code = 409
    error_code = "IDEMPOTENCY_KEY_REUSED"
    default_detail = _("This Idempotency-Key was already used with a different request.")


class RecallTooLate(DomainError):
    status_code = 409
    error_code = "RECALL_TOO_LATE"
    default_detail = _("A bumped ticket can be recalled for a few minutes only.")
