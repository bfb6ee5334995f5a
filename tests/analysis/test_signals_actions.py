"""Follow-through, days overdue, orphan actions and decisions without action."""

from __future__ import annotations

import pytest
from test_signals_kit import Record, ids, period

Q1 = period("2025-01-01", "2025-04-01")
Q2 = period("2025-04-01", "2025-07-01")


@pytest.fixture
def log() -> tuple[Record, dict]:
    """Actions of the board due in Q1, read on 15 April 2025."""
    r = Record()
    made = {
        "on_time": [
            r.action("board", due="2025-01-31", completed="2025-01-20"),
            r.action("board", due="2025-02-28", completed="2025-02-28"),
            r.action("board", due="2025-01-05", completed="2025-01-05"),
        ],
        "done_late": r.action("board", due="2025-02-15", completed="2025-03-01"),  # 14 days
        "open_overdue": r.action("board", due="2025-03-10"),  # 36 days on 15 April
        "done_after_as_of": r.action(
            "board", due="2025-03-31", completed="2025-04-20"
        ),  # 15 days on 15 April
        "dropped": r.action("board", due="2025-03-20", status="dropped"),
        "superseded": r.action("board", due="2025-03-25", status="superseded"),
        "due_in_april": r.action("board", due="2025-04-10"),
        "not_yet_due": r.action("board", due="2025-04-20"),
        "no_due_date": r.action("board", due=None),
        "other_body": r.action("cabinet", due="2025-02-01"),
    }
    return r, made


def test_follow_through_is_done_by_the_due_date_over_actions_fallen_due(log) -> None:
    r, made = log
    figure = r.signals("board", Q1, "2025-04-15").follow_through
    fallen_due = made["on_time"] + [made["done_late"], made["open_overdue"], made["done_after_as_of"]]
    assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (0.5, 3, 6, True)
    assert figure.counted.actions == ids(made["on_time"])
    assert figure.base.actions == ids(fallen_due)


def test_median_days_overdue_of_the_late_and_the_open(log) -> None:
    r, made = log
    figure = r.signals("board", Q1, "2025-04-15").days_overdue
    assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (15.0, None, 3, True)
    assert figure.counted.actions == ids([made["done_late"], made["open_overdue"], made["done_after_as_of"]])


def test_an_even_number_of_late_actions_takes_the_mean_of_the_middle_two(log) -> None:
    r, _ = log
    r.action("board", due="2025-03-01")  # open, 45 days on 15 April: 14, 15, 36, 45
    assert r.signals("board", Q1, "2025-04-15").days_overdue.value == (15 + 36) / 2


def test_only_actions_already_past_their_due_date_are_judged(log) -> None:
    r, made = log
    figure = r.signals("board", Q2, "2025-04-15").follow_through
    assert figure.base.actions == (made["due_in_april"].id,)
    assert (figure.value, figure.sufficient) == (0.0, False)
    on_the_day = r.signals("board", Q2, "2025-04-10").follow_through
    assert on_the_day.denominator == 0 and on_the_day.value is None


def test_no_late_actions_means_no_median() -> None:
    r = Record()
    for day in ("2025-01-10", "2025-01-20", "2025-02-10", "2025-02-20", "2025-03-10"):
        r.action("board", due=day, completed=day)
    signals = r.signals("board", Q1, "2025-04-15")
    assert (signals.follow_through.value, signals.follow_through.sufficient) == (1.0, True)
    assert (
        signals.days_overdue.value,
        signals.days_overdue.denominator,
        signals.days_overdue.sufficient,
    ) == (None, 0, False)


def test_orphan_actions_have_no_owner_or_no_due_date() -> None:
    r = Record()
    meeting = r.meeting("board", "2025-02-10")
    item = r.item(meeting, "decided", "budget")
    orphans = [
        r.action("board", lead=None, due="2025-03-01"),
        r.action("board", lead="  ", due="2025-03-01"),  # a blank name is no owner
        r.action("board", lead="Director", due=None),
        r.action(
            "board", item=item, lead=None, due=None, created="2025-05-01"
        ),  # set at the February meeting
    ]
    owned = [
        r.action("board", lead=None, lead_organisation="Northgate Council", due="2025-03-01"),
        r.action("board", lead="Director", due="2025-03-01", status="dropped"),
    ]
    r.action("board", lead=None, due=None, created="2025-04-02")  # set after Q1
    figure = r.signals("board", Q1, "2025-06-30").orphan_actions
    assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (4 / 6, 4, 6, True)
    assert figure.counted.actions == ids(orphans)
    assert figure.base.actions == ids(orphans + owned)


def test_actions_set_after_as_of_are_not_yet_in_the_log() -> None:
    r = Record()
    r.action("board", lead=None, created="2025-03-01")
    assert r.signals("board", Q1, "2025-02-01").orphan_actions.denominator == 0
    assert r.signals("board", Q1, "2025-03-01").orphan_actions.denominator == 1


def test_decisions_without_action() -> None:
    r = Record()
    meetings = [r.meeting("board", day) for day in ("2025-01-10", "2025-02-10", "2025-03-10")]
    with_action = [r.item(meetings[0], "decided"), r.item(meetings[1], "decided")]
    bare = [r.item(meetings[1], "decided"), r.item(meetings[2], "decided"), r.item(meetings[2], "decided")]
    noted = r.item(meetings[2], "noted")
    r.action("board", item=with_action[0])
    r.action(
        "board", item=with_action[1], status="dropped"
    )  # an attached action counts, whatever became of it
    r.action("board", item=noted)
    figure = r.signals("board", Q1, "2025-06-30").decisions_without_action
    assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (3 / 5, 3, 5, True)
    assert figure.counted.items == ids(bare)
    assert not r.signals("board", Q1, "2025-06-30", min_decisions=6).decisions_without_action.sufficient


def test_actions_of_another_body_do_not_count(log) -> None:
    r, made = log
    cabinet = r.signals("cabinet", Q1, "2025-04-15").follow_through
    assert cabinet.base.actions == (made["other_body"].id,)
