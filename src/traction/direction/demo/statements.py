"""The demo partnership's shared direction: principles, three goals and four outcomes, each agreed by a
decided item of the Health and Wellbeing Board's record (written through the governance workflow path,
so the item links back), and the decisions and actions already in the record that claim to move each outcome.

Everything here is fiction in the demo partnership's invented record.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from traction.core.models import Partnership
from traction.governance.models import Action, AgendaItem, Meeting, Outcome
from traction.governance.workflows import decision_record

from ..models import Goal, Principle, SharedOutcome, Statement, Status

BOARD = "Riverside Health and Wellbeing Board"
SECRETARY = "secretary"

PRINCIPLES = (
    ("We start from what residents tell us", "Plans begin with what people who use services say matters."),
    ("We share what we know early", "Figures, risks and bad news come to the table before decisions."),
    ("We decide in the room", "Decisions are taken at the meeting, not settled beforehand elsewhere."),
    (
        "We pool effort where it counts",
        "Money and staff follow the agreed outcomes, not the organisation.",
    ),
    ("We follow through", "Every decision has an owner and a date, and we check them at the next meeting."),
)
GOALS = (
    ("Prevention first", "Fewer people become ill in the first place."),
    ("Care closer to home", "People are supported at home and leave hospital as soon as they are ready."),
    ("Start well", "Every child in Riverside has a healthy start."),
)
# (title, text, goal, words in the titles of decisions and actions that claim to move it)
OUTCOMES = (
    (
        "More people live healthy lives for longer",
        "Healthy life expectancy rises and the gap between our most and least deprived wards narrows.",
        "Prevention first",
        ("smoke", "healthy weight", "physical activity", "active riverside"),
    ),
    (
        "Fewer people go into hospital in a crisis",
        "Fewer emergency admissions, especially from falls and for people living with frailty.",
        "Care closer to home",
        ("falls", "frailty", "care homes"),
    ),
    (
        "People leave hospital as soon as they are ready",
        "Nobody waits in a hospital bed once they are well enough to leave.",
        "Care closer to home",
        ("discharge", "home first"),
    ),
    (
        "Children have the best start in life",
        "Children are born healthy, grow up smoke-free and are ready for school.",
        "Start well",
        ("child", "young people"),
    ),
)
OUTCOME_TITLES = tuple(title for title, *_ in OUTCOMES)


def _agree(
    actor: object, statements: list[Statement], meeting: Meeting, title: str, resolution: str
) -> AgendaItem:
    """One decided item agreeing the statements (the first is its source), and each marked agreed by it."""
    item = decision_record(
        actor=actor,
        source=statements[0],
        meeting=meeting,
        title=title,
        resolution=resolution,
        provenance={"demo": "shared direction"},
    )
    item.topic = "shared-direction"
    item.save(update_fields=["topic"])
    for statement in statements:
        statement.status = Status.AGREED
        statement.agreed_item = item
        statement.save(update_fields=["status", "agreed_item"])
    return item


def _matching(field: str, words: tuple[str, ...]) -> Q:
    condition = Q()
    for word in words:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    counts: Counter[str] = Counter()
    actor = get_user_model().objects.get(username=SECRETARY)
    meeting = (
        Meeting.objects.filter(partnership=partnership, body__name=BOARD, start__date__lte=today)
        .order_by("-start")
        .first()
    ) or Meeting.objects.filter(partnership=partnership, start__lte=timezone.now()).order_by("-start").first()
    assert meeting is not None, "the demo record has past meetings"

    principles: list[Statement] = [
        Principle.objects.create(partnership=partnership, title=title, text=text, order=n)
        for n, (title, text) in enumerate(PRINCIPLES, start=1)
    ]
    goals = {
        title: Goal.objects.create(
            partnership=partnership, title=title, text=text, order=n, owner=meeting.body
        )
        for n, (title, text) in enumerate(GOALS, start=1)
    }
    outcomes: list[Statement] = []
    for n, (title, text, goal, words) in enumerate(OUTCOMES, start=1):
        outcome = SharedOutcome.objects.create(
            partnership=partnership, title=title, text=text, order=n, goal=goals[goal], owner=meeting.body
        )
        decided = AgendaItem.objects.filter(partnership=partnership, outcome=Outcome.DECIDED)
        outcome.decisions.set(decided.filter(_matching("title", words))[:6])
        actions = Action.objects.filter(partnership=partnership)
        outcome.actions.set(
            actions.filter(_matching("text", words) | _matching("agenda_item__title", words)).order_by("id")[
                :8
            ]
        )
        outcomes.append(outcome)
        counts["outcome links"] += outcome.decisions.count() + outcome.actions.count()

    _agree(
        actor,
        principles,
        meeting,
        "Partnership principles",
        "RESOLVED that the Board agrees the five principles of the Riverside Health and Care Partnership.",
    )
    _agree(
        actor,
        [*goals.values(), *outcomes],
        meeting,
        "Shared goals and outcomes",
        "RESOLVED that the Board agrees three shared goals and four outcomes, with their indicators to be "
        "reported at each meeting.",
    )
    counts.update(principles=len(principles), goals=len(goals), outcomes=len(outcomes))
    return counts
