"""The store's settings page (``/manager/store/``): its name, its menu language, when its
business day starts and when a waiting order turns amber, then red, saved by
``stores.services.store_update``. It leads to the kitchen's setup: its stations and accounts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError
from core.pages import add_refusal_to_form
from stores import services
from stores.forms import StoreSettingsForm
from stores.pages import ManagerPageMixin


class StoreSettingsView(ManagerPageMixin, View):
    template_name = "manager/store_settings.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = StoreSettingsForm(
            initial={
                "name": self.store.name,
                "language": self.store.language,
                "business_day_starts": self.store.business_day_starts,
                "ticket_amber_minutes": self.store.ticket_amber_minutes,
                "ticket_red_minutes": self.store.ticket_red_minutes,
            }
        )
        return self._render(form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StoreSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.store_update(store=self.store, **form.cleaned_data)
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("The store's settings are saved."))
                return HttpResponseRedirect(reverse("manager:store-settings"))
        return self._render(form, status=400)

    def _render(self, form: StoreSettingsForm, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form}, status=status)
