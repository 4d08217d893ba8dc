"""Bar charts as server-rendered SVG (``templates/manager/_column_chart.html`` and
``_bar_chart.html``): the geometry is worked out here, in the SVG's own units, so the templates
only place what they are given. No script, no build step; the page's CSS colours them, for the
screen and for print."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH = 720
COLUMN_HEIGHT = 240
AXIS_WIDTH = 112  # room for "₩10,000,000" at the chart's type size
LABEL_HEIGHT = 22
TOP = 12
ROW_HEIGHT = 28
NAME_WIDTH = 220
NAME_CHARACTERS = 22
VALUE_WIDTH = 110


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    label: str  # under the column; "" where labels are thinned out
    title: str  # the whole reading, shown on hover and read by screen readers
    label_x: float


@dataclass(frozen=True)
class ColumnChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    label_y: float
    ticks: list[Tick]
    columns: list[Column]
    empty: bool


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    name: str
    title: str
    value: str
    value_x: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bar_left: int
    bars: list[Bar]
    bar_height: float


def nice_ceiling(value: int, steps: int = 4) -> int:
    """The smallest round top (1, 2, 2.5 or 5 times a power of ten, per step) at or over
    ``value``, so the ticks read as round numbers."""
    if value <= 0:
        return steps
    raw = value / steps
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return math.ceil(factor * power) * steps
    return math.ceil(10 * power) * steps  # pragma: no cover (the loop ends at 10)


def column_chart(
    points: Sequence[tuple[str, int]], *, shown: Callable[[int], str], labels_max: int = 31
) -> ColumnChart:
    """Columns for ``(label, value)``; ``shown`` formats a value (``won``). With more points
    than ``labels_max``, only every so many columns keep their label."""
    top = nice_ceiling(max((value for _label, value in points), default=0))
    plot_left, plot_right = AXIS_WIDTH, WIDTH - 8
    baseline = COLUMN_HEIGHT - LABEL_HEIGHT
    plot_height = baseline - TOP
    slot = (plot_right - plot_left) / max(len(points), 1)
    every = max(1, math.ceil(len(points) / labels_max))
    columns = []
    for n, (label, value) in enumerate(points):
        height = plot_height * value / top
        columns.append(
            Column(
                x=round(plot_left + n * slot + slot * 0.15, 2),
                y=round(baseline - height, 2),
                width=round(max(slot * 0.7, 1), 2),
                height=round(height, 2),
                label=label if n % every == 0 else "",
                title=f"{label}: {shown(value)}",
                label_x=round(plot_left + (n + 0.5) * slot, 2),
            )
        )
    ticks = [
        Tick(y=round(baseline - plot_height * step / 4, 2), label=shown(top * step // 4))
        for step in range(5)
    ]
    return ColumnChart(
        width=WIDTH,
        height=COLUMN_HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        baseline=baseline,
        label_y=baseline + LABEL_HEIGHT - 6,
        ticks=ticks,
        columns=columns,
        empty=not any(value for _label, value in points),
    )


def bar_chart(points: Sequence[tuple[str, int, str]]) -> BarChart:
    """Horizontal bars for ``(name, value, value as shown)``, longest first as given."""
    top = max((value for _name, value, _shown in points), default=0) or 1
    room = WIDTH - NAME_WIDTH - VALUE_WIDTH
    bars = []
    for n, (name, value, value_shown) in enumerate(points):
        short = name if len(name) <= NAME_CHARACTERS else name[: NAME_CHARACTERS - 1] + "…"
        width = round(max(room * value / top, 1), 2)
        bars.append(
            Bar(
                y=n * ROW_HEIGHT + 4,
                width=width,
                name=short,
                title=f"{name}: {value_shown}",
                value=value_shown,
                value_x=round(NAME_WIDTH + width + 6, 2),
                text_y=n * ROW_HEIGHT + ROW_HEIGHT / 2 + 5,
            )
        )
    return BarChart(
        width=WIDTH,
        height=max(len(points), 1) * ROW_HEIGHT,
        bar_left=NAME_WIDTH,
        bars=bars,
        bar_height=ROW_HEIGHT - 8,
    )
