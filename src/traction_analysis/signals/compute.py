"""The entry points: every signal for one body, or for every body of a partnership, from plain records."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from traction_analysis.signals.actions import decisions_without_action, follow_through, orphan_actions
from traction_analysis.signals.agenda import agenda_pressure, outcome_share, paper_load
from traction_analysis.signals.index import RecordIndex, build_index
from traction_analysis.signals.parcel import pass_the_parcel
from traction_analysis.signals.records import (
    ActionRecord,
    ItemRecord,
    MeetingRecord,
    PaperRecord,
    Period,
    RecordId,
    SignalParams,
)
from traction_analysis.signals.results import BodySignals, id_order
from traction_analysis.signals.scope import Scope
from traction_analysis.signals.topics import deferral_loops, recurring_topics

DEFAULT_PARAMS = SignalParams()


def compute_signals(
    *,
    meetings: Iterable[MeetingRecord],
    items: Iterable[ItemRecord],
    papers: Iterable[PaperRecord],
    actions: Iterable[ActionRecord],
    body: RecordId,
    period: Period,
    as_of: date,
    params: SignalParams = DEFAULT_PARAMS,
) -> BodySignals:
    """Every signal for ``body`` over ``period``, as the record stood on ``as_of``.

    Pass the whole partnership's records, not only the body's: pass the parcel looks for a decision
    on a topic at any body.
    """
    index = build_index(meetings=meetings, items=items, papers=papers, actions=actions, as_of=as_of)
    return body_signals(index, body=body, period=period, params=params)


def compute_all(
    *,
    meetings: Iterable[MeetingRecord],
    items: Iterable[ItemRecord],
    papers: Iterable[PaperRecord],
    actions: Iterable[ActionRecord],
    period: Period,
    as_of: date,
    params: SignalParams = DEFAULT_PARAMS,
) -> dict[RecordId, BodySignals]:
    """Every signal for every body that has a held meeting or an action, in ascending body id."""
    index = build_index(meetings=meetings, items=items, papers=papers, actions=actions, as_of=as_of)
    return {
        body: body_signals(index, body=body, period=period, params=params)
        for body in sorted(index.bodies, key=id_order)
    }


def body_signals(index: RecordIndex, *, body: RecordId, period: Period, params: SignalParams) -> BodySignals:
    scope = Scope.of(index, body=body, period=period, params=params)
    pages_per_meeting, pages_per_decision = paper_load(scope)
    follow, overdue = follow_through(scope)
    parcel_figure, parcels = pass_the_parcel(scope)
    return BodySignals(
        body=body,
        period=period,
        as_of=index.as_of,
        params=params,
        decision_yield=outcome_share(scope, "decided"),
        noting_share=outcome_share(scope, "noted"),
        unclear_share=outcome_share(scope, "unclear"),
        deferral_loops=deferral_loops(scope),
        recurring_topics=recurring_topics(scope),
        pass_the_parcel=parcel_figure,
        pages_per_meeting=pages_per_meeting,
        pages_per_decision=pages_per_decision,
        agenda_pressure=agenda_pressure(scope),
        follow_through=follow,
        days_overdue=overdue,
        orphan_actions=orphan_actions(scope),
        decisions_without_action=decisions_without_action(scope),
        parcels=parcels,
    )
