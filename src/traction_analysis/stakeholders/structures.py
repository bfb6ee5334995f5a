"""Structures over time, on plain data: which bodies and organisations exist at a date, the reporting tree
at a date, the difference a succession makes, and the chart of the tree as an accessible SVG.

A body exists from its established date (always, when it has no history) until the day it is abolished:
``established <= d < abolished``. A dated reporting line runs the same way, ``start <= d < end`` (no start:
since the body began; no end: open). The line in effect for a body at ``d`` is the one of its dated lines
that covers ``d``; a body with no dated line at all reports to its record's ``parent`` at every date.

An organisation exists from the first succession that creates it (it is a successor there and not a
predecessor) until the first that ends it (a predecessor there and not a successor); an organisation named on
both sides of one succession (it absorbs the others) carries on.
"""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

MERGER, SPLIT, ABOLITION, RENAMING = "merger", "split", "abolition", "renaming"

OWN_SUCCESSOR = "An organisation cannot succeed itself: {names}."
NO_PREDECESSOR = "Choose at least one predecessor."
ABOLITION_WITH_SUCCESSORS = "An abolition has no successor: remove the successors or choose another kind."
MERGER_ONE_SUCCESSOR = "A merger has exactly one successor (this one has {count})."
MERGER_PREDECESSORS = "A merger joins two or more predecessors."
SPLIT_ONE_PREDECESSOR = "A split has exactly one predecessor (this one has {count})."
SPLIT_SUCCESSORS = "A split has two or more successors."
RENAMING_ONE_EACH = "A renaming has exactly one predecessor and one successor."
ALREADY_SUCCEEDED = "{name} was already succeeded on {date}, so it cannot be a predecessor on a later date."
SUCCESSOR_ENDED = "{name} was succeeded on {date}, before this date, so it cannot be a successor here."
NOT_YET = "{name} came into being on {date}, after this date, so it cannot be a predecessor here."


LINE_TO_ITSELF = "A body cannot report to itself."
LINE_ENDS_BEFORE_START = "The line must end after the date it starts."
LINE_BEFORE_BODY = "{name} was established on {date}: a line cannot start before that."
LINE_AFTER_BODY = "{name} was abolished on {date}: a line cannot start on or after that."
LINE_OUTLIVES_TARGET = "{name} was abolished on {date}: the line must end by then (or be left open)."
LINE_OUTLIVES_BODY = "{name} was abolished on {date}: the line must end by then (or be left open)."
LINE_OVERLAPS = "{body} already reports to {other} {period}: the two periods overlap."
LINE_CYCLE = "On {date} {target} reports, directly or through other bodies, to {body}: that would be a loop."


def long_date(d: datetime.date) -> str:
    return f"{d.day} {d:%B %Y}"


@dataclass(frozen=True)
class BodyLife:
    id: int
    name: str
    parent_id: int | None = None
    established: datetime.date | None = None  # None: no history, it has always existed
    abolished: datetime.date | None = None
    replaced_by: int | None = None
    localities: tuple[str, ...] = ()


@dataclass(frozen=True)
class SuccessionEvent:
    id: int
    kind: str
    effective: datetime.date
    predecessors: frozenset[int]
    successors: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Line:
    """A dated reporting line: ``body`` reports to ``reports_to`` from ``start`` (None: since the body began)
    until the day before ``end`` (None: open)."""

    body: int
    reports_to: int
    start: datetime.date | None = None
    end: datetime.date | None = None
    id: int = 0


def line_covers(line: Line, d: datetime.date) -> bool:
    return (line.start is None or line.start <= d) and (line.end is None or d < line.end)


def lines_overlap(a: Line, b: Line) -> bool:
    """Whether two periods share a day (both half-open; a missing bound is unbounded)."""
    a_before_b_ends = b.end is None or a.start is None or a.start < b.end
    b_before_a_ends = a.end is None or b.start is None or b.start < a.end
    return a_before_b_ends and b_before_a_ends


def parent_at(body: BodyLife, lines: Iterable[Line], d: datetime.date) -> int | None:
    """What ``body`` reports to on ``d``: its dated line in effect, else (no dated line at all) its parent."""
    own = [line for line in lines if line.body == body.id]
    if not own:
        return body.parent_id
    return next((line.reports_to for line in own if line_covers(line, d)), None)


def parents_at(bodies: Iterable[BodyLife], lines: Iterable[Line], d: datetime.date) -> dict[int, int | None]:
    by_body: dict[int, list[Line]] = {}
    for line in lines:
        by_body.setdefault(line.body, []).append(line)
    return {b.id: parent_at(b, by_body.get(b.id, ()), d) for b in bodies}


def period_words(start: datetime.date | None, end: datetime.date | None) -> str:
    """ "from 1 April 2015 until 31 March 2026", "since it began", "from 1 April 2026"."""
    begins = f"from {long_date(start)}" if start else "since it began"
    return begins + (f" until {long_date(end - datetime.timedelta(days=1))}" if end else "")


def line_errors(*, line: Line, bodies: Sequence[BodyLife], others: Sequence[Line]) -> list[str]:
    """Why ``line`` cannot be recorded beside ``others`` (the partnership's other dated lines): empty when it
    can. ``bodies`` are the partnership's bodies with their lives. A line left open may outlive either body
    (it ends with them; the chart names a parent that is gone), so history can be recorded in date order."""
    by_id = {b.id: b for b in bodies}
    body, target = by_id[line.body], by_id[line.reports_to]
    if line.body == line.reports_to:
        return [LINE_TO_ITSELF]
    if line.start and line.end and line.end <= line.start:
        return [LINE_ENDS_BEFORE_START]
    errors = _life_errors(line, body, target)
    errors += [
        LINE_OVERLAPS.format(
            body=body.name, other=by_id[o.reports_to].name, period=period_words(o.start, o.end)
        )
        for o in others
        if o.body == line.body and lines_overlap(o, line)
    ]
    return errors or _cycle_errors(line, by_id, others)


def _life_errors(line: Line, body: BodyLife, target: BodyLife) -> list[str]:
    errors = []
    for who in (body, target):
        began = who.established
        if began and line.start is not None and line.start < began:
            errors.append(LINE_BEFORE_BODY.format(name=who.name, date=long_date(began)))
        elif began and line.start is None and who is target and not (body.established or began) >= began:
            errors.append(LINE_BEFORE_BODY.format(name=who.name, date=long_date(began)))
        if who.abolished and line.start is not None and line.start >= who.abolished:
            errors.append(LINE_AFTER_BODY.format(name=who.name, date=long_date(who.abolished)))
        elif who.abolished and line.end is not None and line.end > who.abolished:
            message = LINE_OUTLIVES_BODY if who is body else LINE_OUTLIVES_TARGET
            errors.append(message.format(name=who.name, date=long_date(who.abolished)))
    return errors


def _cycle_errors(line: Line, by_id: dict[int, BodyLife], others: Sequence[Line]) -> list[str]:
    """A loop can only begin where some line begins or ends, so the period's first day and every boundary
    inside it are enough to check."""
    lines = [*others, line]
    first = line.start or datetime.date.min
    days = {first} | {
        d for o in others for d in (o.start, o.end) if d is not None and line_covers(line, d) and d > first
    }
    for d in sorted(days):
        parents = parents_at(by_id.values(), lines, d)
        seen, at = {line.body}, parents.get(line.reports_to)
        while at is not None and at not in seen:
            seen.add(at)
            at = parents.get(at)
        if at == line.body:
            when = long_date(d) if d != datetime.date.min else "the day the line starts"
            return [
                LINE_CYCLE.format(date=when, target=by_id[line.reports_to].name, body=by_id[line.body].name)
            ]
    return []


def body_exists(body: BodyLife, d: datetime.date) -> bool:
    started = body.established is None or body.established <= d
    return started and (body.abolished is None or d < body.abolished)


def bodies_at(bodies: Iterable[BodyLife], d: datetime.date) -> list[BodyLife]:
    return sorted((b for b in bodies if body_exists(b, d)), key=lambda b: (b.name, b.id))


def organisation_span(
    org: int, events: Iterable[SuccessionEvent]
) -> tuple[datetime.date | None, datetime.date | None]:
    """(from, until) of an organisation: None where the record does not bound it."""
    starts = [e.effective for e in events if org in e.successors and org not in e.predecessors]
    ends = [e.effective for e in events if org in e.predecessors and org not in e.successors]
    return (min(starts) if starts else None, min(ends) if ends else None)


def organisation_exists(org: int, events: Sequence[SuccessionEvent], d: datetime.date) -> bool:
    start, end = organisation_span(org, events)
    return (start is None or start <= d) and (end is None or d < end)


def organisations_at(orgs: Iterable[int], events: Sequence[SuccessionEvent], d: datetime.date) -> set[int]:
    return {o for o in orgs if organisation_exists(o, events, d)}


def succession_errors(
    *,
    kind: str,
    effective: datetime.date,
    predecessors: dict[int, str],
    successors: dict[int, str],
    others: Sequence[SuccessionEvent],
) -> list[str]:
    """Why a succession cannot be recorded (empty when it can). ``others``: the partnership's other events."""
    errors = []
    same = sorted(set(predecessors) & set(successors))
    if same:
        errors.append(OWN_SUCCESSOR.format(names=", ".join(predecessors[o] for o in same)))
    errors += _shape_errors(kind, len(predecessors), len(successors))
    for org, name in sorted(predecessors.items(), key=lambda kv: kv[1]):
        ended = [e.effective for e in others if org in e.predecessors and e.effective < effective]
        if ended:
            errors.append(ALREADY_SUCCEEDED.format(name=name, date=long_date(min(ended))))
    for org, name in sorted(predecessors.items(), key=lambda kv: kv[1]):
        started = [e.effective for e in others if org in e.successors and e.effective > effective]
        if started:
            errors.append(NOT_YET.format(name=name, date=long_date(min(started))))
    for org, name in sorted(successors.items(), key=lambda kv: kv[1]):
        ended = [e.effective for e in others if org in e.predecessors and e.effective < effective]
        if ended:
            errors.append(SUCCESSOR_ENDED.format(name=name, date=long_date(min(ended))))
    return errors


def _shape_errors(kind: str, before: int, after: int) -> list[str]:
    if before == 0:
        return [NO_PREDECESSOR]
    if kind == ABOLITION:
        return [ABOLITION_WITH_SUCCESSORS] if after else []
    if kind == MERGER:
        found = [] if before >= 2 else [MERGER_PREDECESSORS]
        return found + ([] if after == 1 else [MERGER_ONE_SUCCESSOR.format(count=after)])
    if kind == SPLIT:
        found = [] if before == 1 else [SPLIT_ONE_PREDECESSOR.format(count=before)]
        return found + ([] if after >= 2 else [SPLIT_SUCCESSORS])
    return [] if (before, after) == (1, 1) else [RENAMING_ONE_EACH]


# --- the reporting tree at a date ---------------------------------------------------------------------


@dataclass
class ChartNode:
    id: int
    name: str
    localities: tuple[str, ...] = ()
    parent_missing: str = ""  # the name of a parent that does not exist at the date
    children: list[ChartNode] = field(default_factory=list)


@dataclass
class Chart:
    on: datetime.date
    roots: list[ChartNode]
    links: list[tuple[int, int]]  # (child, parent): the child reports to the parent

    @property
    def nodes(self) -> list[ChartNode]:
        found: list[ChartNode] = []
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(node.children))
        return found


def chart_at(bodies: Sequence[BodyLife], d: datetime.date, lines: Sequence[Line] = ()) -> Chart:
    """The bodies existing at ``d`` as a forest by the reporting line in effect at ``d`` (``parent_at``); a
    parent that does not exist at ``d`` is named on its child (``parent_missing``), drawn as a root."""
    by_id = {b.id: b for b in bodies}
    alive = {b.id: b for b in bodies_at(bodies, d)}
    nodes = {i: ChartNode(i, b.name, b.localities) for i, b in alive.items()}
    parents = parents_at(alive.values(), lines, d)
    roots, links = [], []
    for i in alive:
        parent = parents[i]
        if parent in nodes:
            nodes[parent].children.append(nodes[i])
            links.append((i, parent))
        else:
            if parent is not None and parent in by_id:
                nodes[i].parent_missing = by_id[parent].name
            roots.append(nodes[i])
    return Chart(d, roots, links)


# --- the difference a succession makes ----------------------------------------------------------------


@dataclass
class Difference:
    before: datetime.date
    on: datetime.date
    organisations_before: list[str]
    organisations_after: list[str]
    organisations_ended: list[str]
    organisations_started: list[str]
    bodies_abolished: list[str]
    bodies_created: list[str]
    bodies_replaced: list[tuple[str, str]]  # (abolished body, the body that replaced it)


def difference(
    *,
    event: SuccessionEvent,
    organisations: dict[int, str],
    events: Sequence[SuccessionEvent],
    bodies: Sequence[BodyLife],
) -> Difference:
    """Organisations the day before the event and on its date; bodies abolished, created and replaced
    between those two days."""
    on = event.effective
    before = on - datetime.timedelta(days=1)
    then = organisations_at(organisations, events, before)
    now = organisations_at(organisations, events, on)
    alive_before = {b.id for b in bodies_at(bodies, before)}
    alive_on = {b.id for b in bodies_at(bodies, on)}
    by_id = {b.id: b for b in bodies}

    def sort(ids: Iterable[int], lookup: dict[int, str]) -> list[str]:
        return sorted(lookup[i] for i in ids)

    body_names = {b.id: b.name for b in bodies}
    ended = alive_before - alive_on
    return Difference(
        before=before,
        on=on,
        organisations_before=sort(then, organisations),
        organisations_after=sort(now, organisations),
        organisations_ended=sort(then - now, organisations),
        organisations_started=sort(now - then, organisations),
        bodies_abolished=sort(ended, body_names),
        bodies_created=sort(alive_on - alive_before, body_names),
        bodies_replaced=sorted(
            (by_id[i].name, body_names[r])
            for i in ended
            if (r := by_id[i].replaced_by) is not None and r in body_names
        ),
    )


# --- the chart as an accessible SVG --------------------------------------------------------------------

BOX_W, GAP_X, GAP_Y, MARGIN, PAD, LINE_H, WRAP = 200, 30, 50, 20, 8, 16, 26


@dataclass
class _Box:
    node: ChartNode
    lines: list[tuple[str, str]]  # (text, style)
    x: float = 0.0
    y: float = 0.0
    h: float = 0.0


class _View:
    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy = (0.0, 0.0)


def _lines(node: ChartNode) -> list[tuple[str, str]]:
    lines = [(t, "bold") for t in textwrap.wrap(node.name, WRAP) or [""]]
    if node.localities:
        lines += [(t, "normal") for t in textwrap.wrap("Serves " + ", ".join(node.localities), WRAP)]
    if node.parent_missing:
        lines += [(t, "italic") for t in textwrap.wrap(f"Reported to {node.parent_missing} (gone)", WRAP)]
    return lines


def _layout(chart: Chart) -> tuple[dict[int, _Box], float, float]:
    boxes = {n.id: _Box(n, _lines(n)) for n in chart.nodes}
    if not boxes:
        return boxes, BOX_W + 2 * MARGIN, 60.0
    vertices = {}
    for i, box in boxes.items():
        box.h = PAD * 2 + LINE_H * len(box.lines)
        vertices[i] = Vertex(i)
        vertices[i].view = _View(BOX_W, box.h)
    graph = Graph(list(vertices.values()), [Edge(vertices[p], vertices[c]) for c, p in chart.links])
    offset = 0.0
    for component in graph.C:
        sug = SugiyamaLayout(component)
        sug.xspace, sug.yspace = GAP_X, GAP_Y
        sug.init_all()
        sug.draw()
        left = min(v.view.xy[0] for v in component.sV) - BOX_W / 2
        for v in component.sV:
            boxes[v.data].x, boxes[v.data].y = v.view.xy[0] - left + offset, v.view.xy[1]
        offset = max(boxes[v.data].x for v in component.sV) + BOX_W / 2 + GAP_X
    top = min(b.y - b.h / 2 for b in boxes.values())
    for b in boxes.values():
        b.x += MARGIN
        b.y += MARGIN - top
    width = max(b.x + BOX_W / 2 for b in boxes.values()) + MARGIN
    height = max(b.y + b.h / 2 for b in boxes.values()) + MARGIN
    return boxes, width, height


def describe(chart: Chart, title: str) -> str:
    count = len(chart.nodes)
    return (
        f"{title}. {count} bod{'y' if count == 1 else 'ies'} existing on {long_date(chart.on)}; "
        "lines run from a body down to the bodies that report to it. The same chart follows as a list."
    )


def svg(chart: Chart, *, title: str, id_prefix: str = "chart") -> str:
    """The chart as an SVG with role img, a title and a description."""
    boxes, width, height = _layout(chart)
    w, h = round(width), round(height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" class="structure-chart">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(describe(chart, title))}</desc>',
    ]
    for child, parent in chart.links:
        a, b = boxes[parent], boxes[child]
        out.append(
            f'<line x1="{a.x:.1f}" y1="{a.y + a.h / 2:.1f}" x2="{b.x:.1f}" y2="{b.y - b.h / 2:.1f}" '
            'stroke="#505a5f" stroke-width="1.5"/>'
        )
    out += [_box(box) for box in boxes.values()]
    out.append("</svg>")
    return "\n".join(out)


def _box(box: _Box) -> str:
    x, y = box.x - BOX_W / 2, box.y - box.h / 2
    dash = ' stroke-dasharray="6 4"' if box.node.parent_missing else ""
    parts = [
        '<g class="chart-node">',
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_W}" height="{box.h:.1f}" rx="6" fill="#f3f2f1" '
        f'stroke="#0b0c0c" stroke-width="1"{dash}/>',
    ]
    for i, (text, style) in enumerate(box.lines):
        weight = ' font-weight="bold"' if style == "bold" else ""
        italic = ' font-style="italic"' if style == "italic" else ""
        ty = y + PAD + LINE_H * (i + 0.8)
        parts.append(
            f'<text x="{box.x:.1f}" y="{ty:.1f}" text-anchor="middle" font-family="Arial, sans-serif" '
            f'font-size="12" fill="#0b0c0c"{weight}{italic}>{escape(text)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)
