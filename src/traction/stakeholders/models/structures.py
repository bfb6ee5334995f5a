"""Structures over time: localities, successions of organisations, histories of bodies, dated reporting lines.

A succession is one event at one date: a merger of six councils into one is one succession with six
predecessors and one successor. The rules that need the predecessors and successors together (a merger has
exactly one successor, an organisation is not its own successor…) are checked by the service before the
many-to-many rows are written (``traction_analysis.stakeholders.structures.succession_errors``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from traction.core.models import TenantModel, check_same_partnership

GSS_PATTERN = r"^[EWSNK][0-9]{2}[0-9]{6}$"
GSS_INVALID = (
    "Enter the area's 9-character ONS GSS code: a letter E, W, S, N or K, then eight digits, "
    "for example E06000901."
)
GSS_TAKEN = "Another locality of this partnership already has that GSS code."
ABOLISHED_BEFORE_ESTABLISHED = "The body cannot be abolished before it was established."
REPLACED_BY_ITSELF = "A body cannot be replaced by itself."
LINE_TO_ITSELF = "A body cannot report to itself."
LINE_ENDS_BEFORE_START = "The line must end after the date it starts."
REPLACED_WITHOUT_ABOLITION = "Give the date the body was abolished before naming the body that replaced it."


def gss_code(value: str) -> str:
    """The code as stored: upper case, no spaces."""
    return re.sub(r"\s+", "", value or "").upper()


class Locality(TenantModel):
    """A named area served by bodies, with its ONS GSS code (e.g. E06000901)."""

    name = models.CharField(max_length=200)
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        validators=[RegexValidator(GSS_PATTERN, message=GSS_INVALID)],
        help_text="The ONS code of the area: a letter E, W, S, N or K and eight digits, e.g. E06000901.",
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "gss_code"],
                name="locality_gss_code_unique",
                violation_error_message=GSS_TAKEN,
            ),
            models.CheckConstraint(
                condition=models.Q(gss_code__regex=GSS_PATTERN),
                name="locality_gss_code_form",
                violation_error_message=GSS_INVALID,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.gss_code})"


class SuccessionKind(models.TextChoices):
    MERGER = "merger", "Merger (several organisations become one)"
    SPLIT = "split", "Split (one organisation becomes several)"
    ABOLITION = "abolition", "Abolition (no successor)"
    RENAMING = "renaming", "Renaming (one organisation under a new name)"


class Succession(TenantModel):
    """Organisations of the record succeeded at a date by others."""

    kind = models.CharField(max_length=20, choices=SuccessionKind.choices)
    effective_on = models.DateField("effective on")
    predecessors = models.ManyToManyField(
        "governance.Organisation", related_name="succeeded_in", verbose_name="predecessors"
    )
    successors = models.ManyToManyField(
        "governance.Organisation", blank=True, related_name="succeeding_in", verbose_name="successors"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        indexes = [models.Index(fields=["partnership", "effective_on"])]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display().split(' (')[0]} on {self.effective_on.day} {self.effective_on:%B %Y}"
        )


class BodyHistory(TenantModel):
    """When a body of the record was established and abolished, what replaced it, the localities it serves."""

    body = models.OneToOneField("governance.Body", on_delete=models.CASCADE, related_name="history")
    established_on = models.DateField("established on")
    abolished_on = models.DateField("abolished on", null=True, blank=True)
    replaced_by = models.ForeignKey(
        "governance.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name="replaced by",
    )
    localities = models.ManyToManyField(Locality, blank=True, related_name="bodies")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["body__name"]
        verbose_name = "body history"
        verbose_name_plural = "body histories"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(abolished_on__isnull=True)
                | models.Q(abolished_on__gte=models.F("established_on")),
                name="bodyhistory_abolished_after_established",
                violation_error_message=ABOLISHED_BEFORE_ESTABLISHED,
            ),
            models.CheckConstraint(
                condition=~models.Q(replaced_by=models.F("body")),
                name="bodyhistory_not_replaced_by_itself",
                violation_error_message=REPLACED_BY_ITSELF,
            ),
        ]

    def __str__(self) -> str:
        return f"History of {self.body}" if self.body_id else "Body history"

    def clean(self) -> None:
        check_same_partnership(self, "body", "replaced_by")
        errors: dict[str, str] = {}
        if self.abolished_on and self.established_on and self.abolished_on < self.established_on:
            errors["abolished_on"] = ABOLISHED_BEFORE_ESTABLISHED
        if self.replaced_by_id and self.replaced_by_id == self.body_id:
            errors["replaced_by"] = REPLACED_BY_ITSELF
        elif self.replaced_by_id and not self.abolished_on:
            errors["replaced_by"] = REPLACED_WITHOUT_ABOLITION
        if errors:
            raise ValidationError(errors)


class ReportingLine(TenantModel):
    """A body of the record reporting to another over a period: from ``starts_on`` (blank: since the body
    began) until the day before ``ends_on`` (blank: still in effect). A body with no dated line reports to
    its record's ``parent`` at every date; the rules across lines (no overlap for one body, no loop at any
    date, within both bodies' lives) are checked by the service
    (``traction_analysis.stakeholders.structures.line_errors``)."""

    body = models.ForeignKey("governance.Body", on_delete=models.CASCADE, related_name="reporting_lines")
    reports_to = models.ForeignKey(
        "governance.Body",
        on_delete=models.CASCADE,
        related_name="reporting_lines_in",
        verbose_name="reports to",
    )
    starts_on = models.DateField("from", null=True, blank=True)
    ends_on = models.DateField("until (the day it changed)", null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["body__name", models.F("starts_on").asc(nulls_first=True), "id"]
        indexes = [models.Index(fields=["partnership", "body"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reports_to=models.F("body")),
                name="reportingline_not_to_itself",
                violation_error_message=LINE_TO_ITSELF,
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gt=models.F("starts_on")),
                name="reportingline_ends_after_start",
                violation_error_message=LINE_ENDS_BEFORE_START,
            ),
        ]

    def __str__(self) -> str:
        if not self.body_id or not self.reports_to_id:
            return "Reporting line"
        return f"{self.body} reports to {self.reports_to}"

    def clean(self) -> None:
        check_same_partnership(self, "body", "reports_to")
        if self.body_id and self.body_id == self.reports_to_id:
            raise ValidationError({"reports_to": LINE_TO_ITSELF})
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": LINE_ENDS_BEFORE_START})
