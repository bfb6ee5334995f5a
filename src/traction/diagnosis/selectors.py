"""The signals of docs/signals.md for a body or a whole partnership, computed in the database.

Same definitions and the same result types as ``traction_analysis.signals``; a test proves the two
give identical figures on the same record. Reads go through the permission policy: a user who is
not a member of the partnership, or asks about another partnership's body, gets a 404.
"""
from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import Http404

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
from traction.diagnosis.parcel import ParcelRows
from traction.diagnosis.scope import DbScope
from traction.diagnosis.topics import Appearance, deferral_loops, recurring_topics, topic_trails
from traction.governance.models import Body
from traction_analysis.signals import BodySignals, Period, SignalParams

DEFAULT_PARAMS = SignalParams()


def signals_for_body(*, user: Any, partnership: Partnership, body: Body | int, period: Period,
                     as_of: datetime.date, params: SignalParams = DEFAULT_PARAMS) -> BodySignals:
    """Every signal for one body over ``period`` as the record stood on ``as_of``."""
    _require_member(user=user, partnership=partnership)
    body_id = body.pk if isinstance(body, Body) else body
    found = policy.get_permitted(user=user, partnership=partnership, action="view", model=Body, pk=body_id)
    scope = DbScope.of(user=user, partnership=partnership, bodies=(found.pk,), period=period, as_of=as_of,
                       params=params)
    return _compute(scope)[found.pk]


def signals_for_partnership(*, user: Any, partnership: Partnership, period: Period, as_of: datetime.date,
                            params: SignalParams = DEFAULT_PARAMS) -> dict[int, BodySignals]:
    """Every signal for every body with a held meeting or an action by ``as_of``, in ascending body id
    (the bodies ``traction_analysis.signals.compute_all`` reports)."""
    _require_member(user=user, partnership=partnership)
    scope = DbScope.of(user=user, partnership=partnership, bodies=None, period=period, as_of=as_of, params=params)
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
    return {body: _body_signals(scope, body, agenda.get(body, AgendaRows()), actions.get(body, ActionRows()),
                                trails.get(body, {}), parcels)
            for body in bodies}


def _body_signals(scope: DbScope, body: int, agenda: AgendaRows, actions: ActionRows,
                  trails: dict[str, list[Appearance]], parcels: ParcelRows) -> BodySignals:
    params = scope.params
    sufficient = topics_sufficient(agenda, params)
    pages_per_meeting, pages_per_decision = paper_load(agenda, params)
    follow, overdue = follow_through(actions, params)
    parcel_figure, parcel_list = parcels.figure(body, sufficient)
    return BodySignals(
        body=body, period=scope.period, as_of=scope.as_of, params=params,
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
