"""The power/interest grid drawn as SVG (an image with a title and description; the page gives the table
with the same figures). Each point carries a number that matches the table's row, and its shape tells the
stance, so nothing rests on colour alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from .grid import HIGH, STANCES

CELL = 100
MARGIN = 44
SIDE = 5 * CELL
SLOT = 19
PER_ROW = 5

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


def _xy(power: int, interest: int, slot: int) -> tuple[float, float]:
    """Interest runs left to right, power bottom to top; points sharing a cell sit in rows of five."""
    col, row = slot % PER_ROW, (slot // PER_ROW) % PER_ROW
    x = MARGIN + (interest - 1) * CELL + 12 + col * SLOT
    y = MARGIN + (5 - power) * CELL + 12 + row * SLOT
    return x, y


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
        d = r + 2
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


def grid_svg(
    marks: Sequence[Mark], *, chart_id: str, title: str, description: str, path: bool = False
) -> str:
    """The grid with its marks; ``path`` joins them in order (one stakeholder's trail)."""
    parts = _frame()
    slots: dict[tuple[int, int], int] = {}
    placed = []
    for mark in marks:
        cell = (mark.power, mark.interest)
        slot = slots.get(cell, 0)
        slots[cell] = slot + 1
        placed.append((mark, *_xy(mark.power, mark.interest, slot)))
    if path and len(placed) > 1:
        line = _points(*(v for _, x, y in placed for v in (x, y)))
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
    for mark, x, y in placed:
        ink = INK.get(mark.stance, "#0b0c0c")
        label = tag(
            "text", mark.label, x=f"{x:.0f}", y=f"{y + 3:.0f}", text_anchor="middle", font_size=8, fill=ink
        )
        parts.append(f"<g>{_marker(mark.stance, x, y)}{label}</g>")
    head = tag("title", title, id=f"{chart_id}-title") + tag("desc", description, id=f"{chart_id}-desc")
    size = f"0 0 {MARGIN + SIDE + 10} {MARGIN + SIDE + 60}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{size}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="stakeholder-grid">'
        + head
        + "".join(parts)
        + "</svg>"
    )


def legend() -> list[tuple[str, str]]:
    """(stance, shape) pairs for the key under the chart."""
    return [(stance, SHAPES[stance]) for stance in STANCES]
