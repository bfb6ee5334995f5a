"""Confidential listening: exercises, the note of each conversation, highlights, themes, and the key of
the tokens that replace names.

Every model is confidential to the exercise's facilitators: ``traction.core.policy.CONFIDENTIAL`` names the
path from each to them and ``policy.permitted`` applies it, so no list, detail page or export can show a
record to anyone else. The words of a note reach a page only through ``selectors.note_words``, which
records the reading. What was said is encrypted at rest (``EncryptedTextField``). A note's, a highlight's
and a token's ``__str__`` is only its kind and id, never words, because audit events (which admins read) use
``str()``; an exercise's title and a theme's name are the facilitator's own labels, meant to be shared.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from traction.core.models import TenantModel, check_same_partnership
from traction.listening.crypto import EncryptedTextField

SNIPPET_MISMATCH = "The highlighted words do not match the note at that place."
SPAN_OUTSIDE = "The highlight must be a non-empty span inside the note's text."
THEME_CYCLE = "A theme cannot sit under itself or under one of its own sub-themes."
OTHER_EXERCISE = "Choose a record from this listening exercise."
DATES_ORDER = "The end date cannot be before the start date."
RETENTION_PAST = "The retention date must be in the future: the notes are destroyed after it."
RETENTION_WARNING_DAYS = 14  # the facilitators are told this many days before the notes are destroyed


class ExerciseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    LISTENING = "listening", "Listening"
    ANALYSING = "analysing", "Analysing"
    CLOSED = "closed", "Closed"


class ListeningExercise(TenantModel):
    title = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="listening_exercises")
    participants = models.ManyToManyField("governance.Person", blank=True, related_name="+")
    starts_on = models.DateField("start date", null=True, blank=True)
    ends_on = models.DateField("end date", null=True, blank=True)
    status = models.CharField(max_length=20, choices=ExerciseStatus.choices, default=ExerciseStatus.PLANNED)
    # UK GDPR storage limitation: after this date the notes, their highlights and the name key are destroyed
    # (``services.exercise_notes_destroy``, run daily by ``manage.py listening_retention``).
    retain_until = models.DateField(
        "keep the notes until",
        null=True,
        blank=True,
        help_text="After this date the notes and the name key are destroyed for good; themes and problem "
        "trees stay. Tell participants this date.",
    )
    retention_warned_on = models.DateField(null=True, blank=True, editable=False)
    notes_destroyed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["retain_until"], name="exercise_retain_until")]

    def __str__(self) -> str:
        return self.title

    @property
    def retention_due_soon(self) -> bool:
        """The notes will be destroyed within the warning period (the page warns the facilitators)."""
        if self.retain_until is None or self.notes_destroyed_at is not None:
            return False
        return self.retain_until - timezone.localdate() <= datetime.timedelta(days=RETENTION_WARNING_DAYS)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": DATES_ORDER})


class NoteField(models.TextChoices):
    FACTS = "facts", "What was said"
    FEELINGS = "feelings", "What was felt"


class ListeningNote(TenantModel):
    """One conversation. ``facts``, ``feelings`` and ``setting`` are encrypted."""

    exercise = models.ForeignKey(ListeningExercise, on_delete=models.CASCADE, related_name="notes")
    # SET_NULL, not PROTECT: a refusal to delete a person would tell the secretary they were listened to.
    participant = models.ForeignKey(
        "governance.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The participant's id, kept when the person is deleted (SET_NULL above): their conversations stay one
    # participant for counting, never several.
    participant_ref = models.PositiveIntegerField(null=True, blank=True, editable=False)
    held_on = models.DateField("date of the conversation")
    setting = EncryptedTextField(blank=True)
    facts = EncryptedTextField("what was said", blank=True)
    feelings = EncryptedTextField("what was felt", blank=True)
    may_quote = models.BooleanField("may be quoted anonymously", default=False)
    may_count = models.BooleanField("may be counted towards a theme", default=False)
    names_reviewed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Conversation {self.pk}" if self.pk else "New conversation"

    def clean(self) -> None:
        check_same_partnership(self, "exercise", "participant")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.participant_id is not None:
            self.participant_ref = self.participant_id
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "participant_ref"}
        super().save(*args, **kwargs)

    def text_of(self, field: str) -> str:
        if field not in NoteField.values:
            raise ValidationError({"field": f"Choose one of: {', '.join(NoteField.values)}."})
        return str(getattr(self, field) or "")

    @property
    def participant_key(self) -> str:
        """Who spoke, for counting distinct participants: the person, or this note when none is named."""
        return speaker_key(self.pk, self.participant_id or self.participant_ref)


def speaker_key(note_id: int | None, participant_id: int | None) -> str:
    """Who spoke, for counting: the person (``participant_id or participant_ref``), or the note when none."""
    return f"person-{participant_id}" if participant_id else f"note-{note_id}"


class Theme(TenantModel):
    exercise = models.ForeignKey(ListeningExercise, on_delete=models.CASCADE, related_name="themes")
    # SET_NULL: a sub-theme outlives a deleted parent as a top-level theme (merging moves it first).
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name="under",
    )
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "exercise",
                name="theme_name_unique_in_exercise",
                violation_error_message="This exercise already has a theme with that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_same_partnership(self, "exercise", "parent")
        if self.parent is None:
            return
        if self.parent.exercise_id != self.exercise_id:
            raise ValidationError({"parent": OTHER_EXERCISE})
        ancestor: Theme | None = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": THEME_CYCLE})
            ancestor = ancestor.parent

    def path(self) -> str:
        names: list[str] = []
        theme: Theme | None = self
        while theme is not None:
            names.append(theme.name)
            theme = theme.parent
        return " › ".join(reversed(names))


class Highlight(TenantModel):
    """A span of one field of a note; ``snippet`` is always the text at that span (encrypted)."""

    note = models.ForeignKey(ListeningNote, on_delete=models.CASCADE, related_name="highlights")
    field = models.CharField(max_length=20, choices=NoteField.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    snippet = EncryptedTextField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="highlights")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["note", "field", "start", "id"]

    def __str__(self) -> str:
        return f"Highlight {self.pk}" if self.pk else "New highlight"

    def clean(self) -> None:
        check_same_partnership(self, "note")
        text = self.note.text_of(self.field)
        if not 0 <= self.start < self.end <= len(text):
            raise ValidationError(SPAN_OUTSIDE)
        if text[self.start : self.end] != self.snippet:
            raise ValidationError(SNIPPET_MISMATCH)


class TokenKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class NameToken(TenantModel):
    """The key: which name a token such as [P3] or [Org B] stands for in this exercise's notes."""

    exercise = models.ForeignKey(ListeningExercise, on_delete=models.CASCADE, related_name="name_tokens")
    kind = models.CharField(max_length=20, choices=TokenKind.choices)
    token = models.CharField(max_length=20)
    name = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [models.UniqueConstraint(fields=["exercise", "token"], name="one_name_per_token")]

    def __str__(self) -> str:
        return f"Name token {self.pk}"

    def clean(self) -> None:
        check_same_partnership(self, "exercise")
