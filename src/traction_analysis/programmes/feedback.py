"""Feedback that reaches outcomes, as figures: per session (reaction), per learning objective then and now
(learning), and per follow-up months after the programme (behaviour).

Every figure passes ``traction_analysis.anonymity`` at the programme's ``k``: a group of answers smaller
than ``k`` gives no mean, no distribution and no count (only the words ``BELOW_K``), and words people wrote
appear only when the group reaches ``k`` *and* a facilitator released them (``quotes_shown``: never a single
comment alone). A distribution is shown only when every score that somebody gave was given by at least
``k`` people, so no bar ever stands for one or two people.

Figures of a group whose answer window is still open are not published at all (``open_until``): a report
read before and after one more person answers would otherwise show that person's answer by difference,
whatever ``k``. Once the window has closed no answer can be added, so the figures stay as published.

Pure Python: no Django.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from traction_analysis.anonymity import Quote, count_shown, quotes_shown, threshold

LOW: Final = 1
HIGH: Final = 5
SCALE: Final = tuple(range(LOW, HIGH + 1))
BELOW_K: Final = "Fewer than {k} responses: below the anonymity threshold, so nothing is shown."
STILL_OPEN: Final = (
    "The form closes on {date}: the figures are published then, so that nobody can tell one person's answer "
    "by comparing them before and after."
)

# When each form may be answered (days), counted from the day it opens.
SESSION_WINDOW_DAYS: Final = 28
THEN_AND_NOW_WINDOW_DAYS: Final = 56
FOLLOW_UP_MONTHS: Final = (3, 6)
FOLLOW_UP_WINDOW_MONTHS: Final = 3


def valid_score(value: object) -> bool:
    """A whole number on the five-point scale (a bool is not a number here)."""
    return isinstance(value, int) and not isinstance(value, bool) and LOW <= value <= HIGH


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it has no such day (31 May + 3 → 31 Aug,
    30 Nov + 3 → 28 or 29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Window:
    opens: datetime.date
    closes: datetime.date  # the last day answers are taken

    def holds(self, day: datetime.date) -> bool:
        return self.opens <= day <= self.closes


def withheld_until(window: Window | None, today: datetime.date) -> datetime.date | None:
    """The day a group's answers stop coming in when its window is still open on ``today`` (figures are
    withheld until then); None once it has closed, or for a form with no window yet (nothing to answer)."""
    return window.closes if window is not None and today <= window.closes else None


def session_window(session_date: datetime.date) -> Window:
    return Window(session_date, session_date + datetime.timedelta(days=SESSION_WINDOW_DAYS))


def then_and_now_window(last_session: datetime.date) -> Window:
    return Window(last_session, last_session + datetime.timedelta(days=THEN_AND_NOW_WINDOW_DAYS))


def follow_up_window(ends_on: datetime.date, months: int) -> Window:
    opens = add_months(ends_on, months)
    return Window(opens, add_months(opens, FOLLOW_UP_WINDOW_MONTHS) - datetime.timedelta(days=1))


@dataclass(frozen=True)
class Scale:
    """One five-point question over a group: ``None`` figures when hidden."""

    mean: float | None
    distribution: tuple[int, ...] | None  # answers of 1 … 5


def _distribution(values: Sequence[int], k: int) -> tuple[int, ...] | None:
    counts = tuple(values.count(score) for score in SCALE)
    return counts if all(c == 0 or c >= k for c in counts) else None


def scale(values: Sequence[int | None], *, k: int) -> Scale:
    """The mean and distribution of the answers given (a blank answer counts for nothing); hidden below k."""
    given = [v for v in values if v is not None]
    if count_shown(range(len(given)), k=k) is None:
        return Scale(None, None)
    return Scale(round(sum(given) / len(given), 2), _distribution(given, k))


def comments(texts: Sequence[tuple[str, bool]], *, responses: int, k: int) -> tuple[str, ...]:
    """The released comments that may be shown, in alphabetical order (never the order of answering):
    none unless the group has at least ``k`` responses, and never a single comment alone."""
    quotes = [Quote(text, n, released) for n, (text, released) in enumerate(texts)]
    return tuple(sorted(quotes_shown(quotes, raisers=range(responses), k=k), key=str.casefold))


@dataclass(frozen=True)
class SessionAnswer:
    satisfaction: int | None
    engagement: int | None
    relevance: int | None
    comment: str = ""
    released: bool = False


SESSION_QUESTIONS: Final = ("satisfaction", "engagement", "relevance")


@dataclass(frozen=True)
class SessionSummary:
    responses: int | None  # None below k, or while the window is open
    scales: Mapping[str, Scale]  # by question
    comments: tuple[str, ...]
    open_until: datetime.date | None = None  # answers still coming in: nothing published

    @property
    def shown(self) -> bool:
        return self.responses is not None


def session_summary(
    answers: Sequence[SessionAnswer], *, k: int, open_until: datetime.date | None = None
) -> SessionSummary:
    k = threshold(k)
    responses = count_shown(range(len(answers)), k=k)
    if responses is None or open_until is not None:
        return SessionSummary(None, {q: Scale(None, None) for q in SESSION_QUESTIONS}, (), open_until)
    return SessionSummary(
        responses,
        {q: scale([getattr(a, q) for a in answers], k=k) for q in SESSION_QUESTIONS},
        comments(
            [(a.comment, a.released) for a in answers if a.comment.strip()], responses=len(answers), k=k
        ),
    )


@dataclass(frozen=True)
class ObjectiveSummary:
    """One learning objective, then (before the programme) and now, as rated by the same people."""

    responses: int | None
    then: Scale
    now: Scale
    change: float | None  # mean of each person's now − then
    open_until: datetime.date | None = None


def objective_summary(
    pairs: Sequence[tuple[int, int]], *, k: int, open_until: datetime.date | None = None
) -> ObjectiveSummary:
    """From each respondent's (then, now) rating on one objective."""
    k = threshold(k)
    responses = count_shown(range(len(pairs)), k=k)
    if responses is None or open_until is not None:
        return ObjectiveSummary(None, Scale(None, None), Scale(None, None), None, open_until)
    change = round(sum(now - then for then, now in pairs) / len(pairs), 2)
    return ObjectiveSummary(
        responses, scale([t for t, _ in pairs], k=k), scale([n for _, n in pairs], k=k), change
    )


@dataclass(frozen=True)
class FollowUpAnswer:
    applied: int | None
    impact: int | None
    comment: str = ""
    released: bool = False


FOLLOW_UP_QUESTIONS: Final = ("applied", "impact")


@dataclass(frozen=True)
class FollowUpSummary:
    months: int
    responses: int | None
    scales: Mapping[str, Scale]
    comments: tuple[str, ...]
    open_until: datetime.date | None = None


def follow_up_summary(
    months: int, answers: Sequence[FollowUpAnswer], *, k: int, open_until: datetime.date | None = None
) -> FollowUpSummary:
    k = threshold(k)
    responses = count_shown(range(len(answers)), k=k)
    if responses is None or open_until is not None:
        empty = {q: Scale(None, None) for q in FOLLOW_UP_QUESTIONS}
        return FollowUpSummary(months, None, empty, (), open_until)
    return FollowUpSummary(
        months,
        responses,
        {q: scale([getattr(a, q) for a in answers], k=k) for q in FOLLOW_UP_QUESTIONS},
        comments(
            [(a.comment, a.released) for a in answers if a.comment.strip()], responses=len(answers), k=k
        ),
    )


def releasable(responses: int, *, k: int) -> bool:
    """Whether a group's comments may be released at all: only once it has at least ``k`` responses."""
    return count_shown(range(responses), k=k) is not None
