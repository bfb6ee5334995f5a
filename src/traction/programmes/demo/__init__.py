"""The demo partnership's programmes and events: each area's records come from its own module here.

Called at the end of ``load_demo`` (inside its transaction), after the governance record and the apps
before this one; dates are relative to the demo's ``today``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from traction.core.models import Partnership

from . import events, feedback, learningsets, programmes

PARTNERSHIP = "riverside"


def load(*, today: datetime.date) -> Counter[str]:
    partnership = Partnership.objects.get(slug=PARTNERSHIP)
    counts: Counter[str] = Counter()
    counts += programmes.load(partnership=partnership, today=today)
    counts += feedback.load(partnership=partnership, today=today)
    counts += learningsets.load(partnership=partnership, today=today)
    counts += events.load(partnership=partnership, today=today)
    return counts


def remove(*, slugs: Iterable[str]) -> None:
    """Records that RESTRICT the governance records they rest on block the cascade from the partnership:
    each area deletes them first, in the reverse order of loading."""
    events.remove(slugs=list(slugs))
    learningsets.remove(slugs=list(slugs))
    feedback.remove(slugs=list(slugs))
    programmes.remove(slugs=list(slugs))
