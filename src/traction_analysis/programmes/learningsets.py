"""Action learning sets, pure: the size rule and the next meeting date (no Django)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

REFUSE_BELOW = 3
REFUSE_ABOVE = 10
WARN_BELOW = 5
WARN_ABOVE = 8

TOO_SMALL = (
    "A learning set needs at least {low} members besides the facilitator; it would have {n}. "
    "Nothing was saved."
)
TOO_LARGE = (
    "A learning set has at most {high} members besides the facilitator; it would have {n}. Nothing was saved."
)
SMALL_WARNING = (
    "This set has {n} members besides the facilitator: sets work best with 5 to 8. With fewer, a missed "
    "meeting leaves too few to work on each other's problems."
)
LARGE_WARNING = (
    "This set has {n} members besides the facilitator: sets work best with 5 to 8. With more, not "
    "everyone gets time to present a problem at each meeting."
)


@dataclass(frozen=True)
class SizeVerdict:
    """``refused`` with its message, or allowed with a ``warning`` (empty when the size is in 5–8)."""

    members: int
    refused: str = ""
    warning: str = ""

    @property
    def allowed(self) -> bool:
        return not self.refused


def size_verdict(members: int) -> SizeVerdict:
    """The size rule, on the number of members not counting the facilitator."""
    if members < REFUSE_BELOW:
        return SizeVerdict(members, refused=TOO_SMALL.format(low=REFUSE_BELOW, n=members))
    if members > REFUSE_ABOVE:
        return SizeVerdict(members, refused=TOO_LARGE.format(high=REFUSE_ABOVE, n=members))
    if members < WARN_BELOW:
        return SizeVerdict(members, warning=SMALL_WARNING.format(n=members))
    if members > WARN_ABOVE:
        return SizeVerdict(members, warning=LARGE_WARNING.format(n=members))
    return SizeVerdict(members)


def next_meeting(
    *, last: datetime.date | None, every_weeks: int, today: datetime.date
) -> datetime.date | None:
    """The first date on the cadence (``last`` + a whole number of cadences) on or after ``today``; None
    before the first meeting, which the set arranges itself."""
    if last is None or every_weeks < 1:
        return None
    step = datetime.timedelta(weeks=every_weeks)
    if last >= today:
        return last + step
    missed = -(-(today - last).days // step.days)  # ceiling division: cadences needed to reach today
    return last + step * missed
