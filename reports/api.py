"""``/api/v1/admin/reports/``: the sales figures of the caller's store, for a POS bridge or a
spreadsheet; the same selectors as the sales pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.openapi import error_responses
from reports import selectors
from reports.periods import period_from
from reports.serializers import (
    DayCloseSerializer,
    DayQuerySerializer,
    PeriodQuerySerializer,
    SalesReportSerializer,
)
from stores.viewsets import ManagerViewSet


@extend_schema(tags=["manager: reports"])
class ReportViewSet(ManagerViewSet):
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        parameters=[PeriodQuerySerializer],
        responses={200: SalesReportSerializer, **error_responses(400)},
        summary="A period's sales beside the period's before",
    )
    @action(detail=False, methods=["get"])
    def sales(self, request: Request) -> Response:
        query = PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = period_from(store=self.store, **query.validated_data)
        report = selectors.sales_report(store=self.store, period=period)
        return Response(SalesReportSerializer(report).data)

    @extend_schema(
        parameters=[DayQuerySerializer],
        responses={200: DayCloseSerializer, **error_responses(400)},
        summary="A business day's close (Z report), as of now",
    )
    @action(detail=False, methods=["get"], url_path="day-close")
    def day_close(self, request: Request) -> Response:
        query = DayQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = period_from(store=self.store, **query.validated_data)
        close = selectors.day_close(store=self.store, period=period)
        return Response(DayCloseSerializer(close).data)
