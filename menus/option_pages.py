"""The manager's option pages under ``/manager/menu/options/``: the store's option groups with
their choices and the items offering them; a group's form with one row a choice; a choice
sold out, for the day or until changed, in one tap."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError
from core.pages import add_refusal_to_form
from menus import option_groups, selectors
from menus.forms import OptionChoiceFormSet, OptionGroupForm
from menus.models import OptionChoice, OptionGroup
from menus.pages import availability_posted
from stores.pages import ManagerActionView, ManagerPageMixin

OPTIONS_URL = reverse_lazy("manager:options")


class OptionGroupListView(ManagerPageMixin, View):
    template_name = "manager/options.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        groups = selectors.store_option_groups(store=self.store).prefetch_related(
            "item_links__menu_item"
        )
        return render(request, self.template_name, {"groups": groups})


class _GroupMixin(ManagerPageMixin):
    def group(self) -> OptionGroup:
        return get_object_or_404(
            selectors.store_option_groups(store=self.store), pk=self.kwargs["group_id"]
        )


class OptionGroupFormView(_GroupMixin, View):
    """A new group (no ``group_id``) or a change to one, its choices as rows in order."""

    template_name = "manager/option_group_form.html"

    def get(self, request: HttpRequest, group_id: int | None = None) -> HttpResponse:
        if group_id is None:
            return self._render(None, OptionGroupForm(), OptionChoiceFormSet(prefix="choices"))
        group = self.group()
        form = OptionGroupForm(
            initial={
                "name": group.name,
                "min_choices": group.min_choices,
                "max_choices": group.max_choices,
            }
        )
        rows = [
            {
                "id": choice.id,
                "name": choice.name,
                "price_delta": choice.price_delta,
                "is_available": choice.is_available,
            }
            for choice in group.choices.all()
        ]
        return self._render(group, form, OptionChoiceFormSet(initial=rows, prefix="choices"))

    def post(self, request: HttpRequest, group_id: int | None = None) -> HttpResponse:
        group = self.group() if group_id is not None else None
        form = OptionGroupForm(request.POST)
        rows = OptionChoiceFormSet(request.POST, prefix="choices")
        if form.is_valid() and rows.is_valid():
            choices = [
                option_groups.ChoiceInput(
                    name=row["name"],
                    price_delta=row.get("price_delta") or 0,
                    is_available=row.get("is_available", False),
                    id=row.get("id"),
                )
                for row in rows.cleaned_data
                if row.get("name")
            ]
            try:
                group = option_groups.option_group_save(
                    store=self.store, group=group, choices=choices, **form.cleaned_data
                )
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("“%(name)s” saved.") % {"name": group.name})
                return HttpResponseRedirect(f"{OPTIONS_URL}#group-{group.id}")
        return self._render(group, form, rows, status=400)

    def _render(self, group, form, rows, status: int = 200) -> HttpResponse:
        context = {"group": group, "form": form, "rows": rows}
        return render(self.request, self.template_name, context, status=status)


class OptionGroupDeleteView(_GroupMixin, ManagerActionView):
    success_url = OPTIONS_URL

    def perform(self) -> str:
        group = self.group()
        option_groups.option_group_delete(group=group)
        return _("“%(name)s” deleted: no dish offers it any more.") % {"name": group.name}


class OptionChoiceAvailabilityView(ManagerActionView):
    """A choice sold out (until changed, or for the rest of the business day) or back."""

    success_url = OPTIONS_URL

    def perform(self) -> str:
        choice: OptionChoice = get_object_or_404(
            selectors.store_option_choices(store=self.store), pk=self.kwargs["choice_id"]
        )
        change, said = availability_posted(self.request)
        option_groups.option_choice_set_available(choice=choice, **change)
        return said % {"name": choice.name}

    def get_success_url(self) -> str:
        return f"{super().get_success_url()}#choice-{self.kwargs['choice_id']}"
