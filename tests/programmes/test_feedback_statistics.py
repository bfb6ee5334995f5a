"""The pure feedback figures: means, distributions, then-and-now change and follow-up summaries, every one
through the anonymity service at the programme's k. Property tests: below k nothing is shown, and released
comments never appear from a group below k."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traction_analysis.anonymity import K_TOO_LOW
from traction_analysis.programmes import feedback as pure

scores = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
session_answers = st.builds(pure.SessionAnswer, scores, scores, scores, st.text(max_size=30), st.booleans())
follow_up_answers = st.builds(pure.FollowUpAnswer, scores, scores, st.text(max_size=30), st.booleans())
pairs = st.tuples(st.integers(min_value=1, max_value=5), st.integers(min_value=1, max_value=5))
ks = st.integers(min_value=3, max_value=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(session_answers, max_size=20), ks)
def test_a_session_below_k_shows_nothing(answers: list[pure.SessionAnswer], k: int) -> None:
    found = pure.session_summary(answers, k=k)
    if len(answers) < k:
        assert found.responses is None and not found.shown and found.comments == ()
        assert all(s == pure.Scale(None, None) for s in found.scales.values())
    else:
        assert found.responses == len(answers)
    for s in found.scales.values():
        if s.distribution is not None:
            assert all(n == 0 or n >= k for n in s.distribution)


@settings(max_examples=200, deadline=None)
@given(st.lists(session_answers, max_size=20), ks)
def test_released_comments_never_appear_below_k(answers: list[pure.SessionAnswer], k: int) -> None:
    found = pure.session_summary(answers, k=k)
    if len(answers) < k:
        assert found.comments == ()
    released = {a.comment.strip() for a in answers if a.released}
    assert set(found.comments) <= released
    assert len(found.comments) != 1


@settings(max_examples=200, deadline=None)
@given(st.lists(follow_up_answers, max_size=20), ks)
def test_a_follow_up_below_k_shows_nothing(answers: list[pure.FollowUpAnswer], k: int) -> None:
    found = pure.follow_up_summary(3, answers, k=k)
    if len(answers) < k:
        assert found.responses is None and found.comments == ()
        assert all(s.mean is None and s.distribution is None for s in found.scales.values())
    assert set(found.comments) <= {a.comment.strip() for a in answers if a.released}


@settings(max_examples=200, deadline=None)
@given(st.lists(pairs, max_size=15), ks)
def test_an_objective_below_k_shows_nothing(ratings: list[tuple[int, int]], k: int) -> None:
    found = pure.objective_summary(ratings, k=k)
    if len(ratings) < k:
        assert found == pure.ObjectiveSummary(None, pure.Scale(None, None), pure.Scale(None, None), None)
    else:
        assert found.change == pytest.approx(sum(n - t for t, n in ratings) / len(ratings), abs=0.01)


def test_means_and_distribution() -> None:
    found = pure.scale([4, 4, 4, 5, 5, 5, None], k=3)
    assert found == pure.Scale(4.5, (0, 0, 0, 3, 3))
    assert pure.scale([4, 4, 4, 5], k=3).distribution is None  # one person alone gave 5
    assert pure.scale([4, 4], k=3) == pure.Scale(None, None)


def test_then_and_now_change() -> None:
    found = pure.objective_summary([(2, 4), (3, 4), (1, 4)], k=3)
    assert (found.responses, found.then.mean, found.now.mean, found.change) == (3, 2.0, 4.0, 2.0)


def test_comments_need_k_release_and_a_second() -> None:
    answers = [pure.SessionAnswer(4, 4, 4, f"Comment {n}", released=n < 2) for n in range(3)]
    assert pure.session_summary(answers, k=3).comments == ("Comment 0", "Comment 1")
    assert pure.session_summary(answers[:2], k=3).comments == ()
    one = [pure.SessionAnswer(4, 4, 4, f"Comment {n}", released=n == 0) for n in range(3)]
    assert pure.session_summary(one, k=3).comments == ()


def test_k_below_the_floor_is_an_error() -> None:
    with pytest.raises(ValueError, match=K_TOO_LOW):
        pure.session_summary([], k=2)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 5, 31), 3, datetime.date(2026, 8, 31)),
        (datetime.date(2025, 11, 30), 3, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 1, 15), 6, datetime.date(2026, 7, 15)),
        (datetime.date(2026, 10, 31), 4, datetime.date(2027, 2, 28)),
    ],
)
def test_add_months(day: datetime.date, months: int, expected: datetime.date) -> None:
    assert pure.add_months(day, months) == expected


def test_windows() -> None:
    session = pure.session_window(datetime.date(2026, 3, 2))
    assert (session.opens, session.closes) == (datetime.date(2026, 3, 2), datetime.date(2026, 3, 30))
    follow = pure.follow_up_window(datetime.date(2026, 1, 15), 6)
    assert (follow.opens, follow.closes) == (datetime.date(2026, 7, 15), datetime.date(2026, 10, 14))
    assert follow.holds(datetime.date(2026, 10, 14)) and not follow.holds(datetime.date(2026, 10, 15))


@pytest.mark.parametrize("value", [1, 5])
def test_valid_scores(value: int) -> None:
    assert pure.valid_score(value)
    assert not pure.valid_score(value - 1 if value == 1 else value + 1)
    assert not pure.valid_score(True) and not pure.valid_score("3") and not pure.valid_score(3.0)
