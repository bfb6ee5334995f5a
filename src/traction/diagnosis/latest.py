"""The default period of a diagnosis page: the latest full quarter with enough minutes behind it, else
the latest full year (a body that meets every other month never holds three meetings in a quarter).

"Enough" is what the cells of the outcome shares ask (docs/signals.md): at least ``min_meetings`` held
meetings and ``min_substantive_items`` substantive items, at one body (the body of a profile, or any
body on the overview). One query over the held meetings before the current quarter.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.diagnosis.expressions import local_midnight
from traction.diagnosis.periods import quarter_start
from traction.governance.models import Meeting, MeetingStatus, Outcome
from traction_analysis.signals import SignalParams


def latest_with_enough(
    *,
    user: Any,
    partnership: Partnership,
    today: datetime.date,
    params: SignalParams,
    body: int | None = None,
) -> tuple[str, datetime.date] | None:
    """("quarter" or "year", its first day): the latest full quarter before ``today`` in which ``body`` (or
    any body when None) held enough meetings with enough substantive items, else the latest full year;
    None when neither has."""
    meetings = policy.permitted(user=user, partnership=partnership, action="view", model=Meeting).filter(
        status=MeetingStatus.HELD, start__lt=local_midnight(quarter_start(today))
    )
    if body is not None:
        meetings = meetings.filter(body=body)
    rows = meetings.annotate(
        substantive=Count("items", filter=~Q(items__outcome=Outcome.PROCEDURAL))
    ).values_list("body", "start", "substantive")
    counts: dict[tuple[str, int, datetime.date], list[int]] = defaultdict(lambda: [0, 0])
    zone = timezone.get_current_timezone()
    for body_id, start, substantive in rows:
        day = timezone.localtime(start, zone).date()
        for kind, first in (("quarter", quarter_start(day)), ("year", datetime.date(day.year, 1, 1))):
            tally = counts[kind, body_id, first]
            tally[0] += 1
            tally[1] += substantive
    enough = {
        (kind, first)
        for (kind, _, first), (held, items) in counts.items()
        if held >= params.min_meetings and items >= params.min_substantive_items
    }
    quarters = [first for kind, first in enough if kind == "quarter"]
    years = [first for kind, first in enough if kind == "year" and first.year < today.year]
    if quarters:
        return "quarter", max(quarters)
    return ("year", max(years)) if years else None
