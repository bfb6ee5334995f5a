"""Feedback that reaches outcomes: after each session, at the end of a programme, and months later.

Each answer writes two rows that nothing ties together: a participation saying *who* has answered (so that
nobody answers twice) and a response holding *what* was answered, naming nobody. The three forms share the
one response model, told apart by ``stage``:

- ``session``: after a session, satisfaction, engagement and relevance on a five-point scale and one open
  question;
- ``end``: at the end of the programme, a then-and-now self-rating on each learning objective (rows of
  ``ObjectiveRating``);
- ``month3`` / ``month6``: three and six months after the programme ends, what the person now does
  differently, how far they have applied what they learned and how much difference it has made.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import TenantModel, check_same_partnership
from traction_analysis.programmes.feedback import HIGH, LOW

from .programmes import Programme, Session

OUT_OF_RANGE = f"Choose a whole number from {LOW} to {HIGH}."
SCORE_VALIDATORS = [
    MinValueValidator(LOW, message=OUT_OF_RANGE),
    MaxValueValidator(HIGH, message=OUT_OF_RANGE),
]


class Stage(models.TextChoices):
    SESSION = "session", "After a session"
    END = "end", "Then and now, at the end"
    MONTH3 = "month3", "Follow-up after three months"
    MONTH6 = "month6", "Follow-up after six months"


FOLLOW_UP_STAGES = {3: Stage.MONTH3, 6: Stage.MONTH6}


def _score(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=SCORE_VALIDATORS)


def _in_range(name: str) -> models.Q:
    return models.Q(**{f"{name}__isnull": True}) | models.Q(**{f"{name}__gte": LOW, f"{name}__lte": HIGH})


def _session_matches_stage() -> models.Q:
    return models.Q(stage=Stage.SESSION, session__isnull=False) | (
        ~models.Q(stage=Stage.SESSION) & models.Q(session__isnull=True)
    )


class LearningObjective(TenantModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="objectives")
    text = models.CharField("what participants will be able to do", max_length=400)
    order = models.PositiveSmallIntegerField(default=1, help_text="Objectives are listed in this order.")

    class Meta:
        ordering = ["programme", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "text"], name="learning_objective_unique")
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        check_same_partnership(self, "programme")


class FeedbackParticipation(TenantModel):
    """Who has answered which form: never what they answered."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="feedback_participations")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback_participations"
    )
    person = models.ForeignKey("governance.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=models.Q(session__isnull=False),
                name="one_session_feedback_per_person",
            ),
            models.UniqueConstraint(
                fields=["programme", "stage", "person"],
                condition=models.Q(session__isnull=True),
                name="one_programme_feedback_per_person",
            ),
            models.CheckConstraint(condition=_session_matches_stage(), name="participation_session_stage"),
        ]

    def __str__(self) -> str:
        return f"Answered: {self.get_stage_display()}"


class FeedbackResponse(TenantModel):
    """One person's answers, naming nobody. ``comment`` is the open question after a session and "what do
    you now do differently" at a follow-up; it is shown only when the group of answers reaches the
    programme's k and a facilitator has released it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="feedback_responses")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback_responses"
    )
    satisfaction = _score("satisfaction")
    engagement = _score("engagement")
    relevance = _score("relevance")
    applied = _score("applied what they learned")
    impact = _score("difference it has made")
    comment = models.TextField(blank=True)
    released = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["programme", "stage"])]
        constraints = [
            *(
                models.CheckConstraint(condition=_in_range(name), name=f"feedback_{name}_in_range")
                for name in ("satisfaction", "engagement", "relevance", "applied", "impact")
            ),
            models.CheckConstraint(condition=_session_matches_stage(), name="feedback_session_stage"),
        ]

    def __str__(self) -> str:
        return f"Feedback: {self.get_stage_display()}"

    def clean(self) -> None:
        check_same_partnership(self, "programme", "session")


class ObjectiveRating(models.Model):
    """A then-and-now response's rating of one objective. An objective people have rated cannot be deleted
    (RESTRICT): its ratings would silently vanish from the report."""

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="ratings")
    objective = models.ForeignKey(LearningObjective, on_delete=models.RESTRICT, related_name="ratings")
    before = models.PositiveSmallIntegerField("before the programme", validators=SCORE_VALIDATORS)
    now = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "objective"], name="one_rating_per_objective"),
            models.CheckConstraint(
                condition=models.Q(before__gte=LOW, before__lte=HIGH, now__gte=LOW, now__lte=HIGH),
                name="objective_rating_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective}: {self.before} then, {self.now} now"
