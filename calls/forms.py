from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from calls.models import COOLDOWN_MAX_SECONDS, REASON_LABEL_MAX_LENGTH


class CallSettingsForm(forms.Form):
    cooldown_seconds = forms.IntegerField(
        label=_("Time between calls (seconds)"),
        min_value=0,
        max_value=COOLDOWN_MAX_SECONDS,
        help_text=_("How long a table waits after calling before it can call again."),
    )
    new_label = forms.CharField(
        label=_("Add a reason"),
        max_length=REASON_LABEL_MAX_LENGTH,
        required=False,
        help_text=_("Such as “A high chair” or “Clear the table”."),
    )
