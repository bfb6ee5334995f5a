"""The demo's seventeen commissioning strategies, spread over the four phases and two iterations, each taken
through its gates by a named body at its past meetings (through ``gate_decide``, as the demo secretary), with
conditions as actions (some done, some open, one overdue) and delivery confidence changing over time.

Everything here is fiction in the demo partnership's invented record.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from traction.core.models import Partnership
from traction.direction.models import Indicator, SharedOutcome
from traction.governance.models import ActionStatus, AgendaItem, Body, Meeting, Person
from traction.governance.services import action_set_status
from traction_analysis.commissioning.appraisal import STANDARD_FACTORS

from ..models import (
    PHASE_ORDER,
    AppraisalStatus,
    Assessment,
    Confidence,
    Decision,
    Gate,
    Option,
    OptionsAppraisal,
    OptionScore,
    Phase,
    ReviewDecision,
    Strategy,
    SuccessFactor,
)
from ..services import gates, reviews, strategies

SECRETARY = "secretary"
BOARD = "Riverside Health and Wellbeing Board"
EXECUTIVE = "Integrated Care Partnership Executive"
AGEING = "Ageing Well Working Group"
MENTAL = "Mental Health Delivery Group"


@dataclass(frozen=True)
class Demo:
    title: str
    lead_body: str
    partners: tuple[str, ...]
    budget: int
    officer: str
    phase: str
    iteration: int = 1
    outcome: str = ""  # a shared outcome's title in the direction demo
    last: str = Decision.PROCEED  # the latest gate's decision when it did not move the strategy


STRATEGIES = (
    Demo(
        "Adult social care: care at home",
        EXECUTIVE,
        (BOARD,),
        18_400_000,
        "Helen Forsyth",
        Phase.DO,
        2,
        "People leave hospital as soon as they are ready",
    ),
    Demo("Carers' support", AGEING, (EXECUTIVE,), 1_250_000, "Joanne Price", Phase.REVIEW),
    Demo(
        "Mental health crisis care",
        MENTAL,
        (EXECUTIVE,),
        6_900_000,
        "Rachel Kowalski",
        Phase.PLAN,
        2,
        "Fewer people go into hospital in a crisis",
    ),
    Demo(
        "Falls prevention",
        AGEING,
        (BOARD,),
        850_000,
        "Gemma Lloyd",
        Phase.REVIEW,
        1,
        "Fewer people go into hospital in a crisis",
    ),
    Demo(
        "Hospital discharge and reablement",
        EXECUTIVE,
        (AGEING,),
        9_700_000,
        "Patrick Nolan",
        Phase.ANALYSE,
        2,
        "People leave hospital as soon as they are ready",
    ),
    Demo("Learning disability supported living", EXECUTIVE, (), 12_300_000, "Helen Forsyth", Phase.REVIEW),
    Demo(
        "Children's early help",
        BOARD,
        (),
        3_100_000,
        "Ruth Castellano",
        Phase.PLAN,
        1,
        "Children have the best start in life",
    ),
    Demo(
        "School nursing and health visiting",
        BOARD,
        (),
        4_600_000,
        "Dr Sarah Okafor",
        Phase.DO,
        1,
        "Children have the best start in life",
    ),
    Demo("Substance misuse treatment", MENTAL, (BOARD,), 5_200_000, "Dr Emma Sutcliffe", Phase.ANALYSE),
    Demo(
        "Stop smoking services",
        BOARD,
        (),
        720_000,
        "Dr Sarah Okafor",
        Phase.REVIEW,
        1,
        "More people live healthy lives for longer",
    ),
    Demo(
        "Healthy weight and physical activity",
        BOARD,
        (),
        640_000,
        "Dr Emma Sutcliffe",
        Phase.PLAN,
        1,
        "More people live healthy lives for longer",
        last=Decision.HOLD,
    ),
    Demo("Domestic abuse support", EXECUTIVE, (MENTAL,), 1_800_000, "Karen Blake", Phase.ANALYSE),
    Demo("Housing-related support", MENTAL, (EXECUTIVE,), 2_400_000, "Steve Tranter", Phase.PLAN, 2),
    Demo("Community equipment", AGEING, (EXECUTIVE,), 2_950_000, "Fiona Grant", Phase.ANALYSE, 2),
    Demo("Dementia support", AGEING, (MENTAL,), 1_100_000, "Joanne Price", Phase.DO),
    Demo(
        "Sexual health services", BOARD, (), 2_050_000, "Dr Sarah Okafor", Phase.REVIEW, 1, last=Decision.STOP
    ),
    Demo("Voluntary sector infrastructure", EXECUTIVE, (BOARD,), 460_000, "Priya Shah", Phase.ANALYSE),
)
TITLES = tuple(d.title for d in STRATEGIES)

# Delivery confidence at successive gates: most strategies improve as they go, a few slip.
CONFIDENCE = (
    Confidence.AMBER,
    Confidence.AMBER_GREEN,
    Confidence.AMBER_RED,
    Confidence.GREEN,
    Confidence.AMBER_GREEN,
    Confidence.AMBER,
)
CONDITIONS = (
    "Bring the updated needs assessment to the next meeting",
    "Confirm the pooled budget contributions with each partner",
    "Report the provider market's capacity for the winter",
    "Agree the KPIs and their baselines with the provider",
)


def _gates_passed(demo: Demo) -> int:
    return (demo.iteration - 1) * len(PHASE_ORDER) + PHASE_ORDER.index(Phase(demo.phase))


class _Builder:
    def __init__(self, partnership: Partnership, today: datetime.date) -> None:
        self.partnership = partnership
        self.today = today
        self.actor = get_user_model().objects.get(username=SECRETARY)
        self.bodies = {b.name: b for b in Body.objects.filter(partnership=partnership)}
        self.people = {p.name: p for p in Person.objects.filter(partnership=partnership)}
        self.counts: Counter[str] = Counter()

    def past_meetings(self, body: Body) -> list[Meeting]:
        return list(
            Meeting.objects.filter(
                partnership=self.partnership, body=body, start__date__lt=self.today
            ).order_by("start")
        )

    def strategy(self, n: int, demo: Demo) -> None:
        body = self.bodies[demo.lead_body]
        decided = _gates_passed(demo) + (1 if demo.last != Decision.PROCEED else 0)
        meetings = self.past_meetings(body)
        # the strategy began before its first gate; gates come at meetings spread over its life
        chosen = meetings[-decided - (n % 2) : len(meetings) - (n % 2)] if decided else []
        start = (chosen[0].date if chosen else self.today) - datetime.timedelta(days=60 + 7 * n)
        strategy = strategies.strategy_create(
            actor=self.actor,
            partnership=self.partnership,
            since=start,
            data={
                "title": demo.title,
                "scope": f"Commissioning for Riverside's residents: {demo.title[0].lower()}{demo.title[1:]}.",
                "lead_body": body,
                "lead_officer": self.people.get(demo.officer),
                "budget": Decimal(demo.budget),
                "partner_bodies": [self.bodies[name] for name in demo.partners],
                "outcomes": list(
                    SharedOutcome.objects.filter(partnership=self.partnership, title=demo.outcome)
                ),
                "indicators": list(
                    Indicator.objects.filter(
                        partnership=self.partnership, outcomes__title=demo.outcome
                    ).distinct()
                ),
            },
        )
        self.counts["strategies"] += 1
        for k, meeting in enumerate(chosen):
            last = k == len(chosen) - 1
            decision = demo.last if last and demo.last != Decision.PROCEED else None
            self.gate(strategy, meeting, k, decision, recent=k >= len(chosen) - 2)
        strategy.refresh_from_db()
        if n % 3 == 0 and strategy.stopped_on is None:
            gates.gate_schedule(
                actor=self.actor, strategy=strategy, scheduled_for=self.today + datetime.timedelta(days=30)
            )
            self.counts["gates scheduled"] += 1

    def gate(
        self, strategy: Strategy, meeting: Meeting, k: int, decision: str | None, *, recent: bool
    ) -> None:
        strategy.refresh_from_db()
        gate = gates.gate_schedule(actor=self.actor, strategy=strategy, scheduled_for=meeting.date)
        criteria = list(gate.criteria.all())
        short = k == 1 and len(criteria) > 1  # one gate passed with a criterion not met, for its reasons
        gates.gate_assess(
            actor=self.actor,
            gate=gate,
            assessments={
                c.pk: {
                    "assessment": Assessment.NOT_MET if short and i == 0 else Assessment.MET,
                    "evidence": "Presented to the meeting." if not (short and i == 0) else "Not ready yet.",
                }
                for i, c in enumerate(criteria)
            },
        )
        if (
            gate.from_phase == Phase.PLAN
            and not OptionsAppraisal.objects.filter(strategy=strategy, iteration=gate.iteration).exists()
        ):
            short_appraisal(strategy, gate.iteration, self.actor)
            self.counts["options appraisals"] += 1
        decision = decision or (Decision.CONDITIONS if k % 2 else Decision.PROCEED)
        if gate.from_phase == Phase.REVIEW and decision in (Decision.PROCEED, Decision.CONDITIONS):
            self.review(strategy, meeting, k)
        gates.gate_decide(
            actor=self.actor, gate=gate, decided=self.decided(strategy, gate, meeting, k, decision)
        )
        # The record's topic follows the strategy from gate to gate, as a secretary would file it.
        decided = Gate.objects.values_list("decided_item_id", flat=True).get(pk=gate.pk)
        AgendaItem.objects.filter(pk=decided).update(topic=slugify(strategy.title)[:120])
        self.counts["gates decided"] += 1
        self.close_conditions(gate, recent=recent)

    def review(self, strategy: Strategy, meeting: Meeting, k: int) -> None:
        """The outcome review of the iteration ending, decided at the meeting that then passes its gate."""
        review = reviews.review_create(
            actor=self.actor,
            strategy=strategy,
            data={
                "story": f"The figures for {strategy.title.lower()} moved slowly; partners agreed why.",
                "partners": "The lead body and its partner bodies.",
            },
        )
        decision = ReviewDecision.REDESIGN if k % 2 else ReviewDecision.CONTINUE
        decided = reviews.review_decide(
            actor=self.actor,
            review=review,
            meeting=meeting,
            decision=decision,
            reasons="What the review found is carried into the next Analyse.",
        )
        assert decided.decided_item_id is not None, "a decided review names its decided item"
        AgendaItem.objects.filter(pk=decided.decided_item_id).update(topic=slugify(strategy.title)[:120])
        self.counts["outcome reviews"] += 1

    def decided(
        self, strategy: Strategy, gate: Gate, meeting: Meeting, k: int, decision: str
    ) -> gates.GateDecision:
        owner = strategy.lead_officer or next(iter(self.people.values()))
        conditions = (
            [
                gates.Condition(
                    text=f"{CONDITIONS[(k + j) % len(CONDITIONS)]} ({strategy.title})",
                    owner=owner,
                    due_date=meeting.date + datetime.timedelta(days=45 + 30 * j),
                )
                for j in range(2)
            ]
            if decision == Decision.CONDITIONS
            else []
        )
        words: dict[str, str] = {
            Decision.HOLD: "holds the strategy in its current phase",
            Decision.STOP: "stops the strategy",
        }
        outcome = words.get(decision, f"agrees that the strategy moves to {gate.get_to_phase_display()}")
        return gates.GateDecision(
            decision=decision,
            confidence=CONFIDENCE[(k + len(strategy.title)) % len(CONFIDENCE)],
            body=meeting.body,
            meeting=meeting,
            resolution=f"RESOLVED that the {meeting.body.name} {outcome}.",
            conditions=conditions,
            reasons="The missing criterion is covered by the first condition." if k == 1 else "",
        )

    def close_conditions(self, gate: Gate, *, recent: bool) -> None:
        """Older gates' conditions are done; recent ones stay open, and of those already past their due date
        one is left overdue on purpose (the others were done)."""
        for action in gate.conditions.all():
            self.counts["conditions"] += 1
            assert action.due_date is not None  # conditions always have one
            overdue = action.due_date < self.today
            if recent and (not overdue or not self.counts["conditions overdue"]):
                self.counts["conditions overdue" if overdue else "conditions open"] += 1
                continue
            action_set_status(
                actor=self.actor,
                action=action,
                status=ActionStatus.DONE,
                # never after the real today either: the record refuses completion dates in the future
                completed_on=min(
                    action.due_date - datetime.timedelta(days=3), self.today, timezone.localdate()
                ),
            )
            self.counts["conditions done"] += 1


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    builder = _Builder(partnership, today)
    for n, demo in enumerate(STRATEGIES):
        builder.strategy(n, demo)
    return builder.counts


# A short appraisal for a strategy passing its Plan gate: the standard factors, a short list of four and one
# assessor's scores (the appraisals demo replaces two of these with fuller ones).
SHORT_LIST = (
    ("Carry on as now", "delivery", "in_house", "bau", "The baseline every option is compared with.", 10),
    (
        "Extend the current contract for two years",
        "delivery",
        "outsource",
        "minimum",
        "The least change that keeps the service safe while a longer-term plan is made.",
        8,
    ),
    (
        "Commission jointly with the NHS on outcomes",
        "delivery",
        "partnership",
        "preferred",
        "Pooling the budget lets both partners pay for results rather than activity.",
        11,
    ),
    (
        "Bring the service in-house",
        "delivery",
        "insource",
        "other",
        "Gives the council direct control, at the cost of building a team it does not have.",
        12,
    ),
)
SHORT_SCORES = ((2, 2, 3, 4, 4), (3, 3, 3, 3, 4), (4, 4, 3, 3, 3), (3, 2, 2, 2, 2))


def short_appraisal(strategy: Strategy, iteration: int, actor: Any) -> OptionsAppraisal:
    partnership = strategy.partnership
    appraisal = OptionsAppraisal.objects.create(
        partnership=partnership,
        strategy=strategy,
        iteration=iteration,
        title=f"Options for {strategy.title}",
        status=AppraisalStatus.COMPLETE,
        preferred_reasons="Joint commissioning scored best on strategic fit and value for money, and keeps "
        "the market stable while the pooled budget is set up.",
        created_by=actor,
    )
    factors = [
        SuccessFactor.objects.create(
            partnership=partnership, appraisal=appraisal, name=name, standard=True, weight=20, order=n
        )
        for n, name in enumerate(STANDARD_FACTORS, start=1)
    ]
    for n, ((title, dimension, channel, role, reason, cost), scores) in enumerate(
        zip(SHORT_LIST, SHORT_SCORES, strict=True), start=1
    ):
        option = Option.objects.create(
            partnership=partnership,
            appraisal=appraisal,
            title=title,
            dimension=dimension,
            channel=channel,
            kept=True,
            reason=reason,
            short_list=role,
            whole_life_cost=cost * 1_000_000,
            order=n,
        )
        OptionScore.objects.bulk_create(
            OptionScore(partnership=partnership, option=option, factor=f, assessor=actor, score=s)
            for f, s in zip(factors, scores, strict=True)
        )
    return appraisal
