"""Closed health-check runs and pulse waves with their follow-ups, for the partnership findings.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then read through the
findings hook or over HTTP.
"""

from __future__ import annotations

import datetime
from typing import Any

from factories import make_action
from traction.direction.models import (
    HealthCheckRun,
    HealthFollowUp,
    PulseFollowUp,
    PulseWave,
    RunStatus,
    Section,
    WaveStatus,
)
from traction.governance.models import Action

SECTIONS = tuple(Section.values)


def make_run(partnership: Any, **kw: Any) -> HealthCheckRun:
    kw.setdefault("title", "Partnership health, spring")
    kw.setdefault("status", RunStatus.CLOSED)
    return HealthCheckRun.objects.create(partnership=partnership, **kw)


def make_wave(partnership: Any, **kw: Any) -> PulseWave:
    kw.setdefault("title", "Trust pulse, wave 2")
    kw.setdefault("status", WaveStatus.PUBLISHED)
    return PulseWave.objects.create(partnership=partnership, **kw)


def follow_up_action(partnership: Any, *, due: datetime.date | None, status: str = "open") -> Action:
    completed = due if status == "done" else None
    return make_action(partnership, due_date=due, status=status, completed_on=completed)


def follow_up(record: HealthCheckRun | PulseWave, *, action: Action | None = None) -> Any:
    """The next low section (or pulse item) followed up with ``action``, or with a reason when none."""
    reason = "" if action is not None else "The result reflects a one-off reorganisation."
    if isinstance(record, HealthCheckRun):
        section = SECTIONS[record.follow_ups.count()]
        return HealthFollowUp.objects.create(
            partnership=record.partnership, run=record, section=section, action=action, reason=reason
        )
    item = f"q{record.follow_ups.count() + 1}"
    return PulseFollowUp.objects.create(
        partnership=record.partnership, wave=record, item=item, action=action, reason=reason
    )
