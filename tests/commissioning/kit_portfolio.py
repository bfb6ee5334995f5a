"""Portfolio records for tests: strategies with gates (pending, decided, with conditions), outcome reviews
and self-assessments.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or the
services. ``world_*`` makers return the same record for a world every time; ``fresh_*`` make a new one for
URLs that change its state.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from factories import World, make_action, make_item, make_meeting
from traction.commissioning.models import Gate, GateStatus, OutcomeReview, Phase, SelfAssessment, Strategy
from traction_analysis.commissioning.portfolio import STANDARD_KEYS

LONDON = ZoneInfo("Europe/London")
REVIEW_STRATEGY = "Falls prevention"


def make_strategy(partnership: Any, *, lead_body: Any = None, **kw: Any) -> Strategy:
    if lead_body is None:
        from factories import make_body

        lead_body = make_body(partnership)
    kw.setdefault("title", "A strategy")
    return Strategy.objects.create(partnership=partnership, lead_body=lead_body, **kw)


def make_gate(strategy: Strategy, **kw: Any) -> Gate:
    kw.setdefault("iteration", strategy.iteration)
    kw.setdefault("from_phase", strategy.phase)
    kw.setdefault("to_phase", Phase.PLAN)
    return Gate.objects.create(partnership=strategy.partnership, strategy=strategy, **kw)


def decide_gate(strategy: Strategy, on: datetime.date, *, confidence: int | None = 4, **kw: Any) -> Gate:
    """A gate decided at a meeting of the strategy's lead body on ``on``."""
    start = datetime.datetime.combine(on, datetime.time(10), tzinfo=LONDON)
    meeting = make_meeting(strategy.partnership, body=strategy.lead_body, start=start)
    item = make_item(strategy.partnership, meeting=meeting, outcome="decided", resolution="Proceed.")
    return make_gate(
        strategy,
        status=GateStatus.DECIDED,
        decision="proceed",
        confidence=confidence,
        body=strategy.lead_body,
        meeting=meeting,
        decided_item=item,
        **kw,
    )


def add_condition(gate: Gate, *, status: str = "open") -> Any:
    action = make_action(gate.partnership, body=gate.strategy.lead_body, status=status)
    gate.conditions.add(action)
    return action


def world_strategy(w: World) -> Strategy:
    """The world's strategy in its Review phase (led by the world's board)."""
    found = Strategy.objects.filter(partnership=w.partnership, title=REVIEW_STRATEGY).first()
    return found or make_strategy(w.partnership, lead_body=w.body, title=REVIEW_STRATEGY, phase=Phase.REVIEW)


def fresh_review_strategy(w: World) -> Strategy:
    """A strategy in its Review phase without a review yet."""
    return make_strategy(w.partnership, lead_body=w.body, title="Carers' support", phase=Phase.REVIEW)


def world_review(w: World) -> OutcomeReview:
    strategy = world_strategy(w)
    found = OutcomeReview.objects.filter(strategy=strategy).first()
    return found or OutcomeReview.objects.create(
        partnership=w.partnership, strategy=strategy, iteration=strategy.iteration, story="Admissions fell."
    )


def fresh_undecided_review(w: World) -> OutcomeReview:
    strategy = fresh_review_strategy(w)
    return OutcomeReview.objects.create(partnership=w.partnership, strategy=strategy, iteration=1)


SCORES = dict.fromkeys(STANDARD_KEYS, 3)


def world_assessment(w: World) -> SelfAssessment:
    found = SelfAssessment.objects.filter(partnership=w.partnership, year=2025).first()
    return found or SelfAssessment.objects.create(partnership=w.partnership, year=2025, scores=SCORES)


def assessment_post(year: int | None = None, score: int = 3) -> dict[str, Any]:
    data: dict[str, Any] = {f"score_{key}": str(score) for key in STANDARD_KEYS}
    data.update({f"note_{key}": "" for key in STANDARD_KEYS})
    if year is not None:
        data["year"] = str(year)
    return data
