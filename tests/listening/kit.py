"""Listening records for tests: a facilitator's exercise in a world, with notes, themes and highlights.

Factories write straight to the ORM (no permission, no audit) to set the scene; the tests then drive HTTP
or the services. Each world keeps one exercise (``world_exercise``) so that a URL's target and its POST data
can refer to the same records.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model

from factories import World
from traction.core.models import Partnership, Role
from traction.listening.anchoring import locate
from traction.listening.models import Highlight, ListeningExercise, ListeningNote, Theme

FACTS = (
    "We never get time to think at the board. The papers arrive late and run to hundreds of pages. "
    "Nobody says what they really think in the meeting; the real conversations happen in the car park."
)
FEELINGS = "Tired, and a bit cynical. Hopeful that someone is finally asking."
SNIPPET = "The papers arrive late"


def facilitator_in(partnership: Partnership, username: str = "facilitator") -> Any:
    """The facilitator-role member with this username, or None (partnership B has none)."""
    return (
        get_user_model()
        .objects.filter(
            username=username, memberships__partnership=partnership, memberships__role=Role.FACILITATOR
        )
        .first()
    )


def make_exercise(partnership: Partnership, *, facilitators: list[Any] = (), **kw: Any) -> ListeningExercise:
    kw.setdefault("title", "Listening to the board")
    kw.setdefault("purpose", "Understand why decisions stall.")
    exercise = ListeningExercise.objects.create(partnership=partnership, **kw)
    exercise.facilitators.set([f for f in facilitators if f is not None])
    return exercise


def make_note(exercise: ListeningExercise, **kw: Any) -> ListeningNote:
    kw.setdefault("held_on", datetime.date(2025, 5, 6))
    kw.setdefault("setting", "One to one, in their office")
    kw.setdefault("facts", FACTS)
    kw.setdefault("feelings", FEELINGS)
    kw.setdefault("may_quote", True)
    kw.setdefault("may_count", True)
    kw.setdefault("names_reviewed", True)
    return ListeningNote.objects.create(partnership=exercise.partnership, exercise=exercise, **kw)


def make_theme(exercise: ListeningExercise, **kw: Any) -> Theme:
    kw.setdefault("name", f"Theme {Theme.objects.count() + 1}")
    return Theme.objects.create(partnership=exercise.partnership, exercise=exercise, **kw)


def make_highlight(
    note: ListeningNote, *, snippet: str = SNIPPET, field: str = "facts", themes: list[Theme] = ()
) -> Highlight:
    start, end = locate(note.text_of(field), snippet)  # type: ignore[misc]
    highlight = Highlight.objects.create(
        partnership=note.partnership, note=note, field=field, start=start, end=end, snippet=snippet
    )
    highlight.themes.set(themes)
    return highlight


def world_exercise(w: World) -> ListeningExercise:
    """The world's exercise, made once: facilitated by the "facilitator" member, with two notes and a
    theme."""
    if not hasattr(w, "_listening"):
        exercise = make_exercise(w.partnership, facilitators=[facilitator_in(w.partnership)])
        note = make_note(exercise, participant=w.person)
        make_note(
            exercise, participant=w.other_person, facts="The papers arrive late again. Nobody reads them."
        )
        theme = make_theme(exercise, name="Reading load")
        make_highlight(note, themes=[theme])
        w._listening = (exercise, note, theme)  # type: ignore[attr-defined]
    return w._listening[0]  # type: ignore[attr-defined]


def world_note(w: World) -> ListeningNote:
    world_exercise(w)
    return w._listening[1]  # type: ignore[attr-defined]


def world_theme(w: World) -> Theme:
    world_exercise(w)
    return w._listening[2]  # type: ignore[attr-defined]


def made_theme_pks(w: World) -> list[int]:
    """The world theme's pk when the world's exercise exists; POST data never creates records (a refused
    POST must leave the database as it was)."""
    return [w._listening[2].pk] if hasattr(w, "_listening") else []  # type: ignore[attr-defined]


def suggestion_key(w: World) -> str:
    from traction.listening.selectors import suggestions_for

    if not hasattr(w, "_listening"):
        return "0" * 16
    return suggestions_for(exercise=w._listening[0]).result.items[0].key  # type: ignore[attr-defined]
