"""A whole partnership at once, and properties every figure keeps on any record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import get_args

from hypothesis import given, settings
from hypothesis import strategies as st
from test_signals_kit import Record, period

from traction_analysis.signals import SIGNAL_NAMES, BodySignals, Outcome, compute_all, compute_signals

YEAR = period("2025-01-01", "2026-01-01")
START = date(2024, 7, 1)
SHARES = {
    "decision_yield",
    "noting_share",
    "unclear_share",
    "follow_through",
    "orphan_actions",
    "decisions_without_action",
}


def test_compute_all_gives_each_body_what_compute_signals_gives_it() -> None:
    r = Record()
    for body in ("cabinet", "board"):
        for month in (2, 5, 8, 11):
            meeting = r.meeting(body, f"2025-{month:02d}-01")
            r.item(meeting, "referred" if body == "cabinet" else "decided", "budget")
            r.item(meeting, "noted", "performance")
    r.action("scrutiny", due="2025-03-01")  # a body with actions but no meetings is still a body
    everyone = r.all(YEAR, "2025-12-31")
    assert list(everyone) == ["board", "cabinet", "scrutiny"]
    for body, signals in everyone.items():
        assert signals == r.signals(body, YEAR, "2025-12-31")
    assert everyone["cabinet"].pass_the_parcel.value == 0  # the board decides on budget within the window


def test_figures_come_in_the_documented_order() -> None:
    signals = Record().signals("board", YEAR, "2025-12-31")
    assert [name for name, _ in signals.figures()] == list(SIGNAL_NAMES)


@st.composite
def records(draw: st.DrawFn) -> Record:
    r = Record()
    bodies = ["a", "b", "c"]
    for _ in range(draw(st.integers(0, 25))):
        day = START + timedelta(days=draw(st.integers(0, 600)))
        status = draw(st.sampled_from(["held", "held", "held", "cancelled", "scheduled"]))
        meeting = r.meeting(
            draw(st.sampled_from(bodies)),
            day.isoformat(),
            status=status,
            minutes=draw(st.sampled_from([None, 60, 120, 150])),
        )
        for _ in range(draw(st.integers(0, 6))):
            item = r.item(
                meeting,
                draw(st.sampled_from(get_args(Outcome))),
                draw(st.sampled_from([None, "", "budget", "estates", "parking"])),
            )
            if draw(st.booleans()):
                r.action(meeting.body, item=item, **draw(action_fields()))
        if draw(st.booleans()):
            r.paper(meeting, draw(st.sampled_from([None, 0, 12, 40])))
    for _ in range(draw(st.integers(0, 8))):
        r.action(draw(st.sampled_from(bodies)), **draw(action_fields()))
    return r


@st.composite
def action_fields(draw: st.DrawFn) -> dict[str, object]:
    due = START + timedelta(days=draw(st.integers(0, 600)))
    status = draw(st.sampled_from(["open", "done", "dropped", "superseded"]))
    completed = due + timedelta(days=draw(st.integers(-30, 60))) if status == "done" else None
    return {
        "due": due.isoformat() if draw(st.booleans()) else None,
        "status": status,
        "completed": completed.isoformat() if completed else None,
        "lead": draw(st.sampled_from([None, "Director"])),
        "created": START.isoformat(),
    }


def check_figures(signals: BodySignals) -> None:
    for name, figure in signals.figures():
        if figure.numerator is not None and figure.denominator:
            assert figure.value == figure.numerator / figure.denominator or name in {
                "deferral_loops",
                "recurring_topics",
                "pass_the_parcel",
            }, name
            assert 0 <= figure.numerator <= figure.denominator or name not in SHARES, name
        if figure.value is None:
            assert not figure.denominator, name
    for name in ("decision_yield", "noting_share", "unclear_share", "decisions_without_action"):
        figure = getattr(signals, name)
        assert len(figure.counted.items) == figure.numerator and len(figure.base.items) == figure.denominator
    for name in ("follow_through", "orphan_actions"):
        figure = getattr(signals, name)
        assert (
            len(figure.counted.actions) == figure.numerator and len(figure.base.actions) == figure.denominator
        )
    for name in ("deferral_loops", "recurring_topics", "pass_the_parcel"):
        figure = getattr(signals, name)
        assert len(figure.counted.topics) == figure.value and set(figure.counted.topics) <= set(
            figure.base.topics
        )


@settings(max_examples=150, deadline=None)
@given(records(), st.integers(0, 600), st.sampled_from([30, 91, 365]), st.integers(0, 700))
def test_every_figure_keeps_its_invariants(r: Record, offset: int, length: int, as_of_offset: int) -> None:
    start = START + timedelta(days=offset)
    within = period(start.isoformat(), (start + timedelta(days=length)).isoformat())
    as_of = (START + timedelta(days=as_of_offset)).isoformat()
    everyone = r.all(within, as_of)
    for body, signals in everyone.items():
        check_figures(signals)
        assert signals == compute_signals(
            **r.data(), body=body, period=within, as_of=date.fromisoformat(as_of)
        )


def test_input_order_does_not_change_any_figure() -> None:
    r = Record()
    for month in range(1, 13):
        meeting = r.meeting("board", f"2025-{month:02d}-10")
        for outcome, topic in (("deferred", "budget"), ("noted", "estates"), ("referred", "parking")):
            r.action("board", item=r.item(meeting, outcome, topic), due=f"2025-{month:02d}-20")  # type: ignore[arg-type]
    forward = compute_all(**r.data(), period=YEAR, as_of=date(2025, 12, 31))
    backward = compute_all(
        **{key: list(reversed(value)) for key, value in r.data().items()},
        period=YEAR,
        as_of=date(2025, 12, 31),
    )
    assert forward == backward
