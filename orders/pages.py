"""The manager's floor in the browser: the live dashboard, a table's visit, its history, and
the store's tables.

The pages render from the same selectors as the API; ``static/manager/live.js`` listens to
``/api/v1/events/`` with the session cookie: the dashboard and every page's top bar redraw
from the events, a table's visit fetches its orders again when an event touched them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from core.errors import DomainError
from core.money import won
from core.pages import add_refusal_to_form
from orders import selectors, services
from orders.forms import HistoryForm, TableForm
from orders.models import Order, OrderStatus
from stores import services as store_services
from stores.login_throttle import locked_table_numbers
from stores.models import Table
from stores.pages import ManagerActionView, ManagerPageMixin

HISTORY_PAGE_SIZE = 20


def _table_or_404(store, table_id: int) -> Table:
    try:
        return selectors.store_table(store=store, table_id=table_id)
    except Table.DoesNotExist:
        raise Http404 from None


class DashboardView(ManagerPageMixin, View):
    """Every table as a card; ``?table=N`` shows one table's card only. The page is a shell:
    ``static/manager/table-cards.js`` draws the cards from the floor (``GET
    /api/v1/admin/floor/``, read when the event stream opens) and keeps them current from the
    events alone."""

    template_name = "manager/dashboard.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "tables": selectors.store_live_tables(store=self.store),
            "table_filter": request.GET.get("table", ""),
            "store": self.store,  # its thresholds, for the page to colour the waits as they grow
            "time_zone": settings.TIME_ZONE,
        }
        return render(request, self.template_name, context)


class VisitView(ManagerPageMixin, View):
    """A table's open visit: every order with its items and the buttons that move it on."""

    template_name = "manager/visit.html"
    orders_template_name = "manager/_visit_orders.html"

    def get(self, request: HttpRequest, table_id: int) -> HttpResponse:
        table = _table_or_404(self.store, table_id)
        orders = list(selectors.table_open_orders(table=table))
        # Showing the table's orders is seeing them, on every device; new ones show as new
        # this once. Only those shown: one placed meanwhile stays new.
        shown_new = [order.id for order in orders if order.seen_at is None]
        if shown_new:
            services.orders_mark_seen(
                store=self.store, table=table, order_ids=shown_new, actor=request.user
            )
        context = {
            "table": table,
            "visit": table.open_visits[0] if table.open_visits else None,
            "orders": orders,
            # Named in the question before the table is completed.
            "unserved": [
                f"#{order.number}" for order in orders if order.status != OrderStatus.COMPLETED
            ],
        }
        fragment = request.GET.get("fragment") == "orders"
        return render(
            request, self.orders_template_name if fragment else self.template_name, context
        )


class OrdersSeenView(ManagerActionView):
    """Every new order of the store seen at once, from the dashboard."""

    def perform(self) -> str:
        seen = services.orders_mark_seen(store=self.store, actor=self.request.user)
        return ngettext(
            "%(count)d new order marked as seen.", "%(count)d new orders marked as seen.", len(seen)
        ) % {"count": len(seen)}


class HistoryView(ManagerPageMixin, View):
    """A table's closed visits that ended within the dates, newest first."""

    template_name = "manager/history.html"

    def get(self, request: HttpRequest, table_id: int) -> HttpResponse:
        table = get_object_or_404(Table, pk=table_id, store=self.store)
        form = HistoryForm(request.GET or None)
        page = date_from = date_to = None
        if not form.is_bound or form.is_valid():
            given = form.cleaned_data if form.is_bound else {}
            try:
                date_from, date_to = selectors.history_dates(
                    date_from=given.get("date_from"), date_to=given.get("date_to")
                )
            except ValidationError as refusal:
                add_refusal_to_form(form, refusal)
            else:
                form = HistoryForm(initial={"date_from": date_from, "date_to": date_to})
                visits = selectors.table_history(table=table, date_from=date_from, date_to=date_to)
                page = Paginator(visits, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "table": table,
            "form": form,
            "page": page,
            "date_from": date_from,
            "date_to": date_to,
        }
        status = 200 if page is not None else 400  # an empty page is a fine answer
        return render(request, self.template_name, context, status=status)


class _OrderActionView(ManagerActionView):
    def order(self) -> Order:
        return get_object_or_404(
            selectors.store_orders(store=self.store), pk=self.kwargs["order_id"]
        )


class OrderStatusView(_OrderActionView):
    def perform(self) -> str:
        order = self.order()
        status = self.request.POST.get("status", "")
        if status not in OrderStatus.values:
            raise ValidationError(_("Unknown status."))
        order = services.order_set_status(order=order, status=status, actor=self.request.user)
        return _("Order #%(number)d: %(status)s.") % {
            "number": order.number,
            "status": order.get_status_display(),
        }


class OrderDeleteView(_OrderActionView):
    def perform(self) -> str:
        order = services.order_delete(order=self.order(), actor=self.request.user)
        return _("Order %(number)d deleted.") % {"number": order.number}


class TableCompleteView(ManagerActionView):
    def perform(self) -> str:
        table = get_object_or_404(
            Table, pk=self.kwargs["table_id"], store=self.store, deleted_at=None
        )
        visit = services.table_complete(table=table, actor=self.request.user)
        visit = selectors.visit_for_display(visit_id=visit.id)
        return _("Table %(number)d completed: %(count)d orders, %(total)s in all.") % {
            "number": table.number,
            "count": visit.order_count,
            "total": won(visit.total_amount),
        }

    def get_success_url(self) -> str:
        return reverse("manager:dashboard")


class TableListView(ManagerPageMixin, View):
    """The floor's tables with their open visits, and a form to add one."""

    template_name = "manager/tables.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(TableForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TableForm(request.POST)
        if form.is_valid():
            try:
                table = store_services.table_create(store=self.store, **form.cleaned_data)
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Table %(number)d added.") % {"number": table.number})
                return HttpResponseRedirect(reverse("manager:tables"))
        return self._render(form, status=400)

    def _render(self, form: TableForm, status: int = 200) -> HttpResponse:
        context = {
            "tables": selectors.store_tables(store=self.store),
            "locked": locked_table_numbers(store=self.store),
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)


class TableEditView(ManagerPageMixin, View):
    """Renumber a table or give it a new password."""

    template_name = "manager/table_form.html"

    def get(self, request: HttpRequest, table_id: int) -> HttpResponse:
        table = self._table(table_id)
        form = TableForm(initial={"number": table.number}, password_required=False)
        return self._render(table, form)

    def post(self, request: HttpRequest, table_id: int) -> HttpResponse:
        table = self._table(table_id)
        form = TableForm(request.POST, password_required=False)
        if form.is_valid():
            try:
                store_services.table_update(
                    table=table,
                    number=form.cleaned_data["number"],
                    password=form.cleaned_data["password"] or None,
                )
            except (DomainError, ValidationError) as refusal:
                add_refusal_to_form(form, refusal)
            else:
                messages.success(request, _("Table %(number)d saved.") % {"number": table.number})
                return HttpResponseRedirect(reverse("manager:tables"))
        return self._render(table, form, status=400)

    def _table(self, table_id: int) -> Table:
        return get_object_or_404(Table, pk=table_id, store=self.store, deleted_at=None)

    def _render(self, table: Table, form: TableForm, status: int = 200) -> HttpResponse:
        return render(
            self.request, self.template_name, {"table": table, "form": form}, status=status
        )


class TableUnlockView(ManagerActionView):
    """End a table's login lockout, so that its tablet can be set up again at once."""

    success_url = reverse_lazy("manager:tables")

    def perform(self) -> str:
        table = get_object_or_404(
            Table, pk=self.kwargs["table_id"], store=self.store, deleted_at=None
        )
        store_services.table_lockout_clear(table=table)
        return _("Table %(number)d can sign in again.") % {"number": table.number}


class TableDeleteView(ManagerActionView):
    success_url = reverse_lazy("manager:tables")

    def perform(self) -> str:
        table = get_object_or_404(
            Table, pk=self.kwargs["table_id"], store=self.store, deleted_at=None
        )
        store_services.table_delete(table=table)
        return _("Table %(number)d deleted.") % {"number": table.number}
