"""The portfolio's pure arithmetic, by property: stalling never comes sooner with a longer threshold, a
stopped strategy never stalls, days in a phase are never negative, and the confidence trail keeps order."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from traction_analysis.commissioning import portfolio as pure

dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 1, 1))
days = st.integers(min_value=30, max_value=1095)


@given(dates, st.one_of(st.none(), dates), dates, days, days)
def test_a_longer_threshold_never_stalls_sooner(
    since: datetime.date, last: datetime.date | None, today: datetime.date, a: int, b: int
) -> None:
    short, long = sorted((a, b))
    if pure.is_stalled(last_decided=last, in_phase_since=since, today=today, stall_days=long):
        assert pure.is_stalled(last_decided=last, in_phase_since=since, today=today, stall_days=short)


@given(dates, st.one_of(st.none(), dates), dates, days)
def test_a_stopped_strategy_never_stalls(
    since: datetime.date, last: datetime.date | None, today: datetime.date, n: int
) -> None:
    assert not pure.is_stalled(
        last_decided=last, in_phase_since=since, today=today, stall_days=n, stopped=True
    )


@given(dates, days)
def test_the_threshold_day_itself_is_not_stalled(today: datetime.date, n: int) -> None:
    on_the_day = today - datetime.timedelta(days=n)
    assert not pure.is_stalled(last_decided=on_the_day, in_phase_since=on_the_day, today=today, stall_days=n)
    day_before = on_the_day - datetime.timedelta(days=1)
    assert pure.is_stalled(last_decided=day_before, in_phase_since=on_the_day, today=today, stall_days=n)


@given(dates, dates)
def test_days_in_phase_are_never_negative(since: datetime.date, today: datetime.date) -> None:
    assert pure.days_in_phase(since, today) == max(0, (today - since).days)


@given(st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=5))))
def test_the_confidence_trail_keeps_the_order_and_skips_gaps(levels: list[int | None]) -> None:
    trail = pure.confidence_trend(levels)
    assert trail == " → ".join(str(v) for v in levels if v is not None)


@given(st.dictionaries(st.sampled_from(pure.STANDARD_KEYS), st.integers(min_value=1, max_value=4)))
def test_the_average_is_within_the_scale(scores: dict[str, int]) -> None:
    found = pure.average(scores)
    assert (found is None) == (not scores)
    assert found is None or 1 <= found <= 4
    assert pure.valid_scores(scores) == (len(scores) == len(pure.STANDARD_KEYS))
