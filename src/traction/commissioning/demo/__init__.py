"""The demo's commissioning: a county partnership's strategies over every phase and two iterations, with
gates decided by named bodies, options appraisals, an outcome review and a self-assessment. Each area's
records come from its own module here.

Called at the end of ``load_demo`` (inside its transaction), after the apps before this one (the shared
direction included); dates are relative to the demo's ``today``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from traction.core.models import Partnership

from ..models import Gate, Strategy
from . import appraisals, portfolio, strategies

PARTNERSHIP = "riverside"


def load(*, today: datetime.date) -> Counter[str]:
    partnership = Partnership.objects.get(slug=PARTNERSHIP)
    counts: Counter[str] = Counter()
    counts += strategies.load(partnership=partnership, today=today)
    counts += appraisals.load(partnership=partnership, today=today)
    counts += portfolio.load(partnership=partnership, today=today)
    return counts


def remove(*, slugs: Iterable[str]) -> None:
    """Strategies PROTECT their lead body and gates their body and meeting, which blocks the cascade from the
    partnership: delete the strategies (with their gates) first."""
    Gate.objects.filter(partnership__slug__in=list(slugs)).delete()
    Strategy.objects.filter(partnership__slug__in=list(slugs)).delete()
