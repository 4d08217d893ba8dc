"""The manager's menu pages: categories and items, prices, sold out, photos, order."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, F, IntegerField, Max, OuterRef, Subquery, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError
from core.pages import add_refusal_to_form
from menus import selectors, services
from menus.forms import CategoryForm, MenuItemForm
from menus.models import Category, MenuItem, MenuItemOptionGroup
from stores.pages import ManagerActionView, ManagerPageMixin

MENU_URL = reverse_lazy("manager:menu")


class MenuView(ManagerPageMixin, View):
    """Every category with its items (sold-out ones too), and a form to add a category."""

    template_name = "manager/menu.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(CategoryForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CategoryForm(request.POST)
        if form.is_valid():
            # A new category goes last; its up and down buttons move it from there.
            last = selectors.store_categories(store=self.store).aggregate(Max("display_order"))
            position = (last["display_order__max"] or 0) + 1
            try:
                category = services.category_create(
                    store=self.store, display_order=position, **form.cleaned_data
                )
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Category “%(name)s” added.") % {"name": category})
                return HttpResponseRedirect(MENU_URL)
        return self._render(form, status=400)

    def _render(self, form: CategoryForm, status: int = 200) -> HttpResponse:
        categories = list(selectors.store_menu(store=self.store))
        context = {
            "categories": categories,
            "total_items": sum(len(category.menu) for category in categories),
            "category_form": form,
        }
        return render(self.request, self.template_name, context, status=status)


class _CategoryMixin(ManagerPageMixin):
    def category(self) -> Category:
        return get_object_or_404(
            selectors.store_categories(store=self.store), pk=self.kwargs["category_id"]
        )


class CategoryEditView(_CategoryMixin, View):
    template_name = "manager/category_form.html"

    def get(self, request: HttpRequest, category_id: int) -> HttpResponse:
        category = self.category()
        return self._render(category, CategoryForm(initial={"name": category.name}))

    def post(self, request: HttpRequest, category_id: int) -> HttpResponse:
        category = self.category()
        form = CategoryForm(request.POST)
        if form.is_valid():
            try:
                services.category_update(category=category, **form.cleaned_data)
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Category “%(name)s” saved.") % {"name": category})
                return HttpResponseRedirect(MENU_URL)
        return self._render(category, form, status=400)

    def _render(self, category: Category, form: CategoryForm, status: int = 200) -> HttpResponse:
        context = {"category": category, "form": form}
        return render(self.request, self.template_name, context, status=status)


class CategoryDeleteView(_CategoryMixin, ManagerActionView):
    success_url = MENU_URL

    def perform(self) -> str:
        category = self.category()
        services.category_delete(category=category)
        return _("Category “%(name)s” deleted.") % {"name": category}


class CategoryMoveView(_CategoryMixin, ManagerActionView):
    """One place up or down among the store's categories."""

    success_url = MENU_URL

    def perform(self) -> str:
        category = self.category()
        services.category_move(
            store=self.store, category=category, direction=direction_posted(self.request)
        )
        return _("“%(name)s” moved.") % {"name": category.name}

    def get_success_url(self) -> str:
        return f"{MENU_URL}#category-{self.kwargs['category_id']}"


class _MenuItemMixin(ManagerPageMixin):
    def item(self) -> MenuItem:
        return get_object_or_404(
            selectors.store_menu_items(store=self.store).select_related("category"),
            pk=self.kwargs["item_id"],
        )


class MenuItemFormView(_MenuItemMixin, View):
    """Add an item (no ``item_id``) or change one, its photo included."""

    template_name = "manager/menu_item_form.html"

    def get(self, request: HttpRequest, item_id: int | None = None) -> HttpResponse:
        if item_id is None:
            initial = {"category": request.GET.get("category"), "is_available": True}
            return self._render(None, self._form(initial=initial))
        item = self.item()
        initial = {
            "category": item.category,
            "name": item.name,
            "description": item.description,
            "price": item.price,
            "is_available": item.is_available,
            "badges": item.badges,
            "image": item.image,
            "option_groups": [link.group_id for link in item.option_links.all()],
        }
        return self._render(item, self._form(initial=initial))

    def post(self, request: HttpRequest, item_id: int | None = None) -> HttpResponse:
        item = self.item() if item_id is not None else None
        form = self._form(data=request.POST, files=request.FILES)
        if form.is_valid():
            try:
                item = self._save(item, form.cleaned_data)
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("“%(name)s” saved.") % {"name": item.name})
                return HttpResponseRedirect(f"{reverse('manager:menu')}#item-{item.id}")
        return self._render(item, form, status=400)

    def _save(self, item: MenuItem | None, data: dict) -> MenuItem:
        image = data.pop("image")
        data["option_group_ids"] = [group.id for group in data.pop("option_groups")]
        if item is None:
            return services.menu_item_create(store=self.store, image=image or None, **data)
        if image is None:  # no new photo: keep the one it has
            return services.menu_item_update(item=item, **data)
        # False: "remove" ticked (the service deletes the old file once the change commits).
        return services.menu_item_update(item=item, image=image or None, **data)

    def _form(self, data: QueryDict | None = None, **kwargs) -> MenuItemForm:
        # The ticked groups come first in the order guests see them (the form saves them in
        # the order it lists them), then the others by name.
        if data is not None:
            # Shown again after a refusal: in the order the page sent, as the manager left it.
            sent = [int(pk) for pk in data.getlist("option_groups") if pk.isdigit()]
            cases = (When(pk=pk, then=index) for index, pk in enumerate(sent))
            position = Case(*cases, output_field=IntegerField())
        elif self.kwargs.get("item_id") is not None:
            position = Subquery(
                MenuItemOptionGroup.objects.filter(
                    menu_item_id=self.kwargs["item_id"], group=OuterRef("pk")
                ).values("display_order")
            )
        else:
            position = Value(None, output_field=IntegerField())
        groups = (
            selectors.store_option_groups(store=self.store)
            .annotate(position=position)
            .order_by(F("position").asc(nulls_last=True), "name", "id")
        )
        return MenuItemForm(
            categories=selectors.store_categories(store=self.store),
            option_groups=groups,
            data=data,
            **kwargs,
        )

    def _render(self, item: MenuItem | None, form: MenuItemForm, status: int = 200):
        context = {"item": item, "form": form}
        return render(self.request, self.template_name, context, status=status)


class MenuItemDeleteView(_MenuItemMixin, ManagerActionView):
    success_url = MENU_URL

    def perform(self) -> str:
        item = self.item()
        services.menu_item_delete(item=item)
        return _("“%(name)s” taken off the menu.") % {"name": item.name}


class MenuItemAvailabilityView(_MenuItemMixin, ManagerActionView):
    """Sold out (until changed, or ``sold_out_today``: for the rest of the business day),
    or back on sale: one tap each."""

    success_url = MENU_URL

    def perform(self) -> str:
        item = self.item()
        change, said = availability_posted(self.request)
        services.menu_item_update(item=item, **change)
        return said % {"name": item.name}


def availability_posted(request: HttpRequest) -> tuple[dict, str]:
    """What a sold-out button (manager/_availability.html) asked, for a dish or a choice:
    the change to make, and the message that says it done (``%(name)s`` to fill)."""
    if request.POST.get("sold_out_today") == "true":
        return {"sold_out_today": True}, _("“%(name)s” is sold out for today.")
    if request.POST.get("is_available") == "true":
        return {"is_available": True}, _("“%(name)s” is on sale again.")
    return {"is_available": False}, _("“%(name)s” is sold out.")


class MenuItemMoveView(_MenuItemMixin, ManagerActionView):
    """One place up or down within its category."""

    success_url = MENU_URL

    def perform(self) -> str:
        item = self.item()
        services.menu_item_move(
            store=self.store, item=item, direction=direction_posted(self.request)
        )
        return _("“%(name)s” moved.") % {"name": item.name}

    def get_success_url(self) -> str:
        return f"{MENU_URL}#item-{self.kwargs['item_id']}"


def direction_posted(request: HttpRequest) -> services.Direction:
    """What an up or down button (``direction=up|down``) asked: anything but up is down."""
    return "up" if request.POST.get("direction") == "up" else "down"
