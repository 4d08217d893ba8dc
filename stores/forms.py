"""The manager's sign-in form. It parses what was typed; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
