"""The manager's pages for signing in and out, and for the store's tables."""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from config.errors import DomainError, InvalidCredentials, TooManyAttempts
from config.pages import ManagerActionView, ManagerPageMixin, add_refusal_to_form
from orders.selectors import store_tables
from stores import services
from stores.forms import ManagerLoginForm, TableForm
from stores.models import Table


@method_decorator([sensitive_post_parameters("password"), csrf_protect, never_cache], "dispatch")
class LoginView(View):
    """Store code, username and password, with the same lockout as the API's login."""

    template_name = "manager/login.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.user.is_manager:
            return HttpResponseRedirect(self._next_url())
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
            )
        except InvalidCredentials:
            form.add_error(None, _("The store code, username or password is not right."))
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
        return HttpResponseRedirect(self._next_url())

    def _next_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("manager:dashboard")

    def _render(self, form: ManagerLoginForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "next": self.request.GET.get("next", "")}
        return render(self.request, self.template_name, context, status=status)


class LogoutView(View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        messages.info(request, _("You are signed out."))
        return HttpResponseRedirect(reverse("manager:login"))


class TableListView(ManagerPageMixin, View):
    """The floor's tables with their open visits, and a form to add one."""

    template_name = "manager/tables.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(TableForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TableForm(request.POST)
        if form.is_valid():
            try:
                table = services.table_create(store=self.store, **form.cleaned_data)
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Table %(number)d added.") % {"number": table.number})
                return HttpResponseRedirect(reverse("manager:tables"))
        return self._render(form, status=400)

    def _render(self, form: TableForm, status: int = 200) -> HttpResponse:
        context = {"tables": store_tables(store=self.store), "form": form}
        return render(self.request, self.template_name, context, status=status)


class TableEditView(ManagerPageMixin, View):
    """Renumber a table or give it a new password."""

    template_name = "manager/table_form.html"

    def get(self, request: HttpRequest, table_id: int) -> HttpResponse:
        table = self._table(table_id)
        form = TableForm(initial={"number": table.number}, password_required=False)
        return self._render(table, form)

    def post(self, request: HttpRequest, table_id: int) -> HttpResponse:
        table = self._table(table_id)
        form = TableForm(request.POST, password_required=False)
        if form.is_valid():
            try:
                services.table_update(
                    table=table,
                    number=form.cleaned_data["number"],
                    password=form.cleaned_data["password"] or None,
                )
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Table %(number)d saved.") % {"number": table.number})
                return HttpResponseRedirect(reverse("manager:tables"))
        return self._render(table, form, status=400)

    def _table(self, table_id: int) -> Table:
        return get_object_or_404(Table, pk=table_id, store=self.store, deleted_at=None)

    def _render(self, table: Table, form: TableForm, status: int = 200) -> HttpResponse:
        return render(
            self.request, self.template_name, {"table": table, "form": form}, status=status
        )


class TableDeleteView(ManagerActionView):
    success_url = reverse_lazy("manager:tables")

    def perform(self) -> str:
        table = get_object_or_404(
            Table, pk=self.kwargs["table_id"], store=self.store, deleted_at=None
        )
        services.table_delete(table=table)
        return _("Table %(number)d deleted.") % {"number": table.number}
