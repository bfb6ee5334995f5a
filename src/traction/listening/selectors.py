"""Reads for confidential listening. Every record comes through ``traction.core.policy``, which confines
listening models to their exercise's facilitators; these functions add the shapes the pages need."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from traction.core import policy
from traction.core.models import Partnership
from traction.listening.models import (
    Highlight,
    ListeningExercise,
    ListeningNote,
    NoteField,
    Theme,
    speaker_key,
)
from traction_analysis.themes import Fragment, Suggestions, split_fragments, suggest_themes


def exercises_for(*, user: Any, partnership: Partnership) -> QuerySet[ListeningExercise]:
    return (policy.permitted(user=user, partnership=partnership, action="view", model=ListeningExercise)
            .annotate(note_count=Count("notes", distinct=True)).order_by("-created_at", "-id"))


def notes_of(*, exercise: ListeningExercise) -> QuerySet[ListeningNote]:
    return exercise.notes.select_related("participant").annotate(highlight_count=Count("highlights"))


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    depth: int
    highlights: int
    participants: int


def theme_tree(*, exercise: ListeningExercise) -> list[ThemeRow]:
    """Every theme of the exercise in tree order (parents before their sub-themes, names alphabetical), with
    its own highlight count and its count of distinct participants."""
    themes = list(exercise.themes.all())
    counts = _counts(exercise)
    children: dict[int | None, list[Theme]] = {}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme)
    rows: list[ThemeRow] = []

    def visit(parent: int | None, depth: int) -> None:
        for theme in sorted(children.get(parent, []), key=lambda t: (t.name.casefold(), t.pk)):
            highlights, people = counts.get(theme.pk, (0, 0))
            rows.append(ThemeRow(theme, depth, highlights, people))
            visit(theme.pk, depth + 1)

    visit(None, 0)
    return rows


def _counts(exercise: ListeningExercise) -> dict[int, tuple[int, int]]:
    links = Highlight.themes.through.objects.filter(theme__exercise=exercise).values_list(
        "theme_id", "highlight__note_id", "highlight__note__participant_id", "highlight__note__participant_ref")
    highlights: dict[int, int] = {}
    people: dict[int, set[str]] = {}
    for theme_id, note_id, participant_id, participant_ref in links:
        highlights[theme_id] = highlights.get(theme_id, 0) + 1
        key = speaker_key(note_id, participant_id or participant_ref)
        people.setdefault(theme_id, set()).add(key)
    return {pk: (count, len(people[pk])) for pk, count in highlights.items()}


def codebook_rows(*, exercise: ListeningExercise) -> list[list[str]]:
    header = ["theme", "under", "description", "highlights", "distinct participants"]
    return [header] + [[row.theme.name, row.theme.parent.path() if row.theme.parent else "",
                        row.theme.description, str(row.highlights), str(row.participants)]
                       for row in theme_tree(exercise=exercise)]


@dataclass(frozen=True)
class SuggestionPage:
    result: Suggestions
    notes_used: int
    left_out_no_consent: int
    left_out_names: int

    @property
    def grouped(self) -> list[Any]:
        """Suggestions of two or more sentences; the others are sentences that stand alone."""
        return [s for s in self.result.items if len(s.fragments) > 1]

    @property
    def alone(self) -> list[Any]:
        return [s for s in self.result.items if len(s.fragments) == 1]


def fragments_of(notes: list[ListeningNote]) -> list[Fragment]:
    fragments: list[Fragment] = []
    for note in notes:
        for field in NoteField.values:
            fragments += split_fragments(note.text_of(field), source=f"{note.pk}:{field}",
                                         participant=note.participant_key)
    return fragments


def suggestions_for(*, exercise: ListeningExercise) -> SuggestionPage:
    """Suggested themes from the notes that may be counted and whose names have been reviewed."""
    notes = list(exercise.notes.all())
    used = [n for n in notes if n.may_count and n.names_reviewed]
    return SuggestionPage(result=suggest_themes(fragments_of(used)), notes_used=len(used),
                          left_out_no_consent=sum(1 for n in notes if not n.may_count),
                          left_out_names=sum(1 for n in notes if n.may_count and not n.names_reviewed))


def quotable_highlights(*, theme: Theme) -> QuerySet[Highlight]:
    """The highlights of a theme that may be quoted anonymously outside the facilitators (their participant
    agreed). Anything shared beyond the exercise quotes only these, and never says who said them."""
    return theme.highlights.filter(note__may_quote=True, note__may_count=True).order_by("note__held_on", "start")
