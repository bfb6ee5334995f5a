"""The commissioning cycle: strategies taken round Analyse → Plan → Do → Review, gates decided by a named
body, options appraisals with their sensitivity check, outcome reviews and a yearly self-assessment.

A strategy's phase moves **only through a gate decision** (``services.gates.gate_decide``): the model refuses
any other change of phase or iteration, whatever path the write takes. A gate decision names the body and
meeting that decided it and points at the decided agenda item in the record; its conditions are actions in
the action log, so follow-through counts them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import Partnership, PartnershipQuerySet, TenantModel, check_same_partnership

PHASE_BY_GATE = "The phase changes only through a gate decision: record the gate's decision instead."


class Phase(models.TextChoices):
    ANALYSE = "analyse", "Analyse"
    PLAN = "plan", "Plan"
    DO = "do", "Do"
    REVIEW = "review", "Review"


PHASE_ORDER = (Phase.ANALYSE, Phase.PLAN, Phase.DO, Phase.REVIEW)


def next_phase(phase: str) -> str:
    """The phase after ``phase``; after Review comes Analyse (of the next iteration)."""
    return PHASE_ORDER[(PHASE_ORDER.index(Phase(phase)) + 1) % len(PHASE_ORDER)]


class CommissioningSettings(models.Model):
    """A partnership's commissioning settings: admins set them, every member reads them."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="commissioning_settings"
    )
    stall_days = models.PositiveIntegerField(
        "a strategy stalls after this many days without a gate",
        default=180,
        validators=[MinValueValidator(30), MaxValueValidator(1095)],
        help_text="A strategy with no gate decided for this long shows as stalled in the diagnosis.",
    )

    class Meta:
        verbose_name_plural = "commissioning settings"

    def __str__(self) -> str:
        return f"Commissioning settings of {self.partnership}"


class StrategyQuerySet(PartnershipQuerySet["Strategy"]):
    """Bulk writes cannot move a phase either: only the gate service's save of one strategy may."""

    def update(self, **kwargs: Any) -> int:
        if {"phase", "iteration"} & set(kwargs):
            raise ValidationError({"phase": PHASE_BY_GATE})
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        if {"phase", "iteration"} & set(fields):
            raise ValidationError({"phase": PHASE_BY_GATE})
        return super().bulk_update(objs, fields, batch_size=batch_size)


class Strategy(TenantModel):
    """A commissioning strategy. ``phase`` and ``iteration`` move only through a gate decision."""

    title = models.CharField(max_length=200)
    scope = models.TextField(blank=True)
    lead_officer = models.ForeignKey(
        "governance.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_body = models.ForeignKey(
        "governance.Body", on_delete=models.PROTECT, related_name="+", verbose_name="lead body"
    )
    partner_bodies = models.ManyToManyField(
        "governance.Body", blank=True, related_name="+", verbose_name="partner bodies"
    )
    budget = models.DecimalField("annual budget (£)", max_digits=14, decimal_places=2, null=True, blank=True)
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.ANALYSE, editable=False)
    iteration = models.PositiveIntegerField(default=1, editable=False)
    phase_since = models.DateField("in this phase since", null=True, blank=True, editable=False)
    next_gate_on = models.DateField("next gate date", null=True, blank=True)
    stopped_on = models.DateField("stopped on", null=True, blank=True, editable=False)
    outcomes = models.ManyToManyField(
        "direction.SharedOutcome", blank=True, related_name="strategies", verbose_name="outcomes it serves"
    )
    indicators = models.ManyToManyField(
        "direction.Indicator", blank=True, related_name="strategies", verbose_name="indicators it uses"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StrategyQuerySet.as_manager()  # type: ignore[misc]  # a narrower queryset than TenantModel's

    class Meta:
        verbose_name = "commissioning strategy"
        verbose_name_plural = "commissioning strategies"
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    _gate_moves_it = False  # set only by the gate service, for the one save that moves the phase

    def clean(self) -> None:
        check_same_partnership(self, "lead_officer", "lead_body")
        self._refuse_phase_change()

    def _refuse_phase_change(self) -> None:
        if self.pk is None or self._gate_moves_it:
            return
        stored = type(self)._default_manager.filter(pk=self.pk).values("phase", "iteration").first()
        if stored and (stored["phase"], stored["iteration"]) != (self.phase, self.iteration):
            raise ValidationError({"phase": PHASE_BY_GATE})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_phase_change()  # every path, not only those that call full_clean
        super().save(*args, **kwargs)


# --- the toolkit: a checklist per phase ----------------------------------------------------------------


class ToolkitStep(TenantModel):
    """One step of a phase's checklist, with guidance in our own words; the partnership's admins edit them."""

    phase = models.CharField(max_length=10, choices=Phase.choices)
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    active = models.BooleanField(
        default=True, help_text="Only active steps appear on strategies' checklists."
    )

    class Meta:
        ordering = ["phase", "order", "id"]

    def __str__(self) -> str:
        return self.title


class ChecklistTick(TenantModel):
    """A step done (or not) for one iteration of a strategy."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="ticks")
    step = models.ForeignKey(ToolkitStep, on_delete=models.CASCADE, related_name="ticks")
    iteration = models.PositiveIntegerField()
    done = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["strategy", "step", "iteration"], name="one_tick_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.step} ({'done' if self.done else 'to do'})"


# --- gates ------------------------------------------------------------------------------------------------


class GateCriterionTemplate(TenantModel):
    """A criterion the gate out of ``phase`` asks about; the default set is in our own words."""

    phase = models.CharField("gate out of", max_length=10, choices=Phase.choices)
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["phase", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Decision(models.TextChoices):
    PROCEED = "proceed", "Proceed"
    CONDITIONS = "conditions", "Proceed with conditions"
    HOLD = "hold", "Hold"
    STOP = "stop", "Stop"


class Confidence(models.IntegerChoices):
    """Delivery confidence, in the five levels public-sector assurance reviews use."""

    GREEN = 5, "Green: successful delivery highly likely"
    AMBER_GREEN = 4, "Amber/green: probable, with attention"
    AMBER = 3, "Amber: feasible, with significant issues"
    AMBER_RED = 2, "Amber/red: in doubt, with major risks"
    RED = 1, "Red: appears unachievable"


class GateStatus(models.TextChoices):
    PENDING = "pending", "To be decided"
    DECIDED = "decided", "Decided"


class Gate(TenantModel):
    """The gate out of ``from_phase`` of one iteration. Criteria are copied from the template when it is
    made; the decision names the body, the meeting and the decided item that recorded it."""

    # A strategy with gates is part of the record (their decided items and conditions point back at them):
    # deleting it is refused; deleting the partnership still takes both.
    strategy = models.ForeignKey(Strategy, on_delete=models.RESTRICT, related_name="gates")
    iteration = models.PositiveIntegerField()
    from_phase = models.CharField(max_length=10, choices=Phase.choices)
    to_phase = models.CharField(max_length=10, choices=Phase.choices)
    scheduled_for = models.DateField("gate date", null=True, blank=True)
    status = models.CharField(max_length=10, choices=GateStatus.choices, default=GateStatus.PENDING)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    confidence = models.PositiveSmallIntegerField(
        "delivery confidence", choices=Confidence.choices, null=True, blank=True
    )
    body = models.ForeignKey(
        "governance.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        "governance.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_item = models.ForeignKey(
        "governance.AgendaItem", null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    reasons = models.TextField(
        "reasons", blank=True, help_text="Needed when the gate is passed with a criterion not met."
    )
    conditions = models.ManyToManyField("governance.Action", blank=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["strategy", "iteration", "created_at", "id"]
        indexes = [models.Index(fields=["strategy", "status"], name="gate_strategy_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=GateStatus.PENDING)
                | (
                    ~models.Q(decision="")
                    & models.Q(body__isnull=False, meeting__isnull=False, decided_item__isnull=False)
                ),
                name="decided_gate_names_body_meeting_item",
                violation_error_message="A decided gate names its decision, body, meeting and decided item.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.strategy}: gate {self.get_from_phase_display()} → {self.get_to_phase_display()}"

    def clean(self) -> None:
        check_same_partnership(self, "strategy", "body", "meeting", "decided_item")


class Assessment(models.TextChoices):
    UNASSESSED = "", "Not yet assessed"
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "na", "Not applicable"


class GateCriterion(TenantModel):
    """One criterion of one gate, with its assessment and evidence (a paper of the record, or a link)."""

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)
    assessment = models.CharField(max_length=10, choices=Assessment.choices, blank=True, default="")
    evidence = models.TextField(blank=True)
    paper = models.ForeignKey(
        "governance.Paper", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["gate", "order", "id"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        check_same_partnership(self, "gate", "paper")


# --- options appraisal --------------------------------------------------------------------------------


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETE = "complete", "Complete"


class OptionsAppraisal(TenantModel):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="appraisals")
    iteration = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=AppraisalStatus.choices, default=AppraisalStatus.DRAFT)
    preferred_reasons = models.TextField("why the preferred option", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["strategy", "-iteration", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "strategy")


class SuccessFactor(TenantModel):
    """A critical success factor with its weight; the weights of an appraisal sum to 100."""

    appraisal = models.ForeignKey(OptionsAppraisal, on_delete=models.CASCADE, related_name="factors")
    name = models.CharField(max_length=200)
    standard = models.BooleanField(default=False, help_text="One of the five standard factors.")
    weight = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["appraisal", "order", "id"]

    def __str__(self) -> str:
        return self.name


class Dimension(models.TextChoices):
    SCOPE = "scope", "Scope"
    SOLUTION = "solution", "Solution"
    DELIVERY = "delivery", "Delivery"
    IMPLEMENTATION = "implementation", "Implementation"
    FUNDING = "funding", "Funding"


class Channel(models.TextChoices):
    IN_HOUSE = "in_house", "In-house"
    INSOURCE = "insource", "Insource"
    PARTNERSHIP = "partnership", "Partnership or influence"
    OUTSOURCE = "outsource", "Outsource"
    MIXED = "mixed", "Mixed"
    STOP = "stop", "Stop"


class ShortList(models.TextChoices):
    NONE = "", "Not short-listed"
    BAU = "bau", "Business as usual"
    MINIMUM = "minimum", "Do minimum"
    PREFERRED = "preferred", "Preferred"
    OTHER = "other", "Other short-listed option"


class Option(TenantModel):
    appraisal = models.ForeignKey(OptionsAppraisal, on_delete=models.CASCADE, related_name="options")
    dimension = models.CharField(max_length=20, choices=Dimension.choices, default=Dimension.DELIVERY)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    kept = models.BooleanField("kept on the long list", default=True)
    reason = models.TextField("reason to keep or drop it")
    short_list = models.CharField(
        "on the short list as", max_length=10, choices=ShortList.choices, blank=True
    )
    whole_life_cost = models.DecimalField(
        "whole-life cost (£)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["appraisal", "order", "id"]

    def __str__(self) -> str:
        return self.title


class OptionScore(TenantModel):
    """One assessor's score (0–5) of one short-listed option against one factor."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="scores")
    factor = models.ForeignKey(SuccessFactor, on_delete=models.CASCADE, related_name="scores")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(5)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "factor", "assessor"], name="one_score_per_assessor")
        ]

    def __str__(self) -> str:
        return f"{self.option} × {self.factor}: {self.score}"


# --- outcome review and self-assessment ---------------------------------------------------------------


class ReviewDecision(models.TextChoices):
    CONTINUE = "continue", "Continue"
    REDESIGN = "redesign", "Redesign"
    RESOURCE = "resource", "Re-source"
    DECOMMISSION = "decommission", "Decommission"


class OutcomeReview(TenantModel):
    """The review of one iteration against its outcomes; its decision seeds the next Analyse."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="reviews")
    iteration = models.PositiveIntegerField()
    story = models.TextField("the story behind the figures", blank=True)
    partners = models.TextField("partners with a role to play", blank=True)
    decision = models.CharField(max_length=14, choices=ReviewDecision.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_item = models.ForeignKey(
        "governance.AgendaItem", null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["strategy", "-iteration"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "iteration"], name="one_review_per_iteration")
        ]

    def __str__(self) -> str:
        return f"Review of {self.strategy}, iteration {self.iteration}"

    def clean(self) -> None:
        check_same_partnership(self, "strategy", "decided_item")


class SelfAssessment(TenantModel):
    """A yearly commissioning self-assessment: a score (1–4) per standard, with notes and actions."""

    year = models.PositiveIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    scores = models.JSONField(default=dict, blank=True)  # {standard key: 1..4}
    notes = models.JSONField(default=dict, blank=True)  # {standard key: words}
    actions = models.ManyToManyField("governance.Action", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "commissioning self-assessment"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="one_self_assessment_per_year")
        ]

    def __str__(self) -> str:
        return f"Commissioning self-assessment {self.year}"
