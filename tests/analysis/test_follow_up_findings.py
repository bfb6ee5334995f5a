"""When a closed health check or pulse left its concerns unheld (traction_analysis.direction.vocab): the
rule of docs/signals.md as properties over any follow-ups, and words that describe, never blame."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from traction_analysis.diagnosis import BLAME_WORDS
from traction_analysis.direction.vocab import (
    HEALTH_CHECK,
    TRUST_PULSE,
    Exercise,
    FollowUp,
    follow_up_words,
    review_follow_ups,
)

TODAY = date(2026, 3, 18)
STATUSES = ("open", "done", "dropped", "superseded")

follow_ups = st.lists(
    st.builds(
        FollowUp,
        st.one_of(st.none(), st.sampled_from(STATUSES)),
        st.one_of(st.none(), st.integers(-60, 60).map(lambda days: TODAY + timedelta(days=days))),
    ),
    max_size=6,
)


@given(follow_ups)
def test_a_finding_exactly_when_only_reasons_remain_or_an_open_action_is_past_due(
    every: list[FollowUp],
) -> None:
    review = review_follow_ups(every, today=TODAY)
    reasons_only = bool(every) and all(f.action_status in (None, "dropped") for f in every)
    late = any(f.action_status == "open" and f.due is not None and f.due < TODAY for f in every)
    assert review.displaced == (reasons_only or late)
    assert (follow_up_words(HEALTH_CHECK, "Spring", review) is None) == (not review.displaced)


@given(follow_ups, st.sampled_from((HEALTH_CHECK, TRUST_PULSE)))
def test_the_words_name_the_exercise_and_blame_nobody(every: list[FollowUp], exercise: Exercise) -> None:
    words = follow_up_words(exercise, "Autumn round", review_follow_ups(every, today=TODAY))
    if words is None:
        return
    headline, text = words
    assert exercise.name in headline and "“Autumn round”" in text
    lowered = f"{headline} {text}".lower()
    assert not [w for w in BLAME_WORDS if re.search(rf"\b{w}", lowered)]


def test_an_action_is_not_late_on_its_due_day_and_done_or_undated_ones_never_are() -> None:
    def overdue(*every: FollowUp) -> int:
        return review_follow_ups(every, today=TODAY).overdue

    assert overdue(FollowUp("open", TODAY)) == 0
    assert overdue(FollowUp("open", TODAY - timedelta(days=1))) == 1
    assert overdue(FollowUp("done", TODAY - timedelta(days=9)), FollowUp("open", None)) == 0


def test_no_follow_up_at_all_raises_nothing_and_reasons_only_counts_them() -> None:
    assert not review_follow_ups([], today=TODAY).displaced
    review = review_follow_ups([FollowUp(None), FollowUp("dropped", TODAY)], today=TODAY)
    headline, text = follow_up_words(TRUST_PULSE, "Wave 2", review) or ("", "")
    assert "reason for no action" in headline and "2 items followed up" in text
    late = review_follow_ups(
        [FollowUp("open", TODAY - timedelta(days=3)), FollowUp("done", TODAY)], today=TODAY
    )
    assert (follow_up_words(HEALTH_CHECK, "Spring", late) or ("", ""))[1].startswith("1 of 2 actions agreed")
