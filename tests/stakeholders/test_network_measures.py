"""The network's measures on hand-built graphs: brokering, weighted betweenness, Louvain determinism,
density, isolates, filters, sampled betweenness on a large network, the drawing and the comparison; and
property tests that the aggregates never show anything below k."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from traction_analysis.stakeholders import network as n

ORGS = {1: "Council", 2: "Council", 3: "Council", 4: "Broker", 5: "NHS", 6: "NHS", 7: "NHS"}


def nodes(orgs: dict[int, str] = ORGS) -> list[n.Node]:
    return [n.Node(key, f"Person {key}", org) for key, org in orgs.items()]


def both(a: int, b: int, frequency: int = 4, trust: float = 4.0) -> list[n.Tie]:
    return [n.Tie(a, b, frequency, trust), n.Tie(b, a, frequency, trust)]


def two_clusters(bridge_frequency: int = 1) -> list[n.Tie]:
    """Two triangles, each tied to person 4, who is their only link."""
    ties = both(1, 2) + both(2, 3) + both(1, 3) + both(5, 6) + both(6, 7) + both(5, 7)
    return ties + both(3, 4, bridge_frequency) + both(4, 5, bridge_frequency)


def test_a_broker_between_two_clusters_has_the_highest_betweenness() -> None:
    found = n.measures(n.build_graph(nodes(), two_clusters()))
    top = max(found.people, key=lambda p: p.betweenness)
    assert top.key == 4 and top.betweenness > 0.5
    assert found.by_key[1].betweenness == 0.0


def test_a_stronger_tie_raises_a_brokers_weighted_betweenness() -> None:
    """Person 4 links 3 and 5; 3 and 5 also have a direct tie. When 4's ties are weak, the direct tie is the
    shorter path and 4 brokers nothing; strong ties make the path through 4 the shortest."""
    direct = both(3, 5, 2, 2.0)
    weak = n.measures(n.build_graph(nodes(), two_clusters(1) + direct))
    strong = n.measures(n.build_graph(nodes(), two_clusters(4) + direct))
    assert strong.by_key[4].weighted_betweenness > weak.by_key[4].weighted_betweenness
    assert strong.by_key[4].betweenness == weak.by_key[4].betweenness  # unweighted: the same


def test_louvain_gives_the_same_partition_every_run() -> None:
    ties = two_clusters(2)
    first = n.measures(n.build_graph(nodes(), ties)).communities
    second = n.measures(n.build_graph(nodes(), list(reversed(ties)))).communities
    assert first == second and len(first) == 2
    assert {1, 2, 3} <= set(first[0]) | set(first[1])


def test_density_counts_directed_ties_over_the_possible() -> None:
    graph = n.build_graph(nodes({1: "", 2: "", 3: ""}), [n.Tie(1, 2, 3, 3.0), n.Tie(2, 3, 2, 4.0)])
    assert n.measures(graph).density == 2 / 6
    assert n.measures(n.build_graph([], [])).density == 0.0


def test_isolates_are_the_people_without_a_tie() -> None:
    found = n.measures(n.build_graph(nodes({**ORGS, 8: "Voluntary"}), two_clusters()))
    assert found.isolates == (8,)
    assert found.by_key[8].community == 0


def test_a_never_tie_and_a_self_tie_are_no_ties() -> None:
    graph = n.build_graph(nodes(), [n.Tie(1, 2, 0, 4.0), n.Tie(3, 3, 4, 4.0)])
    assert graph.number_of_edges() == 0


def test_filters_change_the_measures() -> None:
    ties = two_clusters(1)
    everything = n.measures(n.build_graph(nodes(), ties))
    frequent = n.measures(n.build_graph(nodes(), ties, n.Filters(min_frequency=2)))
    assert frequent.ties < everything.ties and frequent.isolates == (4,)
    assert frequent.by_key[4].betweenness == 0.0 < everything.by_key[4].betweenness
    trusting = n.measures(n.build_graph(nodes(), ties + both(1, 5, 4, 1.0), n.Filters(min_trust=2)))
    assert trusting.ties == everything.ties
    council = n.measures(n.build_graph(nodes(), ties, n.Filters(organisation="Council")))
    assert {p.key for p in council.people} == {1, 2, 3, 4}
    assert council.density != everything.density


def test_bad_filters_are_refused() -> None:
    for bad in ({"min_frequency": 5}, {"min_frequency": -1}, {"min_trust": 0.5}, {"min_trust": 4.5}):
        try:
            n.Filters(**bad)  # type: ignore[arg-type]
        except ValueError:
            continue
        raise AssertionError(f"{bad} was accepted")


def test_a_large_network_uses_sampled_betweenness_and_says_so() -> None:
    rng = random.Random(3)
    people = [n.Node(i, f"P{i}", f"O{i % 5}") for i in range(n.EXACT_LIMIT + 20)]
    ties = [n.Tie(rng.randrange(len(people)), rng.randrange(len(people)), 2, 3.0) for _ in range(1500)]
    graph = n.build_graph(people, ties)
    first, second = n.measures(graph), n.measures(graph)
    assert not first.exact and first.pivots == n.PIVOTS and "estimated" in first.method
    assert first.people == second.people  # the fixed seed
    small = n.measures(n.build_graph(nodes(), two_clusters()))
    assert small.exact and "exact" in small.method
    drawing = n.svg(graph, first, title="Large")
    assert drawing.count("<circle") == len(people)


def test_the_drawing_is_an_image_with_a_title_and_description() -> None:
    graph = n.build_graph(nodes({**ORGS, 9: "<script>"}), two_clusters())
    found = n.measures(graph)
    drawing = n.svg(graph, found, title="Declared <network>")
    assert 'role="img"' in drawing and "<title" in drawing and "<desc" in drawing
    assert "&lt;network&gt;" in drawing and "<script>" not in drawing
    assert drawing == n.svg(graph, found, title="Declared <network>")  # deterministic layout
    assert drawing.count("<line") == found.ties


def test_comparing_two_periods_reports_the_change() -> None:
    before = n.measures(n.build_graph(nodes(), two_clusters()[:6]))
    after = n.measures(n.build_graph(nodes(), two_clusters()))
    comparison = n.compare(before, after)
    assert comparison.ties_change == after.ties - before.ties > 0
    assert comparison.density_change > 0
    assert comparison.people[0].key == 4 and comparison.people[0].betweenness_change > 0


ratings = st.lists(
    st.fixed_dictionaries(
        {
            "rater": st.integers(1, 12),
            "frequency": st.integers(0, 4),
            "reliability": st.integers(1, 4),
            "mission": st.integers(1, 4),
            "openness": st.integers(1, 4),
        }
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(rows=ratings, k=st.integers(3, 8), organisations=st.integers(1, 4), closed=st.booleans())
def test_aggregates_never_show_anything_below_k(
    rows: list[dict[str, int]], k: int, organisations: int, closed: bool
) -> None:
    groups = {person: f"Organisation {person % organisations}" for person in range(1, 13)}
    found = n.aggregates(rows, groups=groups, k=k, closed=closed)
    raters = {row["rater"] for row in rows}
    if not closed or len(raters) < k:
        assert found == n.Aggregates(None, None, None)
        return
    assert found.responses == len(raters) >= k
    if found.by_organisation is not None:
        for name, _ in found.by_organisation:
            members = {p for p, g in groups.items() if g == name}
            assert len(members & raters) >= k and len(members - raters) >= k
