"""Rival change options and priorities and values exercises.

A change option is a proposed structure or plan, sponsored by one of the stakeholders. Key stakeholders'
positions on it are appended at a date, never overwritten, so positions can be shown over time.

A priorities exercise asks members to rank a list of priorities and values (or score each 1 to 5). Answers
are stored apart from who gave them: a participation row says that a person has answered (so nobody answers
twice), the response row holds the ranking or scores and names nobody. Results pass the anonymity service at
the exercise's ``k``, never below its floor. Once closed, the agreed list is recorded as principles of the
shared direction, agreed by a decided agenda item that the exercise records at a meeting.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from traction.core.models import TenantModel, check_same_partnership
from traction.direction.models import k_constraint, k_field

from .stakeholders import Stakeholder

AGREED_NEEDS_ITEM = "An agreed exercise links the decided agenda item that agreed its list."


class OptionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PREFERRED = "preferred", "Preferred"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Stand(models.TextChoices):
    SUPPORT = "support", "Support"
    CONDITIONAL = "conditional", "Conditional support"
    NEUTRAL = "neutral", "Neutral"
    OPPOSE = "oppose", "Oppose"


class ChangeOption(TenantModel):
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    sponsor = models.ForeignKey(
        Stakeholder,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_options",
        help_text="The stakeholder who puts the option forward.",
    )
    status = models.CharField(max_length=20, choices=OptionStatus.choices, default=OptionStatus.PROPOSED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="changeoption_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "sponsor")


class OptionPosition(TenantModel):
    """A stakeholder's position on an option at a date. Appended only: a change of mind is a new row."""

    option = models.ForeignKey(ChangeOption, on_delete=models.CASCADE, related_name="positions")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="option_positions")
    stated_on = models.DateField("stated on")
    stand = models.CharField("position", max_length=20, choices=Stand.choices)
    note = models.TextField(blank=True, help_text="What the position rests on: what was said, and where.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["option", "stated_on", "id"]
        indexes = [models.Index(fields=["option", "stakeholder", "stated_on"])]

    def __str__(self) -> str:
        return f"{self.stakeholder} on {self.option}, {self.stated_on:%d %B %Y}: {self.get_stand_display()}"

    def clean(self) -> None:
        check_same_partnership(self, "option", "stakeholder")


class Method(models.TextChoices):
    RANK = "rank", "Rank all the items in order"
    SCORE = "score", "Score each item from 1 to 5"


class ExerciseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for answers"
    CLOSED = "closed", "Closed"
    AGREED = "agreed", "Agreed list recorded"


class PrioritiesExercise(TenantModel):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What the list is for, and who is asked.")
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.RANK)
    status = models.CharField(max_length=10, choices=ExerciseStatus.choices, default=ExerciseStatus.DRAFT)
    k = k_field()
    agreed_item = models.ForeignKey(
        "governance.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name="agreed by",
    )
    principles = models.ManyToManyField("direction.Principle", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            k_constraint("prioritiesexercise"),
            models.CheckConstraint(
                condition=~models.Q(status=ExerciseStatus.AGREED) | models.Q(agreed_item__isnull=False),
                name="prioritiesexercise_agreed_has_decision",
                violation_error_message=AGREED_NEEDS_ITEM,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "agreed_item")
        if self.status == ExerciseStatus.AGREED and self.agreed_item_id is None:
            raise ValidationError(AGREED_NEEDS_ITEM)


class Priority(TenantModel):
    exercise = models.ForeignKey(PrioritiesExercise, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["exercise", "order", "id"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["exercise", "title"], name="priority_title_unique_in_exercise"),
        ]

    def __str__(self) -> str:
        return self.title


class PrioritiesParticipation(TenantModel):
    exercise = models.ForeignKey(PrioritiesExercise, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["exercise", "user"], name="one_priorities_answer_per_person"),
        ]

    def __str__(self) -> str:
        return f"Answered {self.exercise}"


class PrioritiesResponse(TenantModel):
    """One person's ranking (``{priority id: rank}``, 1 the top) or scores (``{priority id: 1–5}``); it
    names nobody."""

    exercise = models.ForeignKey(PrioritiesExercise, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Response to {self.exercise}"
