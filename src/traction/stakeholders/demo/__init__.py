"""The demo partnership's stakeholders and change: each area's records come from its own module here.

Called at the end of ``load_demo`` (inside its transaction), after the governance record and the apps
before this one; dates are relative to the demo's ``today``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from traction.core.models import Partnership

from . import network, options, stakeholders, structures

PARTNERSHIP = "riverside"


def load(*, today: datetime.date) -> Counter[str]:
    partnership = Partnership.objects.get(slug=PARTNERSHIP)
    counts: Counter[str] = Counter()
    counts += stakeholders.load(partnership=partnership, today=today)
    counts += options.load(partnership=partnership, today=today)
    counts += structures.load(partnership=partnership, today=today)
    counts += network.load(partnership=partnership, today=today)
    return counts


def remove(*, slugs: Iterable[str]) -> None:
    """Records that RESTRICT the governance records they rest on block the cascade from the partnership:
    each area deletes them first, in the reverse order of loading."""
    network.remove(slugs=list(slugs))
    structures.remove(slugs=list(slugs))
    options.remove(slugs=list(slugs))
    stakeholders.remove(slugs=list(slugs))
