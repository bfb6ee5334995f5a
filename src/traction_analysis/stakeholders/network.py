"""The relationship network: a directed weighted graph of ties between people, its measures and its drawing.

A tie is what one person said of another (a declared rating) or what the record shows they share (an
observed tie). Its **strength** is in (0, 1]: how often they work together on the 0–4 scale, over 4, times
their trust on the 1–4 scale, over 4; a tie of frequency 0 ("never") is no tie at all. Measures are taken
on the graph exactly as filtered (minimum frequency, minimum trust, organisation):

- density: ties over the ties possible (n × (n − 1), directed);
- in and out degree: ties received and given;
- betweenness (normalised): how often a person lies on the shortest paths between two others, unweighted
  and weighted with distance = 1 / strength, so that strong ties are short and a broker on strong ties
  scores higher. Exact (Brandes, O(VE)) up to ``EXACT_LIMIT`` people; above it estimated from ``PIVOTS``
  sampled sources with a fixed seed, and said so;
- communities: Louvain on the undirected strengths with a fixed seed, so two runs give the same partition;
- isolates: people with no tie in the filtered graph.

The drawing is a spring layout (networkx, fixed seed) rendered as SVG with ``role="img"``, a title and a
description; the page shows the same figures in a table. Pure Python and networkx: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

import networkx as nx

from traction_analysis.anonymity import breakdown_shown, count_shown

SEED = 7
EXACT_LIMIT = 300
PIVOTS = 12
MAX_FREQUENCY = 4
MAX_TRUST = 4
PALETTE = ("#1d70b8", "#d4351c", "#00703c", "#6f3c97", "#b58840", "#28a197", "#912b88", "#505a5f")
BAD_FREQUENCY = "The minimum frequency must be a whole number from 0 to 4."
BAD_TRUST = "The minimum trust must be a number from 1 to 4."


@dataclass(frozen=True)
class Node:
    key: int
    label: str
    organisation: str = ""


@dataclass(frozen=True)
class Tie:
    source: int
    target: int
    frequency: int  # 0 never … 4 daily
    trust: float  # 1 … 4 (the mean of the aspects rated)

    @property
    def strength(self) -> float:
        return (self.frequency / MAX_FREQUENCY) * (self.trust / MAX_TRUST)


@dataclass(frozen=True)
class Filters:
    min_frequency: int = 1
    min_trust: float = 1.0
    organisation: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.min_frequency, bool) or not 0 <= self.min_frequency <= MAX_FREQUENCY:
            raise ValueError(BAD_FREQUENCY)
        if not 1 <= self.min_trust <= MAX_TRUST:
            raise ValueError(BAD_TRUST)


@dataclass(frozen=True)
class PersonMeasures:
    key: int
    label: str
    organisation: str
    in_degree: int
    out_degree: int
    betweenness: float
    weighted_betweenness: float
    community: int  # 1-based; 0 for an isolate


@dataclass(frozen=True)
class Measures:
    people: tuple[PersonMeasures, ...]
    ties: int
    density: float
    communities: tuple[tuple[int, ...], ...]
    isolates: tuple[int, ...]
    exact: bool
    pivots: int = 0
    by_key: dict[int, PersonMeasures] = field(default_factory=dict, compare=False, repr=False)

    @property
    def method(self) -> str:
        if self.exact:
            return "Betweenness is exact (every shortest path counted)."
        return (
            f"Betweenness is estimated from {self.pivots} sampled people (fixed seed), "
            f"because the network has more than {EXACT_LIMIT} people."
        )


def build_graph(nodes: Iterable[Node], ties: Iterable[Tie], filters: Filters | None = None) -> nx.DiGraph:
    """The directed graph of ``ties`` passing ``filters``; every node stays (those left with no tie are
    isolates), except that an organisation filter keeps that organisation's people and those they are tied
    to. Two ties between the same ordered pair keep the stronger (a second observation adds to it)."""
    filters = filters or Filters()
    graph = nx.DiGraph()
    people = {node.key: node for node in nodes}
    for node in people.values():
        graph.add_node(node.key, label=node.label, organisation=node.organisation)
    for tie in ties:
        if tie.source == tie.target or tie.source not in people or tie.target not in people:
            continue
        if tie.frequency < max(filters.min_frequency, 1) or tie.trust < filters.min_trust:
            continue
        if filters.organisation and filters.organisation not in {
            people[tie.source].organisation,
            people[tie.target].organisation,
        }:
            continue
        old = graph.get_edge_data(tie.source, tie.target)
        strength = min(1.0, tie.strength + (old["strength"] if old else 0.0))
        graph.add_edge(tie.source, tie.target, strength=strength, distance=1.0 / strength)
    if filters.organisation:
        keep = {n for n, data in graph.nodes(data=True) if data["organisation"] == filters.organisation}
        keep |= {n for edge in graph.edges for n in edge}
        graph = graph.subgraph(keep).copy()
    return graph


def _betweenness(graph: nx.DiGraph, weight: str | None) -> tuple[dict[int, float], bool, int]:
    n = graph.number_of_nodes()
    if n <= EXACT_LIMIT:
        return nx.betweenness_centrality(graph, weight=weight, normalized=True), True, 0
    pivots = min(PIVOTS, n)
    found = nx.betweenness_centrality(graph, k=pivots, weight=weight, normalized=True, seed=SEED)
    return found, False, pivots


def communities(graph: nx.DiGraph) -> tuple[tuple[int, ...], ...]:
    """Louvain communities of the people with ties, on undirected strengths, fixed seed; largest first."""
    undirected = nx.Graph()
    for u, v, data in graph.edges(data=True):
        old = undirected.get_edge_data(u, v)
        undirected.add_edge(u, v, strength=data["strength"] + (old["strength"] if old else 0.0))
    if undirected.number_of_edges() == 0:
        return ()
    found = nx.community.louvain_communities(undirected, weight="strength", seed=SEED)
    ordered = sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c))
    return tuple(ordered)


def measures(graph: nx.DiGraph) -> Measures:
    n = graph.number_of_nodes()
    ties = graph.number_of_edges()
    density = ties / (n * (n - 1)) if n > 1 else 0.0
    plain, exact, pivots = _betweenness(graph, None)
    weighted, _, _ = _betweenness(graph, "distance")
    groups = communities(graph)
    community_of = {key: index for index, group in enumerate(groups, start=1) for key in group}
    isolates = tuple(sorted(nx.isolates(graph)))
    people = tuple(
        PersonMeasures(
            key=key,
            label=data["label"],
            organisation=data["organisation"],
            in_degree=graph.in_degree(key),
            out_degree=graph.out_degree(key),
            betweenness=plain.get(key, 0.0),
            weighted_betweenness=weighted.get(key, 0.0),
            community=community_of.get(key, 0),
        )
        for key, data in sorted(graph.nodes(data=True), key=lambda item: (item[1]["label"], item[0]))
    )
    return Measures(
        people=people,
        ties=ties,
        density=density,
        communities=groups,
        isolates=isolates,
        exact=exact,
        pivots=pivots,
        by_key={p.key: p for p in people},
    )


# --- the drawing ------------------------------------------------------------------------------------------

WIDTH = 720
HEIGHT = 480
MARGIN = 24


def layout(graph: nx.DiGraph, groups: Sequence[Sequence[int]] = ()) -> dict[int, tuple[float, float]]:
    """Deterministic positions in the SVG's box: a spring layout with a fixed seed up to ``EXACT_LIMIT``
    people; above it each community on its own circle (networkx circular layouts), the communities round a
    larger circle, since a force layout of thousands of people is too slow to draw on request."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() <= EXACT_LIMIT:
        found = nx.spring_layout(
            graph.to_undirected(as_view=True), weight="strength", seed=SEED, iterations=50
        )
    else:
        placed = {n for group in groups for n in group}
        rings = [list(group) for group in groups] + [sorted(n for n in graph if n not in placed)]
        rings = [ring for ring in rings if ring]
        centres = nx.circular_layout(range(len(rings)))
        total = graph.number_of_nodes()
        found = {}
        for index, ring in enumerate(rings):
            radius = 0.9 * (len(ring) / total) ** 0.5
            for key, p in nx.circular_layout(ring, scale=radius, center=centres[index]).items():
                found[key] = p
    xs = [float(p[0]) for p in found.values()]
    ys = [float(p[1]) for p in found.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        key: (
            MARGIN + (float(p[0]) - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            MARGIN + (float(p[1]) - min(ys)) / span_y * (HEIGHT - 2 * MARGIN),
        )
        for key, p in found.items()
    }


def svg(
    graph: nx.DiGraph, found: Measures, *, title: str, labels: bool = True, id_prefix: str = "network"
) -> str:
    """The network as SVG: ties as lines (thicker when stronger), people as circles coloured by community,
    with a title and a description for assistive technology (the table beside it holds every figure).
    ``id_prefix`` names the title and description, distinct for each chart of one page."""
    positions = layout(graph, found.communities)
    description = (
        f"{graph.number_of_nodes()} people, {found.ties} ties, density {found.density:.2f}, "
        f"{len(found.communities)} communities, {len(found.isolates)} isolated. "
        "The table below lists every person's figures."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{escape(id_prefix)}-title {escape(id_prefix)}-desc">',
        f'<title id="{escape(id_prefix)}-title">{escape(title)}</title>',
        f'<desc id="{escape(id_prefix)}-desc">{escape(description)}</desc>',
        '<g class="network-ties" stroke="#505a5f" stroke-opacity="0.5">',
    ]
    for u, v, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = positions[u], positions[v]
        width = 0.5 + 2.5 * data["strength"]
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{width:.2f}"/>'
        )
    parts.append("</g>")
    parts.append('<g class="network-people" stroke="#0b0c0c" stroke-width="0.5">')
    small = graph.number_of_nodes() > 60
    for person in found.people:
        x, y = positions[person.key]
        colour = PALETTE[(person.community - 1) % len(PALETTE)] if person.community else "#ffffff"
        radius = 2.5 if small else 6 + 20 * person.betweenness
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}"/>')
        if labels and not small:
            parts.append(
                f'<text x="{x + radius + 2:.1f}" y="{y + 4:.1f}" font-size="11" stroke="none">'
                f"{escape(person.label)}</text>"
            )
    parts.append("</g></svg>")
    return "\n".join(parts)


# --- comparing two periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonChange:
    key: int
    label: str
    organisation: str
    before: PersonMeasures | None
    after: PersonMeasures | None

    @property
    def degree_change(self) -> int:
        def degree(m: PersonMeasures | None) -> int:
            return (m.in_degree + m.out_degree) if m else 0

        return degree(self.after) - degree(self.before)

    @property
    def betweenness_change(self) -> float:
        return (self.after.betweenness if self.after else 0.0) - (
            self.before.betweenness if self.before else 0.0
        )


@dataclass(frozen=True)
class Comparison:
    before: Measures
    after: Measures
    people: tuple[PersonChange, ...]

    @property
    def density_change(self) -> float:
        return self.after.density - self.before.density

    @property
    def ties_change(self) -> int:
        return self.after.ties - self.before.ties

    @property
    def communities_change(self) -> int:
        return len(self.after.communities) - len(self.before.communities)

    @property
    def isolates_change(self) -> int:
        return len(self.after.isolates) - len(self.before.isolates)


def compare(before: Measures, after: Measures) -> Comparison:
    keys = sorted(set(before.by_key) | set(after.by_key))
    people = []
    for key in keys:
        old, new = before.by_key.get(key), after.by_key.get(key)
        known = new or old
        assert known is not None
        people.append(PersonChange(key, known.label, known.organisation, old, new))
    people.sort(key=lambda p: (-abs(p.betweenness_change), p.label))
    return Comparison(before, after, tuple(people))


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def strengths(ties: Iterable[Tie]) -> Mapping[tuple[int, int], float]:
    return {(t.source, t.target): t.strength for t in ties}


# --- what everyone else may see of a survey ----------------------------------------------------------------

ASPECTS = ("frequency", "reliability", "mission", "openness")


@dataclass(frozen=True)
class Aggregates:
    """``None`` means "not shown": too few answered, or the survey is still open."""

    responses: int | None
    means: dict[str, float] | None  # aspect → mean over every rating given
    by_organisation: list[tuple[str, dict[str, float]]] | None  # the raters' organisation → means

    @property
    def shown(self) -> bool:
        return self.responses is not None


def aggregates(
    rows: Sequence[Mapping[str, int]], *, groups: Mapping[int, str], k: int, closed: bool
) -> Aggregates:
    """Survey-wide and per-organisation means of the ratings given (each row a rating with ``rater`` and the
    ``ASPECTS``); ``groups`` maps every person in the survey to their organisation. Nothing while open or
    unless at least ``k`` people answered (``count_shown``); the organisation table only when every
    organisation has at least ``k`` who answered and ``k`` who did not (``breakdown_shown``)."""
    if not closed:
        return Aggregates(None, None, None)
    raters = {row["rater"] for row in rows}
    responses = count_shown(raters, k=k)
    if responses is None or not rows:
        return Aggregates(None, None, None)
    means = {a: sum(row[a] for row in rows) / len(rows) for a in ASPECTS}
    by_organisation = None
    if breakdown_shown(raters, groups=groups, k=k) is not None:
        per: dict[str, list[Mapping[str, int]]] = {}
        for row in rows:
            per.setdefault(groups[row["rater"]], []).append(row)
        by_organisation = [
            (name, {a: sum(r[a] for r in found) / len(found) for a in ASPECTS})
            for name, found in sorted(per.items())
        ]
    return Aggregates(responses, means, by_organisation)
