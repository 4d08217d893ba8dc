"""The CSV of a period's order lines: one row per line, checked row by row against the
orders, and streamed, so memory does not grow with the rows."""

from __future__ import annotations

import csv
import io
import tracemalloc
from datetime import date

import pytest

from conftest import signed_in
from orders.models import Order
from reports import csv_export
from reports.periods import period_from
from reports.tests.conftest import at, bulk_orders

EXPORT = "/manager/reports/export.csv"
LUNCH_TIME = ("2026-12-01 12:10:00", "2026-12-01")  # the time, the business day
LATE_TIME = ("2026-12-02 01:30:00", "2026-12-01")


def rows_of(response) -> list[list[str]]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read Korean names as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


class TestCsvExport:
    def test_one_row_per_line_with_its_order(self, world, menu, options, place, delete):
        lunch = place(
            world.table,
            at(1, 12, 10),
            (menu.bibimbap.id, 2, (options.extreme.id, options.cheese.id)),
            (menu.cola.id, 1),
        )
        late = place(world.other_table, at(2, 1, 30), (menu.stew.id, 3))
        gone = place(world.table, at(1, 13), (menu.cola.id, 1))
        delete(gone, at(1, 13, 1), world.manager)
        place(world.table, at(2, 5), (menu.cola.id, 9))  # the next business day
        place(world.their_table, at(1, 12), (menu.their_noodles.id, 1))
        late.status = "completed"
        late.save()

        response = signed_in(world.manager).get(EXPORT, {"day": "2026-12-01"})

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == (
            'attachment; filename="sales-alpha-2026-12-01.csv"'
        )
        assert rows_of(response) == [
            csv_export.HEADER,
            [
                str(lunch.number),
                "2026-12-01 12:10:00",
                "2026-12-01",
                "1",
                "Bibimbap",
                "Spice level: Extreme (+500); Add-ons: Cheese (+2000)",
                "2",
                "11500",
                "23000",
                "pending",
            ],
            [str(lunch.number), *LUNCH_TIME, "1", "Cola", "", "1", "2000", "2000", "pending"],
            [
                str(late.number),
                *LATE_TIME,
                "2",
                "Kimchi stew",
                "",
                "3",
                "8000",
                "24000",
                "completed",
            ],
        ]

    def test_the_rows_add_up_to_the_orders(self, world, menu, place):
        for hour in (11, 12, 18):
            place(world.table, at(1, hour), (menu.bibimbap.id, 1), (menu.cola.id, 2))
        period = period_from(store=world.store, day=date(2026, 12, 1))

        rows = list(
            csv.DictReader(
                io.StringIO("".join(csv_export.csv_rows(store=world.store, period=period))[1:])
            )
        )

        orders = Order.objects.filter(store=world.store)
        assert len(rows) == 6
        assert sum(int(row["subtotal"]) for row in rows) == sum(o.total_amount for o in orders)
        assert {row["order_number"] for row in rows} == {str(o.number) for o in orders}

    def test_a_bad_period_is_the_page_with_its_error(self, world):
        response = signed_in(world.manager).get(EXPORT, {"month": "2026-13"})

        assert response.status_code == 400
        assert "Name a month as 2026-11." in response.content.decode()

    def test_another_stores_manager_gets_only_their_own_lines(self, world, menu, place):
        place(world.table, at(1, 12), (menu.bibimbap.id, 1))

        rows = rows_of(signed_in(world.other_manager).get(EXPORT, {"day": "2026-12-01"}))

        assert rows == [csv_export.HEADER]


def peak_while_streaming(client, query) -> int:
    tracemalloc.start()
    try:
        response = client.get(EXPORT, query)
        rows = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        return rows, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("chunk_size", [100])
def test_memory_does_not_grow_with_the_rows(world, menu, monkeypatch, chunk_size):
    """The export reads ``chunk_size`` lines at a time and writes each out as it comes: ten
    times the orders cost about the same memory."""
    monkeypatch.setattr(csv_export, "CHUNK_SIZE", chunk_size)
    client = signed_in(world.manager)
    bulk_orders(world.table, menu.bibimbap, 200, at(1, 12))
    bulk_orders(world.other_table, menu.stew, 2_000, at(2, 12))
    client.get(EXPORT, {"day": "2026-12-01"})  # warm up: imports, templates, the session

    small_rows, small_peak = peak_while_streaming(client, {"day": "2026-12-01"})
    large_rows, large_peak = peak_while_streaming(client, {"day": "2026-12-02"})

    assert (small_rows, large_rows) == (201, 2_001)
    assert large_peak < small_peak * 1.5, (small_peak, large_peak)
