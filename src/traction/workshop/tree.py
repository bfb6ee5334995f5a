"""Problem trees as plain data: validation, wording checks, objectives wording, layered layout and SVG.

No Django here: the web app, the exports and the tests all call these functions on ``Tree`` values.
The layout is computed by grandalf's Sugiyama (layered) layout, not placed by hand; constraints sit in
a column beside the core problem.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from xml.sax.saxutils import escape

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

CORE, CAUSE, EFFECT, CONSTRAINT = "core", "cause", "effect", "constraint"
KINDS: Final = (CORE, CAUSE, EFFECT, CONSTRAINT)

NO_CORE: Final = "The tree has no core problem: mark exactly one node as the core problem."
MANY_CORES: Final = (
    "The tree has {n} core problems ({labels}): keep exactly one and make the others causes or effects."
)
CYCLE: Final = "That link would make a loop ({path}): a cause cannot also be a consequence of itself."
SELF_LINK: Final = "A node cannot lead to itself."
BAD_DIRECTION: Final = (
    "{source} cannot lead to {target}: causes lead to causes or to the core problem, "
    "the core problem leads to effects, effects lead to further effects, and constraints "
    "sit beside the core problem."
)

# Which kind may lead to which: causes beneath the core, effects above it, constraints beside it.
ALLOWED_LINKS: Final = {
    CAUSE: {CAUSE, CORE},
    CORE: {EFFECT},
    EFFECT: {EFFECT},
    CONSTRAINT: {CORE},
}


@dataclass(frozen=True)
class Node:
    id: int
    kind: str
    label: str
    lines: tuple[str, ...] = ()  # extra lines drawn under the label (e.g. "Raised by 5 participants")


@dataclass(frozen=True)
class Tree:
    title: str
    nodes: tuple[Node, ...]
    links: tuple[tuple[int, int], ...]  # (source, target): the source leads to the target
    description: str = ""

    def node(self, node_id: int) -> Node:
        return next(n for n in self.nodes if n.id == node_id)


# --- validation ---------------------------------------------------------------------------------------------


def core_errors(kinds: Sequence[tuple[str, str]]) -> list[str]:
    """``kinds``: (kind, label) per node. Errors unless exactly one is the core problem."""
    cores = [label for kind, label in kinds if kind == CORE]
    if not cores:
        return [NO_CORE]
    if len(cores) > 1:
        return [MANY_CORES.format(n=len(cores), labels=", ".join(f"“{c}”" for c in cores))]
    return []


def path_between(links: Iterable[tuple[int, int]], start: int, goal: int) -> list[int] | None:
    """A path of links from ``start`` to ``goal``, or None."""
    following: dict[int, list[int]] = {}
    for source, target in links:
        following.setdefault(source, []).append(target)
    stack: list[list[int]] = [[start]]
    seen = {start}
    while stack:
        path = stack.pop()
        if path[-1] == goal:
            return path
        for nxt in following.get(path[-1], []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append([*path, nxt])
    return None


def link_error(tree: Tree, source: int, target: int) -> str | None:
    """Why the link source → target may not be added to ``tree``, or None."""
    if source == target:
        return SELF_LINK
    s, t = tree.node(source), tree.node(target)
    if t.kind not in ALLOWED_LINKS[s.kind]:
        source_words = _kind_words(s.kind)
        return BAD_DIRECTION.format(
            source=source_words[:1].upper() + source_words[1:], target=_kind_words(t.kind)
        )
    back = path_between(tree.links, target, source)
    if back is not None:
        labels = [tree.node(n).label for n in [source, *back]]
        return CYCLE.format(path=" → ".join(f"“{label}”" for label in labels))
    return None


def tree_errors(tree: Tree) -> list[str]:
    """Everything that makes the tree unfit to publish or export."""
    errors = core_errors([(n.kind, n.label) for n in tree.nodes])
    for source, target in tree.links:
        if path_between(tree.links, target, source) is not None:
            errors.append(CYCLE.format(path=f"“{tree.node(source).label}” → “{tree.node(target).label}”"))
            break
    return errors


def _kind_words(kind: str) -> str:
    return {CORE: "the core problem", CAUSE: "a cause", EFFECT: "an effect", CONSTRAINT: "a constraint"}[kind]


# --- wording warnings (never block) -------------------------------------------------------------------------

TOKEN = re.compile(r"\[\s*(?:P\s*\d+|Org(?:anisation)?\s+[\w-]+|Person\s+[\w-]+|[A-Z]{1,3}\d{0,3})\s*\]")
MISSING_SOLUTION = re.compile(
    r"^\s*(?:(?:a|the)\s+)?(?:lack\s+of|no|not\s+enough|absence\s+of|need\s+for|"
    r"need\s+to|missing)\b",
    re.IGNORECASE,
)
WARN_PERSON: Final = "It names {name}: describe the situation, not a person."
WARN_TOKEN: Final = "It contains the placeholder {token}, which could point to a participant or organisation."
WARN_SOLUTION: Final = (
    "It is phrased as a missing solution (“{start}…”): say what the problem is, so that "
    "other solutions stay open."
)


def wording_warnings(label: str, *, people: Iterable[str] = ()) -> list[str]:
    warnings: list[str] = []
    for name in people:
        if name.strip() and re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", label, re.IGNORECASE):
            warnings.append(WARN_PERSON.format(name=name.strip()))
    for token in TOKEN.findall(label):
        warnings.append(WARN_TOKEN.format(token=token))
    match = MISSING_SOLUTION.match(label)
    if match:
        warnings.append(WARN_SOLUTION.format(start=match.group(0).strip()))
    return warnings


# --- objectives wording -------------------------------------------------------------------------------------

_RULES: Final = (
    (re.compile(r"^\s*(?:a\s+|the\s+)?lack\s+of\s+(?P<x>.+)$", re.IGNORECASE), "{x} in place"),
    (re.compile(r"^\s*poor\s+(?P<x>.+)$", re.IGNORECASE), "good {x}"),
    (re.compile(r"^\s*no\s+(?P<x>.+)$", re.IGNORECASE), "{x}"),
)


def positive_wording(label: str) -> str:
    """A first positive wording for the objectives tree, for the facilitator to edit."""
    for pattern, template in _RULES:
        match = pattern.match(label.strip())
        if match:
            text = template.format(x=match.group("x").strip().rstrip("."))
            return text[:1].upper() + text[1:]
    return f"Overcome: {label.strip()}"


# --- layout and drawing -------------------------------------------------------------------------------------

BOX_W, LINE_H, PAD, GAP_X, GAP_Y, MARGIN = 200, 16, 10, 40, 60, 24
WRAP = 26
COLOURS: Final = {
    CORE: ("#7a1f1f", "#ffffff"),
    CAUSE: ("#e8f0fb", "#0b0c0c"),
    EFFECT: ("#fdf3e1", "#0b0c0c"),
    CONSTRAINT: ("#eeeeee", "#0b0c0c"),
}


@dataclass
class Box:
    node: Node
    text: list[str]
    x: float = 0.0  # centre
    y: float = 0.0  # centre
    h: float = 0.0


@dataclass
class Layout:
    boxes: dict[int, Box]
    width: float
    height: float
    links: list[tuple[int, int]] = field(default_factory=list)


class _View:
    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy = (0.0, 0.0)


def _text(node: Node) -> list[str]:
    return textwrap.wrap(node.label, WRAP) or [""]


def _sugiyama(
    ids: Sequence[int], edges: Sequence[tuple[int, int]], boxes: dict[int, Box]
) -> dict[int, tuple[float, float]]:
    """grandalf's layered layout of each connected component, side by side: rank grows with y."""
    vertices = {i: Vertex(i) for i in ids}
    for i in ids:
        vertices[i].view = _View(BOX_W, boxes[i].h)
    graph = Graph(list(vertices.values()), [Edge(vertices[a], vertices[b]) for a, b in edges])
    placed: dict[int, tuple[float, float]] = {}
    offset = 0.0
    for component in graph.C:
        sug = SugiyamaLayout(component)
        sug.xspace, sug.yspace = GAP_X, GAP_Y
        sug.init_all()
        sug.draw()
        left = min(v.view.xy[0] for v in component.sV) - BOX_W / 2
        for v in component.sV:
            placed[v.data] = (v.view.xy[0] - left + offset, v.view.xy[1])
        offset = max(x for x, _ in placed.values()) + BOX_W / 2 + GAP_X
    return placed


def _reach(start: int, edges: Sequence[tuple[int, int]]) -> set[int]:
    found, stack = {start}, [start]
    while stack:
        here = stack.pop()
        for a, b in edges:
            if a == here and b not in found:
                found.add(b)
                stack.append(b)
    return found


def layout(tree: Tree) -> Layout:
    """Layered layout rooted at the core problem: effects in layers above it, causes in layers beneath it
    (a cause's layer is its distance from the core), constraints beside it; anything not yet linked to the
    core goes to the right."""
    boxes = {n.id: Box(n, _text(n)) for n in tree.nodes}
    for box in boxes.values():
        box.h = PAD * 2 + LINE_H * (len(box.text) + len(box.node.lines))
    kind = {n.id: n.kind for n in tree.nodes}
    core = next((n.id for n in tree.nodes if n.kind == CORE), None)
    done: set[int] = set()
    right = 0.0
    if core is not None:
        up = [(a, b) for a, b in tree.links if kind[a] in (CORE, EFFECT) and kind[b] == EFFECT]
        down = [(b, a) for a, b in tree.links if kind[a] == CAUSE and kind[b] in (CAUSE, CORE)]
        for edges, sign in ((up, -1), (down, 1)):
            side = _reach(core, edges)
            placed = _sugiyama(sorted(side), [e for e in edges if e[0] in side and e[1] in side], boxes)
            cx, cy = placed[core]
            for i, (x, y) in placed.items():
                boxes[i].x, boxes[i].y = x - cx, sign * (y - cy)
            done |= side
        right = max(boxes[i].x for i in done) + BOX_W / 2 + GAP_X
    rest = [n.id for n in tree.nodes if n.id not in done and n.kind != CONSTRAINT]
    if rest:
        placed = _sugiyama(rest, [(a, b) for a, b in tree.links if a in rest and b in rest], boxes)
        top = min(boxes[i].y for i in done) if done else 0.0
        for i, (x, y) in placed.items():
            boxes[i].x, boxes[i].y = right + x, top + y
        right = max(boxes[i].x for i in rest) + BOX_W / 2 + GAP_X
    _place_constraints(tree, boxes, right)
    return _normalise(boxes, list(tree.links))


def _place_constraints(tree: Tree, boxes: dict[int, Box], right: float) -> None:
    core = next((n for n in tree.nodes if n.kind == CORE), None)
    y = boxes[core.id].y if core else 0.0
    x = right + BOX_W / 2
    for n in (n for n in tree.nodes if n.kind == CONSTRAINT):
        boxes[n.id].x, boxes[n.id].y = x, y
        x += BOX_W + GAP_X


def _normalise(boxes: dict[int, Box], links: list[tuple[int, int]]) -> Layout:
    if not boxes:
        return Layout({}, BOX_W + 2 * MARGIN, 80, links)
    left = min(b.x - BOX_W / 2 for b in boxes.values())
    top = min(b.y - b.h / 2 for b in boxes.values())
    for b in boxes.values():
        b.x += MARGIN - left
        b.y += MARGIN - top
    width = max(b.x + BOX_W / 2 for b in boxes.values()) + MARGIN
    height = max(b.y + b.h / 2 for b in boxes.values()) + MARGIN
    return Layout(boxes, width, height, links)


def describe(tree: Tree) -> str:
    """A plain-language description for the SVG's <desc> and for screen readers."""
    core = next((n.label for n in tree.nodes if n.kind == CORE), "none yet")
    counts = {k: sum(1 for n in tree.nodes if n.kind == k) for k in (CAUSE, EFFECT, CONSTRAINT)}
    return (
        f"Problem tree. Core problem: {core}. {counts[CAUSE]} causes drawn beneath it, "
        f"{counts[EFFECT]} effects above it, {counts[CONSTRAINT]} constraints beside it. "
        "Arrows point from a cause to what it leads to. The same tree follows as a list."
    )


def svg(tree: Tree, *, id_prefix: str = "tree") -> str:
    """The tree as a standalone, accessible SVG document (role img, title and description)."""
    plan = layout(tree)
    w, h = round(plan.width), round(plan.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" class="tree-diagram">',
        f'<title id="{id_prefix}-title">{escape(tree.title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(describe(tree))}</desc>',
        '<defs><marker id="' + id_prefix + '-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#505a5f"/>'
        "</marker></defs>",
    ]
    for source, target in plan.links:
        out.append(_arrow(plan.boxes[source], plan.boxes[target], id_prefix))
    for box in plan.boxes.values():
        out.append(_box(box))
    out.append("</svg>")
    return "\n".join(out)


def _arrow(a: Box, b: Box, prefix: str) -> str:
    if a.node.kind == CONSTRAINT:  # beside the core: horizontal
        x1, y1, x2, y2 = a.x - BOX_W / 2, a.y, b.x + BOX_W / 2, b.y
    else:
        x1, y1 = a.x, a.y - a.h / 2 if a.y > b.y else a.y + a.h / 2
        x2, y2 = b.x, b.y + b.h / 2 if a.y > b.y else b.y - b.h / 2
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#505a5f" stroke-width="1.5" '
        f'marker-end="url(#{prefix}-arrow)"/>'
    )


def _box(box: Box) -> str:
    fill, ink = COLOURS[box.node.kind]
    x, y = box.x - BOX_W / 2, box.y - box.h / 2
    dash = ' stroke-dasharray="6 4"' if box.node.kind == CONSTRAINT else ""
    parts = [
        f'<g class="node node-{box.node.kind}">',
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_W}" height="{box.h:.1f}" rx="6" fill="{fill}" '
        f'stroke="#0b0c0c" stroke-width="{2 if box.node.kind == CORE else 1}"{dash}/>',
    ]
    lines = [(t, "bold" if box.node.kind == CORE else "normal") for t in box.text]
    lines += [(t, "italic") for t in box.node.lines]
    for i, (text, style) in enumerate(lines):
        weight = ' font-weight="bold"' if style == "bold" else ""
        italic = ' font-style="italic"' if style == "italic" else ""
        ty = y + PAD + LINE_H * (i + 0.8)
        parts.append(
            f'<text x="{box.x:.1f}" y="{ty:.1f}" text-anchor="middle" font-family="Arial, sans-serif" '
            f'font-size="13" fill="{ink}"{weight}{italic}>{escape(text)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def as_dict(tree: Tree) -> dict[str, object]:
    """JSON-ready form for the export."""
    return {
        "title": tree.title,
        "description": tree.description,
        "nodes": [{"id": n.id, "kind": n.kind, "label": n.label, "notes": list(n.lines)} for n in tree.nodes],
        "links": [{"from": s, "to": t} for s, t in tree.links],
    }


def outline(tree: Tree) -> list[dict[str, Any]]:
    """The tree as nested lists for screen readers: effects, the core problem, causes (each with what
    leads to it), constraints."""
    leads_to: dict[int, list[int]] = {}
    comes_from: dict[int, list[int]] = {}
    for s, t in tree.links:
        leads_to.setdefault(s, []).append(t)
        comes_from.setdefault(t, []).append(s)
    core = next((n for n in tree.nodes if n.kind == CORE), None)

    def causes(node_id: int, seen: frozenset[int]) -> list[dict[str, Any]]:
        return [
            {"node": tree.node(c), "children": causes(c, seen | {c})}
            for c in comes_from.get(node_id, [])
            if c not in seen and tree.node(c).kind == CAUSE
        ]

    def effects(node_id: int, seen: frozenset[int]) -> list[dict[str, Any]]:
        return [
            {"node": tree.node(e), "children": effects(e, seen | {e})}
            for e in leads_to.get(node_id, [])
            if e not in seen and tree.node(e).kind == EFFECT
        ]

    if core is None:
        return []
    return [
        {"heading": "Effects", "items": effects(core.id, frozenset({core.id}))},
        {"heading": "Core problem", "items": [{"node": core, "children": []}]},
        {"heading": "Causes", "items": causes(core.id, frozenset({core.id}))},
        {
            "heading": "Constraints",
            "items": [{"node": n, "children": []} for n in tree.nodes if n.kind == CONSTRAINT],
        },
    ]


def unplaced(tree: Tree) -> list[Node]:
    """Causes and effects not connected to the core problem (the outline cannot place them)."""
    linked = {n for link in tree.links for n in link}
    return [n for n in tree.nodes if n.kind in (CAUSE, EFFECT) and n.id not in linked]
