"""Reads of indicators: the list with each one's latest value, the turn-the-curve page, and
:func:`summaries`, which the outcomes page and the one-page summary call for many indicators at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from traction.core import policy
from traction.core.models import AuditEvent, Partnership
from traction_analysis.direction import curve

from ..models import FingertipsSnapshot, Indicator, IndicatorValue, Level

VALUE_COLUMNS = ("indicator_id", "area_code", "period", "value", "lower_ci", "upper_ci")


@dataclass(frozen=True)
class Summary:
    period: str | None
    value: float | None
    unit: str
    travel: str | None  # improving / worsening / no (significant) change / no judgement
    comparison: str | None  # better / similar / worse, or higher / similar / lower with no judgement


def _points(rows: Iterable[tuple[Any, ...]]) -> list[curve.Point]:
    return [curve.Point(period, value, low, high) for period, value, low, high in rows]


def _series(indicator: Indicator, rows: list[tuple[Any, ...]]) -> tuple[list[curve.Point], list[curve.Point]]:
    """(own area, benchmark area) points in time order, from (area_code, period, value, low, high) rows."""
    own = [r[1:] for r in rows if r[0] in ("", indicator.area_code)]
    bench = [r[1:] for r in rows if indicator.benchmark_code and r[0] == indicator.benchmark_code]
    return _points(own), _points(bench)


def _summary(indicator: Indicator, own: list[curve.Point], bench: list[curve.Point]) -> Summary:
    known = [p for p in own if p.value is not None]
    latest = known[-1] if known else None
    previous = known[-2] if len(known) > 1 else None
    mark = next((b for b in bench if latest and b.period == latest.period), None)
    return Summary(
        period=latest.period if latest else None,
        value=latest.value if latest else None,
        unit=indicator.unit,
        travel=curve.travel(previous, latest, indicator.polarity),
        comparison=curve.compare(latest, mark, indicator.polarity) if latest and mark else None,
    )


def summaries(*, indicators: Iterable[Indicator]) -> dict[int, Summary]:
    """Each indicator's latest value, direction of travel and benchmark comparison, by indicator id: one
    query for all their values, whatever their number."""
    chosen = {i.pk: i for i in indicators}
    rows: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    values = IndicatorValue.objects.filter(indicator_id__in=list(chosen)).order_by(
        "indicator_id", "period_order"
    )
    for indicator_id, *rest in values.values_list(*VALUE_COLUMNS):
        rows[indicator_id].append(tuple(rest))
    return {pk: _summary(i, *_series(i, rows[pk])) for pk, i in chosen.items()}


def _visible(user: Any, partnership: Partnership) -> Any:
    return policy.permitted(user=user, partnership=partnership, action="view", model=Indicator)


def list_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    indicators = list(_visible(user, partnership))
    found = summaries(indicators=indicators)
    rows = [(i, found[i.pk]) for i in indicators]
    return {
        "population": [r for r in rows if r[0].level == Level.POPULATION],
        "service": [r for r in rows if r[0].level == Level.SERVICE],
    }


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    visible = _visible(user, partnership)
    return {
        "indicator_count": visible.count(),
        "fingertips_count": visible.filter(source="fingertips").count(),
    }


@dataclass(frozen=True)
class TableRow:
    period: str
    value: float | None
    lower_ci: float | None
    upper_ci: float | None
    count: float | None
    denominator: float | None
    note: str
    benchmark: float | None
    comparison: str | None


def detail_for(*, indicator: Indicator) -> dict[str, Any]:
    """The turn-the-curve chart, the same figures as a table, and the latest Fingertips snapshot."""
    values = list(indicator.values.order_by("period_order").defer("raw"))
    rows = [(v.area_code, v.period, v.value, v.lower_ci, v.upper_ci) for v in values]
    own, bench = _series(indicator, rows)
    data = curve.curve(
        own,
        benchmark=bench,
        polarity=indicator.polarity,
        baseline_period=indicator.baseline_period,
        target=indicator.target,
    )
    mine = [v for v in values if v.area_code in ("", indicator.area_code)]
    table = [
        TableRow(v.period, v.value, v.lower_ci, v.upper_ci, v.count, v.denominator, v.note, mark, word)
        for v, mark, word in zip(mine, data.benchmark, data.comparisons, strict=True)
    ]
    title = f"{indicator.title}" + (f", {indicator.area_name}" if indicator.area_name else "")
    return {
        "curve": data,
        "svg": curve.svg(
            data,
            chart_id=f"curve-{indicator.pk}",
            title=title,
            unit=indicator.unit,
            benchmark_name=indicator.benchmark_name or indicator.benchmark_code,
        )
        if own
        else "",
        "table": table,
        "summary": _summary(indicator, own, bench),
        "snapshot": (snapshot := FingertipsSnapshot.objects.filter(indicator=indicator).defer("raw").first()),
        "failed_pull": _failed_since(indicator, snapshot),
        "outcomes": indicator.outcomes.all(),
        "trend_drawn": data.trend is not None,
    }


PULL_FAILED = "Fingertips pull failed"  # the audit verb of services.indicators


def _failed_since(indicator: Indicator, snapshot: FingertipsSnapshot | None) -> AuditEvent | None:
    """The latest failed pull of the indicator, when it came after the last pull that changed values."""
    events = AuditEvent.objects.filter(
        partnership=indicator.partnership_id,
        object_type="indicator",
        object_id=str(indicator.pk),
        verb=PULL_FAILED,
    )
    if snapshot is not None:
        events = events.filter(created_at__gt=snapshot.fetched_at)
    return events.order_by("-created_at", "-id").first()
