"""The demo partnership's rival change options and priorities exercise, in the merger scenario: three rival
options for the new council, the positions of ten key stakeholders on each at two or three dates, and a
closed priorities and values exercise whose agreed list is recorded as principles at a board meeting.

Everything here is fiction. Options, positions and the exercise go through the services as the demo
"facilitator"; the agreed list as the demo "secretary" (who keeps the principles). The answers are written
straight to the response table, as invented respondents without accounts (so without participation rows).
Stakeholders are looked up by name and created where the stakeholder map has not made them.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.utils import timezone

from traction.core.models import Partnership
from traction.direction.models import Principle
from traction.governance.models import AgendaItem, Meeting

from ..models.options import ExerciseStatus, Method, PrioritiesExercise, PrioritiesResponse, Stand
from ..models.stakeholders import Stakeholder, StakeholderKind
from ..services import options as services
from . import merger

FACILITATOR, SECRETARY = "facilitator", "secretary"
BOARD = "Riverside Health and Wellbeing Board"
TOPIC = "local-government-reorganisation"
OTHERS = (
    "Northmoor Town Council",
    "Riverside Council for Voluntary Service",
    "Riverside Chamber of Commerce",
    "Riverside University Hospitals NHS Foundation Trust",
)
S, C, N, X = Stand.SUPPORT, Stand.CONDITIONAL, Stand.NEUTRAL, Stand.OPPOSE  # X: oppose
SINGLE = "One unitary council for the whole county"
TWO = "Two unitary councils, north and south"
LOCALITY = "Unitary council with strong locality boards"
OPTIONS = (
    (
        SINGLE,
        "Riverside County Council",
        "proposed",
        "One council for the county's 560,000 residents: one budget, one set of services, the districts "
        "abolished. The largest saving, but the furthest from towns and villages.",
    ),
    (
        TWO,
        "Northmoor District Council",
        "rejected",
        "A north council (Northmoor, Kingsford, Westbridge) and a south council (Eastbrook, Southvale), "
        "splitting county services such as adult social care in two.",
    ),
    (
        LOCALITY,
        "Eastbrook District Council",
        "preferred",
        "One unitary council with four locality boards (north, south, east, west) that hold local budgets "
        "and meet in public in their areas.",
    ),
)
# stakeholder → positions on (single, two, locality boards) at about ten, six and two months ago
POSITIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    merger.COUNTY: ((S, X, N), (S, X, C), (C, X, S)),
    merger.DISTRICTS[0]: ((X, N, S), (X, X, S)),
    merger.DISTRICTS[1]: ((X, S, N), (X, S, C), (X, C, C)),
    merger.DISTRICTS[2]: ((N, C, C), (X, N, S)),
    merger.DISTRICTS[3]: ((X, S, X), (X, S, N), (X, N, C)),
    merger.DISTRICTS[4]: ((C, N, N), (N, X, S)),
    OTHERS[0]: ((X, C, C), (X, N, S), (X, X, S)),
    OTHERS[1]: ((N, N, C), (N, X, S)),
    OTHERS[2]: ((S, N, C), (S, X, C), (S, X, S)),
    OTHERS[3]: ((S, X, N), (C, X, S)),
}
MONTHS_AGO = (10, 6, 2)
NOTES: dict[str, str] = {
    S: "Said so in its response to the consultation.",
    C: "Supports it if local budgets and jobs are protected.",
    N: "Has not taken a position; waiting for the financial case.",
    X: "Formally opposed at its full council meeting.",
}

EXERCISE = "Priorities and values for the new council"
PRIORITIES = (
    "Services close to where people live",
    "A strong voice for towns and villages",
    "Value for money for council-tax payers",
    "Protecting adult and children's social care",
    "Open decisions, taken in public",
    "Working as one with the NHS",
    "Keeping local jobs and local suppliers",
    "A smooth, safe move for staff and services",
)
# Fourteen rankings (1 is the top) of PRIORITIES, in their order.
RANKINGS = (
    (1, 2, 4, 3, 5, 6, 8, 7),
    (2, 1, 5, 3, 4, 7, 6, 8),
    (1, 3, 2, 4, 6, 5, 7, 8),
    (3, 1, 6, 2, 4, 8, 5, 7),
    (1, 4, 3, 2, 5, 6, 8, 7),
    (2, 3, 1, 4, 7, 5, 6, 8),
    (4, 2, 3, 1, 6, 5, 8, 7),
    (1, 2, 5, 4, 3, 6, 7, 8),
    (2, 5, 1, 3, 4, 6, 8, 7),
    (3, 1, 4, 2, 8, 5, 6, 7),
    (1, 6, 2, 3, 5, 4, 7, 8),
    (2, 4, 3, 1, 5, 7, 6, 8),
    (5, 1, 2, 3, 4, 6, 7, 8),
    (1, 3, 4, 2, 6, 5, 8, 7),
)
AGREED = 5  # the first five of the aggregate become principles


def _stakeholders(partnership: Partnership) -> dict[str, Stakeholder]:
    organisations = merger.organisations(partnership)
    found = {}
    for name in POSITIONS:
        found[name], _ = Stakeholder.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={"kind": StakeholderKind.ORGANISATION, "organisation": organisations.get(name)},
        )
    return found


def _months_ago(today: datetime.date, months: int) -> datetime.date:
    return min(today - datetime.timedelta(days=30 * months + 4), timezone.localdate())


def _options(partnership: Partnership, today: datetime.date, actor: object) -> Counter[str]:
    counts: Counter[str] = Counter()
    stakeholders = _stakeholders(partnership)
    options = []
    for title, sponsor, status, summary in OPTIONS:
        options.append(
            services.option_create(
                actor=actor,
                partnership=partnership,
                data={"title": title, "summary": summary, "sponsor": stakeholders[sponsor], "status": status},
            )
        )
        counts["change options"] += 1
    for name, rounds in POSITIONS.items():
        for months, stands in zip(MONTHS_AGO[-len(rounds) :], rounds, strict=True):
            for option, stand in zip(options, stands, strict=True):
                services.position_record(
                    actor=actor,
                    option=option,
                    data={
                        "stakeholder": stakeholders[name],
                        "stated_on": _months_ago(today, months),
                        "stand": stand,
                        "note": NOTES[stand],
                    },
                )
                counts["option positions"] += 1
    return counts


def _meeting(partnership: Partnership, today: datetime.date) -> Meeting:
    meeting = (
        Meeting.objects.filter(partnership=partnership, body__name=BOARD, start__date__lte=today)
        .order_by("-start")
        .first()
    ) or Meeting.objects.filter(partnership=partnership, start__lte=timezone.now()).order_by("-start").first()
    assert meeting is not None, "the demo record has past meetings"
    return meeting


def _exercise(partnership: Partnership, today: datetime.date, facilitator: object) -> Counter[str]:
    exercise = services.exercise_create(
        actor=facilitator,
        partnership=partnership,
        data={
            "title": EXERCISE,
            "description": "Members of the partnership's bodies rank what matters most in designing the new "
            "council. The agreed list guides the choice between the options.",
            "method": Method.RANK,
            "k": 5,
        },
        priorities=PRIORITIES,
    )
    services.exercise_open(actor=facilitator, exercise=exercise)
    keys = list(exercise.priorities.values_list("pk", flat=True))
    PrioritiesResponse.objects.bulk_create(
        PrioritiesResponse(
            partnership=partnership,
            exercise=exercise,
            answers={str(k): rank for k, rank in zip(keys, ranks, strict=True)},
        )
        for ranks in RANKINGS
    )
    services.exercise_close(actor=facilitator, exercise=exercise)
    return Counter({"priorities exercises": 1, "priorities responses": len(RANKINGS)})


def _agree(partnership: Partnership, today: datetime.date, secretary: object) -> Counter[str]:
    from ..selectors.options import exercise_results

    exercise = PrioritiesExercise.objects.get(partnership=partnership, title=EXERCISE)
    results = exercise_results(exercise)
    assert results is not None and results.rows, "the demo exercise reaches its threshold"
    agreed = services.agreed_list_record(
        actor=secretary,
        exercise=exercise,
        meeting=_meeting(partnership, today),
        titles=[priority.title for priority, _ in results.rows[:AGREED]],
        resolution="The Board agreed the five priorities and values below to guide the design of the new "
        "council, in the order of the partnership's priorities exercise.",
    )
    AgendaItem.objects.filter(pk__in=[agreed.agreed_item_id]).update(topic=TOPIC)
    return Counter({"agreed principles": AGREED})


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    users = get_user_model().objects
    facilitator, secretary = users.get(username=FACILITATOR), users.get(username=SECRETARY)
    counts = _options(partnership, today, facilitator)
    counts += _exercise(partnership, today, facilitator)
    counts += _agree(partnership, today, secretary)
    return counts


def remove(*, slugs: list[str]) -> None:
    """Delete first what RESTRICTs a governance record, so the partnership's cascade can run: the agreed
    exercises and the principles they recorded RESTRICT the decided items."""
    exercises = PrioritiesExercise.objects.filter(partnership__slug__in=slugs, status=ExerciseStatus.AGREED)
    items = [pk for pk in exercises.values_list("agreed_item_id", flat=True) if pk is not None]
    exercises.delete()
    Principle.objects.filter(partnership__slug__in=slugs, agreed_item__in=items).delete()
