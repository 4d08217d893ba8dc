"""The sales reports on the wire (``/api/v1/admin/reports/``): the query that names a period,
and the figures, read from ``reports.selectors``' dataclasses."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.serializers import UtcDateTimeField


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "format": "date", "pattern": r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"},
            {"type": "string", "maxLength": 0},
        ]
    }
)
class ReportDateField(serializers.DateField):
    """A day of 2000 to 2099 (``reports.periods.FIRST_DATE`` to ``LAST_DATE``): the schema
    says so, ``reports.periods.period_from`` refuses the others. Empty is as not given, as
    the contract's empty query values are."""


class PeriodQuerySerializer(serializers.Serializer):
    """One of ``day``, ``week``, ``month`` or ``date_from`` with ``date_to``; none is the
    store's business day now."""

    day = ReportDateField(required=False, help_text="One business day.")
    week = serializers.RegexField(
        r"^20[0-9]{2}-W[0-9]{2}$",
        required=False,
        allow_blank=True,
        help_text="An ISO week, Monday to Sunday: 2026-W48.",
    )
    month = serializers.RegexField(
        r"^20[0-9]{2}-[0-9]{2}$", required=False, allow_blank=True, help_text="2026-11."
    )
    date_from = ReportDateField(required=False, help_text="The first day of a range.")
    date_to = ReportDateField(
        required=False, help_text="The last day of a range (at most 366 days)."
    )


class DayQuerySerializer(serializers.Serializer):
    day = ReportDateField(required=False, help_text="The business day (default: now's).")


class PeriodSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["day", "week", "month", "range"])
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    starts_at = UtcDateTimeField(help_text="When the first business day starts.")
    ends_at = UtcDateTimeField(help_text="When the business day after the last one starts.")


class TotalsSerializer(serializers.Serializer):
    revenue = serializers.IntegerField(help_text="What the orders placed came to.")
    orders = serializers.IntegerField()
    visits = serializers.IntegerField(help_text="Visits with an order in the period.")
    average_per_visit = serializers.IntegerField()
    average_per_order = serializers.IntegerField()
    deleted_orders = serializers.IntegerField(help_text="Deleted orders: never in revenue.")
    deleted_amount = serializers.IntegerField(help_text="What the deleted orders came to.")


class ItemSalesSerializer(serializers.Serializer):
    menu_id = serializers.IntegerField()
    name = serializers.CharField(help_text="As the item was sold.")
    quantity = serializers.IntegerField()
    revenue = serializers.IntegerField(help_text="Its lines' subtotals, options included.")


class OptionSalesSerializer(serializers.Serializer):
    group = serializers.CharField()
    name = serializers.CharField()
    quantity = serializers.IntegerField()
    revenue = serializers.IntegerField(help_text="The choice's price changes.")


class CategorySalesSerializer(serializers.Serializer):
    category_id = serializers.IntegerField()
    name = serializers.CharField()
    quantity = serializers.IntegerField()
    revenue = serializers.IntegerField()


class TableSalesSerializer(serializers.Serializer):
    table_id = serializers.IntegerField()
    number = serializers.IntegerField()
    orders = serializers.IntegerField()
    revenue = serializers.IntegerField()


class HourSalesSerializer(serializers.Serializer):
    hour = serializers.IntegerField(min_value=0, max_value=23)
    orders = serializers.IntegerField()
    revenue = serializers.IntegerField()


class DaySalesSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="The business day.")
    orders = serializers.IntegerField()
    revenue = serializers.IntegerField()


class SalesReportSerializer(serializers.Serializer):
    period = PeriodSerializer()
    previous_period = PeriodSerializer()
    totals = TotalsSerializer()
    previous_totals = TotalsSerializer()
    items = ItemSalesSerializer(many=True, help_text="By quantity, then revenue.")
    options = OptionSalesSerializer(many=True, help_text="By quantity, then revenue.")
    categories = CategorySalesSerializer(many=True, help_text="By revenue.")
    tables = TableSalesSerializer(many=True, help_text="By table number.")
    hours = HourSalesSerializer(
        many=True, help_text="All 24, from the hour the business day starts."
    )
    days = DaySalesSerializer(many=True, help_text="Every day of the period.")


class DeletedOrderSerializer(serializers.Serializer):
    number = serializers.IntegerField(allow_null=True)
    table_number = serializers.IntegerField()
    from_status = serializers.CharField(help_text="Its status when it was deleted.")
    total_amount = serializers.IntegerField(
        allow_null=True, help_text="null for an order deleted before amounts were kept."
    )
    deleted_at = UtcDateTimeField()
    actor = serializers.CharField()


class OpenVisitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    table_id = serializers.IntegerField()
    table_number = serializers.IntegerField()
    started_at = UtcDateTimeField()
    order_count = serializers.IntegerField()
    total_amount = serializers.IntegerField()


class DayCloseSerializer(serializers.Serializer):
    period = PeriodSerializer()
    printed_at = UtcDateTimeField()
    totals = TotalsSerializer()
    previous_totals = TotalsSerializer(help_text="The day before.")
    categories = CategorySalesSerializer(many=True)
    hours = HourSalesSerializer(many=True)
    deleted_orders = DeletedOrderSerializer(many=True, help_text="Oldest first.")
    open_visits = OpenVisitSerializer(many=True, help_text="Still open now, by table number.")
