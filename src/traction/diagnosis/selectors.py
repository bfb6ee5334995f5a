"""The signals of docs/signals.md for a body or a whole partnership, computed in the database, and what
the diagnosis pages show of them (a body's profile, the overview, the records behind a figure).

Same definitions and the same result types as ``traction_analysis.signals``; a test proves the two
give identical figures on the same record. Reads go through the permission policy: a user who is
not a member of the partnership, or asks about another partnership's body, gets a 404.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.urls import reverse

from traction.core import policy
from traction.core.models import Partnership
from traction.diagnosis.actions import ActionRows, action_rows, follow_through, orphan_actions
from traction.diagnosis.agenda import (
    AgendaRows,
    agenda_pressure,
    agenda_rows,
    decisions_without_action,
    outcome_share,
    paper_load,
    topics_sufficient,
)
from traction.diagnosis.figures import SIGNALS, Cell, number
from traction.diagnosis.parcel import ParcelRows
from traction.diagnosis.periods import PeriodChoice, period_label, period_query
from traction.diagnosis.scope import DbScope
from traction.diagnosis.topics import (
    Appearance,
    deferral_loops,
    recurring_topics,
    topic_titles_for,
    topic_trails,
)
from traction.governance.models import Action, AgendaItem, Body, Meeting, Paper
from traction_analysis.diagnosis import charts
from traction_analysis.diagnosis.experiments import BY_KEY, Experiment
from traction_analysis.diagnosis.findings import Finding, findings_for
from traction_analysis.signals import SIGNAL_NAMES, BodySignals, Evidence, Figure, Period, SignalParams

DEFAULT_PARAMS = SignalParams()


def signals_for_body(
    *,
    user: Any,
    partnership: Partnership,
    body: Body | int,
    period: Period,
    as_of: datetime.date,
    params: SignalParams = DEFAULT_PARAMS,
) -> BodySignals:
    """Every signal for one body over ``period`` as the record stood on ``as_of``."""
    _require_member(user=user, partnership=partnership)
    body_id = body.pk if isinstance(body, Body) else body
    found = policy.get_permitted(user=user, partnership=partnership, action="view", model=Body, pk=body_id)
    scope = DbScope.of(
        user=user, partnership=partnership, bodies=(found.pk,), period=period, as_of=as_of, params=params
    )
    return _compute(scope)[found.pk]


def signals_for_partnership(
    *,
    user: Any,
    partnership: Partnership,
    period: Period,
    as_of: datetime.date,
    params: SignalParams = DEFAULT_PARAMS,
) -> dict[int, BodySignals]:
    """Every signal for every body with a held meeting or an action by ``as_of``, in ascending body id
    (the bodies ``traction_analysis.signals.compute_all`` reports)."""
    _require_member(user=user, partnership=partnership)
    scope = DbScope.of(
        user=user, partnership=partnership, bodies=None, period=period, as_of=as_of, params=params
    )
    return _compute(scope)


def _require_member(*, user: Any, partnership: Partnership) -> None:
    if policy.role_of(user=user, partnership=partnership) is None:
        raise Http404(policy.NOT_FOUND)


def _active_bodies(scope: DbScope) -> list[int]:
    """Bodies with a counted meeting or an action in the log by the as-of date."""
    meetings = scope.meetings.filter(scope.counted(), body=OuterRef("pk"))
    actions = scope.logged_actions().filter(body=OuterRef("pk"))
    bodies = Body.objects.filter(partnership=scope.partnership).filter(Exists(meetings) | Exists(actions))
    return list(bodies.order_by("pk").values_list("pk", flat=True))


def _compute(scope: DbScope) -> dict[int, BodySignals]:
    bodies = list(scope.bodies) if scope.bodies is not None else _active_bodies(scope)
    agenda, actions = agenda_rows(scope), action_rows(scope)
    trails, parcels = topic_trails(scope), ParcelRows(scope)
    return {
        body: _body_signals(
            scope,
            body,
            agenda.get(body, AgendaRows()),
            actions.get(body, ActionRows()),
            trails.get(body, {}),
            parcels,
        )
        for body in bodies
    }


def _body_signals(
    scope: DbScope,
    body: int,
    agenda: AgendaRows,
    actions: ActionRows,
    trails: dict[str, list[Appearance]],
    parcels: ParcelRows,
) -> BodySignals:
    params = scope.params
    sufficient = topics_sufficient(agenda, params)
    pages_per_meeting, pages_per_decision = paper_load(agenda, params)
    follow, overdue = follow_through(actions, params)
    parcel_figure, parcel_list = parcels.figure(body, sufficient)
    return BodySignals(
        body=body,
        period=scope.period,
        as_of=scope.as_of,
        params=params,
        decision_yield=outcome_share(agenda, "decided", params),
        noting_share=outcome_share(agenda, "noted", params),
        unclear_share=outcome_share(agenda, "unclear", params),
        deferral_loops=deferral_loops(trails, agenda.meetings, sufficient),
        recurring_topics=recurring_topics(trails, agenda.meetings, sufficient),
        pass_the_parcel=parcel_figure,
        pages_per_meeting=pages_per_meeting,
        pages_per_decision=pages_per_decision,
        agenda_pressure=agenda_pressure(agenda, params),
        follow_through=follow,
        days_overdue=overdue,
        orphan_actions=orphan_actions(actions, params),
        decisions_without_action=decisions_without_action(agenda, params),
        parcels=parcel_list,
    )


# --- what the diagnosis pages show -------------------------------------------------------------------


def evidence_url(partnership_slug: str, body: int, name: str, period: Period) -> str:
    path = reverse("diagnosis:evidence", kwargs={"slug": partnership_slug, "pk": body})
    return f"{path}?{period_query('custom', period)}&{urlencode({'signal': name})}"


@dataclass(frozen=True)
class SignalRow:
    name: str
    label: str
    needs: str
    current: Cell
    history: tuple[Cell, ...]  # oldest first, the current period last
    own_average: str
    history_count: int
    median: str
    others: int


@dataclass(frozen=True)
class ShownFinding:
    finding: Finding
    label: str
    experiments: tuple[tuple[Experiment, str], ...]  # each with the signals it addresses, as words


@dataclass(frozen=True)
class Profile:
    body: Body
    choice: PeriodChoice
    rows: tuple[SignalRow, ...]
    findings: tuple[ShownFinding, ...]
    charts: tuple[tuple[str, str], ...]  # (svg, the id of the table holding its data)
    period_labels: tuple[str, ...]


def _mean(name: str, figures: Sequence[Figure]) -> tuple[str, int]:
    values = [float(f.value) for f in figures if f.sufficient and f.value is not None]
    return (number(name, statistics.mean(values)) if values else "Not enough data"), len(values)


def _median(name: str, figures: Sequence[Figure]) -> tuple[str, int]:
    values = [float(f.value) for f in figures if f.sufficient and f.value is not None]
    return (number(name, statistics.median(values)) if values else "Not enough data"), len(values)


def _shown_findings(signals: BodySignals, titles: dict[str, str]) -> tuple[ShownFinding, ...]:
    def words(experiment: Experiment) -> str:
        return ", ".join(SIGNALS[name].label.lower() for name in experiment.signals)

    return tuple(
        ShownFinding(
            f, SIGNALS[f.signal].label, tuple((BY_KEY[key], words(BY_KEY[key])) for key in f.experiments)
        )
        for f in findings_for(signals, topic_titles=titles)
    )


def _trend_charts(
    rows: Sequence[SignalRow], labels: Sequence[str], body: Body
) -> tuple[tuple[str, str], ...]:
    def series(unit: str) -> dict[str, Sequence[float | None]]:
        return {row.label: [c.value for c in row.history] for row in rows if SIGNALS[row.name].unit == unit}

    shares, topics = series("share"), series("topics")
    note = "Periods without enough data are gaps. The same figures are in the trend table."
    return (
        (
            charts.trend(
                chart_id="trend-shares",
                title=f"Shares over time: {body.name}",
                periods=labels,
                series=shares,
                description=f"Lines for {', '.join(shares).lower()} over {len(labels)} periods. {note}",
            ),
            "trend-table",
        ),
        (
            charts.trend(
                chart_id="trend-topics",
                title=f"Topic signals over time: {body.name}",
                periods=labels,
                series=topics,
                unit="topics",
                description=f"Lines for {', '.join(topics).lower()} over {len(labels)} periods. {note}",
            ),
            "trend-table",
        ),
    )


def body_profile(
    *,
    user: Any,
    partnership: Any,
    pk: int,
    choice: PeriodChoice,
    as_of: datetime.date,
    params: SignalParams = DEFAULT_PARAMS,
) -> Profile:
    """A body's signals for the period, each period before it, its own average and the partnership's median.

    One selector call per period plus one for the partnership, so the query count does not grow with the
    record (at most eleven queries a call, see docs/signals.md).
    """
    body = policy.get_permitted(user=user, partnership=partnership, action="view", model=Body, pk=pk)
    history = [
        signals_for_body(user=user, partnership=partnership, body=body, period=p, as_of=as_of, params=params)
        for p in choice.periods
    ]
    everyone = signals_for_partnership(
        user=user, partnership=partnership, period=choice.period, as_of=as_of, params=params
    )
    others = [s for b, s in everyone.items() if b != body.pk]
    rows = []
    for name in SIGNAL_NAMES:
        cells = tuple(
            Cell(name, getattr(s, name), evidence_url(partnership.slug, body.pk, name, s.period))
            for s in history
        )
        average, periods = _mean(name, [c.figure for c in cells[:-1]])
        median, count = _median(name, [getattr(s, name) for s in others])
        info = SIGNALS[name]
        rows.append(
            SignalRow(name, info.label, info.needs(params), cells[-1], cells, average, periods, median, count)
        )
    labels = tuple(period_label(choice.kind, p) for p in choice.periods)
    current = history[-1]
    keys = {key for name in SIGNAL_NAMES for key in getattr(current, name).counted.topics}
    titles = topic_titles_for(user=user, partnership=partnership, keys=keys)
    return Profile(
        body, choice, tuple(rows), _shown_findings(current, titles), _trend_charts(rows, labels, body), labels
    )


@dataclass(frozen=True)
class OverviewRow:
    body: Body
    cells: tuple[Cell, ...]


def overview(
    *,
    user: Any,
    partnership: Any,
    choice: PeriodChoice,
    as_of: datetime.date,
    sort: str,
    descending: bool,
    params: SignalParams = DEFAULT_PARAMS,
) -> list[OverviewRow]:
    """Every body with a held meeting or an action, its signals side by side, sorted; no data sorts last."""
    found = signals_for_partnership(
        user=user, partnership=partnership, period=choice.period, as_of=as_of, params=params
    )
    permitted = policy.permitted(user=user, partnership=partnership, action="view", model=Body)
    bodies = permitted.in_bulk(list(found))
    rows = [
        OverviewRow(
            bodies[pk],
            tuple(
                Cell(n, getattr(s, n), evidence_url(partnership.slug, pk, n, choice.period))
                for n in SIGNAL_NAMES
            ),
        )
        for pk, s in found.items()
        if pk in bodies
    ]
    rows.sort(key=lambda r: r.body.name.lower(), reverse=descending and sort == "name")
    if sort != "name":
        index = SIGNAL_NAMES.index(sort)
        shown = sorted(
            (r for r in rows if r.cells[index].shown),
            key=lambda r: r.cells[index].sort_key,
            reverse=descending,
        )
        rows = shown + [r for r in rows if not r.cells[index].shown]
    return rows


@dataclass(frozen=True)
class EvidenceRecords:
    items: list[AgendaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    topics: tuple[str, ...] = ()  # keys; a reader sees each by its title in ``titles``
    titles: dict[str, str] = field(default_factory=dict)  # topic key: title, for the items' topics

    @property
    def empty(self) -> bool:
        return not (self.items or self.actions or self.meetings or self.papers or self.topics)


def evidence_records(*, user: Any, partnership: Any, evidence: Evidence) -> EvidenceRecords:
    """The records an Evidence names, fetched through the policy (one the user may not see is left out)."""

    def fetch(model: Any, ids: tuple[Any, ...], *related: str) -> list[Any]:
        return (
            list(
                policy.permitted(user=user, partnership=partnership, action="view", model=model)
                .filter(pk__in=ids)
                .select_related(*related)
                .order_by("pk")
            )
            if ids
            else []
        )

    items = fetch(AgendaItem, evidence.items, "meeting__body")
    keys = {*evidence.topics, *(item.topic for item in items)}
    titles = topic_titles_for(user=user, partnership=partnership, keys=keys)
    return EvidenceRecords(
        items,
        fetch(Action, evidence.actions, "body", "lead", "lead_organisation"),
        fetch(Meeting, evidence.meetings, "body"),
        fetch(Paper, evidence.papers),
        evidence.topics,
        titles,
    )


def evidence_for(
    *,
    user: Any,
    partnership: Partnership,
    body: Body,
    name: str,
    period: Period,
    as_of: datetime.date,
    params: SignalParams = DEFAULT_PARAMS,
) -> tuple[Cell, EvidenceRecords, EvidenceRecords]:
    """One signal's figure for the body and the records behind it: those counted and the base."""
    signals = signals_for_body(
        user=user, partnership=partnership, body=body, period=period, as_of=as_of, params=params
    )
    figure = Cell(name, getattr(signals, name), "")
    return (
        figure,
        evidence_records(user=user, partnership=partnership, evidence=figure.figure.counted),
        evidence_records(user=user, partnership=partnership, evidence=figure.figure.base),
    )
