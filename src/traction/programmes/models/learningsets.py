"""Action learning sets: members, a facilitator, a cadence, meetings, and notes only the members read.

The facilitator is a member of the set with the role *facilitator*: they read and write the notes like any
member, but the size rule (refused below 3 or above 10 members, a warning outside 5 to 8) counts the other
members only. A member who leaves is removed from the set (the membership row goes, the audit keeps it), so
from then on they no longer read the set's notes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import TenantModel, check_same_partnership

NOT_A_MEMBER = "Only members of the set can be chosen."
CADENCE_RANGE = "Meet every 1 to 26 weeks."


class SetStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class SetRole(models.TextChoices):
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"


class LearningSet(TenantModel):
    name = models.CharField(max_length=200)
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_sets",
    )
    facilitator = models.ForeignKey(
        "governance.Person", on_delete=models.RESTRICT, related_name="learning_sets_facilitated"
    )
    every_weeks = models.PositiveSmallIntegerField(
        "meets every (weeks)",
        default=6,
        validators=[
            MinValueValidator(1, message=CADENCE_RANGE),
            MaxValueValidator(26, message=CADENCE_RANGE),
        ],
    )
    cadence_note = models.CharField(
        "cadence in words", max_length=200, blank=True, help_text="For example: a Thursday afternoon."
    )
    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.RESTRICT,
        related_name="learning_sets",
        verbose_name="body whose action log takes the commitments",
    )
    status = models.CharField(max_length=10, choices=SetStatus.choices, default=SetStatus.ACTIVE)
    members = models.ManyToManyField(
        "governance.Person", through="SetMembership", related_name="learning_sets"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "learning set"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="learningset_name_unique"),
            models.CheckConstraint(
                condition=models.Q(every_weeks__gte=1, every_weeks__lte=26),
                name="learningset_cadence_range",
                violation_error_message=CADENCE_RANGE,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_same_partnership(self, "programme", "facilitator", "body")


class SetMembership(TenantModel):
    learning_set = models.ForeignKey(LearningSet, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("governance.Person", on_delete=models.CASCADE, related_name="set_memberships")
    role = models.CharField(max_length=12, choices=SetRole.choices, default=SetRole.MEMBER)
    joined = models.DateField("joined on")

    class Meta:
        ordering = ["learning_set", "role", "person__name"]
        verbose_name = "set membership"
        constraints = [
            models.UniqueConstraint(fields=["learning_set", "person"], name="one_membership_per_set")
        ]

    def __str__(self) -> str:
        return f"{self.person.name} in {self.learning_set}"

    def clean(self) -> None:
        check_same_partnership(self, "learning_set", "person")


class SetMeeting(TenantModel):
    learning_set = models.ForeignKey(LearningSet, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    attended = models.ManyToManyField("governance.Person", blank=True, related_name="set_meetings_attended")
    actions = models.ManyToManyField("governance.Action", blank=True, related_name="set_meetings")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "set meeting"
        constraints = [models.UniqueConstraint(fields=["learning_set", "date"], name="one_set_meeting_a_day")]

    def __str__(self) -> str:
        return f"{self.learning_set} meeting, {self.date:%d %B %Y}"

    def clean(self) -> None:
        check_same_partnership(self, "learning_set")


class SetNote(TenantModel):
    """What a member wants the set to remember: readable by the set's members only
    (``policy.CONFIDENTIAL``)."""

    learning_set = models.ForeignKey(LearningSet, on_delete=models.CASCADE, related_name="notes")
    meeting = models.ForeignKey(
        SetMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    author = models.ForeignKey("governance.Person", on_delete=models.CASCADE, related_name="set_notes")
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "set note"

    def __str__(self) -> str:
        return f"Note {self.pk} in {self.learning_set}"  # never the text: it is confidential

    def clean(self) -> None:
        check_same_partnership(self, "learning_set", "meeting", "author")
        meeting = self.meeting
        if meeting is not None and self.learning_set_id and meeting.learning_set_id != self.learning_set_id:
            raise ValidationError({"meeting": "Choose a meeting of this set."})
        if (
            self.author_id
            and self.learning_set_id
            and not SetMembership.objects.filter(
                learning_set=self.learning_set_id, person=self.author_id
            ).exists()
        ):
            raise ValidationError({"author": NOT_A_MEMBER})
