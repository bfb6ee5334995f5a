"""Problem trees, shared pictures, agreement rounds and pair-listening awaydays."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import TenantModel, check_same_partnership
from traction_analysis.anonymity import K_DEFAULT, K_FLOOR, K_TOO_LOW

from . import tree as pure

CITE_OR_INFER = "Cite the themes or highlights behind this node, or mark it as your own inference."
OTHER_TREE = "Both ends of a link must be nodes of this tree."


def k_at_least_floor(model_name: str) -> models.CheckConstraint:
    """The database's own refusal of an anonymity threshold below the floor."""
    return models.CheckConstraint(
        condition=models.Q(k__gte=K_FLOOR),
        name=f"{model_name}_k_at_least_floor",
        violation_error_message=K_TOO_LOW,
    )


class NodeKind(models.TextChoices):
    CORE = pure.CORE, "Core problem"
    CAUSE = pure.CAUSE, "Cause"
    EFFECT = pure.EFFECT, "Effect"
    CONSTRAINT = pure.CONSTRAINT, "Constraint"


class TreeKind(models.TextChoices):
    PROBLEM = "problem", "Problem tree"
    OBJECTIVES = "objectives", "Objectives tree"


class ProblemTree(TenantModel):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=TreeKind.choices, default=TreeKind.PROBLEM)
    exercise = models.ForeignKey(
        "listening.ListeningExercise",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The listening exercise whose themes it cites.",
    )
    source = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="The problem tree this objectives tree was turned from.",
    )
    k = models.PositiveSmallIntegerField(
        "anonymity threshold (k)",
        default=K_DEFAULT,
        validators=[MinValueValidator(K_FLOOR, message=K_TOO_LOW)],
        help_text=f"A shared picture says how widely something was raised only when at least this many "
        f"different participants raised it. Never lower than {K_FLOOR}.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [k_at_least_floor("problemtree")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "exercise", "source")


class ProblemNode(TenantModel):
    tree = models.ForeignKey(ProblemTree, on_delete=models.CASCADE, related_name="nodes")
    kind = models.CharField(max_length=20, choices=NodeKind.choices, default=NodeKind.CAUSE)
    label = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    themes = models.ManyToManyField("listening.Theme", blank=True, related_name="+")
    highlights = models.ManyToManyField("listening.Highlight", blank=True, related_name="+")
    inference = models.BooleanField(
        "the facilitator's inference",
        default=False,
        help_text="Tick when no theme or highlight stands behind this node.",
    )

    class Meta:
        ordering = ["tree", "kind", "id"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        check_same_partnership(self, "tree")


class NodeLink(TenantModel):
    """``source`` leads to ``target`` (a cause to the core problem, the core problem to an effect…)."""

    tree = models.ForeignKey(ProblemTree, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(ProblemNode, on_delete=models.CASCADE, related_name="out_links")
    target = models.ForeignKey(ProblemNode, on_delete=models.CASCADE, related_name="in_links")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"],
                name="one_link_per_pair",
                violation_error_message="These two nodes are already linked.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"

    def clean(self) -> None:
        check_same_partnership(self, "tree")
        if (self.source_id and self.source.tree_id != self.tree_id) or (
            self.target_id and self.target.tree_id != self.tree_id
        ):
            raise ValidationError(OTHER_TREE)


class SharedPicture(TenantModel):
    """A frozen, anonymised snapshot of a tree, published to every member of the partnership."""

    tree = models.ForeignKey(ProblemTree, null=True, on_delete=models.SET_NULL, related_name="pictures")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    k = models.PositiveSmallIntegerField(validators=[MinValueValidator(K_FLOOR, message=K_TOO_LOW)])
    content = models.JSONField(default=dict)  # what everyone sees: labels, kinds, links, released figures
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [k_at_least_floor("sharedpicture")]

    def __str__(self) -> str:
        return f"{self.title} (picture {self.number})"


class Scale(models.TextChoices):
    GRADIENT = "gradient", "Gradients of agreement (8 points)"
    SIMPLE = "simple", "Agree, abstain, disagree, block"


SCALES: dict[str, tuple[tuple[str, str], ...]] = {
    Scale.GRADIENT: (
        ("1", "Wholehearted endorsement"),
        ("2", "Agreement with a minor point of contention"),
        ("3", "Support with reservations"),
        ("4", "Abstain"),
        ("5", "More discussion needed"),
        ("6", "I don't like it but I will support it"),
        ("7", "Serious disagreement"),
        ("8", "Block"),
    ),
    Scale.SIMPLE: (("agree", "Agree"), ("abstain", "Abstain"), ("disagree", "Disagree"), ("block", "Block")),
}
BLOCK_VALUES = frozenset({"8", "block"})


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    REVEALED = "revealed", "Positions revealed"
    CLOSED = "closed", "Closed"


class AgreementRound(TenantModel):
    """One poll on a proposal. A re-poll after amendment is the next round of the same proposal."""

    tree = models.ForeignKey(
        ProblemTree, null=True, blank=True, on_delete=models.SET_NULL, related_name="rounds"
    )
    picture = models.ForeignKey(
        SharedPicture, null=True, blank=True, on_delete=models.SET_NULL, related_name="rounds"
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_round"
    )
    number = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=200)
    proposal = models.TextField()
    scale = models.CharField(max_length=20, choices=Scale.choices, default=Scale.GRADIENT)
    anonymous = models.BooleanField(default=True, help_text="Fixed once the round opens.")
    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The body whose record will hold the decision and its actions.",
    )
    status = models.CharField(max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    tally = models.JSONField(default=dict, blank=True)  # anonymous rounds: counts per value, never who
    block_reasons = models.JSONField(default=list, blank=True)  # anonymous rounds: in random order, never who
    opened_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(
        "governance.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_ups = models.ManyToManyField("governance.Action", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} (round {self.number})"

    def clean(self) -> None:
        check_same_partnership(self, "tree", "picture", "previous", "body")

    def choices(self) -> tuple[tuple[str, str], ...]:
        return SCALES[self.scale]

    def label_of(self, value: str) -> str:
        return dict(self.choices()).get(value, value)


class Position(TenantModel):
    """Someone's position in a round. In an anonymous round ``value`` stays empty: only the round's tally
    holds the value, so no row ties a person to what they said."""

    round = models.ForeignKey(AgreementRound, on_delete=models.CASCADE, related_name="positions")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=20, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["round", "voter"], name="one_position_per_round")]

    def __str__(self) -> str:
        return f"Position in {self.round}"


class Awayday(TenantModel):
    """A pair-listening session plan: who listens to whom in each round, and for how long.
    Nothing said in the pairs is stored."""

    title = models.CharField(max_length=200)
    date = models.DateField(null=True, blank=True)
    rounds = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    turn_minutes = models.PositiveSmallIntegerField(
        "minutes per turn",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Each person in a pair speaks for this long while the other listens.",
    )
    participants = models.ManyToManyField("governance.Person", related_name="+")
    plan = models.JSONField(default=list, blank=True)  # rounds of [person id, person id or null]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
