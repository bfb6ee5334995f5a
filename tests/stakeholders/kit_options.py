"""Change options and priorities exercises for tests: options with positions, exercises in every status,
and anonymous responses in them.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or the
services. ``world_*`` makers return the same record for a world every time; ``fresh_*`` make a new one for
URLs that change its state.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from factories import World
from traction.stakeholders.models.options import (
    ChangeOption,
    ExerciseStatus,
    Method,
    OptionPosition,
    PrioritiesExercise,
    PrioritiesResponse,
    Priority,
)
from traction.stakeholders.models.stakeholders import Stakeholder

OPTION_TITLE = "One unitary council for the whole county"
EXERCISE_TITLE = "What matters most in the new council"
ITEMS = ("Services close to home", "Value for money", "A strong voice for each town")


def make_stakeholder(partnership: Any, name: str = "") -> Stakeholder:
    name = name or f"Stakeholder {Stakeholder.objects.count() + 1}"
    found, _ = Stakeholder.objects.get_or_create(partnership=partnership, name=name)
    return found


def make_option(partnership: Any, title: str = "", **kw: Any) -> ChangeOption:
    title = title or f"Option {ChangeOption.objects.count() + 1}"
    return ChangeOption.objects.create(partnership=partnership, title=title, **kw)


def make_position(
    option: ChangeOption, stakeholder: Stakeholder, stand: str, on: datetime.date, note: str = ""
) -> OptionPosition:
    return OptionPosition.objects.create(
        partnership=option.partnership,
        option=option,
        stakeholder=stakeholder,
        stand=stand,
        stated_on=on,
        note=note,
    )


def make_exercise(
    partnership: Any,
    status: str = ExerciseStatus.DRAFT,
    *,
    items: Sequence[str] = ITEMS,
    method: str = Method.RANK,
    **kw: Any,
) -> PrioritiesExercise:
    kw.setdefault("title", f"Priorities exercise {PrioritiesExercise.objects.count() + 1}")
    exercise = PrioritiesExercise.objects.create(partnership=partnership, status=status, method=method, **kw)
    for order, title in enumerate(items, start=1):
        Priority.objects.create(partnership=partnership, exercise=exercise, title=title, order=order)
    return exercise


def respond(exercise: PrioritiesExercise, values: Sequence[int]) -> PrioritiesResponse:
    """An anonymous response: ``values`` in the order of the exercise's priorities (ranks or scores)."""
    keys = list(exercise.priorities.values_list("pk", flat=True))
    answers = {str(key): value for key, value in zip(keys, values, strict=True)}
    return PrioritiesResponse.objects.create(
        partnership=exercise.partnership, exercise=exercise, answers=answers
    )


def world_option(w: World) -> ChangeOption:
    option = ChangeOption.objects.filter(partnership=w.partnership, title=OPTION_TITLE).first()
    if option is None:
        sponsor = make_stakeholder(w.partnership, "County Council")
        option = make_option(w.partnership, OPTION_TITLE, sponsor=sponsor, summary="One council, one budget.")
        make_position(option, sponsor, "support", datetime.date(2025, 1, 10))
    return option


def world_stakeholder(w: World) -> Stakeholder:
    return make_stakeholder(w.partnership, "County Council")


def fresh_option(w: World) -> ChangeOption:
    return make_option(w.partnership)


def world_exercise(w: World) -> PrioritiesExercise:
    """Closed, k 3, with three responses: its results are shown."""
    exercise = PrioritiesExercise.objects.filter(partnership=w.partnership, title=EXERCISE_TITLE).first()
    if exercise is None:
        exercise = make_exercise(w.partnership, ExerciseStatus.CLOSED, title=EXERCISE_TITLE, k=3)
        for ranks in ((1, 2, 3), (1, 3, 2), (2, 1, 3)):
            respond(exercise, ranks)
    return exercise


def fresh_draft(w: World) -> PrioritiesExercise:
    return make_exercise(w.partnership)


def fresh_open(w: World) -> PrioritiesExercise:
    return make_exercise(w.partnership, ExerciseStatus.OPEN, title="Open exercise")


def fresh_closed(w: World) -> PrioritiesExercise:
    return make_exercise(w.partnership, ExerciseStatus.CLOSED, title="Closed exercise", k=3)


def latest_open_answer(w: World) -> dict[str, str]:
    """A valid ranking of the latest open exercise of the world (the one ``fresh_open`` made)."""
    exercise = PrioritiesExercise.objects.filter(
        partnership=w.partnership, status=ExerciseStatus.OPEN
    ).first()
    if exercise is None:
        return {}
    keys = exercise.priorities.values_list("pk", flat=True)
    return {f"priority_{key}": str(place) for place, key in enumerate(keys, start=1)}
