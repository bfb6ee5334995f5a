"""The partnership's health as findings for the diagnosis overview: a closed health check or trust pulse whose
concerns were answered only with reasons for no action, or whose follow-up actions are past due and open.

The diagnosis finds this module through the app registry (``traction.diagnosis.partnership``); the judgement
itself is pure (``traction_analysis.direction.vocab``). Reads go through the permission policy.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse

from traction.core import policy
from traction.core.models import Partnership
from traction_analysis.diagnosis.findings import PartnershipFinding
from traction_analysis.direction.vocab import (
    HEALTH_CHECK,
    TRUST_PULSE,
    Exercise,
    FollowUp,
    follow_up_words,
    review_follow_ups,
)
from traction_analysis.signals import DISPLACEMENT

from .models import HealthCheckRun, HealthFollowUp, PulseFollowUp, PulseWave, RunStatus, WaveStatus
from .services.pulse import missing_follow_ups

# How long a closed pulse wave may wait for its follow-ups before the wait itself is a finding.
GRACE = datetime.timedelta(days=28)


def partnership_findings(
    *, user: Any, partnership: Partnership, today: datetime.date
) -> list[PartnershipFinding]:
    """One finding per closed run or wave that displaced its concerns: health checks first, newest first."""

    def visible(model: type[Model]) -> QuerySet[Any]:
        return policy.permitted(user=user, partnership=partnership, action="view", model=model)

    runs = (
        visible(HealthCheckRun)
        .filter(status=RunStatus.CLOSED)
        .prefetch_related(Prefetch("follow_ups", HealthFollowUp.objects.select_related("action")))
    )
    waves = (
        visible(PulseWave)
        .filter(status__in=(WaveStatus.CLOSED, WaveStatus.PUBLISHED))
        .prefetch_related(Prefetch("follow_ups", PulseFollowUp.objects.select_related("action")))
    )
    found = [_finding(HEALTH_CHECK, run, "direction:healthrun-detail", partnership, today) for run in runs]
    found += [
        _finding(
            TRUST_PULSE, wave, "direction:pulse-detail", partnership, today, missing=_missing(wave, today)
        )
        for wave in waves
    ]
    return [finding for finding in found if finding is not None]


def _missing(wave: PulseWave, today: datetime.date) -> int:
    """A wave closed more than ``GRACE`` ago and not published: its flagged items still without a follow-up.
    (A health-check run cannot close until each of its concerns has one.)"""
    if wave.status != WaveStatus.CLOSED or wave.closed_at is None:
        return 0
    if today - wave.closed_at.date() <= GRACE:
        return 0
    return len(missing_follow_ups(wave))


def _finding(
    exercise: Exercise,
    record: HealthCheckRun | PulseWave,
    url_name: str,
    partnership: Partnership,
    today: datetime.date,
    *,
    missing: int = 0,
) -> PartnershipFinding | None:
    review = review_follow_ups(_follow_ups(record.follow_ups.all()), today=today, missing=missing)
    words = follow_up_words(exercise, record.title, review)
    if words is None:
        return None
    headline, text = words
    return PartnershipFinding(
        DISPLACEMENT,
        headline,
        text,
        f"the {exercise.name} “{record.title}”",
        _url(url_name, partnership, record.pk),
    )


def _follow_ups(rows: Iterable[HealthFollowUp | PulseFollowUp]) -> list[FollowUp]:
    return [
        FollowUp(None) if row.action is None else FollowUp(row.action.status, row.action.due_date)
        for row in rows
    ]


def _url(name: str, partnership: Partnership, pk: int) -> str:
    """The record's page, or no link while that page does not exist."""
    try:
        return reverse(name, kwargs={"slug": partnership.slug, "pk": pk})
    except NoReverseMatch:
        return ""
