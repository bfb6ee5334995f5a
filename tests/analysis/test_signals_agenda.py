"""Decision yield, noting share, unclear share, agenda pressure and paper load on hand-built meetings."""

from __future__ import annotations

from datetime import datetime

import pytest
from test_signals_kit import Record, ids, period

from traction_analysis.signals import MeetingRecord

Q1 = period("2025-01-01", "2025-04-01")


@pytest.fixture
def board() -> tuple[Record, dict[str, list]]:
    """Three held meetings in Q1 with 12 substantive items (4 decided, 5 noted, 1 unclear), and
    meetings that must not count: December and April (outside Q1), a cancelled one and a scheduled one."""
    r = Record()
    jan, feb, mar = (
        r.meeting("board", day, minutes=m)
        for day, m in (("2025-01-15", 120), ("2025-02-15", 90), ("2025-03-15", 120))
    )
    cancelled = r.meeting("board", "2025-03-20", status="cancelled")
    scheduled = r.meeting("board", "2025-03-25", status="scheduled")
    r.many(r.meeting("board", "2024-12-15"), "decided", "decided")
    r.many(r.meeting("board", "2025-04-15"), "decided", "decided")
    r.many(cancelled, "decided", "decided", "decided")
    r.many(scheduled, "unclear", "unclear")
    made = {
        "jan": r.many(jan, "procedural", "procedural", "decided", "decided", "noted", "noted"),
        "feb": r.many(feb, "procedural", "decided", "noted", "noted", "deferred"),
        "mar": r.many(mar, "procedural", "decided", "noted", "unclear", "referred"),
    }
    made["meetings"] = [jan, feb, mar]
    r.paper(jan, 40), r.paper(jan, 10), r.paper(feb, 30), r.paper(feb, None), r.paper(None, 500)
    r.paper(cancelled, 70)
    return r, made


def test_decision_yield_counts_decided_among_substantive_items_of_held_meetings(board) -> None:
    r, made = board
    figure = r.signals("board", Q1, "2025-06-30").decision_yield
    decided = [i for key in ("jan", "feb", "mar") for i in made[key] if i.outcome == "decided"]
    substantive = [i for key in ("jan", "feb", "mar") for i in made[key] if i.outcome != "procedural"]
    assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (4 / 12, 4, 12, True)
    assert figure.counted.items == ids(decided)
    assert figure.base.items == ids(substantive)
    assert figure.base.meetings == ids(made["meetings"])


def test_noting_and_unclear_shares(board) -> None:
    r, _ = board
    signals = r.signals("board", Q1, "2025-06-30")
    assert (signals.noting_share.value, signals.noting_share.numerator) == (5 / 12, 5)
    assert (signals.unclear_share.value, signals.unclear_share.numerator) == (1 / 12, 1)


def test_too_few_substantive_items_is_not_sufficient(board) -> None:
    r, _ = board
    figure = r.signals("board", Q1, "2025-06-30", min_substantive_items=13).decision_yield
    assert (figure.value, figure.sufficient) == (4 / 12, False)


def test_agenda_pressure_is_substantive_items_per_scheduled_hour(board) -> None:
    r, _ = board
    figure = r.signals("board", Q1, "2025-06-30").agenda_pressure
    assert (figure.numerator, figure.denominator, figure.sufficient) == (12, 5.5, True)
    assert figure.value == pytest.approx(12 / 5.5)


def test_paper_load_counts_only_meetings_with_a_known_page_count(board) -> None:
    r, made = board
    signals = r.signals("board", Q1, "2025-06-30")
    per_meeting, per_decision = signals.pages_per_meeting, signals.pages_per_decision
    jan, feb, _ = made["meetings"]
    assert (per_meeting.value, per_meeting.numerator, per_meeting.denominator) == (40, 80, 2)
    assert per_meeting.base.meetings == ids([jan, feb])
    assert len(per_meeting.counted.papers) == 3
    assert (per_decision.value, per_decision.denominator) == (80 / 3, 3)
    assert (
        not per_meeting.sufficient and not per_decision.sufficient
    )  # two meetings with papers, three needed
    r.paper(made["meetings"][2], 20)
    again = r.signals("board", Q1, "2025-06-30")
    assert (again.pages_per_meeting.value, again.pages_per_meeting.sufficient) == (100 / 3, True)
    assert (again.pages_per_decision.value, again.pages_per_decision.sufficient) == (25, True)


def test_meetings_after_as_of_do_not_count_even_if_marked_held(board) -> None:
    r, _ = board
    figure = r.signals("board", Q1, "2025-02-20").decision_yield
    assert (figure.numerator, figure.denominator) == (3, 8)


def test_period_start_is_included_and_end_excluded() -> None:
    r = Record()
    r.many(r.meeting("board", "2025-01-01"), "decided")
    r.many(r.meeting("board", "2025-04-01"), "noted")
    r.many(r.meeting("board", "2024-12-31"), "noted")
    figure = r.signals("board", Q1, "2025-12-31").decision_yield
    assert (figure.value, figure.numerator, figure.denominator) == (1.0, 1, 1)


def test_no_substantive_items_gives_no_yield_and_is_not_sufficient() -> None:
    r = Record()
    for day in ("2025-01-10", "2025-02-10", "2025-03-10"):
        r.many(r.meeting("board", day), "procedural", "procedural")
    signals = r.signals("board", Q1, "2025-06-30")
    for figure in (signals.decision_yield, signals.noting_share, signals.unclear_share):
        assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (None, 0, 0, False)
    assert (signals.agenda_pressure.value, signals.agenda_pressure.sufficient) == (0.0, True)
    assert signals.pages_per_decision.value is None


def test_mostly_unclear_minutes_withhold_yield_and_noting_share_but_show_the_unclear_share() -> None:
    r = Record()
    meeting = r.meeting("board", "2025-02-01")
    r.many(meeting, *["unclear"] * 6, *["decided"] * 2, *["noted"] * 2)
    signals = r.signals("board", Q1, "2025-06-30")
    assert (signals.decision_yield.value, signals.decision_yield.sufficient) == (0.2, False)
    assert (signals.noting_share.value, signals.noting_share.sufficient) == (0.2, False)
    assert (signals.unclear_share.value, signals.unclear_share.sufficient) == (0.6, True)
    assert r.signals("board", Q1, "2025-06-30", max_unclear_share=0.6).decision_yield.sufficient


def test_meetings_without_a_duration_are_left_out_of_agenda_pressure() -> None:
    r = Record()
    r.many(r.meeting("board", "2025-01-10", minutes=None), "decided", "decided", "decided")
    r.many(r.meeting("board", "2025-02-10", minutes=30), "decided", "procedural")
    figure = r.signals("board", Q1, "2025-06-30").agenda_pressure
    assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (2.0, 1, 0.5, False)
    nothing_timed = Record()
    nothing_timed.many(nothing_timed.meeting("board", "2025-01-10", minutes=None), "decided")
    assert nothing_timed.signals("board", Q1, "2025-06-30").agenda_pressure.value is None


def test_meeting_start_may_be_a_datetime_and_the_local_date_decides_the_period() -> None:
    r = Record()
    late = MeetingRecord(900, "board", datetime(2025, 3, 31, 23, 30), 60, "held")
    r.meetings.append(late)
    r.item(late, "decided")
    r.many(r.meeting("board", "2025-04-01"), "noted")
    assert r.signals("board", Q1, "2025-06-30").decision_yield.denominator == 1


def test_another_body_s_meetings_do_not_count() -> None:
    r = Record()
    r.many(r.meeting("board", "2025-01-10"), "decided")
    r.many(r.meeting("cabinet", "2025-01-10"), "noted", "noted")
    assert r.signals("board", Q1, "2025-06-30").decision_yield.denominator == 1
    assert r.signals("nobody", Q1, "2025-06-30").decision_yield.denominator == 0
