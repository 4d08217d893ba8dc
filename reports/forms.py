"""The period a manager picks on the sales page: a day, a week, a month or a range of days
(``reports.periods.period_from`` decides what they cover)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PeriodForm(forms.Form):
    day = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    week = forms.CharField(
        label=_("Week"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"type": "week"}),
    )
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class DayForm(forms.Form):
    day = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
