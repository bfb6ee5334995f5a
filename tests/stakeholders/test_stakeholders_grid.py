"""The grid's pure code: quadrants, the map replayed at a date, trails, gaps and moves towards resistant."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from traction_analysis.stakeholders import chart
from traction_analysis.stakeholders import grid as pure

START = datetime.date(2024, 1, 1)
scale = st.integers(min_value=1, max_value=5)
stance = st.sampled_from(pure.STANCES)
points = st.lists(
    st.builds(
        pure.Point,
        stakeholder=st.integers(min_value=1, max_value=6),
        assessed_on=st.integers(min_value=0, max_value=60).map(lambda d: START + datetime.timedelta(days=d)),
        power=scale,
        interest=scale,
        stance=stance,
        desired_stance=stance,
        seq=st.integers(min_value=1, max_value=10_000),
    ),
    max_size=40,
    unique_by=lambda p: p.seq,
)
day = st.integers(min_value=-5, max_value=70).map(lambda d: START + datetime.timedelta(days=d))


def test_quadrants_split_at_three() -> None:
    assert pure.quadrant(3, 3) == pure.MANAGE_CLOSELY
    assert pure.quadrant(5, 2) == pure.KEEP_SATISFIED
    assert pure.quadrant(2, 5) == pure.KEEP_INFORMED
    assert pure.quadrant(2, 2) == pure.MONITOR


@given(scale, scale)
def test_every_position_has_one_quadrant(power: int, interest: int) -> None:
    assert pure.quadrant(power, interest) in pure.QUADRANTS
    assert (pure.quadrant(power, interest) in {pure.MANAGE_CLOSELY, pure.KEEP_SATISFIED}) == (power >= 3)
    assert (pure.quadrant(power, interest) in {pure.MANAGE_CLOSELY, pure.KEEP_INFORMED}) == (interest >= 3)


@given(points, day)
def test_the_map_at_a_date_is_each_stakeholders_latest_assessment_by_then(
    rows: list[pure.Point], at: datetime.date
) -> None:
    shown = pure.map_at(rows, at)
    assert set(shown) == {p.stakeholder for p in rows if p.assessed_on <= at}
    for stakeholder, point in shown.items():
        assert point.assessed_on <= at
        assert point == max(
            (p for p in rows if p.stakeholder == stakeholder and p.assessed_on <= at), key=lambda p: p.key
        )


@given(points, day, day)
def test_replaying_later_never_loses_a_stakeholder(
    rows: list[pure.Point], a: datetime.date, b: datetime.date
) -> None:
    early, late = sorted((a, b))
    assert set(pure.map_at(rows, early)) <= set(pure.map_at(rows, late))


@given(points)
def test_a_trail_is_the_stakeholders_assessments_in_date_order(rows: list[pure.Point]) -> None:
    for stakeholder in {p.stakeholder for p in rows}:
        trail = pure.trail(rows, stakeholder)
        assert sorted(trail, key=lambda p: p.key) == trail
        assert len(trail) == sum(1 for p in rows if p.stakeholder == stakeholder)
        if trail:
            assert pure.map_at(rows, trail[-1].assessed_on)[stakeholder] == trail[-1]


@given(points, day)
def test_gaps_are_the_mapped_stakeholders_whose_stance_differs(
    rows: list[pure.Point], at: datetime.date
) -> None:
    shown = pure.map_at(rows, at)
    found = pure.gaps(rows, at)
    assert {g.stakeholder for g in found} == {s for s, p in shown.items() if p.stance != p.desired_stance}
    for gap in found:
        assert gap.distance != 0
        assert gap.distance == pure.RANK[gap.point.desired_stance] - pure.RANK[gap.point.stance]
    assert [abs(g.distance) for g in found] == sorted((abs(g.distance) for g in found), reverse=True)


@given(points)
def test_a_move_towards_resistant_follows_a_stance_higher_on_the_scale(rows: list[pure.Point]) -> None:
    moves = pure.moves_towards_resistant(rows)
    for before, after in moves:
        assert before.stakeholder == after.stakeholder
        assert before.key < after.key
        assert after.stance != "unaware" and pure.RANK[after.stance] < pure.RANK[before.stance]
        trail = pure.trail(rows, after.stakeholder)
        assert trail[trail.index(after) - 1] == before
    expected = sum(
        1
        for s in {p.stakeholder for p in rows}
        for b, a in zip(pure.trail(rows, s), pure.trail(rows, s)[1:], strict=False)
        if a.stance != "unaware" and pure.RANK[a.stance] < pure.RANK[b.stance]
    )
    assert len(moves) == expected


def test_staying_resistant_is_not_a_move() -> None:
    rows = [
        pure.Point(1, START, 3, 3, "neutral", "supportive", 1),
        pure.Point(1, START + datetime.timedelta(days=1), 3, 3, "resistant", "supportive", 2),
        pure.Point(1, START + datetime.timedelta(days=2), 3, 3, "resistant", "supportive", 3),
    ]
    assert [a.seq for _, a in pure.moves_towards_resistant(rows)] == [2]


def test_any_step_down_the_scale_is_a_move_but_becoming_unaware_is_not() -> None:
    stances = ["leading", "supportive", "supportive", "neutral", "unaware", "resistant", "neutral"]
    rows = [
        pure.Point(1, START + datetime.timedelta(days=n), 3, 3, stance, "leading", n)
        for n, stance in enumerate(stances)
    ]
    assert [a.seq for _, a in pure.moves_towards_resistant(rows)] == [1, 3]


@given(points, day)
def test_the_neighbouring_dates_bracket_the_day(rows: list[pure.Point], at: datetime.date) -> None:
    days = pure.dates(rows)
    before, after = pure.neighbours(days, at)
    assert before is None or (before < at and not any(before < d < at for d in days))
    assert after is None or (after > at and not any(at < d < after for d in days))


@given(points)
def test_the_chart_draws_one_labelled_mark_per_point(rows: list[pure.Point]) -> None:
    marks = [chart.Mark(str(n), p.power, p.interest, p.stance, "") for n, p in enumerate(rows, start=1)]
    svg = chart.grid_svg(marks, chart_id="c", title="Map <&>", description="d")
    assert svg.startswith("<svg") and 'role="img"' in svg and "Map &lt;&amp;&gt;" in svg
    assert svg.count("<g>") == len(rows)
