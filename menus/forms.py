"""Forms of the manager's menu pages. They parse what was typed; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from menus.models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, PRICE_MAX


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Category name"), max_length=NAME_MAX_LENGTH)
    display_order = forms.IntegerField(label=_("Position"), min_value=0, initial=0)


class MenuItemForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, empty_label=None)
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX_LENGTH)
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    price = forms.IntegerField(label=_("Price (won)"), min_value=0, max_value=PRICE_MAX)
    is_available = forms.BooleanField(label=_("On sale (not sold out)"), required=False)
    # Any file: menus.images judges it by its content, not by its name or type.
    image = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, categories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
