"""The sales pages under ``/manager/reports/``: a period's figures beside the period's before,
with charts; the order lines as CSV; and a business day's close, for printing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from core.money import won
from core.pages import add_refusal_to_form
from reports import charts, csv_export, selectors
from reports.forms import DayForm, PeriodForm
from reports.periods import Period, period_from
from reports.selectors import SalesReport, Totals
from stores.models import Store
from stores.pages import ManagerPageMixin

TOP_ITEMS = 10


@dataclass(frozen=True)
class Comparison:
    """One figure beside the previous period's, and how much it changed (``None``: no
    previous figure to compare with)."""

    label: str
    value: str
    previous: str
    change_percent: int | None


def count(number: int) -> str:
    return f"{number:,}"


def _comparisons(totals: Totals, previous: Totals) -> list[Comparison]:
    figures: list[tuple[str, int, int, Callable[[int], str]]] = [
        (_("Revenue"), totals.revenue, previous.revenue, won),
        (_("Orders"), totals.orders, previous.orders, count),
        (_("Visits"), totals.visits, previous.visits, count),
        (_("Per visit"), totals.average_per_visit, previous.average_per_visit, won),
        (_("Per order"), totals.average_per_order, previous.average_per_order, won),
    ]
    return [
        Comparison(
            label=label,
            value=shown(value),
            previous=shown(before),
            change_percent=round((value - before) * 100 / before) if before else None,
        )
        for label, value, before, shown in figures
    ]


def _period(form: PeriodForm | DayForm, store: Store) -> Period | None:
    """The period the form names (the business day now when it names none), or ``None``
    with the form's errors set."""
    if form.is_bound and not form.is_valid():
        return None
    given = form.cleaned_data if form.is_bound else {}
    try:
        return period_from(
            store=store,
            day=given.get("day"),
            week=given.get("week", ""),
            month=given.get("month", ""),
            date_from=given.get("date_from"),
            date_to=given.get("date_to"),
        )
    except ValidationError as refusal:
        add_refusal_to_form(form, refusal)
        return None


def _day_label(day) -> str:
    return f"{day.month}/{day.day}"


def _charts(report: SalesReport) -> dict[str, object]:
    days = report.period.days
    if days <= 14:
        day_points, labels_max = [(_day_label(d.date), d.revenue) for d in report.days], 31
    elif days <= 31:
        day_points, labels_max = [(str(d.date.day), d.revenue) for d in report.days], 31
    else:
        day_points, labels_max = [(_day_label(d.date), d.revenue) for d in report.days], 10
    by_quantity = report.items[:TOP_ITEMS]
    by_revenue = report.items_by_revenue[:TOP_ITEMS]
    return {
        "days_chart": charts.column_chart(day_points, shown=won, labels_max=labels_max)
        if days > 1
        else None,
        "hours_chart": charts.column_chart(
            [(f"{h.hour:02d}", h.revenue) for h in report.hours], shown=won
        ),
        "quantity_chart": charts.bar_chart(
            [(item.name, item.quantity, count(item.quantity)) for item in by_quantity]
        ),
        "revenue_chart": charts.bar_chart(
            [(item.name, item.revenue, won(item.revenue)) for item in by_revenue]
        ),
    }


class SalesView(ManagerPageMixin, View):
    """A period's sales beside the period's before."""

    template_name = "manager/reports.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PeriodForm(request.GET or None)
        period = _period(form, self.store)
        context: dict[str, object] = {"form": form, "period": period}
        if period is None:
            return render(request, self.template_name, context, status=400)
        report = selectors.sales_report(store=self.store, period=period)
        revenue = report.totals.revenue
        context.update(
            report=report,
            comparisons=_comparisons(report.totals, report.previous_totals),
            categories=[
                (category, round(category.revenue * 100 / revenue) if revenue else 0)
                for category in report.categories
            ],
            query=urlencode(period.query()),
            previous_query=urlencode(report.previous_period.query()),
            following_query=urlencode(period.following().query()),
            **_charts(report),
        )
        return render(request, self.template_name, context)


class SalesExportView(ManagerPageMixin, View):
    """The period's order lines as CSV, streamed."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PeriodForm(request.GET or None)
        period = _period(form, self.store)
        if period is None:
            return render(
                request, SalesView.template_name, {"form": form, "period": None}, status=400
            )
        return csv_export.csv_response(store=self.store, period=period)


class DayCloseView(ManagerPageMixin, View):
    """A business day's close, to print: its totals by category and by hour, the orders
    deleted, and the visits still open as it is printed."""

    template_name = "manager/reports_day_close.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = DayForm(request.GET or None)
        period = _period(form, self.store)
        context: dict[str, object] = {"form": form, "period": period}
        if period is None:
            return render(request, self.template_name, context, status=400)
        close = selectors.day_close(store=self.store, period=period)
        context.update(
            close=close,
            comparisons=_comparisons(close.totals, close.previous_totals),
            query=urlencode(period.query()),
            previous_query=urlencode(period.previous().query()),
            following_query=urlencode(period.following().query()),
        )
        return render(request, self.template_name, context)
