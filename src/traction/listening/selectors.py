"""Reads for confidential listening. Every record comes through ``traction.core.policy``, which confines
listening models to their exercise's facilitators; these functions add the shapes the pages need.

The words of a note reach a page through ``note_words`` only: it fetches the note through the policy and
records the reading in the audit trail, in one transaction.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.listening import names as name_tools
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
    return (
        policy.permitted(user=user, partnership=partnership, action="view", model=ListeningExercise)
        .annotate(note_count=Count("notes", distinct=True))
        .order_by("-created_at", "-id")
    )


def notes_of(*, exercise: ListeningExercise) -> QuerySet[ListeningNote]:
    return exercise.notes.select_related("participant").annotate(highlight_count=Count("highlights"))


@dataclass(frozen=True)
class Section:
    field: str
    label: str
    pieces: list[tuple[str, bool]]  # the text cut at highlight boundaries: (piece, whether highlighted)


@dataclass(frozen=True)
class NoteWords:
    """What one note says, read by one user and recorded as read (``note_words``)."""

    note: ListeningNote
    setting: str
    facts: str
    feelings: str
    highlights: list[Highlight]

    def text_of(self, name: str) -> str:
        return {NoteField.FACTS: self.facts, NoteField.FEELINGS: self.feelings}[NoteField(name)]

    @property
    def sections(self) -> list[Section]:
        return [
            Section(
                name, str(label), marked(self.text_of(name), [h for h in self.highlights if h.field == name])
            )
            for name, label in NoteField.choices
        ]

    @property
    def names(self) -> dict[str, str]:
        """The names found in the words ({name: kind}), to replace with tokens."""
        return name_tools.names_in(note=self.note)


@transaction.atomic
def note_words(*, user: Any, partnership: Partnership, pk: object, action: str = "view") -> NoteWords:
    """The words of a note, for a page that shows them; the reading is recorded in the audit trail.

    A note that is absent, of another partnership, or of an exercise the user does not facilitate is a 404.
    """
    note = policy.get_permitted(user=user, partnership=partnership, action=action, model=ListeningNote, pk=pk)
    audit_record(actor=user, partnership=partnership, verb="read", instance=note)
    return NoteWords(
        note=note,
        setting=note.setting,
        facts=note.text_of(NoteField.FACTS),
        feelings=note.text_of(NoteField.FEELINGS),
        highlights=list(note.highlights.prefetch_related("themes")),
    )


def marked(text: str, highlights: list[Highlight]) -> list[tuple[str, bool]]:
    """The text cut at highlight boundaries: (piece, whether any highlight covers it)."""
    cuts = sorted({0, len(text), *(h.start for h in highlights), *(h.end for h in highlights)})
    return [
        (text[a:b], any(h.start <= a and b <= h.end for h in highlights))
        for a, b in itertools.pairwise(cuts)
        if b > a
    ]


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
        "theme_id",
        "highlight__note_id",
        "highlight__note__participant_id",
        "highlight__note__participant_ref",
    )
    highlights: dict[int, int] = {}
    people: dict[int, set[str]] = {}
    for theme_id, note_id, participant_id, participant_ref in links:
        highlights[theme_id] = highlights.get(theme_id, 0) + 1
        key = speaker_key(note_id, participant_id or participant_ref)
        people.setdefault(theme_id, set()).add(key)
    return {pk: (count, len(people[pk])) for pk, count in highlights.items()}


def codebook_rows(*, exercise: ListeningExercise) -> list[list[str]]:
    header = ["theme", "under", "description", "highlights", "distinct participants"]
    return [header] + [
        [
            row.theme.name,
            row.theme.parent.path() if row.theme.parent else "",
            row.theme.description,
            str(row.highlights),
            str(row.participants),
        ]
        for row in theme_tree(exercise=exercise)
    ]


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
            fragments += split_fragments(
                note.text_of(field), source=f"{note.pk}:{field}", participant=note.participant_key
            )
    return fragments


def suggestions_for(*, exercise: ListeningExercise) -> SuggestionPage:
    """Suggested themes from the notes that may be counted and whose names have been reviewed."""
    notes = list(exercise.notes.all())
    used = [n for n in notes if n.may_count and n.names_reviewed]
    return SuggestionPage(
        result=suggest_themes(fragments_of(used)),
        notes_used=len(used),
        left_out_no_consent=sum(1 for n in notes if not n.may_count),
        left_out_names=sum(1 for n in notes if n.may_count and not n.names_reviewed),
    )


def quotable_highlights(*, theme: Theme) -> QuerySet[Highlight]:
    """The highlights of a theme that may be quoted anonymously outside the facilitators (their participant
    agreed). Anything shared beyond the exercise quotes only these, and never says who said them."""
    return theme.highlights.filter(note__may_quote=True, note__may_count=True).order_by(
        "note__held_on", "start"
    )
