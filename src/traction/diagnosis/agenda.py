"""Decision yield, noting and unclear shares, agenda pressure, paper load and decisions without action:
counted in the database, one grouped query each for meetings, papers and items (one row per body)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum

from traction.diagnosis.expressions import IdList, has_topic, ints
from traction.diagnosis.scope import DbScope
from traction.governance.models import Outcome, Paper
from traction_analysis.signals import Evidence, Figure, SignalParams
from traction_analysis.signals import Outcome as SignalOutcome
from traction_analysis.signals.scope import ratio

# The outcomes whose share of the substantive items is a signal.
SHARES: tuple[SignalOutcome, ...] = ("decided", "noted", "unclear")


@dataclass
class AgendaRows:
    """One body's meetings, papers and substantive items in the period, as id lists and totals."""

    meetings: list[int] = field(default_factory=list)
    timed: list[int] = field(default_factory=list)
    minutes: int = 0
    papered: list[int] = field(default_factory=list)
    papers: list[int] = field(default_factory=list)
    pages: int = 0
    items: list[int] = field(default_factory=list)
    with_topic: int = 0
    by_outcome: dict[str, list[int]] = field(default_factory=dict)
    timed_items: list[int] = field(default_factory=list)
    papered_decided: list[int] = field(default_factory=list)
    bare_decided: list[int] = field(default_factory=list)

    def outcome(self, outcome: str) -> list[int]:
        return self.by_outcome.get(outcome, [])


def _known_pages(meeting: str) -> Exists:
    return Exists(Paper.objects.filter(meeting=OuterRef(meeting), pages__isnull=False))


def agenda_rows(scope: DbScope) -> dict[int, AgendaRows]:
    """Three queries, each one row per body."""
    rows: dict[int, AgendaRows] = defaultdict(AgendaRows)
    meetings = (
        scope.scope_meetings()
        .values("body")
        .annotate(
            ids=IdList("id"),
            timed=IdList("id", filter=Q(duration_minutes__isnull=False)),
            minutes=Sum("duration_minutes"),
            papered=IdList("id", filter=_known_pages("pk")),
        )
    )
    for row in meetings.values_list("body", "ids", "timed", "minutes", "papered"):
        body = rows[row[0]]
        body.meetings, body.timed, body.minutes, body.papered = (
            ints(row[1]),
            ints(row[2]),
            row[3] or 0,
            ints(row[4]),
        )
    papers = (
        scope.papers.filter(
            scope.in_period("meeting__"), scope.of_bodies("meeting__body"), pages__isnull=False
        )
        .values("meeting__body")
        .annotate(ids=IdList("id"), pages=Sum("pages"))
    )
    for body_id, ids, pages in papers.values_list("meeting__body", "ids", "pages"):
        rows[body_id].papers, rows[body_id].pages = ints(ids), pages or 0
    _item_rows(scope, rows)
    return rows


def _item_rows(scope: DbScope, rows: dict[int, AgendaRows]) -> None:
    decided = Q(outcome=Outcome.DECIDED)
    actioned = Exists(scope.actions.filter(agenda_item=OuterRef("pk")))
    by_outcome = {outcome: IdList("id", filter=Q(outcome=outcome)) for outcome in SHARES}
    items = (
        scope.scope_items()
        .values("meeting__body")
        .annotate(
            ids=IdList("id"),
            with_topic=Count("id", filter=has_topic()),
            **by_outcome,
            timed_items=IdList("id", filter=Q(meeting__duration_minutes__isnull=False)),
            papered_decided=IdList("id", filter=decided & Q(_known_pages("meeting"))),
            bare_decided=IdList("id", filter=decided & ~Q(actioned)),
        )
    )
    for row in items:
        body = rows[row["meeting__body"]]
        body.items, body.with_topic = ints(row["ids"]), row["with_topic"]
        # The plugin types the row without the columns annotated from **by_outcome.
        body.by_outcome = {outcome: ints(row[outcome]) for outcome in by_outcome}  # type: ignore[misc]
        body.timed_items, body.papered_decided = ints(row["timed_items"]), ints(row["papered_decided"])
        body.bare_decided = ints(row["bare_decided"])


def outcome_share(rows: AgendaRows, outcome: SignalOutcome, params: SignalParams) -> Figure:
    counted, base = rows.outcome(outcome), rows.items
    enough = bool(base) and len(base) >= params.min_substantive_items
    if enough and outcome != "unclear":
        enough = len(rows.outcome("unclear")) / len(base) <= params.max_unclear_share
    return Figure(
        ratio(len(counted), len(base)),
        len(counted),
        len(base),
        enough,
        Evidence.of(items=counted),
        Evidence.of(meetings=rows.meetings, items=base),
    )


def agenda_pressure(rows: AgendaRows, params: SignalParams) -> Figure:
    hours = rows.minutes / 60
    return Figure(
        ratio(len(rows.timed_items), hours),
        len(rows.timed_items),
        hours,
        len(rows.timed) >= params.min_meetings,
        Evidence.of(items=rows.timed_items),
        Evidence.of(meetings=rows.timed),
    )


def paper_load(rows: AgendaRows, params: SignalParams) -> tuple[Figure, Figure]:
    enough = len(rows.papered) >= params.min_meetings
    papers = Evidence.of(meetings=rows.papered, papers=rows.papers)
    decided = rows.papered_decided
    per_meeting = Figure(
        ratio(rows.pages, len(rows.papered)),
        rows.pages,
        len(rows.papered),
        enough,
        papers,
        Evidence.of(meetings=rows.papered),
    )
    per_decision = Figure(
        ratio(rows.pages, len(decided)),
        rows.pages,
        len(decided),
        enough and bool(decided),
        papers,
        Evidence.of(items=decided),
    )
    return per_meeting, per_decision


def decisions_without_action(rows: AgendaRows, params: SignalParams) -> Figure:
    bare, decided = rows.bare_decided, rows.outcome("decided")
    return Figure(
        ratio(len(bare), len(decided)),
        len(bare),
        len(decided),
        len(decided) >= params.min_decisions,
        Evidence.of(items=bare),
        Evidence.of(items=decided),
    )


def topics_sufficient(rows: AgendaRows, params: SignalParams) -> bool:
    return (
        len(rows.meetings) >= params.min_meetings
        and bool(rows.items)
        and rows.with_topic / len(rows.items) >= params.min_topic_coverage
    )
