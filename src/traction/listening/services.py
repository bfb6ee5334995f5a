"""Writes for confidential listening: one function, one transaction, the audit event inside.

Audit events say who read or changed which note and which fields, never what a note says: ``changes``
holds field names and counts only, and every model's ``str()`` is free of note text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ManyToManyRel
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Membership, Partnership, Role
from traction.governance.models import Person
from traction.listening import names as name_tools
from traction.listening.anchoring import reanchor, shifted
from traction.listening.models import (
    RETENTION_PAST,
    Highlight,
    ListeningExercise,
    ListeningNote,
    NameToken,
    NoteField,
    Theme,
)

NOT_A_FACILITATOR = "Choose facilitators from this partnership's members with the facilitator role."
NAMES_FIRST = (
    "Review the names in this note before highlighting it: replace them with tokens or keep them, "
    "then code the note."
)
NOT_COUNTABLE = "This participant did not agree to be counted towards a theme, so the note cannot be coded."
HIGHLIGHTS_WOULD_BREAK = (
    "{count} highlight{s} would no longer match the note: the words they mark were changed "
    "or removed. Delete {them} first, or keep those words. Nothing was saved."
)
MERGE_SELF = "Choose another theme to merge into."
MERGE_OTHER_EXERCISE = "Both themes must belong to the same listening exercise."
MERGE_INTO_DESCENDANT = "A theme cannot be merged into one of its own sub-themes."
SUGGESTION_GONE = (
    "The notes have changed since these suggestions were made, so this one no longer exists. "
    "Look at the suggestions again."
)
UNKNOWN_NAME = "That name is not among the names found in this note."
NOTES_DESTROYED = (
    "The notes of this exercise were destroyed after its retention date, so it takes no new conversations."
)
NOTE_FIELDS = ("setting", "facts", "feelings")


def _require(actor: Any, partnership: Partnership, action: str, object_type: str) -> None:
    policy.require(user=actor, partnership=partnership, action=action, object_type=object_type)


def _require_facilitator(actor: Any, exercise: ListeningExercise, action: str, object_type: str) -> None:
    """The role must allow it and the actor must be one of this exercise's facilitators."""
    _require(actor, exercise.partnership, action, object_type)
    if not exercise.facilitators.filter(pk=actor.pk).exists():
        raise PermissionDenied(policy.REFUSED)


def _facilitator_users(partnership: Partnership, users: Iterable[Any]) -> list[Any]:
    wanted = {u.pk for u in users}
    allowed = set(
        Membership.objects.filter(
            partnership=partnership, role=Role.FACILITATOR, user_id__in=wanted
        ).values_list("user_id", flat=True)
    )
    if wanted - allowed:
        raise ValidationError({"facilitators": NOT_A_FACILITATOR})
    return list(users)


def _people(partnership: Partnership, people: Iterable[Person]) -> list[Person]:
    people = list(people)
    if any(p.partnership_id != partnership.pk for p in people):
        raise ValidationError({"participants": "Choose people from this partnership."})
    return people


# --- exercises ----------------------------------------------------------------------------------------------


@transaction.atomic
def exercise_create(
    *,
    actor: Any,
    partnership: Partnership,
    title: str,
    purpose: str = "",
    facilitators: Sequence[Any] = (),
    participants: Sequence[Person] = (),
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    status: str = "planned",
    retain_until: datetime.date | None = None,
) -> ListeningExercise:
    _require(actor, partnership, "add", "listeningexercise")
    _check_retention(retain_until, previous=None)
    exercise = ListeningExercise(
        partnership=partnership,
        title=title,
        purpose=purpose,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        retain_until=retain_until,
    )
    exercise.full_clean()
    exercise.save()
    exercise.facilitators.set(_facilitator_users(partnership, {actor, *facilitators}))
    exercise.participants.set(_people(partnership, participants))
    audit_record(actor=actor, partnership=partnership, verb="created", instance=exercise)
    return exercise


@transaction.atomic
def exercise_update(
    *,
    actor: Any,
    exercise: ListeningExercise,
    title: str,
    purpose: str,
    facilitators: Sequence[Any],
    participants: Sequence[Person],
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    status: str,
    retain_until: datetime.date | None = None,
) -> ListeningExercise:
    _require_facilitator(actor, exercise, "change", "listeningexercise")
    users = _facilitator_users(exercise.partnership, facilitators)
    if not users:
        raise ValidationError({"facilitators": "An exercise needs at least one facilitator."})
    if exercise.notes_destroyed_at is None:
        _check_retention(retain_until, previous=exercise.retain_until)
        if retain_until != exercise.retain_until:
            exercise.retain_until, exercise.retention_warned_on = retain_until, None
    exercise.title, exercise.purpose, exercise.status = title, purpose, status
    exercise.starts_on, exercise.ends_on = starts_on, ends_on
    exercise.full_clean()
    exercise.save()
    exercise.facilitators.set(users)
    exercise.participants.set(_people(exercise.partnership, participants))
    audit_record(
        actor=actor,
        partnership=exercise.partnership,
        verb="changed",
        instance=exercise,
        changes={
            "fields": ["title", "purpose", "dates", "status", "facilitators", "participants", "retention"]
        },
    )
    return exercise


def _check_retention(retain_until: datetime.date | None, *, previous: datetime.date | None) -> None:
    """A retention date being set or moved must lie in the future (one kept as it was may have passed)."""
    if retain_until is not None and retain_until != previous and retain_until <= timezone.localdate():
        raise ValidationError({"retain_until": RETENTION_PAST})


# --- notes --------------------------------------------------------------------------------------------------


@transaction.atomic
def note_create(
    *,
    actor: Any,
    exercise: ListeningExercise,
    participant: Person | None,
    held_on: datetime.date,
    setting: str = "",
    facts: str = "",
    feelings: str = "",
    may_quote: bool = False,
    may_count: bool = False,
) -> ListeningNote:
    _require_facilitator(actor, exercise, "add", "listeningnote")
    if exercise.notes_destroyed_at is not None:
        raise ValidationError(NOTES_DESTROYED)
    note = ListeningNote(
        partnership=exercise.partnership,
        exercise=exercise,
        participant=participant,
        held_on=held_on,
        setting=setting,
        facts=facts,
        feelings=feelings,
        may_quote=may_quote,
        may_count=may_count,
        created_by=actor,
    )
    note.names_reviewed = not name_tools.names_in(note=note)
    note.full_clean()
    note.save()
    if participant is not None:
        exercise.participants.add(participant)
    audit_record(
        actor=actor,
        partnership=exercise.partnership,
        verb="created",
        instance=note,
        changes={"exercise": exercise.pk},
    )
    return note


@transaction.atomic
def note_update(
    *,
    actor: Any,
    note: ListeningNote,
    participant: Person | None,
    held_on: datetime.date,
    setting: str,
    facts: str,
    feelings: str,
    may_quote: bool,
    may_count: bool,
) -> ListeningNote:
    """Change a note; each highlight is re-anchored to its words, or the edit is refused and nothing saved."""
    _require_facilitator(actor, note.exercise, "change", "listeningnote")
    before = {name: note.text_of(name) if name in NoteField.values else note.setting for name in NOTE_FIELDS}
    before_details = {
        "participant": note.participant_id,
        "held_on": note.held_on,
        "may_quote": note.may_quote,
        "may_count": note.may_count,
    }
    found_before = set(name_tools.names_in(note=note))
    note.participant, note.held_on, note.may_quote, note.may_count = (
        participant,
        held_on,
        may_quote,
        may_count,
    )
    note.participant_ref = participant.pk if participant is not None else None
    note.setting, note.facts, note.feelings = setting, facts, feelings
    _reanchor_all(note, before)
    if set(name_tools.names_in(note=note)) - found_before:
        note.names_reviewed = False
    note.full_clean()
    note.save()
    changed = sorted(
        [name for name in NOTE_FIELDS if before[name] != getattr(note, name)]
        + [
            name
            for name, value in before_details.items()
            if value != getattr(note, "participant_id" if name == "participant" else name)
        ]
    )
    audit_record(
        actor=actor, partnership=note.partnership, verb="changed", instance=note, changes={"fields": changed}
    )
    return note


def _reanchor_all(note: ListeningNote, before: dict[str, str]) -> None:
    moved, broken = [], 0
    for highlight in note.highlights.all():
        text = note.text_of(highlight.field)
        span = reanchor(text, highlight.snippet, shifted(before[highlight.field], text, highlight.start))
        if span is None:
            broken += 1
        elif span != (highlight.start, highlight.end):
            highlight.start, highlight.end = span
            moved.append(highlight)
    if broken:
        raise ValidationError(
            HIGHLIGHTS_WOULD_BREAK.format(
                count=broken, s="" if broken == 1 else "s", them="it" if broken == 1 else "them"
            )
        )
    for highlight in moved:
        highlight.save(update_fields=["start", "end"])


@transaction.atomic
def note_delete(*, actor: Any, note: ListeningNote) -> None:
    _require_facilitator(actor, note.exercise, "delete", "listeningnote")
    audit_record(
        actor=actor,
        partnership=note.partnership,
        verb="deleted",
        instance=note,
        changes={"highlights": note.highlights.count()},
    )
    note.delete()


@transaction.atomic
def note_replace_names(*, actor: Any, note: ListeningNote, names: Sequence[str]) -> ListeningNote:
    """Replace the chosen names with the exercise's tokens ([P1], [Org A]…), keep the rest, and mark the note
    reviewed. Highlights keep marking the same words (a replaced name inside one becomes its token)."""
    _require_facilitator(actor, note.exercise, "change", "listeningnote")
    found = name_tools.names_in(note=note)
    if any(name not in found for name in names):
        raise ValidationError({"names": UNKNOWN_NAME})
    tokens = {name: _token_for(note.exercise, name, found[name]) for name in names}
    if tokens:
        for field in NOTE_FIELDS:
            text, mapping = name_tools.replace(getattr(note, field), tokens)
            setattr(note, field, text)
            for highlight in note.highlights.filter(field=field) if field in NoteField.values else ():
                highlight.start, highlight.end = (
                    mapping(highlight.start, "start"),
                    mapping(highlight.end, "end"),
                )
                highlight.snippet = text[highlight.start : highlight.end]
                highlight.save(update_fields=["start", "end", "snippet"])
    note.names_reviewed = True
    note.save()
    audit_record(
        actor=actor,
        partnership=note.partnership,
        verb="pseudonymised",
        instance=note,
        changes={"replaced": len(tokens), "kept": len(found) - len(tokens)},
    )
    return note


def _token_for(exercise: ListeningExercise, name: str, kind: str) -> str:
    for existing in NameToken.objects.filter(exercise=exercise, kind=kind):
        if existing.name.casefold() == name.casefold():
            return existing.token
    count = NameToken.objects.filter(exercise=exercise, kind=kind).count()
    token = name_tools.token(kind, count)
    NameToken.objects.create(
        partnership=exercise.partnership, exercise=exercise, kind=kind, token=token, name=name
    )
    return token


# --- highlights ---------------------------------------------------------------------------------------------


@transaction.atomic
def highlight_create(
    *,
    actor: Any,
    note: ListeningNote,
    field: str,
    start: int,
    end: int,
    snippet: str,
    themes: Sequence[Theme] = (),
) -> Highlight:
    _require_facilitator(actor, note.exercise, "add", "highlight")
    if not note.names_reviewed:
        raise ValidationError(NAMES_FIRST)
    if not note.may_count:
        raise ValidationError(NOT_COUNTABLE)
    highlight = Highlight(
        partnership=note.partnership,
        note=note,
        field=field,
        start=start,
        end=end,
        snippet=snippet,
        created_by=actor,
    )
    highlight.full_clean()
    highlight.save()
    highlight.themes.set(_themes_of(note.exercise, themes))
    # Neither the note nor the themes: admins read the trail, and events tying highlights to themes and
    # conversations would count, per theme, how many participants raised it.
    audit_record(actor=actor, partnership=note.partnership, verb="created", instance=highlight)
    return highlight


def _themes_of(exercise: ListeningExercise, themes: Iterable[Theme]) -> list[Theme]:
    themes = list(themes)
    if any(t.exercise_id != exercise.pk for t in themes):
        raise ValidationError({"themes": "Choose themes of this listening exercise."})
    return themes


@transaction.atomic
def highlight_delete(*, actor: Any, highlight: Highlight) -> None:
    _require_facilitator(actor, highlight.note.exercise, "delete", "highlight")
    audit_record(actor=actor, partnership=highlight.partnership, verb="deleted", instance=highlight)
    highlight.delete()


HIGHLIGHTS_OF_NOTE = "Choose highlights of this conversation."


@transaction.atomic
def highlights_theme_change(
    *, actor: Any, note: ListeningNote, highlights: Sequence[Highlight], theme: Theme, add: bool
) -> int:
    """Give ``theme`` to these highlights of ``note`` (or take it away): themes made after a highlight was
    coded reach it too. Returns how many highlights changed. Each changed highlight is audited as changed,
    naming neither the theme nor the note (as ``highlight_create``: the trail must not count who raised
    what)."""
    _require_facilitator(actor, note.exercise, "change", "highlight")
    if any(h.note_id != note.pk for h in highlights):
        raise ValidationError({"highlights": HIGHLIGHTS_OF_NOTE})
    _themes_of(note.exercise, [theme])
    having = set(theme.highlights.filter(pk__in=[h.pk for h in highlights]).values_list("pk", flat=True))
    changed = [h for h in highlights if (h.pk in having) != add]
    for highlight in changed:
        (highlight.themes.add if add else highlight.themes.remove)(theme)
        audit_record(
            actor=actor,
            partnership=note.partnership,
            verb="changed",
            instance=highlight,
            changes={"fields": ["themes"]},
        )
    return len(changed)


# --- themes -------------------------------------------------------------------------------------------------


@transaction.atomic
def theme_create(
    *, actor: Any, exercise: ListeningExercise, name: str, description: str = "", parent: Theme | None = None
) -> Theme:
    _require_facilitator(actor, exercise, "add", "theme")
    theme = Theme(
        partnership=exercise.partnership,
        exercise=exercise,
        name=name.strip(),
        description=description,
        parent=parent,
    )
    theme.full_clean()
    theme.save()
    audit_record(actor=actor, partnership=exercise.partnership, verb="created", instance=theme)
    return theme


@transaction.atomic
def theme_update(*, actor: Any, theme: Theme, name: str, description: str, parent: Theme | None) -> Theme:
    _require_facilitator(actor, theme.exercise, "change", "theme")
    theme.name, theme.description, theme.parent = name.strip(), description, parent
    theme.full_clean()
    theme.save()
    audit_record(
        actor=actor,
        partnership=theme.partnership,
        verb="changed",
        instance=theme,
        changes={"fields": ["name", "description", "parent"], "parent": parent.pk if parent else None},
    )
    return theme


@transaction.atomic
def theme_merge(*, actor: Any, source: Theme, target: Theme) -> Theme:
    """Move the source's highlights and sub-themes to the target, delete the source, and log it."""
    _require_facilitator(actor, source.exercise, "change", "theme")
    if source.pk == target.pk:
        raise ValidationError({"target": MERGE_SELF})
    if source.exercise_id != target.exercise_id:
        raise ValidationError({"target": MERGE_OTHER_EXERCISE})
    ancestor = target.parent
    while ancestor is not None:
        if ancestor.pk == source.pk:
            raise ValidationError({"target": MERGE_INTO_DESCENDANT})
        ancestor = ancestor.parent
    highlights = list(source.highlights.all())
    target.highlights.add(*highlights)
    moved_children = source.children.update(parent=target)
    citations = _move_citations(source, target)
    audit_record(
        actor=actor,
        partnership=source.partnership,
        verb="merged",
        instance=target,
        changes={
            "merged": source.pk,
            "sub_themes": moved_children,
            **({"citations": citations} if citations else {}),
        },
    )
    source.highlights.clear()
    source.delete()
    return target


def _move_citations(source: Theme, target: Theme) -> int:
    """Records elsewhere that cite the source theme (a problem tree's nodes) cite the target instead, so that
    deleting the source loses none of them. Returns how many records were moved."""
    moved = 0
    for rel in Theme._meta.related_objects:
        if not isinstance(rel, ManyToManyRel) or rel.related_model is Highlight:
            continue
        through = cast("type[models.Model]", rel.through)  # resolved to a model once the apps are loaded
        owner, theme = rel.field.m2m_field_name(), rel.field.m2m_reverse_field_name()
        owners = set(through._default_manager.filter(**{theme: source}).values_list(f"{owner}_id", flat=True))
        already = set(
            through._default_manager.filter(**{theme: target, f"{owner}_id__in": owners}).values_list(
                f"{owner}_id", flat=True
            )
        )
        through._default_manager.bulk_create(
            [through(**{f"{owner}_id": pk, theme: target}) for pk in owners - already]
        )
        moved += len(owners)
    return moved


@transaction.atomic
def suggestion_accept(*, actor: Any, exercise: ListeningExercise, key: str, name: str = "") -> Theme:
    """Turn one suggested theme into a theme, with a highlight for each of its fragments."""
    from traction.listening.selectors import suggestions_for

    _require_facilitator(actor, exercise, "add", "theme")
    found = next((s for s in suggestions_for(exercise=exercise).result.items if s.key == key), None)
    if found is None:
        raise ValidationError(SUGGESTION_GONE)
    theme = theme_create(
        actor=actor,
        exercise=exercise,
        name=name.strip() or found.label,
        description=f"Accepted from a suggestion of {len(found.fragments)} fragments.",
    )
    notes = {n.pk: n for n in ListeningNote.objects.filter(exercise=exercise)}
    for fragment in found.fragments:
        note_pk, field = fragment.source.split(":")
        note = notes[int(note_pk)]
        existing = note.highlights.filter(field=field, start=fragment.start, end=fragment.end).first()
        if existing is not None:
            existing.themes.add(theme)
        else:
            highlight_create(
                actor=actor,
                note=note,
                field=field,
                start=fragment.start,
                end=fragment.end,
                snippet=fragment.text,
                themes=[theme],
            )
    return theme


@transaction.atomic
def codebook_export(*, actor: Any, exercise: ListeningExercise) -> list[list[str]]:
    """The codebook's rows (themes and counts, no words from the notes); the export is recorded."""
    from traction.listening.selectors import codebook_rows

    _require_facilitator(actor, exercise, "view", "theme")
    audit_record(
        actor=actor,
        partnership=exercise.partnership,
        verb="exported",
        instance=exercise,
        changes={"what": "codebook"},
    )
    return codebook_rows(exercise=exercise)


@transaction.atomic
def name_key_read(*, actor: Any, exercise: ListeningExercise) -> list[NameToken]:
    """The key from tokens to names; reading it is recorded."""
    _require_facilitator(actor, exercise, "view", "listeningexercise")
    audit_record(
        actor=actor,
        partnership=exercise.partnership,
        verb="read",
        instance=exercise,
        changes={"what": "name key"},
    )
    return list(exercise.name_tokens.all())


@transaction.atomic
def suggestions_read(*, actor: Any, exercise: ListeningExercise) -> Any:
    """Suggested themes show sentences from every countable note: reading them is recorded."""
    from traction.listening.selectors import suggestions_for

    _require_facilitator(actor, exercise, "view", "theme")
    audit_record(
        actor=actor,
        partnership=exercise.partnership,
        verb="read",
        instance=exercise,
        changes={"what": "suggested themes"},
    )
    return suggestions_for(exercise=exercise)
