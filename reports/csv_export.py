"""The order lines of a period as CSV, one row per line, streamed: rows are read from the
database in chunks (``.iterator()``) and written out as they come, so a year of orders never
sits in memory."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice

from django.http import StreamingHttpResponse

from orders.models import OrderItemOption
from reports.periods import Period
from reports.selectors import lines_sold, order_id_range
from stores.business_day import stores_zone
from stores.models import Store

HEADER = [
    "order_number",
    "time",
    "business_day",
    "table",
    "item",
    "options",
    "quantity",
    "unit_price",
    "subtotal",
    "status",
]
CHUNK_SIZE = 2000
# Spreadsheets (Excel above all) read a UTF-8 file as UTF-8, Korean names intact, only when
# it starts with a byte order mark.
BYTE_ORDER_MARK = "\ufeff"


class _Line:
    """A file-like object that hands back what is written to it (Django's streaming CSV)."""

    def write(self, value: str) -> str:
        return value


def _lines(*, store: Store, period: Period) -> Iterator[tuple[list[tuple], dict[int, list]]]:
    """The period's lines, oldest order first, ``CHUNK_SIZE`` at a time, each chunk with its
    lines' options by line id: a query for the orders' ids, then two queries a chunk. Plain
    rows, not model instances: a line with prefetched options is a reference cycle that only
    the garbage collector frees, and memory would grow with the rows until it ran."""
    order_ids = order_id_range(store=store, start=period.starts_at, end=period.ends_at)
    if order_ids is None:
        return
    rows = (
        lines_sold(store=store, start=period.starts_at, end=period.ends_at, order_ids=order_ids)
        .order_by("order__created_at", "order_id", "id")
        .values_list(
            "id",
            "order__number",
            "order__created_at",
            "order__visit__table__number",
            "name",
            "quantity",
            "unit_price",
            "order__status",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    while chunk := list(islice(rows, CHUNK_SIZE)):
        options: dict[int, list] = defaultdict(list)
        for line_id, group, choice, delta in (
            OrderItemOption.objects.filter(order_item_id__in=[row[0] for row in chunk])
            .order_by("id")
            .values_list("order_item_id", "group_name", "choice_name", "price_delta")
        ):
            options[line_id].append(f"{group}: {choice}" + (f" (+{delta})" if delta else ""))
        yield chunk, options


def csv_rows(*, store: Store, period: Period) -> Iterator[str]:
    """The header, then one CSV line per order line (the first line starts with a BOM)."""
    zone = stores_zone()
    writer = csv.writer(_Line())
    yield BYTE_ORDER_MARK + writer.writerow(HEADER)
    for chunk, options in _lines(store=store, period=period):
        for line_id, number, created_at, table, name, quantity, unit_price, status in chunk:
            placed = created_at.astimezone(zone)
            yield writer.writerow(
                [
                    number,
                    placed.strftime("%Y-%m-%d %H:%M:%S"),
                    (placed - period.day_shift).date().isoformat(),
                    table,
                    name,
                    "; ".join(options.get(line_id, ())),
                    quantity,
                    unit_price,
                    unit_price * quantity,
                    status,
                ]
            )


def csv_response(*, store: Store, period: Period) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_rows(store=store, period=period), content_type="text/csv; charset=utf-8"
    )
    name = "-".join(period.query().values())
    response["Content-Disposition"] = f'attachment; filename="sales-{store.code}-{name}.csv"'
    return response
