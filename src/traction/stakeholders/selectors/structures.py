"""Reads of localities, successions and bodies over time, through the permission policy: lists, a body's
history, the structure chart at a date and the before/after of a succession."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.extensions import BodySection
from traction.governance.models import Body, Organisation
from traction_analysis.stakeholders import structures as pure

from ..models.structures import BodyHistory, Locality, ReportingLine, Succession


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``stakeholders/_home_structures.html``)."""
    if not policy.allowed(user=user, partnership=partnership, action="view", object_type="succession"):
        return {}
    return {
        "structures": {
            "localities": locality_list_for(user=user, partnership=partnership).count(),
            "successions": succession_list_for(user=user, partnership=partnership)[:3],
        }
    }


def locality_list_for(*, user: Any, partnership: Partnership) -> QuerySet[Locality]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=Locality)


def succession_list_for(*, user: Any, partnership: Partnership) -> QuerySet[Succession]:
    return policy.permitted(
        user=user, partnership=partnership, action="view", model=Succession
    ).prefetch_related("predecessors", "successors")


def event_of(succession: Succession) -> pure.SuccessionEvent:
    return pure.SuccessionEvent(
        id=succession.pk,
        kind=succession.kind,
        effective=succession.effective_on,
        predecessors=frozenset(o.pk for o in succession.predecessors.all()),
        successors=frozenset(o.pk for o in succession.successors.all()),
    )


@dataclass
class BodyRow:
    body: Body
    history: BodyHistory | None


def body_rows_for(*, user: Any, partnership: Partnership) -> list[BodyRow]:
    """Every body the user may see, with its history where it has one."""
    bodies = policy.permitted(user=user, partnership=partnership, action="view", model=Body)
    histories = {
        h.body_id: h
        for h in policy.permitted(user=user, partnership=partnership, action="view", model=BodyHistory)
        .select_related("replaced_by")
        .prefetch_related("localities")
    }
    return [BodyRow(b, histories.get(b.pk)) for b in bodies.select_related("parent")]


def lives(*, user: Any, partnership: Partnership) -> list[pure.BodyLife]:
    return [
        pure.BodyLife(
            id=row.body.pk,
            name=row.body.name,
            parent_id=row.body.parent_id,
            established=row.history.established_on if row.history else None,
            abolished=row.history.abolished_on if row.history else None,
            replaced_by=row.history.replaced_by_id if row.history else None,
            localities=tuple(loc.name for loc in row.history.localities.all()) if row.history else (),
        )
        for row in body_rows_for(user=user, partnership=partnership)
    ]


@dataclass
class ChartView:
    chart: pure.Chart
    svg: str
    title: str


def chart_view(chart: pure.Chart, *, id_prefix: str = "chart") -> ChartView:
    title = f"Structure chart on {pure.long_date(chart.on)}"
    return ChartView(chart, pure.svg(chart, title=title, id_prefix=id_prefix), title)


def reporting_line_list_for(*, user: Any, partnership: Partnership) -> QuerySet[ReportingLine]:
    return policy.permitted(
        user=user, partnership=partnership, action="view", model=ReportingLine
    ).select_related("body", "reports_to")


def lines(*, user: Any, partnership: Partnership) -> list[pure.Line]:
    """The dated reporting lines the user may see, between bodies they may see."""
    rows = policy.permitted(user=user, partnership=partnership, action="view", model=ReportingLine)
    return [
        pure.Line(body=b, reports_to=t, start=s, end=e, id=i)
        for i, b, t, s, e in rows.values_list("pk", "body", "reports_to", "starts_on", "ends_on")
    ]


def chart_for(*, user: Any, partnership: Partnership, on: datetime.date) -> ChartView:
    bodies, dated = lives(user=user, partnership=partnership), lines(user=user, partnership=partnership)
    return chart_view(pure.chart_at(bodies, on, dated))


@dataclass
class BeforeAfter:
    before: ChartView
    after: ChartView
    difference: pure.Difference


def before_after_for(*, user: Any, partnership: Partnership, succession: Succession) -> BeforeAfter:
    bodies, dated = lives(user=user, partnership=partnership), lines(user=user, partnership=partnership)
    events = [
        event_of(s)
        for s in Succession.objects.filter(partnership=partnership).prefetch_related(
            "predecessors", "successors"
        )
    ]
    organisations = dict(
        policy.permitted(user=user, partnership=partnership, action="view", model=Organisation).values_list(
            "pk", "name"
        )
    )
    event = next(e for e in events if e.id == succession.pk)
    difference = pure.difference(event=event, organisations=organisations, events=events, bodies=bodies)
    return BeforeAfter(
        before=chart_view(pure.chart_at(bodies, difference.before, dated), id_prefix="before"),
        after=chart_view(pure.chart_at(bodies, difference.on, dated), id_prefix="after"),
        difference=difference,
    )


# --- a body's history, as a section of its pages --------------------------------------------------------


@dataclass
class BodyStory:
    body: Body
    history: BodyHistory | None
    replaces: list[BodyHistory]  # the histories of the bodies this one replaced
    lines: list[ReportingLine]  # its dated reporting lines, earliest first
    lines_in: list[ReportingLine]  # dated lines of other bodies reporting to it


def body_story_for(*, user: Any, partnership: Partnership, body: Body) -> BodyStory | None:
    """When the body was established, abolished or replaced, what it replaced, the localities it serves and
    its reporting lines over time; None when the user may see none of it."""
    if not policy.allowed(user=user, partnership=partnership, action="view", object_type="bodyhistory"):
        return None
    histories = policy.permitted(user=user, partnership=partnership, action="view", model=BodyHistory)
    dated = reporting_line_list_for(user=user, partnership=partnership)
    return BodyStory(
        body=body,
        history=histories.filter(body=body)
        .select_related("replaced_by")
        .prefetch_related("localities")
        .first(),
        replaces=list(histories.filter(replaced_by=body).select_related("body")),
        lines=list(dated.filter(body=body)),
        lines_in=list(dated.filter(reports_to=body)),
    )


def body_section(*, user: Any, partnership: Partnership, body: Body) -> BodySection | None:
    """The history section of the body page and the body's diagnosis profile (``governance.extensions``)."""
    story = body_story_for(user=user, partnership=partnership, body=body)
    return BodySection("stakeholders/_body_history.html", {"story": story}) if story else None
