"""Deferral loops and recurring topics: runs over a body's held meetings, counted in the period they reach."""

from __future__ import annotations

import pytest
from test_signals_kit import Record, ids, period

H1 = period("2025-01-01", "2025-07-01")
Q1 = period("2025-01-01", "2025-04-01")
Q2 = period("2025-04-01", "2025-07-01")
AS_OF = "2025-12-31"


@pytest.fixture
def deferrals() -> tuple[Record, dict]:
    """Board meetings monthly January to June (a cancelled one in late May).

    budget:  deferred Jan, Feb; decided Mar; deferred Apr; absent May; deferred Jun
    estates: deferred Mar, Apr, May
    parking: deferred May; (deferred at the cancelled meeting); deferred Jun
    split:   deferred Jan; deferred and decided Feb
    """
    r = Record()
    m = {month: r.meeting("board", f"2025-{month:02d}-10") for month in range(1, 7)}
    cancelled = r.meeting("board", "2025-05-25", status="cancelled")
    made = {
        "budget": [
            r.item(m[1], "deferred", "budget"),
            r.item(m[2], "deferred", "budget"),
            r.item(m[3], "decided", "budget"),
            r.item(m[4], "deferred", "budget"),
            r.item(m[6], "deferred", "budget"),
        ],
        "estates": [r.item(m[month], "deferred", "estates") for month in (3, 4, 5)],
        "parking": [
            r.item(m[5], "deferred", "parking"),
            r.item(cancelled, "deferred", "parking"),
            r.item(m[6], "deferred", "parking"),
        ],
        "split": [
            r.item(m[1], "deferred", "split"),
            r.item(m[2], "deferred", "split"),
            r.item(m[2], "decided", "split"),
        ],
    }
    for meeting in m.values():
        r.item(meeting, "procedural", "minutes")
    return r, made


def test_deferral_loops_over_the_half_year(deferrals) -> None:
    r, made = deferrals
    figure = r.signals("board", H1, AS_OF).deferral_loops
    assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (3, 3, 4, True)
    assert figure.counted.topics == ("budget", "estates", "parking")
    assert figure.base.topics == ("budget", "estates", "parking", "split")
    expected = made["budget"][:2] + made["estates"] + [made["parking"][0], made["parking"][2]]
    assert figure.counted.items == ids(expected)


def test_a_decision_or_a_meeting_without_the_topic_breaks_the_row(deferrals) -> None:
    r, _ = deferrals
    figure = r.signals("board", Q2, AS_OF).deferral_loops
    # budget: deferred April and June, but May was held without it; split never looped in Q2.
    assert figure.counted.topics == ("estates", "parking")


def test_a_loop_that_started_before_the_period_counts_and_shows_its_earlier_items(deferrals) -> None:
    r, made = deferrals
    figure = r.signals("board", Q2, AS_OF).deferral_loops
    assert made["estates"][0].id in figure.counted.items  # March, before Q2


def test_a_loop_that_reaches_two_only_after_the_period_does_not_count_in_it(deferrals) -> None:
    r, _ = deferrals
    figure = r.signals("board", Q1, AS_OF).deferral_loops
    assert figure.counted.topics == ("budget",)  # estates is deferred once in Q1, again in April


def test_cancelled_meetings_are_not_in_the_row(deferrals) -> None:
    r, made = deferrals
    figure = r.signals("board", Q2, AS_OF).deferral_loops
    assert made["parking"][1].id not in figure.counted.items


@pytest.fixture
def circling() -> tuple[Record, dict]:
    """Committee meetings monthly January to June.

    performance: noted Jan to Apr
    strategy:    noted Jan, Feb; decided Mar; noted Apr, May, Jun
    housing:     noted Jan, Mar, May (gaps do not matter)
    workforce:   noted Jan, Feb
    """
    r = Record()
    m = {month: r.meeting("committee", f"2025-{month:02d}-10") for month in range(1, 7)}
    made = {
        "performance": [r.item(m[month], "noted", "performance") for month in (1, 2, 3, 4)],
        "strategy": [
            r.item(m[month], "decided" if month == 3 else "noted", "strategy") for month in range(1, 7)
        ],
        "housing": [r.item(m[month], "noted", "housing") for month in (1, 3, 5)],
        "workforce": [r.item(m[month], "noted", "workforce") for month in (1, 2)],
    }
    for meeting in m.values():
        r.item(meeting, "procedural", "minutes")
    return r, made


def test_recurring_topics_in_the_first_quarter(circling) -> None:
    r, made = circling
    figure = r.signals("committee", Q1, AS_OF).recurring_topics
    assert (figure.value, figure.denominator, figure.sufficient) == (1, 4, True)
    assert figure.counted.topics == ("performance",)
    assert figure.counted.items == ids(made["performance"][:3])


def test_recurring_topics_in_the_second_quarter(circling) -> None:
    r, made = circling
    figure = r.signals("committee", Q2, AS_OF).recurring_topics
    assert (figure.value, figure.denominator) == (3, 3)
    assert figure.counted.topics == ("housing", "performance", "strategy")
    assert set(ids(made["performance"])) <= set(figure.counted.items)
    assert set(ids(made["strategy"][3:])) <= set(figure.counted.items)
    assert not set(ids(made["strategy"][:3])) & set(figure.counted.items)


def test_procedural_items_are_not_topics(circling) -> None:
    r, _ = circling
    assert "minutes" not in r.signals("committee", Q2, AS_OF).recurring_topics.base.topics


def test_topic_signals_need_most_substantive_items_to_carry_a_topic() -> None:
    r = Record()
    for month in (1, 2, 3):
        meeting = r.meeting("board", f"2025-{month:02d}-10")
        r.item(meeting, "deferred", "budget")
        r.item(meeting, "noted", "")  # a blank topic is no topic
        r.item(meeting, "noted", None)
    signals = r.signals("board", Q1, AS_OF)
    assert (signals.deferral_loops.value, signals.deferral_loops.sufficient) == (1, False)
    assert signals.recurring_topics.sufficient is False
    assert r.signals("board", Q1, AS_OF, min_topic_coverage=1 / 3).deferral_loops.sufficient


def test_topic_signals_need_enough_meetings() -> None:
    r = Record()
    for month in (1, 2):
        r.item(r.meeting("board", f"2025-{month:02d}-10"), "deferred", "budget")
    figure = r.signals("board", Q1, AS_OF).deferral_loops
    assert (figure.value, figure.sufficient) == (1, False)


def test_topics_are_followed_per_body() -> None:
    r = Record()
    r.item(r.meeting("board", "2025-01-10"), "deferred", "budget")
    r.item(r.meeting("cabinet", "2025-01-20"), "deferred", "budget")
    r.item(r.meeting("board", "2025-02-10"), "noted", "other")
    assert r.signals("board", Q1, AS_OF).deferral_loops.value == 0
