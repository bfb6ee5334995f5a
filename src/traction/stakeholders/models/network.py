"""The relationship network: surveys of declared relationships and the ratings in them.

A survey names the people in scope, the period it covers and its facilitators. Each person rates each other
person once: how often they work together (0 never to 4 daily) and how far they trust them (1 to 4) on
reliability, support of the shared mission and openness. Who rated whom is confined to the survey's
facilitators (``policy.CONFIDENTIAL``); everyone else sees aggregates that pass the anonymity service at the
survey's threshold k (never below its floor).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import TenantModel, check_same_partnership
from traction.direction.models import k_constraint, k_field
from traction.governance.models import Person

SELF_RATING = "Nobody rates themselves: choose another person."
PERIOD_ORDER = "The period must end on or after the day it starts."
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
OUT_OF_RANGE = "Enter a date between 1 January 1900 and 31 December 2100."


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for answers"
    CLOSED = "closed", "Closed"


class Frequency(models.IntegerChoices):
    NEVER = 0, "Never"
    YEARLY = 1, "A few times a year"
    MONTHLY = 2, "Monthly"
    WEEKLY = 3, "Weekly"
    DAILY = 4, "Daily"


class Trust(models.IntegerChoices):
    NONE = 1, "Not at all"
    LITTLE = 2, "A little"
    MOSTLY = 3, "Mostly"
    FULLY = 4, "Fully"


TRUST_ASPECTS = (
    ("reliability", "Reliability"),
    ("mission", "Support of the shared mission"),
    ("openness", "Openness"),
)


class NetworkSurvey(TenantModel):
    title = models.CharField(max_length=200)
    starts_on = models.DateField("period starts on")
    ends_on = models.DateField("period ends on")
    people = models.ManyToManyField(Person, related_name="network_surveys", blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="network_surveys", blank=True
    )
    status = models.CharField(max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    k = k_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            k_constraint("networksurvey"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="networksurvey_period_in_order",
                violation_error_message=PERIOD_ORDER,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        for name in ("starts_on", "ends_on"):
            day = getattr(self, name)
            if isinstance(day, datetime.date) and not EARLIEST <= day <= LATEST:
                raise ValidationError({name: OUT_OF_RANGE})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": PERIOD_ORDER})


def _scale(low: int, high: int) -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(low), MaxValueValidator(high)]


class Rating(TenantModel):
    """One directed rating: ``rater`` about ``ratee``, in one survey."""

    survey = models.ForeignKey(NetworkSurvey, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ratings_given")
    ratee = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ratings_received")
    frequency = models.PositiveSmallIntegerField(choices=Frequency.choices, validators=_scale(0, 4))
    reliability = models.PositiveSmallIntegerField(choices=Trust.choices, validators=_scale(1, 4))
    mission = models.PositiveSmallIntegerField(
        "support of the shared mission", choices=Trust.choices, validators=_scale(1, 4)
    )
    openness = models.PositiveSmallIntegerField(choices=Trust.choices, validators=_scale(1, 4))
    comment = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["survey", "rater", "ratee"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "rater", "ratee"], name="one_rating_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(rater=models.F("ratee")),
                name="rating_not_of_oneself",
                violation_error_message=SELF_RATING,
            ),
            models.CheckConstraint(
                condition=models.Q(frequency__gte=0, frequency__lte=4)
                & models.Q(reliability__gte=1, reliability__lte=4)
                & models.Q(mission__gte=1, mission__lte=4)
                & models.Q(openness__gte=1, openness__lte=4),
                name="rating_values_on_their_scales",
            ),
        ]

    def __str__(self) -> str:
        return f"Rating in {self.survey}"

    @property
    def trust(self) -> float:
        return (self.reliability + self.mission + self.openness) / 3

    def clean(self) -> None:
        check_same_partnership(self, "survey", "rater", "ratee")
        if self.rater_id is not None and self.rater_id == self.ratee_id:
            raise ValidationError(SELF_RATING)
