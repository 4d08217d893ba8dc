"""Forms of the manager's pages about signing in and tables. They parse what was typed;
the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stores.models import TABLE_NUMBER_MAX
from stores.serializers import PASSWORD_MAX_LENGTH


class ManagerLoginForm(forms.Form):
    store = forms.CharField(label=_("Store code"), max_length=50)
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(
        label=_("Password"), max_length=PASSWORD_MAX_LENGTH, strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["store"].widget.attrs.update(autocomplete="organization", autofocus=True)
        self.fields["username"].widget.attrs.update(autocomplete="username")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


class TableForm(forms.Form):
    """A new table (both fields), or a change (password left blank: unchanged)."""

    number = forms.IntegerField(label=_("Table number"), min_value=1, max_value=TABLE_NUMBER_MAX)
    password = forms.CharField(
        label=_("Tablet password"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, password_required: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].required = password_required
        if not password_required:
            self.fields["password"].help_text = _(
                "Leave blank to keep it. A new password signs the table's tablet out."
            )
