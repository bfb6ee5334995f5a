"""Meeting dates, always relative to the day the demo is loaded so it never goes stale."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta

from traction.governance.demo.spec import Cadence

HISTORY_MONTHS = 18  # how far back the record goes (a scaled demo goes further: see demo/scale.py)
AHEAD = datetime.timedelta(days=45)  # scheduled meetings shown beyond today


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _candidates(cadence: Cadence, start: datetime.date, months: int) -> list[datetime.date]:
    """Enough dates from ``start`` to run a little past ``months`` months plus the look-ahead."""
    horizon = start + relativedelta(months=months + 3)
    dates: list[datetime.date] = []
    if cadence.weeks:
        day = start + datetime.timedelta(days=(cadence.weekday - start.weekday()) % 7)
        while day <= horizon:
            dates.append(day)
            day += datetime.timedelta(weeks=cadence.weeks)
        return dates
    month = datetime.date(start.year, start.month, 1)
    while month <= horizon:
        day = _nth_weekday(month.year, month.month, cadence.weekday, cadence.nth)
        if day >= start and month.month not in cadence.skip_months:
            dates.append(day)
        month += relativedelta(months=cadence.months)
    return dates


def _avoid_holidays(day: datetime.date) -> datetime.date:
    """Nobody meets between Christmas and New Year: such a meeting moves on a week."""
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3):
        return day + datetime.timedelta(weeks=1 if day.month == 1 else 2)
    return day


def meeting_dates(
    cadence: Cadence, *, today: datetime.date, months: int = HISTORY_MONTHS
) -> list[datetime.date]:
    """Past meetings for the last ``months`` months, then upcoming ones: at least one, any within
    ``AHEAD``."""
    dates: list[datetime.date] = []
    start = today - relativedelta(months=months, days=21)  # three weeks more: the first is ``months`` back
    for day in map(_avoid_holidays, _candidates(cadence, start, months)):
        if day >= today and dates and dates[-1] >= today and day > today + AHEAD:
            break
        dates.append(day)
    return dates
