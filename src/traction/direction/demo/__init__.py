"""The demo partnership's shared direction and health: each area's records come from its own module here.

Called at the end of ``load_demo`` (inside its transaction), after the governance record and the apps
before this one; dates are relative to the demo's ``today``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from traction.core.models import Partnership

from ..models import Goal, HealthFollowUp, Principle, PulseWave, SharedOutcome
from . import health, indicators, pulse, statements

PARTNERSHIP = "riverside"


def load(*, today: datetime.date) -> Counter[str]:
    partnership = Partnership.objects.get(slug=PARTNERSHIP)
    counts: Counter[str] = Counter()
    counts += statements.load(partnership=partnership, today=today)
    counts += indicators.load(partnership=partnership, today=today)
    counts += health.load(partnership=partnership, today=today)
    counts += pulse.load(partnership=partnership, today=today)
    return counts


def remove(*, slugs: Iterable[str]) -> None:
    """Principles, goals and outcomes PROTECT the agenda item that agreed them, and follow-ups of health
    checks and pulses PROTECT their actions, which blocks the cascade from the partnership: delete them
    first."""
    HealthFollowUp.objects.filter(partnership__slug__in=list(slugs)).delete()
    for model in (SharedOutcome, Goal, Principle):
        model.objects.filter(partnership__slug__in=list(slugs)).delete()
    PulseWave.objects.filter(partnership__slug__in=list(slugs)).delete()
