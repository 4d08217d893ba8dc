"""What the manager's pages share that is not about who may see them: a service's refusal
shown on the page, and where to go back to after a button.

Pages call the same services as the API. A service's refusal (a ``DomainError`` or a model
``ValidationError``) becomes a message or a form error, never a half-done change.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from core.errors import DomainError


def safe_next_url(request: HttpRequest, target: str, *, default: str) -> str:
    """``target`` if it is a page of this site (a ``next`` parameter), else ``default``."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def refusal_message(refusal: DomainError | ValidationError) -> str:
    if isinstance(refusal, DomainError):
        return refusal.detail
    return " ".join(refusal.messages)


def add_refusal_to_form(form: forms.Form, refusal: DomainError | ValidationError) -> None:
    """Put a service's refusal on the form: per field where it names the form's fields,
    else at the top."""
    if isinstance(refusal, ValidationError) and hasattr(refusal, "error_dict"):
        for field, errors in refusal.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        field = getattr(refusal, "field", None)
        form.add_error(field if field in form.fields else None, refusal_message(refusal))
