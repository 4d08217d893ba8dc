"""The manager's pages for staff calls: the open calls with their one-tap buttons and the day's
resolved calls, and the reasons a store offers.

The buttons are forms that work without JavaScript; ``static/manager/call-actions.js`` sends
them with ``fetch`` and shows the answer in place, on the calls page and the dashboard's
cards alike."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from calls import selectors, services
from calls.forms import CallSettingsForm
from calls.models import StaffCall
from calls.serializers import ManagerStaffCallSerializer
from core.api_errors import error_body
from core.errors import DomainError
from core.pages import add_refusal_to_form, refusal_message, safe_next_url
from stores.business_day import business_date
from stores.pages import ManagerActionView, ManagerPageMixin

RESOLVED_CALLS_PAGE_SIZE = 50
# The days a lookup may name: wide for any restaurant, narrow enough that every day's bounds
# are real moments.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


class ResolvedCallsDayForm(forms.Form):
    day = forms.DateField(
        required=False, validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]
    )


class OpenCallsView(ManagerPageMixin, View):
    """The store's open calls, oldest first, and under them its calls resolved from one
    business day (``?day=YYYY-MM-DD``, else today's), newest first, 50 a page. ``?fragment=list``
    is both lists alone, as ``live.js`` fetches them again on every call's event."""

    def get(self, request: HttpRequest) -> HttpResponse:
        today = business_date(self.store, timezone.now())
        # What live.js fetches: these lists, of the day asked for; no day named follows today.
        query = request.GET.copy()
        query["fragment"] = "list"
        context = {
            "calls": selectors.store_open_calls(store=self.store),
            "list_query": query.urlencode(),
        }
        form = ResolvedCallsDayForm(request.GET)
        if form.is_valid():
            day = form.cleaned_data["day"] or today
            resolved = selectors.store_resolved_calls(store=self.store, day=day)
            context |= {
                "day": day,
                "is_today": day == today,
                "day_before": day - timedelta(days=1) if day > FIRST_DAY else None,
                "day_after": day + timedelta(days=1) if day < min(today, LAST_DAY) else None,
                "resolved": Paginator(resolved, RESOLVED_CALLS_PAGE_SIZE).get_page(
                    request.GET.get("page")
                ),
            }
        else:
            context["day_errors"] = form.errors["day"]
        fragment = request.GET.get("fragment") == "list"
        return render(
            request,
            "manager/_call_list.html" if fragment else "manager/calls.html",
            context,
            status=200 if form.is_valid() else 400,
        )


class _CallActionView(ManagerActionView):
    """A call's button. Sent by a page's script (``Accept: application/json``), it is answered
    with the call as it is now, done or refused: the contract's ``ManagerStaffCall`` with its
    ``html`` to swap in for the call's on the calls page (``null`` once resolved, for the page
    to drop it), and
    ``detail``; a refusal also has the contract's ``error_code`` and its status (409: resolved
    already)."""

    def call(self) -> StaffCall:
        return get_object_or_404(selectors.store_calls(store=self.store), pk=self.kwargs["call_id"])

    def answer(self, call: StaffCall) -> StaffCall:
        """Do it; return the call as it is after."""
        raise NotImplementedError

    def done_message(self, call: StaffCall) -> str:
        raise NotImplementedError

    def perform(self) -> str:
        return self.done_message(self.answer(self.call()))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.get_preferred_type(["text/html", "application/json"]) != "application/json":
            return super().post(request, *args, **kwargs)
        call = self.call()
        try:
            call = self.answer(call)
        except (DomainError, ValidationError) as refusal:
            call.refresh_from_db()
            if isinstance(refusal, DomainError):
                status, error_code = refusal.status_code, refusal.error_code
            else:
                status, error_code = 400, "VALIDATION_ERROR"
            body = error_body(refusal_message(refusal), error_code)
        else:
            status, body = 200, {"detail": self.done_message(call)}
        body |= {"call": ManagerStaffCallSerializer(call).data, "html": self._html(call)}
        return JsonResponse(body, status=status)

    def _html(self, call: StaffCall) -> str | None:
        """The call drawn as the calls page draws it (a card draws its own from ``call``)."""
        if call.resolved_at is not None:
            return None
        context = {
            "call": call,
            "next": safe_next_url(self.request, self.request.POST.get("next", ""), default=""),
        }
        return render_to_string("manager/_call.html", context, request=self.request).strip()


class CallAcknowledgeView(_CallActionView):
    def answer(self, call: StaffCall) -> StaffCall:
        return services.staff_call_acknowledge(call=call, actor=self.request.user)

    def done_message(self, call: StaffCall) -> str:
        return _("Table %(number)d: on the way.") % {"number": call.table.number}


class CallResolveView(_CallActionView):
    def answer(self, call: StaffCall) -> StaffCall:
        return services.staff_call_resolve(call=call, actor=self.request.user)

    def done_message(self, call: StaffCall) -> str:
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
