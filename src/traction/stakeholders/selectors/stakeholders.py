"""Reads of the stakeholder map, its gaps and the engagement log, through the permission policy."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.models import Action
from traction_analysis.stakeholders import chart
from traction_analysis.stakeholders import grid as pure

from ..models.stakeholders import Assessment, Engagement, Stakeholder, StakeholderKind, Stance

STANCE_LABELS = dict(Stance.choices)
KIND_LABELS = dict(StakeholderKind.choices)


def visible(user: Any, partnership: Partnership, model: type[Any]) -> QuerySet[Any]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=model)


def points_of(assessments: QuerySet[Assessment]) -> list[pure.Point]:
    rows = assessments.values_list(
        "stakeholder_id", "assessed_on", "power", "interest", "stance", "desired_stance", "id"
    )
    return [pure.Point(*row) for row in rows]


def points(*, user: Any, partnership: Partnership) -> list[pure.Point]:
    return points_of(visible(user, partnership, Assessment).order_by())


def short_date(day: datetime.date) -> str:
    """ "6 Dec 2026", written here rather than by the template filter: a map has hundreds of rows."""
    return f"{day.day} {day:%b %Y}"


def detail_urls(partnership: Partnership) -> str:
    """A stakeholder's page with ``{pk}`` for its id: reversed once, not once a row."""
    base = reverse("stakeholders:stakeholder-detail", kwargs={"slug": partnership.slug, "pk": 0})
    return base[: base.rindex("/0/")] + "/{pk}/"


def _row(number: int, stakeholder: Any, point: pure.Point, url: str) -> dict[str, Any]:
    return {
        "number": number,
        "stakeholder": stakeholder,
        "url": url.format(pk=point.stakeholder),
        "assessed": short_date(point.assessed_on),
        "cells": (str(number), str(point.power), str(point.interest)),  # strings: no localising per cell
        "point": point,
        "quadrant": point.quadrant.capitalize(),
        "stance": STANCE_LABELS[point.stance],
        "desired": STANCE_LABELS[point.desired_stance],
        "gap": pure.distance(point.stance, point.desired_stance),
    }


def list_for(*, user: Any, partnership: Partnership, today: datetime.date) -> dict[str, Any]:
    """Every stakeholder with its latest stance and quadrant (blank while not yet assessed)."""
    stakeholders = list(visible(user, partnership, Stakeholder).select_related("organisation", "person"))
    latest = pure.map_at(points(user=user, partnership=partnership), today)
    url, rows = detail_urls(partnership), []
    for stakeholder in stakeholders:
        point = latest.get(stakeholder.pk)
        rows.append(
            {
                "stakeholder": stakeholder,
                "url": url.format(pk=stakeholder.pk),
                "kind": KIND_LABELS[stakeholder.kind],
                "stance": STANCE_LABELS[point.stance] if point else "",
                "quadrant": point.quadrant.capitalize() if point else "—",
                "assessed": short_date(point.assessed_on) if point else "—",
            }
        )
    return {"rows": rows}


def map_for(
    *,
    user: Any,
    partnership: Partnership,
    day: datetime.date,
    today: datetime.date,
    cell: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """The map at ``day``: the points, the SVG, the table rows (only those at ``cell``, power and interest,
    when given: where a crowded cell's "+M more" leads), and the assessment dates around it."""
    all_points = points(user=user, partnership=partnership)
    names = dict(visible(user, partnership, Stakeholder).values_list("id", "name"))
    at = pure.map_at(all_points, day)
    ordered = sorted(at.values(), key=lambda p: (names.get(p.stakeholder, ""), p.stakeholder))
    url = detail_urls(partnership)
    rows = [
        _row(n, {"pk": p.stakeholder, "name": names.get(p.stakeholder, "")}, p, url)
        for n, p in enumerate(ordered, start=1)
    ]
    marks = [
        chart.Mark(
            str(r["number"]),
            r["point"].power,
            r["point"].interest,
            r["point"].stance,
            r["stakeholder"]["name"],
        )
        for r in rows
    ]
    days = pure.dates(all_points)
    before, after = pure.neighbours(days, day)
    counts = {q: sum(1 for r in rows if r["point"].quadrant == q) for q in pure.QUADRANTS}
    svg = chart.grid_svg(
        marks,
        chart_id="stakeholder-map",
        title=f"Stakeholder map on {day:%-d %B %Y}",
        description=(
            f"{len(rows)} stakeholders by power (up) and interest (across): "
            + "; ".join(f"{q}: {n}" for q, n in counts.items())
            + ". Each point's number is its row in the table below; its shape is its stance. "
            + f"A cell shows at most {chart.CAPACITY} points; a fuller one shows {chart.SHOWN} and links "
            + "to the rest in the table."
        ),
        more_href=lambda power, interest: f"?on={day.isoformat()}&cell={power}-{interest}#map-table",
    )
    in_cell = [r for r in rows if (r["point"].power, r["point"].interest) == cell] if cell else rows
    return {
        "day": day,
        "rows": rows,
        "table_rows": in_cell,
        "cell": cell,
        "svg": svg,
        "counts": counts,
        "dates": list(reversed(days)),
        "previous_date": before,
        "next_date": after if after is None or after <= today else None,
        "legend": [(STANCE_LABELS[s], shape) for s, shape in chart.legend()],
        "unassessed": len(names) - len(rows),
    }


def detail_for(*, user: Any, partnership: Partnership, stakeholder: Stakeholder) -> dict[str, Any]:
    assessments = list(
        visible(user, partnership, Assessment)
        .filter(stakeholder=stakeholder)
        .select_related("assessed_by")
        .order_by("assessed_on", "id")
    )
    trail = [
        {
            "number": n,
            "assessment": a,
            "quadrant": pure.quadrant(a.power, a.interest),
            "gap": pure.distance(a.stance, a.desired_stance),
        }
        for n, a in enumerate(assessments, start=1)
    ]
    svg = ""
    if assessments:
        marks = [
            chart.Mark(
                str(r["number"]), r["assessment"].power, r["assessment"].interest, r["assessment"].stance, ""
            )
            for r in trail
        ]
        svg = chart.grid_svg(
            marks,
            chart_id="stakeholder-trail",
            title=f"Where {stakeholder.name} has stood",
            description=(
                f"{len(trail)} assessments, numbered in date order and joined by a dashed line; "
                "the figures are in the trail table."
            ),
            path=True,
        )
    engagements = visible(user, partnership, Engagement).filter(stakeholders=stakeholder)
    actions = policy.permitted(user=user, partnership=partnership, action="view", model=Action).filter(
        source_model="stakeholders.stakeholder", source_pk=str(stakeholder.pk)
    )
    return {
        "trail": trail,
        "svg": svg,
        "engagements": list(engagements.select_related("next_step")[:50]),
        "actions": list(actions.select_related("body").order_by("-id")),
        "legend": [(STANCE_LABELS[s], shape) for s, shape in chart.legend()],
    }


def gaps_for(*, user: Any, partnership: Partnership, day: datetime.date) -> dict[str, Any]:
    names = {s.pk: s for s in visible(user, partnership, Stakeholder)}
    found = pure.gaps(points(user=user, partnership=partnership), day)
    url = detail_urls(partnership)
    rows = [
        _row(n, names[g.stakeholder], g.point, url)
        for n, g in enumerate(found, start=1)
        if g.stakeholder in names
    ]
    return {"rows": rows, "day": day}


def engagements_for(
    *, user: Any, partnership: Partnership, stakeholder: Stakeholder | None = None
) -> QuerySet[Engagement]:
    engagements = visible(user, partnership, Engagement).select_related("next_step")
    if stakeholder is not None:
        engagements = engagements.filter(stakeholders=stakeholder)
    return engagements.prefetch_related("stakeholders")


def recent_resistance(
    *, user: Any, partnership: Partnership, today: datetime.date, days: int = 90
) -> list[tuple[Stakeholder, pure.Point, pure.Point]]:
    """Moves towards resistant assessed in the last ``days`` days (up to today), newest first."""
    since = today - datetime.timedelta(days=days)
    moves = [
        (before, after)
        for before, after in pure.moves_towards_resistant(points(user=user, partnership=partnership))
        if since <= after.assessed_on <= today
    ]
    stakeholders = visible(user, partnership, Stakeholder).in_bulk([after.stakeholder for _, after in moves])
    return [
        (stakeholders[after.stakeholder], before, after)
        for before, after in reversed(moves)
        if after.stakeholder in stakeholders
    ]


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``stakeholders/_home_stakeholders.html``)."""
    from django.utils import timezone

    today = timezone.localdate()
    all_points = points(user=user, partnership=partnership)
    return {
        "stakeholder_count": visible(user, partnership, Stakeholder).count(),
        "stakeholder_gap_count": len(pure.gaps(all_points, today)),
        "engagement_count": visible(user, partnership, Engagement).count(),
        "stakeholder_resisting": len(recent_resistance(user=user, partnership=partnership, today=today)),
    }
