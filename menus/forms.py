"""Forms of the manager's menu pages. They parse what was typed; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from menus.models import (
    CHOICES_MAX,
    DESCRIPTION_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PRICE_MAX,
    Badge,
    Category,
    OptionGroup,
    Station,
)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Category name"), max_length=NAME_MAX_LENGTH)


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
    badges = forms.MultipleChoiceField(
        label=_("Badges on its card"),
        choices=Badge.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    option_groups = forms.ModelMultipleChoiceField(
        label=_("Options guests choose"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Guests see them in this order; edit them under Options."),
    )
    # Any file: menus.images judges it by its content, not by its name or type.
    image = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, categories, option_groups, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["option_groups"].queryset = option_groups

    def clean_option_groups(self) -> list[OptionGroup]:
        """The ticked groups in the order the page sent them: the order it shows them in
        (its up and down buttons move them), which is the order guests will see."""
        ticked = {str(group.pk): group for group in self.cleaned_data["option_groups"]}
        sent = self.data.getlist(self.add_prefix("option_groups"))
        in_order = [ticked.pop(pk) for pk in sent if pk in ticked]
        return in_order + list(ticked.values())  # any sent oddly spelt (" 3"), last


class OptionGroupForm(forms.Form):
    """A group and its choices: one row a choice, in order; a row left without a name is
    no choice (there are a few empty rows for new ones)."""

    name = forms.CharField(label=_("Option name"), max_length=NAME_MAX_LENGTH)
    min_choices = forms.IntegerField(
        label=_("Guests choose at least"), min_value=0, max_value=CHOICES_MAX, initial=0
    )
    max_choices = forms.IntegerField(
        label=_("and at most"), min_value=1, max_value=CHOICES_MAX, initial=1
    )


class OptionChoiceForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Choice"), max_length=NAME_MAX_LENGTH, required=False)
    price_delta = forms.IntegerField(
        label=_("Adds (won)"), min_value=0, max_value=PRICE_MAX, initial=0, required=False
    )
    is_available = forms.BooleanField(label=_("On sale"), required=False, initial=True)


OptionChoiceFormSet = forms.formset_factory(OptionChoiceForm, extra=3, max_num=50)


class MenuTranslationForm(forms.Form):
    """A field for each text of the menu (``menus.translations.MenuText``), by its key,
    holding its translation; an empty one is no translation."""

    def __init__(self, texts, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for text in texts:
            long = text.field == "description"
            self.fields[text.key] = forms.CharField(
                label=text.original,
                required=False,
                initial=text.translation,
                max_length=DESCRIPTION_MAX_LENGTH if long else NAME_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}) if long else forms.TextInput(),
            )


class StationForm(forms.Form):
    name = forms.CharField(
        label=_("Station name"), max_length=Station._meta.get_field("name").max_length
    )


class CategoryStationsForm(forms.Form):
    """A choice of station for each of the store's categories (``category-<id>``): one of its
    stations, or none (made at the first)."""

    def __init__(self, *args, categories: list[Category], stations: list[Station], **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)  # a table's rows: no colons
        first = stations[0].name if stations else ""
        choices = [("", _("Not set: made at %(station)s") % {"station": first})]
        choices += [(str(station.id), station.name) for station in stations]
        for category in categories:
            self.fields[f"category-{category.id}"] = forms.TypedChoiceField(
                label=category.name,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=category.station_id or "",
            )
        self.categories = categories

    def station_of_each(self) -> dict[int, int | None]:
        """What was chosen: the station of each category sent, by their ids (None: no
        station). A category the page did not show (added since) is not sent: left alone."""
        return {
            category.id: self.cleaned_data[name]
            for category in self.categories
            if (name := f"category-{category.id}") in self.data
        }
