"""The power/interest grid drawn as SVG (an image with a title and description; the page gives the table
with the same figures). Each point carries a number that matches the table's row, and its shape tells the
stance, so nothing rests on colour alone.

A cell holds 25 points in rows of five. A crowded cell (more than 25) draws the first 20 and gives its last
row to a "+M more" label, which links to the table filtered to that cell when the page gives a link
(``more_href``); every point is either drawn or counted in its cell's label, and no two drawn points overlap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from .grid import HIGH, STANCES

CELL = 100
MARGIN = 44
SIDE = 5 * CELL
SLOT = 19
PER_ROW = 5
CAPACITY = PER_ROW * PER_ROW  # the points a cell holds
SHOWN = CAPACITY - PER_ROW  # a crowded cell draws this many and gives its last row to "+M more"
INSET = 12  # from a cell's top-left corner to its first point's centre
EXTENT = 9  # no marker reaches further than this from its centre (SLOT leaves a gap between two)

# The stance's marker: a shape and a letter, so the stance is told by form as well as colour.
SHAPES: dict[str, str] = {
    "unaware": "ring",
    "resistant": "square",
    "neutral": "triangle",
    "supportive": "circle",
    "leading": "diamond",
}
FILLS: dict[str, str] = {
    "unaware": "#ffffff",
    "resistant": "#b3261e",
    "neutral": "#6b6b6b",
    "supportive": "#1d70b8",
    "leading": "#00703c",
}
INK: dict[str, str] = {s: ("#0b0c0c" if s == "unaware" else "#ffffff") for s in STANCES}


@dataclass(frozen=True, slots=True)
class Mark:
    """One point to draw: ``label`` is the short text on it (the table row's number)."""

    label: str
    power: int
    interest: int
    stance: str
    name: str


@dataclass(frozen=True, slots=True)
class Placed:
    """A mark and where it sits; one not ``drawn`` (in a crowded cell) is counted in the cell's label and
    placed at it (a trail's line passes there)."""

    mark: Mark
    x: float
    y: float
    drawn: bool


@dataclass(frozen=True, slots=True)
class More:
    """A crowded cell's "+count more" label, centred at ``x``, ``y``."""

    power: int
    interest: int
    count: int
    x: float
    y: float

    @property
    def text(self) -> str:
        return f"+{self.count} more"


@dataclass(frozen=True, slots=True)
class Layout:
    placed: tuple[Placed, ...]  # in the order of the marks
    more: tuple[More, ...]


def cell_box(power: int, interest: int) -> tuple[float, float]:
    """The top-left corner of a cell: interest runs left to right, power bottom to top."""
    return MARGIN + (interest - 1) * CELL, MARGIN + (5 - power) * CELL


def _xy(power: int, interest: int, slot: int) -> tuple[float, float]:
    """Points sharing a cell sit in rows of five."""
    left, top = cell_box(power, interest)
    col, row = slot % PER_ROW, slot // PER_ROW
    return left + INSET + col * SLOT, top + INSET + row * SLOT


def layout(marks: Sequence[Mark]) -> Layout:
    """Where each mark sits: up to ``CAPACITY`` in a cell; a crowded cell draws ``SHOWN`` and counts the rest
    in a label on its last row."""
    cells: dict[tuple[int, int], list[int]] = {}
    for n, mark in enumerate(marks):
        cells.setdefault((mark.power, mark.interest), []).append(n)
    where: dict[int, Placed] = {}
    more = []
    for (power, interest), members in cells.items():
        crowded = len(members) > CAPACITY
        shown = members[:SHOWN] if crowded else members
        for slot, n in enumerate(shown):
            where[n] = Placed(marks[n], *_xy(power, interest, slot), drawn=True)
        if crowded:
            left, top = cell_box(power, interest)
            label = More(
                power, interest, len(members) - SHOWN, left + CELL / 2, top + INSET + SHOWN // PER_ROW * SLOT
            )
            more.append(label)
            for n in members[SHOWN:]:
                where[n] = Placed(marks[n], label.x, label.y, drawn=False)
    return Layout(tuple(where[n] for n in range(len(marks))), tuple(more))


def tag(name: str, text: str = "", /, **attrs: object) -> str:
    """One SVG element: attribute names use ``_`` for ``-`` (``font_size`` → ``font-size``)."""
    pairs = "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return f"<{name}{pairs}>{escape(text)}</{name}>" if text else f"<{name}{pairs}/>"


def _points(*xy: float) -> str:
    return " ".join(f"{x:.0f},{y:.0f}" for x, y in zip(xy[::2], xy[1::2], strict=True))


def _marker(stance: str, x: float, y: float) -> str:
    fill, r = FILLS.get(stance, "#ffffff"), 8
    shape = SHAPES.get(stance, "ring")
    if shape == "square":
        return tag("rect", x=f"{x - r:.0f}", y=f"{y - r:.0f}", width=2 * r, height=2 * r, fill=fill)
    if shape == "triangle":
        corners = _points(x, y - r - 1, x + r + 1, y + r, x - r - 1, y + r)
        return tag("polygon", points=corners, fill=fill)
    if shape == "diamond":
        d = r + 1
        return tag("polygon", points=_points(x, y - d, x + d, y, x, y + d, x - d, y), fill=fill)
    if shape == "ring":
        return tag("circle", cx=f"{x:.0f}", cy=f"{y:.0f}", r=r, fill=fill, stroke="#0b0c0c", stroke_width=1.5)
    return tag("circle", cx=f"{x:.0f}", cy=f"{y:.0f}", r=r, fill=fill)


def _frame() -> list[str]:
    end = MARGIN + SIDE
    parts = [tag("rect", x=MARGIN, y=MARGIN, width=SIDE, height=SIDE, fill="#ffffff", stroke="#0b0c0c")]
    for n in range(1, 5):
        pos = MARGIN + n * CELL
        # the bold lines part low from high: interest 2 | 3 across, power 3 over 2 up the side
        vertical: dict[str, object] = {"stroke": "#505a5f", "stroke_width": 2 if n == HIGH - 1 else 0.5}
        horizontal: dict[str, object] = {"stroke": "#505a5f", "stroke_width": 2 if n == 6 - HIGH else 0.5}
        parts.append(tag("line", x1=pos, y1=MARGIN, x2=pos, y2=end, **vertical))
        parts.append(tag("line", x1=MARGIN, y1=pos, x2=end, y2=pos, **horizontal))
    for n in range(1, 6):
        across = f"{MARGIN + (n - 0.5) * CELL:.0f}"
        up = f"{MARGIN + (5.5 - n) * CELL:.0f}"
        parts.append(tag("text", str(n), x=across, y=end + 16, text_anchor="middle", font_size=12))
        parts.append(tag("text", str(n), x=MARGIN - 10, y=up, text_anchor="end", font_size=12))
    mid = f"{MARGIN + SIDE / 2:.0f}"
    parts.append(tag("text", "Interest", x=mid, y=end + 36, text_anchor="middle", font_size=13))
    parts.append(
        tag(
            "text",
            "Power",
            x=14,
            y=mid,
            text_anchor="middle",
            font_size=13,
            transform=f"rotate(-90 14 {mid})",
        )
    )
    for text, x, y in (
        ("Keep satisfied", MARGIN + 4, MARGIN - 8),
        ("Manage closely", end - 4, MARGIN - 8),
        ("Monitor", MARGIN + 4, end + 52),
        ("Keep informed", end - 4, end + 52),
    ):
        anchor = "start" if x < MARGIN + SIDE / 2 else "end"
        parts.append(tag("text", text, x=x, y=y, text_anchor=anchor, font_size=12, font_weight="bold"))
    return parts


def _more(label: More, href: str) -> str:
    """The crowded cell's label: a link (focusable, named in words) when the page gives one, else text."""
    words = (
        f"{label.count} more stakeholders at power {label.power}, interest {label.interest}: "
        "show them in the table"
    )
    text = tag(
        "text",
        label.text,
        x=f"{label.x:.0f}",
        y=f"{label.y + 4:.0f}",
        text_anchor="middle",
        font_size=11,
        font_weight="bold",
        fill="#0b0c0c",
        text_decoration="underline" if href else "none",
    )
    if not href:
        return text
    return f'<a href="{escape(href)}" aria-label="{escape(words)}" class="grid-more">{text}</a>'


def grid_svg(
    marks: Sequence[Mark],
    *,
    chart_id: str,
    title: str,
    description: str,
    path: bool = False,
    more_href: Callable[[int, int], str] | None = None,
) -> str:
    """The grid with its marks; ``path`` joins them in order (one stakeholder's trail); ``more_href`` gives
    the link of a crowded cell's "+M more" label (power, interest → the table filtered to the cell).

    With such links the chart is a group (its links reachable by keyboard and named in words, the points
    and the frame hidden from assistive technology: the table holds them); without, an image."""
    placed = layout(marks)
    parts = _frame()
    if path and len(placed.placed) > 1:
        line = _points(*(v for p in placed.placed for v in (p.x, p.y)))
        parts.append(
            tag(
                "polyline",
                points=line,
                fill="none",
                stroke="#0b0c0c",
                stroke_width=1.5,
                stroke_dasharray="4 3",
            )
        )
    for p in placed.placed:
        if not p.drawn:
            continue
        ink = INK.get(p.mark.stance, "#0b0c0c")
        label = tag(
            "text",
            p.mark.label,
            x=f"{p.x:.0f}",
            y=f"{p.y + 3:.0f}",
            text_anchor="middle",
            font_size=8,
            fill=ink,
        )
        parts.append(f"<g>{_marker(p.mark.stance, p.x, p.y)}{label}</g>")
    links = [(label, more_href(label.power, label.interest) if more_href else "") for label in placed.more]
    head = tag("title", title, id=f"{chart_id}-title") + tag("desc", description, id=f"{chart_id}-desc")
    size = f"0 0 {MARGIN + SIDE + 10} {MARGIN + SIDE + 60}"
    linked = any(href for _, href in links)
    role = "group" if linked else "img"
    body = "".join(parts)
    if linked:
        body = f'<g aria-hidden="true">{body}</g>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{size}" role="{role}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="stakeholder-grid">'
        + head
        + body
        + "".join(_more(label, href) for label, href in links)
        + "</svg>"
    )


def legend() -> list[tuple[str, str]]:
    """(stance, shape) pairs for the key under the chart."""
    return [(stance, SHAPES[stance]) for stance in STANCES]
