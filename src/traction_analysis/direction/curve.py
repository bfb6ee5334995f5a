"""Turn the curve: an indicator's values against its baseline, target and a benchmark area.

Comparison with the benchmark is by **confidence-interval overlap**: when the two 95 % intervals overlap
the values are *similar*; otherwise the area is *higher* or *lower*. Polarity turns that into *better* or
*worse* (lower is better: lower → better); with no judgement the words stay higher / similar / lower.
Without both intervals there is no comparison. Direction of travel compares the latest value with the one
before it the same way (by overlap when both have intervals, else by the values themselves). A trend line
(least squares over the period index) is drawn only from :data:`MIN_TREND_POINTS` values or more.
Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygal

from traction_analysis.diagnosis import charts

HIGH_GOOD, LOW_GOOD, NO_JUDGEMENT = "high", "low", "none"
MIN_TREND_POINTS = 5
JUDGED = {
    HIGH_GOOD: {"higher": "better", "similar": "similar", "lower": "worse"},
    LOW_GOOD: {"higher": "worse", "similar": "similar", "lower": "better"},
}
TRAVEL = {"better": "improving", "worse": "worsening", "similar": "no change"}


@dataclass(frozen=True)
class Point:
    period: str
    value: float | None
    lower_ci: float | None = None
    upper_ci: float | None = None


def overlap(a: Point, b: Point) -> str | None:
    """ "higher", "similar" or "lower" for ``a`` against ``b`` by their 95 % intervals; None without both."""
    if None in (a.lower_ci, a.upper_ci, b.lower_ci, b.upper_ci):
        return None
    assert a.lower_ci is not None and a.upper_ci is not None  # for the type checker
    assert b.lower_ci is not None and b.upper_ci is not None
    if a.lower_ci > b.upper_ci:
        return "higher"
    if a.upper_ci < b.lower_ci:
        return "lower"
    return "similar"


def judged(word: str | None, polarity: str) -> str | None:
    """``word`` (higher / similar / lower) through polarity: better / similar / worse, or unchanged."""
    if word is None:
        return None
    return JUDGED.get(polarity, {}).get(word, word)


def compare(area: Point, benchmark: Point, polarity: str) -> str | None:
    return judged(overlap(area, benchmark), polarity)


def travel(previous: Point | None, latest: Point | None, polarity: str) -> str | None:
    """ "improving", "worsening", "no change" or "no judgement" since the previous period, or "no significant
    change" when the two 95 % intervals overlap; None with fewer than two values."""
    if previous is None or latest is None or previous.value is None or latest.value is None:
        return None
    word = overlap(latest, previous)
    if word == "similar":
        return "no significant change"
    if word is None:
        word = (
            "higher"
            if latest.value > previous.value
            else "lower"
            if latest.value < previous.value
            else "similar"
        )
    if polarity not in JUDGED:
        return "no change" if word == "similar" else "no judgement"
    return TRAVEL[JUDGED[polarity][word]]


def trend(values: Sequence[float | None]) -> list[float | None] | None:
    """The least-squares line through the values (by position), or None with fewer than five of them."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < MIN_TREND_POINTS:
        return None
    n = len(known)
    mean_x = sum(i for i, _ in known) / n
    mean_y = sum(v for _, v in known) / n
    spread = sum((i - mean_x) ** 2 for i, _ in known)
    slope = sum((i - mean_x) * (v - mean_y) for i, v in known) / spread
    return [round(mean_y + slope * (i - mean_x), 6) for i in range(len(values))]


@dataclass(frozen=True)
class Curve:
    """What the chart and its table show."""

    periods: tuple[str, ...]
    values: tuple[float | None, ...]
    lower: tuple[float | None, ...]
    upper: tuple[float | None, ...]
    benchmark: tuple[float | None, ...]
    trend: tuple[float | None, ...] | None
    baseline: float | None
    target: float | None
    comparisons: tuple[str | None, ...]


def curve(
    points: Sequence[Point],
    *,
    benchmark: Sequence[Point] = (),
    polarity: str = NO_JUDGEMENT,
    baseline_period: str = "",
    target: float | None = None,
) -> Curve:
    by_period = {p.period: p for p in benchmark}
    marks = [by_period.get(p.period) for p in points]
    line = trend([p.value for p in points])
    baseline = next((p.value for p in points if p.period == baseline_period), None)
    return Curve(
        periods=tuple(p.period for p in points),
        values=tuple(p.value for p in points),
        lower=tuple(p.lower_ci for p in points),
        upper=tuple(p.upper_ci for p in points),
        benchmark=tuple(m.value if m else None for m in marks),
        trend=tuple(line) if line is not None else None,
        baseline=baseline,
        target=target,
        comparisons=tuple(compare(p, m, polarity) if m else None for p, m in zip(points, marks, strict=True)),
    )


def _fmt(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def describe(data: Curve, *, unit: str, benchmark_name: str) -> str:
    if not data.periods:
        return "No values yet."
    parts = [
        f"{len(data.periods)} values from {data.periods[0]} to {data.periods[-1]}"
        + (f" ({unit})" if unit else "")
        + f"; latest {_fmt(data.values[-1])}."
    ]
    if data.baseline is not None:
        parts.append(f"Baseline {_fmt(data.baseline)}.")
    if data.target is not None:
        parts.append(f"Target {_fmt(data.target)}.")
    if any(v is not None for v in data.benchmark):
        parts.append(
            f"Compared with {benchmark_name or 'the benchmark'}: {data.comparisons[-1] or 'no comparison'}."
        )
    parts.append("A trend line is drawn." if data.trend else "No trend line: fewer than five values.")
    return " ".join(parts) + " The same figures are in the table that follows."


def _with_intervals(data: Curve) -> list[object]:
    points: list[object] = []
    for value, low, high in zip(data.values, data.lower, data.upper, strict=True):
        if value is not None and low is not None and high is not None:
            points.append({"value": value, "ci": {"low": low, "high": high}})
        else:
            points.append(value)
    return points


def svg(data: Curve, *, chart_id: str, title: str, unit: str = "", benchmark_name: str = "") -> str:
    """The chart as accessible SVG for the web app (no inline style: diagnosis/charts.css styles it).

    Series, in the web palette's order: the values (with their 95 % intervals as bars), the benchmark, the
    target, the baseline, the trend line. A series with no value is still added (empty) so that each
    keeps its colour."""
    chart = pygal.Line(
        js=[],
        disable_xml_declaration=True,
        width=800,
        height=380,
        legend_at_bottom=True,
        truncate_label=-1,
        title=title,
        x_title="Period",
        y_title=unit or None,
        allow_interruptions=True,
        show_dots=True,
        x_label_rotation=0 if len(data.periods) <= 8 else 30,
        style=charts.chart_style(charts.WEB_COLOURS),
        value_formatter=lambda v: f"{v:g}",
    )
    chart.x_labels = list(data.periods)
    n = len(data.periods)
    chart.add("Value (bars: 95% confidence interval)", _with_intervals(data))
    chart.add(benchmark_name or "Benchmark", list(data.benchmark))
    chart.add("Target", [data.target] * n if data.target is not None else [None] * n, show_dots=False)
    chart.add("Baseline", [data.baseline] * n if data.baseline is not None else [None] * n, show_dots=False)
    if data.trend is not None:
        chart.add("Trend", list(data.trend), show_dots=False)
    return charts.accessible_svg(
        chart.render(is_unicode=True),
        chart_id=chart_id,
        title=title,
        description=describe(data, unit=unit, benchmark_name=benchmark_name),
        inline_style=False,
    )
