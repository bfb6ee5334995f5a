"""The grid's pure code: quadrants, the map replayed at a date, trails, gaps and moves towards resistant."""

from __future__ import annotations

import datetime
import re

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
    drawn = sum(1 for placed in chart.layout(marks).placed if placed.drawn)
    assert svg.count("<g>") == drawn and drawn == len(rows) - sum(m.count for m in chart.layout(marks).more)


position = st.tuples(scale, scale)
crowd = st.lists(st.tuples(position, stance), max_size=120).map(
    lambda found: [chart.Mark(str(n), p, i, s, "") for n, ((p, i), s) in enumerate(found, start=1)]
) | st.tuples(position, st.integers(min_value=0, max_value=400)).map(
    lambda cell: [chart.Mark(str(n), *cell[0], "neutral", "") for n in range(1, cell[1] + 1)]
)


@given(crowd)
def test_a_crowded_cell_draws_what_fits_and_counts_the_rest(marks: list[chart.Mark]) -> None:
    found = chart.layout(marks)
    assert [p.mark for p in found.placed] == marks  # every mark once, in order
    cells = {(m.power, m.interest) for m in marks}
    more = {(m.power, m.interest): m for m in found.more}
    assert set(more) <= cells and all(m.count > 0 for m in more.values())
    for cell in cells:
        here = [p for p in found.placed if (p.mark.power, p.mark.interest) == cell]
        drawn = [p for p in here if p.drawn]
        label = more.get(cell)
        # every stakeholder is either drawn or counted in "+M more"; a cell is crowded only past capacity
        assert len(drawn) + (label.count if label else 0) == len(here)
        assert (label is not None) == (len(here) > chart.CAPACITY)
        assert len(drawn) == (chart.SHOWN if label else len(here))
        left, top = chart.cell_box(*cell)
        for a in drawn:  # inside its own cell, so no marker overlaps another cell's
            assert left <= a.x - chart.EXTENT and a.x + chart.EXTENT <= left + chart.CELL
            assert top <= a.y - chart.EXTENT and a.y + chart.EXTENT <= top + chart.CELL
            if label:  # above the label's row
                assert a.y + chart.EXTENT < label.y - 6
        for n, a in enumerate(drawn):  # no two markers in a cell overlap
            for b in drawn[n + 1 :]:
                assert max(abs(a.x - b.x), abs(a.y - b.y)) >= 2 * chart.EXTENT
        if label:
            assert top <= label.y - 6 and label.y + 6 <= top + chart.CELL


def test_a_crowded_cells_label_links_to_the_cell_named_in_words() -> None:
    marks = [chart.Mark(str(n), 4, 5, "supportive", "") for n in range(1, 31)]
    marks.append(chart.Mark("31", 1, 1, "resistant", ""))
    svg = chart.grid_svg(
        marks, chart_id="c", title="t", description="d", more_href=lambda p, i: f"?cell={p}-{i}&x=<>"
    )
    assert svg.count("<g>") == chart.SHOWN + 1 and ">+10 more</text></a>" in svg
    assert '<a href="?cell=4-5&amp;x=&lt;&gt;"' in svg
    assert 'aria-label="10 more stakeholders at power 4, interest 5: show them in the table"' in svg
    assert 'role="group"' in svg and '<g aria-hidden="true">' in svg  # the points are in the table
    plain = chart.grid_svg(marks, chart_id="c", title="t", description="d")
    assert 'role="img"' in plain and "<a " not in plain and ">+10 more</text>" in plain
    for stance in pure.STANCES:  # each marker stays within the extent the layout counts on
        assert _reach(chart._marker(stance, 100, 100), 100, 100) <= chart.EXTENT


def _reach(element: str, x: float, y: float) -> float:
    """How far an SVG marker (rect, circle or polygon) reaches from its centre, its stroke included."""
    a = dict(re.findall(r'([\w-]+)="([^"]*)"', element))
    stroke = float(a.get("stroke-width", 0)) / 2
    if element.startswith("<rect"):
        corners = [(float(a["x"]), float(a["y"]))]
        corners.append((corners[0][0] + float(a["width"]), corners[0][1] + float(a["height"])))
    elif element.startswith("<circle"):
        r = float(a["r"])
        corners = [(float(a["cx"]) - r, float(a["cy"]) - r), (float(a["cx"]) + r, float(a["cy"]) + r)]
    else:
        corners = [(float(u), float(v)) for u, v in (pair.split(",") for pair in a["points"].split())]
    return max(max(abs(u - x), abs(v - y)) for u, v in corners) + stroke
