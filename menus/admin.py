"""Django admin for platform staff: every store's kitchen stations, categories (with the
station that makes each), menu items (with the option groups each offers) and option groups.

Changes go through ``menus.services``: photos are judged by the same rules as the API's, a
replaced photo's file is removed once the change commits, and an item offers only its
store's groups.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from core.admin import DeleteThroughServiceMixin
from core.errors import DomainError
from core.money import won
from menus import option_groups, selectors, services, stations
from menus.images import validated_photo
from menus.models import (
    Category,
    MenuItem,
    MenuItemOptionGroup,
    OptionChoice,
    OptionGroup,
    Station,
)


class StationForm(forms.ModelForm):
    class Meta:
        model = Station
        fields = ["store", "name"]

    def clean(self):
        # The store is read-only once the station exists, so Django's own check of the
        # name's uniqueness (store and name together) would skip it.
        cleaned = super().clean()
        store = cleaned.get("store") or getattr(self.instance, "store", None)
        name = (cleaned.get("name") or "").strip()
        taken = Station.objects.filter(store=store, name=name).exclude(pk=self.instance.pk)
        if store and name and taken.exists():
            self.add_error("name", _("Another station has this name."))
        return cleaned


@admin.register(Station)
class StationAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    """A store's stations, first first. Saved and deleted by ``menus.stations`` (a new one goes
    last; the last one is never deleted); their order is the manager's, on their page."""

    form = StationForm
    list_display = ["name", "store", "position"]
    list_filter = ["store"]
    list_select_related = ["store"]
    search_fields = ["name", "store__code"]
    autocomplete_fields = ["store"]
    ordering = ["store__code", "position", "id"]
    readonly_fields = ["position", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "store"] if obj else self.readonly_fields

    def save_model(self, request, station: Station, form: StationForm, change: bool) -> None:
        name = form.cleaned_data["name"]
        if change:
            stations.station_save(
                store=station.store, station=Station.objects.get(pk=station.pk), name=name
            )
        else:
            station.pk = stations.station_save(store=station.store, name=name).pk

    def delete_through_service(self, request, station: Station) -> None:
        stations.station_delete(station=station)  # refused for the store's last


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["store", "name", "station", "display_order", "translations"]

    def clean(self):
        cleaned = super().clean()
        store = cleaned.get("store") or (self.instance.store if self.instance.pk else None)
        station = cleaned.get("station")
        if store and station and station.store_id != store.id:
            self.add_error("station", _("This station belongs to another store."))
        return cleaned


@admin.register(Category)
class CategoryAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    form = CategoryForm
    list_display = ["name", "store", "station", "display_order", "is_deleted"]
    list_filter = ["store", "is_deleted"]
    list_select_related = ["store", "station"]
    search_fields = ["name", "store__code"]
    autocomplete_fields = ["store", "station"]
    readonly_fields = ["is_deleted"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "store"] if obj else self.readonly_fields

    def save_model(self, request, category: Category, form: CategoryForm, change: bool) -> None:
        """Through ``menus.services`` and ``menus.stations``: the store's tablets and the
        orders see the change (a new menu version)."""
        data = form.cleaned_data
        fields = {name: data[name] for name in ("name", "display_order", "translations")}
        if change:
            services.category_update(category=category, **fields)
        else:
            category.pk = services.category_create(store=category.store, **fields).pk
        station = data["station"]
        stations.category_stations_set(
            store=category.store, stations={category.pk: station.pk if station else None}
        )

    def delete_through_service(self, request, category: Category) -> None:
        services.category_delete(category=category)  # refused while items remain


class MenuItemForm(forms.ModelForm):
    class Meta:
        model = MenuItem
        fields = [
            "store",
            "category",
            "name",
            "description",
            "price",
            "display_order",
            "is_available",
            "image",
        ]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):  # a new upload, not the stored photo
            try:
                validated_photo(image)
            except DomainError as error:
                raise forms.ValidationError(error.detail) from error
        return image

    def clean(self):
        cleaned = super().clean()
        store, category = cleaned.get("store"), cleaned.get("category")
        if store and category and category.store_id != store.id:
            self.add_error("category", _("This category belongs to another store."))
        return cleaned


class OfferedGroupsFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        # The item's store's groups to choose from (self.instance is the item): another
        # store's group is no valid choice. Just the names: no choices or links prefetched.
        groups = selectors.store_option_groups(store=self.instance.store).prefetch_related(None)
        form.fields["group"].queryset = groups


class OfferedGroupInline(admin.TabularInline):
    """The option groups an item offers, in the order guests see them. Saved with the item,
    all of them at once, by ``menus.services.menu_item_update`` (``MenuItemAdmin``)."""

    model = MenuItemOptionGroup
    formset = OfferedGroupsFormSet
    fields = ["group", "display_order"]
    extra = 1
    verbose_name = _("option group offered")
    verbose_name_plural = _("option groups offered, by display order")


def offered_in_order(formset: OfferedGroupsFormSet) -> list[int]:
    """The ids of the groups the inline's rows name, by display order (ties: as listed)."""
    kept = [
        each.cleaned_data
        for each in formset.forms
        if each.cleaned_data.get("group") and not each.cleaned_data.get("DELETE")
    ]
    return [row["group"].id for row in sorted(kept, key=lambda row: row["display_order"])]


@admin.register(MenuItem)
class MenuItemAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    """A change is saved whole, its offered groups with it, in one ``menu_item_update``
    (``save_related``)."""

    form = MenuItemForm
    list_display = ["name", "store", "category", "shown_price", "is_available", "is_deleted"]
    list_editable = ["is_available"]
    list_filter = ["store", "is_available", "is_deleted", "category"]
    list_select_related = ["store", "category"]
    search_fields = ["name", "store__code", "category__name"]
    autocomplete_fields = ["store", "category"]
    readonly_fields = ["is_deleted", "created_at", "updated_at"]
    inlines = [OfferedGroupInline]

    @admin.display(description=_("price"), ordering="price")
    def shown_price(self, item: MenuItem) -> str:
        return won(item.price)

    def get_readonly_fields(self, request, obj=None):
        # An item never moves to another store.
        return [*self.readonly_fields, "store"] if obj else self.readonly_fields

    def get_inlines(self, request, obj):
        # Which groups it may offer depends on its store: chosen once the item exists.
        return self.inlines if obj else []

    def save_model(self, request, item: MenuItem, form: MenuItemForm, change: bool) -> None:
        if change:
            return  # saved with the groups it offers, in save_related
        data = form.cleaned_data
        fields = {name: data[name] for name in services.MENU_ITEM_FIELDS if name in data}
        created = services.menu_item_create(
            store=data["store"], category=data["category"], image=data.get("image"), **fields
        )
        item.pk = created.pk

    def save_related(self, request, form: MenuItemForm, formsets, change: bool) -> None:
        if not change:
            return  # a new item offers no groups yet
        data = form.cleaned_data
        # The changelist's sold-out column saves through here too, with only that field and
        # no formsets: the groups offered stay as they are then.
        fields = {name: data[name] for name in services.MENU_ITEM_FIELDS if name in data}
        if "image" in form.changed_data:
            fields["image"] = data["image"] or None  # False: "clear" was ticked
        option_group_ids = None
        for offered in formsets:  # the one inline
            offered.save(commit=False)  # only what admin's change message reads: nothing written
            option_group_ids = offered_in_order(offered)
        services.menu_item_update(
            item=MenuItem.objects.get(pk=form.instance.pk),
            category=data.get("category"),
            option_group_ids=option_group_ids,
            **fields,
        )

    def delete_through_service(self, request, item: MenuItem) -> None:
        services.menu_item_delete(item=item)  # hides it; orders keep pointing at it


class OptionChoiceInline(admin.TabularInline):
    model = OptionChoice
    fields = ["name", "price_delta", "is_available"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_deleted=False)


@admin.register(OptionGroup)
class OptionGroupAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    """A group is saved whole with its choices, in the order shown, by
    ``menus.option_groups.option_group_save`` (``save_related``)."""

    list_display = ["name", "store", "min_choices", "max_choices", "is_deleted"]
    list_filter = ["store", "is_deleted"]
    list_select_related = ["store"]
    search_fields = ["name", "store__code"]
    autocomplete_fields = ["store"]
    readonly_fields = ["is_deleted"]
    inlines = [OptionChoiceInline]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "store"] if obj else self.readonly_fields

    def save_model(self, request, group, form, change) -> None:
        """Nothing yet: the group is saved with its choices."""

    def save_related(self, request, form, formsets, change) -> None:
        (choices,) = formsets
        choices.save(commit=False)  # only what admin's change message reads: nothing is written
        kept = [
            each
            for each in choices.forms
            if each.cleaned_data.get("name") and not each.cleaned_data.get("DELETE")
        ]
        group = form.instance
        saved = option_groups.option_group_save(
            store=group.store,
            group=OptionGroup.objects.get(pk=group.pk) if change else None,
            name=group.name,
            min_choices=group.min_choices,
            max_choices=group.max_choices,
            choices=[
                option_groups.ChoiceInput(
                    name=each.cleaned_data["name"],
                    price_delta=each.cleaned_data["price_delta"],
                    is_available=each.cleaned_data["is_available"],
                    id=each.instance.pk,
                )
                for each in kept
            ],
        )
        group.pk = saved.pk

    def delete_through_service(self, request, group: OptionGroup) -> None:
        option_groups.option_group_delete(group=group)
