"""The charts' geometry: round ticks, columns to scale, labels thinned out on long periods."""

from __future__ import annotations

import pytest

from core.money import won
from reports import charts


@pytest.mark.parametrize(
    ("value", "top"),
    [(0, 4), (1, 4), (38_000, 40_000), (1_470_000, 2_000_000), (8_000, 8_000), (9_001, 10_000)],
)
def test_the_top_of_the_scale_is_a_round_number(value, top):
    assert charts.nice_ceiling(value) == top


def test_columns_are_to_scale_on_a_common_baseline():
    chart = charts.column_chart([("12", 30_000), ("13", 15_000), ("14", 0)], shown=won)

    full, half, none = chart.columns
    assert full.y + full.height == half.y + half.height == none.y == chart.baseline
    assert half.height == pytest.approx(full.height / 2)
    assert (full.title, none.height) == ("12: ₩30,000", 0)
    assert [tick.label for tick in chart.ticks] == [
        "₩0",
        "₩10,000",
        "₩20,000",
        "₩30,000",
        "₩40,000",
    ]
    assert not chart.empty


def test_a_long_period_keeps_every_few_labels():
    chart = charts.column_chart([(str(n), n) for n in range(90)], shown=won, labels_max=10)

    assert [column.label for column in chart.columns if column.label] == [
        str(n) for n in range(0, 90, 9)
    ]


def test_bars_are_to_scale_and_long_names_are_cut():
    chart = charts.bar_chart([("A" * 40, 10, "10"), ("Cola", 5, "5")])

    long, short = chart.bars
    assert short.width == pytest.approx(long.width / 2)
    assert long.name == "A" * 21 + "…"
    assert long.title == "A" * 40 + ": 10"
