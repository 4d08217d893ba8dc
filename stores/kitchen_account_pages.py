"""The kitchen's accounts, ``/manager/kitchen-accounts/``: the sign-ins of the store's kitchen
screens, which see the kitchen display and nothing else. The store's manager adds one, gives
it a new password or removes it (``stores.services``); either of the last two signs its
screens out at once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters

from core.errors import DomainError
from core.pages import add_refusal_to_form
from stores import services
from stores.forms import KitchenAccountForm, KitchenPasswordForm
from stores.models import StaffRole, User
from stores.pages import ManagerActionView, ManagerPageMixin

ACCOUNTS_URL = reverse_lazy("manager:kitchen-accounts")


class _KitchenAccountsMixin(ManagerPageMixin):
    def accounts(self) -> QuerySet[User]:
        """The store's kitchen accounts, by name: never a manager, never another store's."""
        return User.objects.filter(store=self.store, role=StaffRole.KITCHEN).order_by(
            "username", "id"
        )

    def account(self) -> User:
        return get_object_or_404(self.accounts(), pk=self.kwargs["account_id"])


@method_decorator(sensitive_post_parameters("password"), "dispatch")
class KitchenAccountListView(_KitchenAccountsMixin, View):
    """The accounts, and a form to add one."""

    template_name = "manager/kitchen_accounts.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(KitchenAccountForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = KitchenAccountForm(request.POST)
        if form.is_valid():
            try:
                account = services.kitchen_account_create(store=self.store, **form.cleaned_data)
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                said = _("Kitchen account “%(name)s” added.") % {"name": account.username}
                messages.success(request, said)
                return HttpResponseRedirect(f"{ACCOUNTS_URL}#account-{account.id}")
        return self._render(form, status=400)

    def _render(self, form: KitchenAccountForm, status: int = 200) -> HttpResponse:
        context = {"accounts": self.accounts(), "form": form, "store": self.store}
        return render(self.request, self.template_name, context, status=status)


@method_decorator(sensitive_post_parameters("password"), "dispatch")
class KitchenAccountPasswordView(_KitchenAccountsMixin, View):
    template_name = "manager/kitchen_account_password.html"

    def get(self, request: HttpRequest, account_id: int) -> HttpResponse:
        return self._render(self.account(), KitchenPasswordForm())

    def post(self, request: HttpRequest, account_id: int) -> HttpResponse:
        account = self.account()
        form = KitchenPasswordForm(request.POST)
        if form.is_valid():
            try:
                services.kitchen_account_set_password(account=account, **form.cleaned_data)
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                said = _("“%(name)s” has a new password: its screens are signed out.") % {
                    "name": account.username
                }
                messages.success(request, said)
                return HttpResponseRedirect(f"{ACCOUNTS_URL}#account-{account.id}")
        return self._render(account, form, status=400)

    def _render(self, account: User, form: KitchenPasswordForm, status: int = 200):
        context = {"account": account, "form": form}
        return render(self.request, self.template_name, context, status=status)


class KitchenAccountDeleteView(_KitchenAccountsMixin, ManagerActionView):
    success_url = ACCOUNTS_URL

    def perform(self) -> str:
        account = self.account()
        services.kitchen_account_delete(account=account)
        return _("Kitchen account “%(name)s” removed: its screens are signed out.") % {
            "name": account.username
        }
