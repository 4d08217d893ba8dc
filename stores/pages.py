"""Who may open the manager's pages, and the pages for signing in and out.

Every manager page (``menus.pages``, ``orders.pages``) is a ``ManagerPageMixin`` view of the
signed-in manager's store; its buttons are ``ManagerActionView``s. The kitchen display is a
``KitchenPageMixin`` view, open to the store's kitchen accounts too; they sign in here as
managers do, and land on it.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from core.errors import DomainError
from core.pages import refusal_message, safe_next_url
from stores import services
from stores.errors import InvalidCredentials, TooManyAttempts
from stores.forms import ManagerLoginForm
from stores.login_throttle import client_address
from stores.models import Store, User

LOCKOUT_MINUTES = int(settings.LOGIN_LOCKOUT.total_seconds() // 60)


class ManagerPageMixin(AccessMixin):
    """A page of the signed-in manager's store (``self.store``). Anonymous visitors go to the
    login page; a signed-in user who is no store's manager (platform staff, a kitchen
    account) gets 403."""

    login_url = reverse_lazy("manager:login")
    store: Store

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not self.may_open(user):
            raise PermissionDenied
        self.store = user.store
        return super().dispatch(request, *args, **kwargs)

    def may_open(self, user: User) -> bool:
        return user.is_manager


class KitchenPageMixin(ManagerPageMixin):
    """A page of the kitchen display: for the store's managers and its kitchen accounts."""

    def may_open(self, user: User) -> bool:
        return user.is_kitchen_staff


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
        return safe_next_url(
            self.request, self.request.POST.get("next", ""), default=str(self.success_url)
        )


@method_decorator([sensitive_post_parameters("password"), csrf_protect, never_cache], "dispatch")
class LoginView(View):
    """Store code, username and password, with the same lockout as the API's login."""

    template_name = "manager/login.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.user.is_kitchen_staff:
            return HttpResponseRedirect(self._next_url(request.user))
        return self._render(ManagerLoginForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ManagerLoginForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            manager = services.manager_login(
                store_code=form.cleaned_data["store"],
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                address=client_address(request),
                kitchen_accounts=True,
            )
        except InvalidCredentials as wrong:
            form.add_error(None, _("The store code, username or password is not right."))
            form.add_error(
                None,
                ngettext(
                    "%(count)d more try before a pause of %(minutes)d minutes.",
                    "%(count)d more tries before a pause of %(minutes)d minutes.",
                    wrong.attempts_left,
                )
                % {"count": wrong.attempts_left, "minutes": LOCKOUT_MINUTES},
            )
            return self._render(form, status=401)
        except TooManyAttempts as locked:
            minutes = math.ceil(locked.retry_after_seconds / 60)
            form.add_error(
                None,
                ngettext(
                    "Too many failed attempts. Try again in %(minutes)d minute.",
                    "Too many failed attempts. Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            response = self._render(form, status=429)
            response["Retry-After"] = str(locked.retry_after_seconds)
            return response
        login(request, manager)  # a new session key and CSRF token; lasts SESSION_COOKIE_AGE
        return HttpResponseRedirect(self._next_url(manager))

    def _next_url(self, user: User) -> str:
        """Where the manager was going, else the dashboard; a kitchen account's display."""
        if not user.is_manager:
            return reverse("kitchen:display")
        target = self.request.POST.get("next") or self.request.GET.get("next", "")
        return safe_next_url(self.request, target, default=reverse("manager:dashboard"))

    def _render(self, form: ManagerLoginForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "next": self.request.GET.get("next", "")}
        return render(self.request, self.template_name, context, status=status)


class LogoutView(View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        messages.info(request, _("You are signed out."))
        return HttpResponseRedirect(reverse("manager:login"))
