"""Stakeholders and their assessments over time.

A stakeholder is an organisation, a group or a person; where the governance record already holds the
organisation or the person, the stakeholder points at it. An assessment records, at a date, the stakeholder's
power and interest (1–5), stance and desired stance, with the evidence and who assessed: assessments are
appended, never edited or deleted, so the map can be replayed at any past date.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import TenantModel, check_same_partnership

SCALE_MIN, SCALE_MAX = 1, 5
SCALE = f"Give a whole number from {SCALE_MIN} (lowest) to {SCALE_MAX} (highest)."
PERSON_NOT_ORGANISATION = "A person stakeholder points at a person of the record, not an organisation."
ONLY_PERSON = "Only a person stakeholder points at a person of the record."
ONLY_ONE = "A stakeholder is an organisation or a person, not both."


class StakeholderKind(models.TextChoices):
    ORGANISATION = "organisation", "Organisation"
    GROUP = "group", "Group"
    PERSON = "person", "Person"


class Stance(models.TextChoices):
    """In the order of the engagement scale: ``STANCE_ORDER`` ranks them."""

    UNAWARE = "unaware", "Unaware"
    RESISTANT = "resistant", "Resistant"
    NEUTRAL = "neutral", "Neutral"
    SUPPORTIVE = "supportive", "Supportive"
    LEADING = "leading", "Leading"


STANCE_ORDER: dict[str, int] = {stance.value: rank for rank, stance in enumerate(Stance)}


def scale_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        validators=[
            MinValueValidator(SCALE_MIN, message=SCALE),
            MaxValueValidator(SCALE_MAX, message=SCALE),
        ],
        help_text=f"{SCALE_MIN} (lowest) to {SCALE_MAX} (highest); 3 or more counts as high.",
    )


class Stakeholder(TenantModel):
    name = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=StakeholderKind.choices, default=StakeholderKind.ORGANISATION
    )
    organisation = models.ForeignKey(
        "governance.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stakeholders",
        help_text="The organisation of the record this stakeholder is, where there is one.",
    )
    person = models.ForeignKey(
        "governance.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stakeholders",
        help_text="The person of the record this stakeholder is, where there is one.",
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="stakeholder_name_unique"),
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True) | models.Q(person__isnull=True),
                name="stakeholder_organisation_or_person",
                violation_error_message=ONLY_ONE,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_same_partnership(self, "organisation", "person")
        if self.organisation_id and self.person_id:
            raise ValidationError(ONLY_ONE)
        if self.kind == StakeholderKind.PERSON and self.organisation_id:
            raise ValidationError({"organisation": PERSON_NOT_ORGANISATION})
        if self.kind != StakeholderKind.PERSON and self.person_id:
            raise ValidationError({"person": ONLY_PERSON})


class Assessment(TenantModel):
    """Where a stakeholder stood at a date. Appended only: a later view of the stakeholder is a new row."""

    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField("assessed on")
    power = scale_field("power")
    interest = scale_field("interest")
    stance = models.CharField(max_length=20, choices=Stance.choices)
    desired_stance = models.CharField("desired stance", max_length=20, choices=Stance.choices)
    evidence = models.TextField(blank=True, help_text="What the assessment rests on: what was said or done.")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stakeholder", "assessed_on", "id"]
        indexes = [models.Index(fields=["partnership", "assessed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(power__gte=SCALE_MIN, power__lte=SCALE_MAX)
                & models.Q(interest__gte=SCALE_MIN, interest__lte=SCALE_MAX),
                name="assessment_scale_1_to_5",
                violation_error_message=SCALE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder} on {self.assessed_on:%d %B %Y}: {self.get_stance_display()}"

    def clean(self) -> None:
        check_same_partnership(self, "stakeholder")


class EngagementKind(models.TextChoices):
    CONTACT = "contact", "Contact (call or email)"
    MEETING = "meeting", "Meeting"
    EVENT = "event", "Event"
    BRIEFING = "briefing", "Briefing"
    CONSULTATION = "consultation", "Consultation"


class Engagement(TenantModel):
    """A contact or meeting with one or more stakeholders: who took part, what was heard, and the next step,
    recorded as an action in a body's action log (``traction.governance.workflows``)."""

    held_on = models.DateField("date")
    kind = models.CharField(max_length=20, choices=EngagementKind.choices, default=EngagementKind.MEETING)
    title = models.CharField(max_length=200)
    stakeholders = models.ManyToManyField(Stakeholder, related_name="engagements")
    participants = models.ManyToManyField(
        "governance.Person",
        blank=True,
        related_name="stakeholder_engagements",
        help_text="The people of the record who took part for the partnership.",
    )
    heard = models.TextField("what was heard", blank=True)
    next_step = models.ForeignKey(
        "governance.Action",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="engagements",
        help_text="The next step, in a body's action log.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["partnership", "held_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %B %Y})"

    def clean(self) -> None:
        check_same_partnership(self, "next_step")
