"""What every manager page shares: who may see it, and how a page runs a service.

Pages call the same services as the API. A service's refusal (a ``DomainError`` or a model
``ValidationError``) becomes a message or a form error here, never a half-done change.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from config.errors import DomainError
from stores.models import Store


class ManagerPageMixin(AccessMixin):
    """A page of the signed-in manager's store (``self.store``). Anonymous visitors go to the
    login page; a signed-in user who is no store's manager (platform staff) gets 403."""

    login_url = reverse_lazy("manager:login")
    store: Store

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not user.is_manager:
            raise PermissionDenied
        self.store = user.store
        return super().dispatch(request, *args, **kwargs)


class ManagerActionView(ManagerPageMixin, View):
    """A button's POST: run ``perform()``, say how it went, go back to where the manager was
    (a ``next`` of this site) or to ``success_url``. A refusal is shown, not raised."""

    http_method_names = ["post"]
    success_url = reverse_lazy("manager:dashboard")

    def perform(self) -> str:
        """Do it; return the message to show."""
        raise NotImplementedError

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            done = self.perform()
        except (DomainError, ValidationError) as refusal:
            messages.error(request, refusal_message(refusal))
        else:
            messages.success(request, done)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return str(self.success_url)


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
