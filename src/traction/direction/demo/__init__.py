"""The demo partnership's shared direction and health: each area's records come from its own module here.

Called at the end of ``load_demo`` (inside its transaction), after the governance record and the apps
before this one; dates are relative to the demo's ``today``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from traction.core.models import Partnership

from ..models import Goal, Principle, SharedOutcome
from . import indicators, statements

PARTNERSHIP = "riverside"


def load(*, today: datetime.date) -> Counter[str]:
    partnership = Partnership.objects.get(slug=PARTNERSHIP)
    counts: Counter[str] = Counter()
    counts += statements.load(partnership=partnership, today=today)
    # indicators
    counts += indicators.load(partnership=partnership, today=today)
    # health checks
    # trust pulse
    return counts


def remove(*, slugs: Iterable[str]) -> None:
    """Principles, goals and outcomes PROTECT the agenda item that agreed them, which blocks the cascade from
    the partnership: delete them first."""
    for model in (SharedOutcome, Goal, Principle):
        model.objects.filter(partnership__slug__in=list(slugs)).delete()
