"""The manager's forms: signing in, the store's settings, the kitchen's accounts. They parse
what was typed; the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from stores.models import TICKET_MINUTES_MAX, Store, User
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


class StoreSettingsForm(forms.Form):
    name = forms.CharField(
        label=_("Store name"),
        max_length=Store._meta.get_field("name").max_length,
        help_text=_("Shown at the top of these pages and of the tablets."),
    )
    language = forms.ChoiceField(
        label=_("Menu language"),
        choices=settings.LANGUAGES,  # each in its own words: "日本語", whatever the page's
        help_text=_(
            "The language the menu's names are written in; orders keep them in it. Guests may "
            "read the menu in another language where it has a translation."
        ),
    )
    business_day_starts = forms.TimeField(
        label=_("Business day starts at"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_(
            "Where one business day ends and the next begins: at 05:00, a sale at 01:30 "
            "counts for the evening before. Dishes sold out for the day are back from then."
        ),
    )
    ticket_amber_minutes = forms.IntegerField(
        label=_("Amber after (minutes)"),
        min_value=1,
        max_value=TICKET_MINUTES_MAX,
        help_text=_("An order waiting this long turns amber on the kitchen display."),
    )
    ticket_red_minutes = forms.IntegerField(
        label=_("Red after (minutes)"),
        min_value=1,
        max_value=TICKET_MINUTES_MAX,
        help_text=_("An order waiting this long turns red."),
    )


def _password_rules() -> str:
    return " ".join(str(text) for text in password_validators_help_texts())


class KitchenAccountForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=User._meta.get_field("username").max_length,
        help_text=_("Letters, digits and @/./+/-/_ only, like “grill” or “bar”."),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=lazy(_password_rules, str)(),
    )


class KitchenPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=lazy(_password_rules, str)(),
    )
