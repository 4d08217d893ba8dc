"""The manager's menu pages: categories and items, prices, sold out, photos, order."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Max, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
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
        last = selectors.store_categories(store=self.store).aggregate(Max("display_order"))
        next_position = (last["display_order__max"] or 0) + 1
        return self._render(CategoryForm(initial={"display_order": next_position}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CategoryForm(request.POST)
        if form.is_valid():
            try:
                category = services.category_create(store=self.store, **form.cleaned_data)
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
        form = CategoryForm(
            initial={"name": category.name, "display_order": category.display_order}
        )
        return self._render(category, form)

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
        data["option_group_ids"] = _offered_in_order(item, data.pop("option_groups"))
        if item is None:
            return services.menu_item_create(store=self.store, image=image or None, **data)
        if image is None:  # no new photo: keep the one it has
            return services.menu_item_update(item=item, **data)
        # False: "remove" ticked (the service deletes the old file once the change commits).
        return services.menu_item_update(item=item, image=image or None, **data)

    def _form(self, **kwargs) -> MenuItemForm:
        groups = selectors.store_option_groups(store=self.store)
        if self.kwargs.get("item_id") is not None:
            # The groups the item offers first, in its order: the order guests see.
            offered = MenuItemOptionGroup.objects.filter(
                menu_item_id=self.kwargs["item_id"], group=OuterRef("pk")
            ).values("display_order")
            groups = groups.annotate(position=Subquery(offered)).order_by(
                F("position").asc(nulls_last=True), "name", "id"
            )
        return MenuItemForm(
            categories=selectors.store_categories(store=self.store),
            option_groups=groups,
            **kwargs,
        )

    def _render(self, item: MenuItem | None, form: MenuItemForm, status: int = 200):
        context = {"item": item, "form": form}
        return render(self.request, self.template_name, context, status=status)


def _offered_in_order(item: MenuItem | None, chosen) -> list[int]:
    """The chosen groups' ids: those the item offered already in its order, then the others."""
    offered = [link.group_id for link in item.option_links.all()] if item else []
    ids = [group.id for group in chosen]
    return sorted(
        ids,
        key=lambda group_id: (
            group_id not in offered,
            offered.index(group_id) if group_id in offered else 0,
        ),
    )


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
        ids = list(
            selectors.store_menu_items(store=self.store, category_id=item.category_id).values_list(
                "id", flat=True
            )
        )
        position = ids.index(item.id)
        step = -1 if self.request.POST.get("direction") == "up" else 1
        target = min(max(position + step, 0), len(ids) - 1)
        ids.insert(target, ids.pop(position))
        services.menu_items_reorder(category=item.category, menu_item_ids=ids)
        return _("“%(name)s” moved.") % {"name": item.name}

    def get_success_url(self) -> str:
        return f"{MENU_URL}#item-{self.kwargs['item_id']}"
