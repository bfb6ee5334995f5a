"""The demo's portfolio: the commissioning settings, one outcome review of "Falls prevention" decided at a
past meeting of the Health and Wellbeing Board, and a self-assessment with two actions.

Everything here is fiction. The review, its decision and the self-assessment go through the services as the
demo "secretary"; if the falls strategy is not in its Review phase, the review is of its previous iteration
and is written straight to the table (the phase moves only through a gate).
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, F, When
from django.utils.text import slugify

from traction.core.models import Partnership
from traction.direction.models import Indicator
from traction.governance.models import Body, Meeting, MeetingStatus

from ..models import CommissioningSettings, OutcomeReview, Phase, ReviewDecision, Strategy
from ..services import reviews, self_assessment

SECRETARY = "secretary"
BOARD = "Riverside Health and Wellbeing Board"
FALLS = "Falls prevention"
STORY = (
    "Emergency admissions for falls among people aged 65 and over have come down for three years running, "
    "faster than in England. The strength and balance classes filled up once GPs could refer to them "
    "directly; uptake is still lowest in the two rural districts, where transport is the barrier."
)
PARTNERS = (
    "The district councils (home adaptations through the Disabled Facilities Grant), the ambulance service "
    "(referrals after a fall at home without conveyance) and the voluntary sector (transport to classes)."
)
REASONS = (
    "The outcomes are moving the right way and the service is valued. Continue, and take the rural uptake "
    "gap into the next Analyse."
)
SCORES = {
    "outcomes": 3,
    "need": 3,
    "coproduction": 2,
    "market": 2,
    "collaboration": 3,
    "learning": 2,
    "value": 3,
}
NOTES = {
    "coproduction": "Residents reviewed the carers' offer; nowhere else yet.",
    "learning": "Only one strategy has been through an outcome review so far.",
}
ACTIONS = (
    ("coproduction", "Set up a residents' panel that takes part in every options appraisal", 120),
    ("learning", "Schedule an outcome review for every strategy in its Review phase", 90),
)


def _in_review(partnership: Partnership, board: Body) -> Strategy:
    """A strategy in its Review phase whose iteration has no review yet (the strategies demo leaves some);
    without the strategies demo, a minimal "Falls prevention" in Review."""
    found = (
        Strategy.objects.filter(partnership=partnership, phase=Phase.REVIEW, stopped_on__isnull=True)
        .exclude(reviews__iteration=F("iteration"))
        # the story below is Falls prevention's: that one first, when it is in Review
        .order_by(Case(When(title=FALLS, then=0), default=1), "title")
        .first()
    )
    if found is not None:
        return found
    strategy = Strategy.objects.create(
        partnership=partnership, title=FALLS, lead_body=board, phase=Phase.REVIEW
    )
    falls = Indicator.objects.filter(partnership=partnership, title__icontains="falls")
    strategy.indicators.set(falls)
    return strategy


def _review(actor: Any, strategy: Strategy) -> OutcomeReview:
    return reviews.review_create(actor=actor, strategy=strategy, data={"story": STORY, "partners": PARTNERS})


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    CommissioningSettings.objects.get_or_create(partnership=partnership)
    actor = get_user_model().objects.get(username=SECRETARY)
    board = Body.objects.get(partnership=partnership, name=BOARD)
    held = Meeting.objects.filter(body=board, status=MeetingStatus.HELD, start__date__lte=today)
    meeting = held.order_by("-start").first()
    assert meeting is not None, "the demo record has past meetings of the board"
    strategy = _in_review(partnership, board)
    review = _review(actor, strategy)
    decided = reviews.review_decide(
        actor=actor, review=review, meeting=meeting, decision=ReviewDecision.CONTINUE, reasons=REASONS
    )
    item = decided.decided_item
    assert item is not None, "a decided review names its decided item"
    item.topic = slugify(strategy.title)[:120]  # filed under its topic, as the clerk files every item
    item.save(update_fields=["topic"])
    assessment = self_assessment.self_assessment_create(
        actor=actor, partnership=partnership, data={"year": today.year, "scores": SCORES, "notes": NOTES}
    )
    for standard, text, days in ACTIONS:
        self_assessment.self_assessment_action_add(
            actor=actor,
            assessment=assessment,
            body=board,
            text=text,
            due_date=today + datetime.timedelta(days=days),
            standard=standard,
        )
    return Counter({"outcome reviews": 1, "self-assessments": 1, "self-assessment actions": len(ACTIONS)})
