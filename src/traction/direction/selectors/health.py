"""Reads of the partnership health check: statements, runs and their results, through the policy.

A run's figures come from ``traction_analysis.direction.health``: every figure passes the anonymity service
at the run's k, so nothing here can show a section that fewer than k people scored. While answers are being
taken only the number who have answered is said (and that, too, only from k upwards).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.extensions import Invitation
from traction_analysis.anonymity import count_shown
from traction_analysis.direction import health as pure

from ..models import HealthCheckRun, HealthFollowUp, HealthParticipation, HealthStatement, RunStatus, Section


def _section_order() -> Case:
    return Case(
        *(When(section=s, then=Value(i)) for i, s in enumerate(pure.SECTIONS)),
        output_field=IntegerField(),
    )


def statement_list_for(*, user: Any, partnership: Partnership) -> QuerySet[HealthStatement]:
    statements = policy.permitted(user=user, partnership=partnership, action="view", model=HealthStatement)
    return statements.order_by(_section_order(), "order", "id")


def run_list_for(*, user: Any, partnership: Partnership) -> QuerySet[HealthCheckRun]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=HealthCheckRun)


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    return {"health_runs": run_list_for(user=user, partnership=partnership)[:5]}


def answers_open(run: HealthCheckRun, *, today: datetime.date) -> bool:
    """Answers are taken while the run is open, up to and including its closing date."""
    return run.status == RunStatus.OPEN and (run.closes_on is None or today <= run.closes_on)


def has_answered(*, run: HealthCheckRun, user: Any) -> bool:
    return HealthParticipation.objects.filter(run=run, user=user.pk).exists()


def answered_shown(run: HealthCheckRun) -> int | None:
    """How many have answered, or None (said as "fewer than k") below the run's k."""
    return count_shown(run.responses.values_list("pk", flat=True), k=run.k)


def statements_of(run: HealthCheckRun) -> list[pure.Statement]:
    return [pure.Statement(s["key"], s["section"]) for s in run.statements]


def sections_of(run: HealthCheckRun) -> list[pure.SectionResult]:
    """Every section's figures over all the run's answers (each already passed through the anonymity rule)."""
    responses = [r.answers for r in run.responses.all()]
    return pure.section_results(statements_of(run), responses, k=run.k)


def flagged_sections(run: HealthCheckRun) -> list[str]:
    return [r.section for r in sections_of(run) if r.flagged]


def pending_sections(run: HealthCheckRun) -> list[str]:
    """Flagged sections without a follow-up yet, in the instrument's order."""
    done = set(run.follow_ups.values_list("section", flat=True))
    return [s for s in flagged_sections(run) if s not in done]


def follow_up_sections(run: HealthCheckRun, *, today: datetime.date) -> list[str]:
    """The sections that still need a follow-up, once the results are shown and until the run closes."""
    if run.status == RunStatus.CLOSED or answers_open(run, today=today):
        return []
    return pending_sections(run)


def previous_closed(run: HealthCheckRun) -> HealthCheckRun | None:
    """The partnership's last closed run before this one."""
    closed = HealthCheckRun.objects.filter(partnership=run.partnership, status=RunStatus.CLOSED)
    earlier = closed.filter(Q(created_at__lt=run.created_at) | Q(created_at=run.created_at, pk__lt=run.pk))
    return earlier.order_by("-created_at", "-id").first()


@dataclass(frozen=True)
class Row:
    """One section of a run's results page."""

    section: str
    label: str
    result: pure.SectionResult
    before: float | None  # the previous closed run's median, where it was shown
    follow_up: HealthFollowUp | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.result.median is None:
            return None
        return self.result.median - self.before


@dataclass(frozen=True)
class Results:
    answered: int | None
    ready: bool  # answers have closed: the figures may be said
    rows: tuple[Row, ...]
    previous: HealthCheckRun | None


def results_for(*, run: HealthCheckRun, today: datetime.date) -> Results:
    """What a run's results page says: only the number who answered while answers are open; then, per
    section, the figures the anonymity rule lets through, the flags, and the change since the last closed
    run."""
    answered = answered_shown(run)
    if answers_open(run, today=today):
        return Results(answered, False, (), None)
    previous = previous_closed(run)
    before = {r.section: r.median for r in sections_of(previous)} if previous else {}
    follow_ups = {f.section: f for f in run.follow_ups.select_related("action")}
    rows = tuple(
        Row(r.section, Section(r.section).label, r, before.get(r.section), follow_ups.get(r.section))
        for r in sections_of(run)
    )
    return Results(answered, True, rows, previous)


def health_invitations(
    *, user: Any, partnership: Partnership, today: datetime.date | None = None
) -> list[Invitation]:
    """The health checks taking answers today that the user may answer and has not yet."""
    if not policy.allowed(user=user, partnership=partnership, action="add", object_type="healthresponse"):
        return []
    today = today or timezone.localdate()
    runs = (
        run_list_for(user=user, partnership=partnership)
        .filter(status=RunStatus.OPEN)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .exclude(pk__in=HealthParticipation.objects.filter(user=user.pk).values("run"))
        .order_by("pk")
    )
    return [
        Invitation(
            kind="Health check",
            title=run.title,
            url=reverse("direction:healthrun-answer", kwargs={"slug": partnership.slug, "pk": run.pk}),
            closes_on=run.closes_on,
        )
        for run in runs
    ]
