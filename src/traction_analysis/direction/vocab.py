"""Whether a closed health check or trust pulse left its concerns with nobody holding them (docs/signals.md).

A run or wave follows up each low or contested result with an action in the log or a written reason for
none. Two patterns displace the responsibility the answers raised: every follow-up is a reason and none an
action, or a follow-up action is past its due date and still open. Either gives one finding, worded to
describe what happened to the concern, never who let it happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# Action statuses as the governance record stores them (traction_analysis.signals.ACTION_STATUSES).
OPEN = "open"
DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One follow-up: the status and current due date of its action, or ``action_status`` None (a reason)."""

    action_status: str | None
    due: date | None = None

    @property
    def acts(self) -> bool:
        """An action carries the concern; a dropped one no longer does, so it counts as a reason."""
        return self.action_status is not None and self.action_status != DROPPED

    def overdue(self, today: date) -> bool:
        """Open, with a due date before ``today``: an action is not late on the day it falls due."""
        return self.action_status == OPEN and self.due is not None and self.due < today


@dataclass(frozen=True, slots=True)
class FollowUpReview:
    follow_ups: int
    actions: int  # follow-ups whose action still carries the concern
    overdue: int  # of those, open past their due date
    missing: int = 0  # concerns the exercise closed without any follow-up, past the time allowed

    @property
    def reasons_only(self) -> bool:
        return self.follow_ups > 0 and self.actions == 0

    @property
    def displaced(self) -> bool:
        return self.missing > 0 or self.reasons_only or self.overdue > 0


def review_follow_ups(follow_ups: Iterable[FollowUp], *, today: date, missing: int = 0) -> FollowUpReview:
    """``missing``: concerns still without a follow-up once the time allowed after closing has passed."""
    every = list(follow_ups)
    acting = [f for f in every if f.acts]
    return FollowUpReview(len(every), len(acting), sum(f.overdue(today) for f in acting), missing)


@dataclass(frozen=True, slots=True)
class Exercise:
    """What was asked, in the words a finding uses: "health check" and "section", "trust pulse" and "item"."""

    name: str
    part: str


HEALTH_CHECK = Exercise("health check", "section")
TRUST_PULSE = Exercise("trust pulse", "item")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def follow_up_words(exercise: Exercise, title: str, review: FollowUpReview) -> tuple[str, str] | None:
    """The finding's headline and text, or None when the follow-up still holds every concern."""
    if review.missing:
        return (
            f"A {exercise.name} closed with concerns nobody has followed up",
            f"The {exercise.name} “{title}” closed with {_count(review.missing, exercise.part)} low or "
            f"contested and no follow-up recorded for {'it' if review.missing == 1 else 'them'}: neither "
            "an action in the log nor a reason for taking none. The people who answered then hear nothing "
            "back; naming who will look at each concern, even to decide that nothing should change, keeps "
            "it with someone.",
        )
    if review.reasons_only:
        return (
            f"A {exercise.name} whose concerns were each answered with a reason for no action",
            f"The {exercise.name} “{title}” closed with {_count(review.follow_ups, exercise.part)} "
            f"followed up, each with a reason for taking no action and none with an action in the log. "
            "A reason can be the right answer; when every concern ends in one, the people who answered "
            "see nothing change, and the concern can settle where nobody holds it. It may help to ask "
            "whether one of them needs a first step and a named owner.",
        )
    if review.overdue:
        return (
            f"Actions from a {exercise.name} are past their due date",
            f"{review.overdue} of {_count(review.actions, 'action')} agreed to follow up the "
            f"{exercise.name} “{title}” {'is' if review.overdue == 1 else 'are'} past the due date and "
            "still open. When follow-up slips, answering the next round can seem to change nothing; a "
            "date that matches the capacity to act, or saying openly that an action has stopped, keeps "
            "the concern with someone.",
        )
    return None
