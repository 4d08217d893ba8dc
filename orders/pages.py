"""The manager's floor in the browser: the live dashboard, a table's visit, its history, and
the store's tables.

The page renders from the same selectors as the API; ``static/manager/live.js`` listens to
``/api/v1/events/`` with the session cookie and re-fetches the fragments an event touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from core.errors import DomainError
from core.money import won
from core.pages import add_refusal_to_form
from orders import selectors, services
from orders.forms import HistoryForm, TableForm
from orders.models import Order, OrderStatus
from orders.templatetags.unseen_orders import unseen_orders_context
from stores import services as store_services
from stores.login_throttle import locked_table_numbers
from stores.models import Store, Table
from stores.pages import ManagerActionView, ManagerPageMixin

HISTORY_PAGE_SIZE = 20


def _table_or_404(store, table_id: int) -> Table:
    try:
        return selectors.store_table(store=store, table_id=table_id)
    except Table.DoesNotExist:
        raise Http404 from None


def _minutes_label(minutes: int) -> str:
    """A time as a table's card shows it, "12 min" or "1 hr 5 min", as
    ``static/manager/times-ago.js`` goes on writing it."""
    hours, minutes = divmod(minutes, 60)
    if not hours:
        # Translators: a time on a table's card, short: "12 min".
        return _("%(minutes)d min") % {"minutes": minutes}
    if not minutes:
        # Translators: a time on a table's card, short: "2 hr".
        return _("%(hours)d hr") % {"hours": hours}
    # Translators: a time on a table's card, short: "1 hr 5 min".
    return _("%(hours)d hr %(minutes)d min") % {"hours": hours, "minutes": minutes}


@dataclass(frozen=True)
class CardAge:
    """How long a table's card says something has lasted, in whole minutes; ``level`` is
    "amber" or "red" for an order waiting as long as the store's thresholds, "" otherwise.
    The page keeps counting on its own (``static/manager/times-ago.js``)."""

    since: datetime
    minutes: int
    level: str = ""

    @property
    def label(self) -> str:
        return _minutes_label(self.minutes)


def _minutes_between(since: datetime, now: datetime) -> int:
    return max(0, int((now - since).total_seconds() // 60))


def _wait_level(minutes: int, store: Store) -> str:
    if minutes >= store.ticket_red_minutes:
        return "red"
    if minutes >= store.ticket_amber_minutes:
        return "amber"
    return ""


def _with_card_ages(tables: Iterable[Table], *, store: Store) -> None:
    """Give each open visit of ``tables`` its card's ages: ``visit_age``, since the guests
    sat down, and ``wait_age``, since its oldest order still to serve was placed (None when
    every order is served), coloured as the kitchen display colours a ticket."""
    now = timezone.now()
    for table in tables:
        for visit in table.open_visits:
            visit.visit_age = CardAge(visit.started_at, _minutes_between(visit.started_at, now))
            visit.wait_age = None
            if visit.oldest_unserved_at is not None:
                waited = _minutes_between(visit.oldest_unserved_at, now)
                level = _wait_level(waited, store)
                visit.wait_age = CardAge(visit.oldest_unserved_at, waited, level)


class DashboardView(ManagerPageMixin, View):
    """Every table as a card; ``?table=N`` shows one table's card only."""

    template_name = "manager/dashboard.html"
    grid_template_name = "manager/_table_grid.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        tables = selectors.store_floor_tables(store=self.store)
        table_filter = request.GET.get("table", "")
        shown = [t for t in tables if not table_filter or str(t.number) == table_filter]
        _with_card_ages(shown, store=self.store)
        context = {
            "tables": tables,
            "shown_tables": shown,
            "table_filter": table_filter,
            "store": self.store,  # its thresholds, for the page to colour the waits as they grow
        }
        fragment = request.GET.get("fragment") == "grid"
        return render(request, self.grid_template_name if fragment else self.template_name, context)


class TableCardView(ManagerPageMixin, View):
    """One table's card, for the dashboard to swap in when an event touched it."""

    def get(self, request: HttpRequest, table_id: int) -> HttpResponse:
        table = get_object_or_404(selectors.store_floor_tables(store=self.store), pk=table_id)
        _with_card_ages([table], store=self.store)
        return render(request, "manager/_table_card.html", {"table": table})


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


class UnseenOrdersView(ManagerPageMixin, View):
    """The top bar's count of new orders, for every manager page to fetch again when an event
    may have changed it."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "manager/_unseen_orders.html", unseen_orders_context(self.store))


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
