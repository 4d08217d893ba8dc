"""Forms of the manager's floor pages. They parse what was typed; the services and selectors
decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from orders.selectors import HISTORY_FIRST_DATE, HISTORY_LAST_DATE
from stores.models import TABLE_NUMBER_MAX, TABLE_PASSWORD_MIN_LENGTH
from stores.serializers import PASSWORD_MAX_LENGTH

HISTORY_DATE_INPUT = {
    "type": "date",
    "min": HISTORY_FIRST_DATE.isoformat(),
    "max": HISTORY_LAST_DATE.isoformat(),
}


class HistoryForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs=HISTORY_DATE_INPUT)
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs=HISTORY_DATE_INPUT)
    )


class TableForm(forms.Form):
    """A new table (both fields), or a change (password left blank: unchanged)."""

    number = forms.IntegerField(label=_("Table number"), min_value=1, max_value=TABLE_NUMBER_MAX)
    password = forms.CharField(
        label=_("Tablet password"),
        min_length=TABLE_PASSWORD_MIN_LENGTH,
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
