"""The pure structures code: which bodies and organisations exist at a date, the reporting tree at a date
(with a parent that no longer exists shown as such), a succession's before and after, and the SVG chart."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from traction_analysis.stakeholders import structures as pure

D = datetime.date
SVG = "{http://www.w3.org/2000/svg}"
days = st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31))


@st.composite
def bodies(draw: st.DrawFn) -> list[pure.BodyLife]:
    count = draw(st.integers(min_value=0, max_value=12))
    found = []
    for i in range(count):
        established = draw(st.none() | days)
        abolished = draw(st.none() | days)
        if established and abolished and abolished < established:
            established, abolished = abolished, established
        parent = draw(st.none() | st.integers(min_value=0, max_value=max(i - 1, 0))) if i else None
        found.append(pure.BodyLife(i, f"Body {i}", parent, established, abolished))
    return found


@settings(max_examples=150, deadline=None)
@given(bodies(), days)
def test_a_body_is_in_the_chart_at_a_date_iff_established_on_or_before_and_not_yet_abolished(
    lives: list[pure.BodyLife], d: datetime.date
) -> None:
    chart = pure.chart_at(lives, d)
    shown = {n.id for n in chart.nodes}
    expected = {
        b.id
        for b in lives
        if (b.established is None or b.established <= d) and (b.abolished is None or d < b.abolished)
    }
    assert shown == expected
    assert len(chart.nodes) == len(shown)  # each body once
    for node in chart.nodes:  # a child hangs under its parent exactly when the parent exists then
        parent = lives[node.id].parent_id
        assert any(node in n.children for n in chart.nodes) == (parent in shown)
        assert bool(node.parent_missing) == (parent is not None and parent not in shown)


def test_a_parent_gone_by_the_date_is_named_on_its_child() -> None:
    lives = [
        pure.BodyLife(1, "County Cabinet", established=D(2015, 1, 1), abolished=D(2024, 4, 1)),
        pure.BodyLife(2, "Scrutiny Panel", parent_id=1, localities=("North Riverside",)),
    ]
    before, after = pure.chart_at(lives, D(2024, 3, 31)), pure.chart_at(lives, D(2024, 4, 1))
    assert [n.name for n in before.roots] == ["County Cabinet"]
    assert [c.name for c in before.roots[0].children] == ["Scrutiny Panel"]
    assert [(n.name, n.parent_missing) for n in after.roots] == [("Scrutiny Panel", "County Cabinet")]


def test_organisations_start_and_end_with_their_successions() -> None:
    merger = pure.SuccessionEvent(1, pure.MERGER, D(2024, 4, 1), frozenset({1, 2}), frozenset({3}))
    absorb = pure.SuccessionEvent(2, pure.MERGER, D(2025, 4, 1), frozenset({3, 4}), frozenset({3}))
    events = [merger, absorb]
    assert pure.organisations_at({1, 2, 3, 4}, events, D(2024, 3, 31)) == {1, 2, 4}
    assert pure.organisations_at({1, 2, 3, 4}, events, D(2024, 4, 1)) == {3, 4}
    assert pure.organisations_at({1, 2, 3, 4}, events, D(2025, 4, 1)) == {3}


def test_a_succession_after_an_earlier_ending_is_refused() -> None:
    earlier = pure.SuccessionEvent(1, pure.ABOLITION, D(2020, 1, 1), frozenset({1}))
    errors = pure.succession_errors(
        kind=pure.RENAMING,
        effective=D(2021, 1, 1),
        predecessors={2: "B"},
        successors={1: "A"},
        others=[earlier],
    )
    assert errors == [pure.SUCCESSOR_ENDED.format(name="A", date="1 January 2020")]
    created = pure.SuccessionEvent(2, pure.RENAMING, D(2022, 1, 1), frozenset({5}), frozenset({6}))
    errors = pure.succession_errors(
        kind=pure.ABOLITION, effective=D(2021, 1, 1), predecessors={6: "F"}, successors={}, others=[created]
    )
    assert errors == [pure.NOT_YET.format(name="F", date="1 January 2022")]
    assert (
        pure.succession_errors(
            kind=pure.SPLIT,
            effective=D(2021, 1, 1),
            predecessors={2: "B"},
            successors={3: "C", 4: "D"},
            others=[],
        )
        == []
    )


def test_the_difference_of_a_merger() -> None:
    event = pure.SuccessionEvent(1, pure.MERGER, D(2024, 4, 1), frozenset({1, 2}), frozenset({3}))
    lives = [
        pure.BodyLife(
            10, "District Forum", established=D(2015, 1, 1), abolished=D(2024, 4, 1), replaced_by=11
        ),
        pure.BodyLife(11, "Locality Board", established=D(2024, 4, 1)),
        pure.BodyLife(12, "Health and Wellbeing Board"),
    ]
    d = pure.difference(
        event=event, organisations={1: "County", 2: "District", 3: "Unitary"}, events=[event], bodies=lives
    )
    assert (d.before, d.on) == (D(2024, 3, 31), D(2024, 4, 1))
    assert (d.organisations_before, d.organisations_after) == (["County", "District"], ["Unitary"])
    assert (d.organisations_ended, d.organisations_started) == (["County", "District"], ["Unitary"])
    assert (d.bodies_abolished, d.bodies_created) == (["District Forum"], ["Locality Board"])
    assert d.bodies_replaced == [("District Forum", "Locality Board")]


def test_the_chart_is_an_accessible_svg_with_a_box_per_body_and_a_line_per_report() -> None:
    lives = [
        pure.BodyLife(1, "Health & Wellbeing Board"),
        pure.BodyLife(2, "North Locality Board", parent_id=1, localities=("North Riverside",)),
        pure.BodyLife(3, "South Locality Board", parent_id=1),
        pure.BodyLife(4, "Cabinet"),
    ]
    chart = pure.chart_at(lives, D(2025, 1, 1))
    root = ET.fromstring(pure.svg(chart, title="Structure chart", id_prefix="c"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").text == "Structure chart"
    assert "4 bodies existing on 1 January 2025" in root.find(f"{SVG}desc").text
    assert len(root.findall(f"{SVG}g")) == 4 and len(root.findall(f"{SVG}line")) == 2
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Health & Wellbeing Board" in texts and "Serves North Riverside" in texts
    empty = ET.fromstring(pure.svg(pure.chart_at([], D(2025, 1, 1)), title="Nothing"))
    assert empty.get("role") == "img"
