"""Reads of rival change options and priorities exercises, through the policy.

Results of a priorities exercise: nobody sees them while it is a draft or open (a figure that moves with each
answer would tell one person's answer from the next); once closed, everyone who may view the exercise sees
them, and only as the anonymity service lets them out at the exercise's ``k``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from traction.core import policy
from traction.core.ids import parse_id
from traction.core.models import Partnership
from traction.governance.extensions import Invitation
from traction_analysis.anonymity import count_shown
from traction_analysis.stakeholders import priorities as pure

from ..models.options import (
    ChangeOption,
    ExerciseStatus,
    OptionPosition,
    PrioritiesExercise,
    PrioritiesParticipation,
    Priority,
    Stand,
)
from ..models.stakeholders import Stakeholder


def options_for(*, user: Any, partnership: Partnership) -> QuerySet[ChangeOption]:
    return policy.permitted(
        user=user, partnership=partnership, action="view", model=ChangeOption
    ).select_related("sponsor")


def positions_of(option: ChangeOption) -> QuerySet[OptionPosition]:
    """Every position on the option, by stakeholder and date: the history, oldest first."""
    return option.positions.select_related("stakeholder").order_by("stakeholder__name", "stated_on", "id")


@dataclass(frozen=True)
class Comparison:
    options: list[ChangeOption]
    rows: list[tuple[Stakeholder, list[OptionPosition | None]]]  # stakeholder × latest position per option
    counts: list[dict[str, int]]  # per option: stand → how many stakeholders' latest position


def comparison_for(*, user: Any, partnership: Partnership, chosen: Iterable[str] = ()) -> Comparison:
    """The options side by side (the chosen ones, or all): each key stakeholder's latest position on each."""
    options = options_for(user=user, partnership=partnership)
    ids = [i for i in (parse_id(c) for c in chosen) if i is not None]
    found = list(options.filter(pk__in=ids) if ids else options)
    latest: dict[tuple[int, int], OptionPosition] = {}
    positions = OptionPosition.objects.filter(option__in=found).select_related("stakeholder")
    for position in positions.order_by("stated_on", "id"):
        latest[(position.stakeholder_id, position.option_id)] = position
    stakeholders = sorted({p.stakeholder for p in latest.values()}, key=lambda s: s.name)
    rows = [(s, [latest.get((s.pk, o.pk)) for o in found]) for s in stakeholders]
    counts = []
    for column, _ in enumerate(found):
        tally = Counter(cell.stand for _, cells in rows if (cell := cells[column]) is not None)
        counts.append({stand.value: tally.get(stand.value, 0) for stand in Stand})
    return Comparison(found, rows, counts)


def exercises_for(*, user: Any, partnership: Partnership) -> QuerySet[PrioritiesExercise]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=PrioritiesExercise)


def has_answered(*, user: Any, exercise: PrioritiesExercise) -> bool:
    return PrioritiesParticipation.objects.filter(exercise=exercise, user=user.pk).exists()


def priorities_invitations(*, user: Any, partnership: Partnership) -> list[Invitation]:
    """The open priorities exercises the user may answer and has not answered yet (the dashboard's list)."""
    if not policy.allowed(user=user, partnership=partnership, action="add", object_type="prioritiesresponse"):
        return []
    exercises = (
        policy.permitted(user=user, partnership=partnership, action="view", model=PrioritiesExercise)
        .filter(status=ExerciseStatus.OPEN)
        .exclude(participations__user=user.pk)
        .order_by("opened_at", "pk")
    )
    return [
        Invitation(
            kind="Priorities exercise",
            title=exercise.title,
            url=reverse(
                "stakeholders:priorities-answer", kwargs={"slug": partnership.slug, "pk": exercise.pk}
            ),
        )
        for exercise in exercises
    ]


def participants_shown(exercise: PrioritiesExercise) -> int | None:
    """How many people have answered, said only from ``k`` on."""
    return count_shown(exercise.participations.values_list("pk", flat=True), k=exercise.k)


def results_visible(exercise: PrioritiesExercise) -> bool:
    return exercise.status in {ExerciseStatus.CLOSED, ExerciseStatus.AGREED}


@dataclass(frozen=True)
class ExerciseResults:
    responses: int | None  # None below k, and then no rows
    rule: str
    rows: list[tuple[Priority, pure.ItemResult[int]]]
    spread_shown: bool = False
    spread_from: int = 0  # the fewest responses from which the spread is given


def exercise_results(exercise: PrioritiesExercise) -> ExerciseResults | None:
    """The aggregate as the anonymity rule lets it out, or None while the exercise is a draft or open."""
    if not results_visible(exercise):
        return None
    priorities = {p.pk: p for p in exercise.priorities.all()}
    answers = [
        {int(key): value for key, value in row.items()}
        for row in exercise.responses.values_list("answers", flat=True)
    ]
    found = pure.results(list(priorities), answers, method=exercise.method, k=exercise.k)
    rows = [(priorities[r.key], r) for r in found.items]
    return ExerciseResults(
        found.responses,
        pure.rule_text(exercise.method, len(priorities)),
        rows,
        spread_shown=found.spread_shown,
        spread_from=pure.spread_from(exercise.k),
    )


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``stakeholders/_home_options.html``)."""
    exercises = exercises_for(user=user, partnership=partnership)
    return {
        "change_options": list(options_for(user=user, partnership=partnership)[:6]),
        "priorities_exercises": list(exercises[:5]),
        "priorities_open": exercises.filter(status=ExerciseStatus.OPEN).count(),
    }
