"""A partnership's own thresholds for the work-avoidance signals (docs/signals.md, "Minimum data").

One row per partnership, created the first time an admin saves the settings page; until then the
documented defaults apply. Shares are kept as whole percentages so that what the admin typed is what
is stored and audited.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import Partnership
from traction_analysis.signals import SignalParams

DEFAULTS = SignalParams()


def _count(label: str, default: int, low: int, high: int, help_text: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        label,
        default=default,
        help_text=help_text,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
    )


# (lowest, highest) a partnership may choose: below the lowest a figure means nothing, above the highest
# no body would ever show it.
BOUNDS: dict[str, tuple[int, int]] = {
    "min_substantive_items": (1, 500),
    "max_unclear_percent": (0, 100),
    "min_meetings": (1, 52),
    "min_topic_coverage_percent": (0, 100),
    "min_actions": (1, 500),
    "min_decisions": (1, 500),
    "parcel_months": (1, 60),
}


class DiagnosisSettings(models.Model):
    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="diagnosis_settings"
    )
    min_substantive_items = _count(
        "Substantive items",
        DEFAULTS.min_substantive_items,
        *BOUNDS["min_substantive_items"],
        "Decision yield, noting share and unclear share are shown from this many "
        "substantive items in the period.",
    )
    max_unclear_percent = _count(
        "Largest unclear share (%)",
        round(100 * DEFAULTS.max_unclear_share),
        *BOUNDS["max_unclear_percent"],
        "Decision yield and noting share are withheld when more of the items than this are unclear.",
    )
    min_meetings = _count(
        "Held meetings",
        DEFAULTS.min_meetings,
        *BOUNDS["min_meetings"],
        "Agenda pressure, paper load and the topic signals need this many meetings.",
    )
    min_topic_coverage_percent = _count(
        "Items with a topic (%)",
        round(100 * DEFAULTS.min_topic_coverage),
        *BOUNDS["min_topic_coverage_percent"],
        "The topic signals need at least this share of the substantive items to carry a topic.",
    )
    min_actions = _count(
        "Actions",
        DEFAULTS.min_actions,
        *BOUNDS["min_actions"],
        "Follow-through, days overdue and orphan actions need this many actions.",
    )
    min_decisions = _count(
        "Decisions",
        DEFAULTS.min_decisions,
        *BOUNDS["min_decisions"],
        "Decisions without action needs this many decisions.",
    )
    parcel_months = _count(
        "Months for a referred topic to be decided",
        DEFAULTS.parcel_months,
        *BOUNDS["parcel_months"],
        "Pass the parcel and the referral map: how long a referred topic has to reach a decision somewhere.",
    )

    class Meta:
        verbose_name = "diagnosis settings"
        verbose_name_plural = "diagnosis settings"

    def __str__(self) -> str:
        return f"Diagnosis thresholds of {self.partnership}"

    @classmethod
    def threshold_field(cls, name: str) -> models.Field[Any, Any]:
        """The model field of one threshold named in BOUNDS (each is an integer field)."""
        field = cls._meta.get_field(name)
        if not isinstance(field, models.Field):
            raise TypeError(f"{name} is not a threshold")
        return field

    @property
    def params(self) -> SignalParams:
        return SignalParams(
            parcel_months=self.parcel_months,
            min_substantive_items=self.min_substantive_items,
            min_meetings=self.min_meetings,
            min_actions=self.min_actions,
            min_decisions=self.min_decisions,
            max_unclear_share=self.max_unclear_percent / 100,
            min_topic_coverage=self.min_topic_coverage_percent / 100,
        )
