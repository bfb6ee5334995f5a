"""Shared direction (principles, goals, outcomes and their indicators) and partnership health (health-check
runs and trust-pulse waves).

A principle, goal or outcome is *agreed* only by a decided agenda item of the governance record: the model,
the database and the services all refuse the status without it. Answers to a health check or a pulse are
stored apart from who gave them: a participation row says that a person has answered (so nobody answers
twice), the response row holds the answers and names nobody; every figure shown passes the anonymity
service (``traction_analysis.anonymity``) at the run's threshold, never below its floor.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import TenantModel, check_same_partnership
from traction.governance.models import Outcome as ItemOutcome
from traction_analysis.anonymity import K_FLOOR, K_TOO_LOW

NEEDS_DECISION = "Link the decided agenda item that agreed this before marking it agreed."
NOT_DECIDED = "Choose an agenda item whose outcome is “decided”."
QUESTION_FOR_SERVICE = "A service indicator needs its question: how much, how well, or is anyone better off."
NO_QUESTION_FOR_POPULATION = (
    "A population indicator describes a whole area that no one service owns: "
    "it cannot carry a service question."
)
FOLLOW_UP_NEEDED = "Choose an action, or write why no action is needed."
PULSE_K_DEFAULT = 5


def k_field(default: int = PULSE_K_DEFAULT) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        "anonymity threshold (k)",
        default=default,
        validators=[MinValueValidator(K_FLOOR, message=K_TOO_LOW)],
        help_text=f"Results appear only when at least this many people have answered. "
        f"Never lower than {K_FLOOR}.",
    )


def k_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(k__gte=K_FLOOR), name=f"{name}_k_at_least_floor", violation_error_message=K_TOO_LOW
    )


# --- principles, goals, outcomes ------------------------------------------------------------------------


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    RETIRED = "retired", "Retired"


class Statement(TenantModel):
    """What principles, goals and outcomes share: words, a status, and the decision that agreed them."""

    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    agreed_item = models.ForeignKey(
        "governance.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name="agreed by",
        help_text="The decided agenda item that agreed it.",
    )
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "agreed_item")
        if self.status == Status.AGREED and self.agreed_item_id is None:
            raise ValidationError({"agreed_item": NEEDS_DECISION})
        if self.agreed_item is not None and self.agreed_item.outcome != ItemOutcome.DECIDED:
            raise ValidationError({"agreed_item": NOT_DECIDED})

    @classmethod
    def agreed_needs_item(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=~models.Q(status=Status.AGREED) | models.Q(agreed_item__isnull=False),
            name=f"{name}_agreed_has_decision",
            violation_error_message=NEEDS_DECISION,
        )


class Principle(Statement):
    class Meta(Statement.Meta):
        constraints = [Statement.agreed_needs_item("principle")]


class Goal(Statement):
    owner = models.ForeignKey(
        "governance.Body", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(Statement.Meta):
        constraints = [Statement.agreed_needs_item("goal")]

    def clean(self) -> None:
        super().clean()
        check_same_partnership(self, "owner")


class SharedOutcome(Statement):
    """An outcome the partners agree to move together; the decisions and actions that claim to move it."""

    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="outcomes")
    owner = models.ForeignKey(
        "governance.Body", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decisions = models.ManyToManyField("governance.AgendaItem", blank=True, related_name="shared_outcomes")
    actions = models.ManyToManyField("governance.Action", blank=True, related_name="shared_outcomes")

    class Meta(Statement.Meta):
        verbose_name = "outcome"
        constraints = [Statement.agreed_needs_item("sharedoutcome")]

    def clean(self) -> None:
        super().clean()
        check_same_partnership(self, "goal", "owner")


# --- indicators -----------------------------------------------------------------------------------------


class Level(models.TextChoices):
    POPULATION = "population", "Population (a whole area)"
    SERVICE = "service", "Service (a programme or service)"


class Question(models.TextChoices):
    NONE = "", "—"
    HOW_MUCH = "how_much", "How much did we do?"
    HOW_WELL = "how_well", "How well did we do it?"
    BETTER_OFF = "better_off", "Is anyone better off?"


class Polarity(models.TextChoices):
    HIGH_GOOD = "high", "Higher is better"
    LOW_GOOD = "low", "Lower is better"
    NONE = "none", "No judgement"


class Source(models.TextChoices):
    FINGERTIPS = "fingertips", "OHID Fingertips"
    LOCAL = "local", "Local data"


class Indicator(TenantModel):
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.POPULATION)
    question = models.CharField(max_length=12, choices=Question.choices, blank=True, default="")
    polarity = models.CharField(max_length=6, choices=Polarity.choices, default=Polarity.NONE)
    unit = models.CharField(max_length=60, blank=True, help_text="For example: per 100,000, %, people.")
    area_code = models.CharField(
        "area code", max_length=12, blank=True, help_text="The ONS GSS code of the area, e.g. E06000014."
    )
    area_name = models.CharField("area name", max_length=200, blank=True)
    area_type = models.CharField("area type", max_length=100, blank=True)
    benchmark_code = models.CharField(
        "benchmark area code",
        max_length=12,
        blank=True,
        help_text="The area to compare with, e.g. E92000001 for England. Leave blank for none.",
    )
    benchmark_name = models.CharField("benchmark area name", max_length=200, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.LOCAL)
    fingertips_id = models.PositiveIntegerField("Fingertips indicator id", null=True, blank=True)
    fingertips_area_type = models.PositiveIntegerField("Fingertips area type id", null=True, blank=True)
    fingertips_profile = models.PositiveIntegerField("Fingertips profile id", null=True, blank=True)
    baseline_period = models.CharField("baseline period", max_length=40, blank=True)
    target = models.FloatField(null=True, blank=True)
    target_period = models.CharField("target period", max_length=40, blank=True)
    outcomes = models.ManyToManyField(SharedOutcome, blank=True, related_name="indicators")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(level=Level.POPULATION) | models.Q(question=""),
                name="indicator_population_has_no_question",
                violation_error_message=NO_QUESTION_FOR_POPULATION,
            ),
            models.CheckConstraint(
                condition=~models.Q(level=Level.SERVICE) | ~models.Q(question=""),
                name="indicator_service_has_question",
                violation_error_message=QUESTION_FOR_SERVICE,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.level == Level.POPULATION and self.question:
            raise ValidationError({"question": NO_QUESTION_FOR_POPULATION})
        if self.level == Level.SERVICE and not self.question:
            raise ValidationError({"question": QUESTION_FOR_SERVICE})
        if self.source == Source.FINGERTIPS and (
            self.fingertips_id is None or self.fingertips_area_type is None
        ):
            raise ValidationError("A Fingertips indicator needs its indicator id and area type id.")


class FingertipsSnapshot(TenantModel):
    """The raw answer of one Fingertips pull, kept as it came, with what was read from it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="snapshots")
    url = models.URLField(max_length=500)
    sha256 = models.CharField(max_length=64)
    raw = models.TextField()
    rows = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    fetched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fetched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fetched_at", "-id"]

    def __str__(self) -> str:
        return f"Fingertips pull for {self.indicator} ({self.rows} rows)"


class IndicatorValue(TenantModel):
    """One value of an indicator for one area and period; ``area_code`` blank is the indicator's own area."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area_code = models.CharField(max_length=12, blank=True)
    period = models.CharField(max_length=40, help_text="As published, e.g. 2021/22 or 2023 Q2.")
    period_order = models.IntegerField(help_text="Sorts the periods in time order.")
    value = models.FloatField(null=True, blank=True)
    lower_ci = models.FloatField("lower 95% confidence limit", null=True, blank=True)
    upper_ci = models.FloatField("upper 95% confidence limit", null=True, blank=True)
    count = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    raw = models.JSONField(default=dict, blank=True)
    snapshot = models.ForeignKey(
        FingertipsSnapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="values"
    )

    class Meta:
        ordering = ["indicator", "area_code", "period_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period"],
                name="one_value_per_indicator_area_period",
                violation_error_message="This indicator already has a value for that area and period.",
            )
        ]
        indexes = [models.Index(fields=["indicator", "area_code", "period_order"], name="value_series")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"


# --- health checks --------------------------------------------------------------------------------------


class Section(models.TextChoices):
    NEED = "need", "Recognising the need to work together"
    PURPOSE = "purpose", "Clarity of purpose"
    COMMITMENT = "commitment", "Commitment and ownership"
    TRUST = "trust", "Trust"
    ARRANGEMENTS = "arrangements", "Working arrangements"
    LEARNING = "learning", "Monitoring and learning"


class HealthStatement(TenantModel):
    """One statement of the partnership's health check, answered on a five-point agreement scale."""

    section = models.CharField(max_length=20, choices=Section.choices)
    text = models.CharField(max_length=400)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Only active statements go into a new run.")

    class Meta:
        ordering = ["section", "order", "id"]

    def __str__(self) -> str:
        return self.text


class RunStatus(models.TextChoices):
    OPEN = "open", "Open for answers"
    CLOSED = "closed", "Closed"


class HealthCheckRun(TenantModel):
    """One round of the health check. ``statements`` fixes the questions asked when it opened:
    ``[{"key", "section", "text"}]``, so later edits to the statements do not change what was answered."""

    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.OPEN)
    k = k_field()
    statements = models.JSONField(default=list, blank=True)
    closes_on = models.DateField("answers close on", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [k_constraint("healthcheckrun")]

    def __str__(self) -> str:
        return self.title


class HealthParticipation(TenantModel):
    """That ``person`` has answered ``run``; what they answered is in a response row that names nobody."""

    run = models.ForeignKey(HealthCheckRun, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "user"], name="one_health_answer_per_person")]

    def __str__(self) -> str:
        return f"Answered {self.run}"


class HealthResponse(TenantModel):
    """One person's answers, by statement key: ``{"s12": 4}`` (1 strongly disagree … 5 strongly agree)."""

    run = models.ForeignKey(HealthCheckRun, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Response to {self.run}"


class FollowUp(TenantModel):
    """What a run or wave does about one of its concerns: an action in the log, or a reason for none.

    RESTRICT, not SET_NULL, on the action: a follow-up left with neither breaks the check below, so deleting
    the action is refused (with the usual message) rather than failing in the database; deleting the whole
    partnership still takes both."""

    action = models.ForeignKey(
        "governance.Action", null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    reason = models.TextField("no action, because…", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @staticmethod
    def action_or_reason(name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=models.Q(action__isnull=False) | ~models.Q(reason=""),
            name=name,
            violation_error_message=FOLLOW_UP_NEEDED,
        )


class HealthFollowUp(FollowUp):
    """A health-check run's follow-up of a low or contested section."""

    run = models.ForeignKey(HealthCheckRun, on_delete=models.CASCADE, related_name="follow_ups")
    section = models.CharField(max_length=20, choices=Section.choices)

    class Meta:
        ordering = ["section", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "section"], name="one_follow_up_per_section"),
            FollowUp.action_or_reason("health_follow_up_action_or_reason"),
        ]

    def __str__(self) -> str:
        return f"Follow-up on {self.get_section_display()}"

    def clean(self) -> None:
        check_same_partnership(self, "run", "action")


# --- trust pulse ----------------------------------------------------------------------------------------


class WaveStatus(models.TextChoices):
    OPEN = "open", "Open for answers"
    CLOSED = "closed", "Closed"
    PUBLISHED = "published", "Published"


class PulseWave(TenantModel):
    """One wave of the trust pulse. ``items`` fixes what was asked: ``[{"key", "kind", "text"}]`` with kind
    ``agree`` (1–5), ``score`` (0–100) or ``open`` (words); at most five."""

    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=WaveStatus.choices, default=WaveStatus.OPEN)
    k = k_field()
    cadence = models.CharField(max_length=100, default="Every three months")
    flag_below = models.PositiveSmallIntegerField(
        "flag an item when its median is below",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="On the five-point items; the 0–100 item is flagged below twenty times this.",
    )
    items = models.JSONField(default=list, blank=True)
    opens_on = models.DateField("opens on", null=True, blank=True)
    closes_on = models.DateField("closes on", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [k_constraint("pulsewave")]

    def __str__(self) -> str:
        return self.title


class PulseParticipation(TenantModel):
    wave = models.ForeignKey(PulseWave, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wave", "user"], name="one_pulse_answer_per_person")]

    def __str__(self) -> str:
        return f"Answered {self.wave}"


class PulseResponse(TenantModel):
    """One person's answers by item key, their organisation's kind for breakdowns (shown only when every
    group reaches k), and their words, shown only when the wave reaches k and a facilitator released them."""

    wave = models.ForeignKey(PulseWave, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(default=dict)
    group = models.CharField(max_length=60, blank=True)
    comment = models.TextField(blank=True)
    released = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Response to {self.wave}"


class PulseFollowUp(FollowUp):
    """A pulse wave's follow-up of a flagged item."""

    wave = models.ForeignKey(PulseWave, on_delete=models.CASCADE, related_name="follow_ups")
    item = models.CharField(max_length=40)

    class Meta:
        ordering = ["item", "id"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "item"], name="one_follow_up_per_item"),
            FollowUp.action_or_reason("pulse_follow_up_action_or_reason"),
        ]

    def __str__(self) -> str:
        return f"Follow-up on {self.item}"

    def clean(self) -> None:
        check_same_partnership(self, "wave", "action")
