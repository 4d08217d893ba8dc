"""The manager's pages for staff calls: the open calls with their one-tap buttons, the top
bar's count (fetched again by ``static/manager/live.js``), and the reasons a store offers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from calls import selectors, services
from calls.forms import CallSettingsForm
from calls.models import StaffCall
from calls.templatetags.open_calls import open_calls_context
from core.errors import DomainError
from core.pages import add_refusal_to_form
from stores.pages import ManagerActionView, ManagerPageMixin


class OpenCallsView(ManagerPageMixin, View):
    """The store's open calls, oldest first; ``?fragment=list`` is the list alone."""

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {"calls": selectors.store_open_calls(store=self.store)}
        fragment = request.GET.get("fragment") == "list"
        return render(
            request, "manager/_call_list.html" if fragment else "manager/calls.html", context
        )


class OpenCallsBadgeView(ManagerPageMixin, View):
    """The top bar's count of open calls."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "manager/_open_calls.html", open_calls_context(self.store))


class _CallActionView(ManagerActionView):
    def call(self) -> StaffCall:
        return get_object_or_404(selectors.store_calls(store=self.store), pk=self.kwargs["call_id"])


class CallAcknowledgeView(_CallActionView):
    def perform(self) -> str:
        call = services.staff_call_acknowledge(call=self.call(), actor=self.request.user)
        return _("Table %(number)d: on the way.") % {"number": call.table.number}


class CallResolveView(_CallActionView):
    def perform(self) -> str:
        call = services.staff_call_resolve(call=self.call(), actor=self.request.user)
        return _("Table %(number)d: call done.") % {"number": call.table.number}


class CallReasonsView(ManagerPageMixin, View):
    """The reasons guests may call for, in their order, each offered or not, with the time a
    table waits between calls; and a reason of the store's own to add."""

    template_name = "manager/call_reasons.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cooldown = selectors.store_cooldown(store_id=self.store.id)
        form = CallSettingsForm(initial={"cooldown_seconds": int(cooldown.total_seconds())})
        return self._render(form, list(selectors.store_call_reasons(store=self.store)))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CallSettingsForm(request.POST)
        reasons = {r.id: r for r in selectors.store_call_reasons(store=self.store)}
        given = []
        for value in request.POST.getlist("reason"):
            reason = reasons.get(int(value)) if value.isdigit() else None
            if reason is None:
                continue
            reason.label = request.POST.get(f"label-{reason.id}", "")
            reason.is_active = f"active-{reason.id}" in request.POST
            given.append(reason)
        if form.is_valid():
            try:
                services.call_reasons_update(
                    store=self.store,
                    cooldown_seconds=form.cleaned_data["cooldown_seconds"],
                    reasons=[
                        services.ReasonInput(id=r.id, label=r.label, is_active=r.is_active)
                        for r in given
                    ],
                    new_label=form.cleaned_data["new_label"],
                )
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("The call reasons are saved."))
                return HttpResponseRedirect(reverse("manager:call-reasons"))
        return self._render(form, given or list(reasons.values()), status=400)

    def _render(self, form: CallSettingsForm, reasons: list, status: int = 200) -> HttpResponse:
        context = {"form": form, "reasons": reasons}
        return render(self.request, self.template_name, context, status=status)
