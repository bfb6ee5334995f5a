"""The referral map drawn as SVG on the server: referring bodies on the left, the bodies the topics reached on
the right, one line per edge as thick as its topics. A title and description name it for screen readers; the
table under it holds the same figures. Colours live in diagnosis.css (the CSP forbids inline style)."""

from __future__ import annotations

from django.utils.html import escape

from traction.diagnosis.referrals import ReferralMap

WIDTH, ROW, TOP, LABEL = 720, 30, 30, 250
NOWHERE = "No other body"


def _y(index: int) -> int:
    return TOP + index * ROW


def _label(text: str, limit: int = 34) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def referral_svg(referrals: ReferralMap, *, period_label: str) -> str:
    edges = referrals.edges
    sources = sorted({e.source.name for e in edges}, key=str.lower)
    targets = sorted({e.target.name for e in edges if e.target}, key=str.lower)
    if any(e.target is None for e in edges):
        targets.append(NOWHERE)
    height = _y(max(len(sources), len(targets))) + 10
    left, right = LABEL, WIDTH - LABEL
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="referral-map" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="referral-svg-title referral-svg-desc">',
        f'<title id="referral-svg-title">Referral map, {escape(period_label)}</title>',
        f'<desc id="referral-svg-desc">{len(edges)} line{"s" if len(edges) != 1 else ""} from '
        f"{len(sources)} referring bod{'y' if len(sources) == 1 else 'ies'} on the left to where the topics "
        f"went next on the right; a thicker line carries more topics.</desc>",
        f'<text class="referral-map__heading" x="{left - 10}" y="14" text-anchor="end">Referred by</text>',
        f'<text class="referral-map__heading" x="{right + 10}" y="14">Next at</text>',
    ]
    for index, name in enumerate(sources):
        parts.append(
            f'<text class="referral-map__body" x="{left - 10}" y="{_y(index) + 5}" '
            f'text-anchor="end">{_label(name)}</text>'
        )
    for index, name in enumerate(targets):
        css = "referral-map__body referral-map__body--nowhere" if name == NOWHERE else "referral-map__body"
        parts.append(f'<text class="{css}" x="{right + 10}" y="{_y(index) + 5}">{_label(name)}</text>')
    for edge in edges:
        y1 = _y(sources.index(edge.source.name))
        y2 = _y(targets.index(edge.target.name if edge.target else NOWHERE))
        state = (
            "died" if edge.died == edge.topics else ("decided" if edge.decided == edge.topics else "mixed")
        )
        width = min(2 + 2 * edge.topics, 14)
        middle = (left + right) // 2
        to = edge.target.name if edge.target else "no other body"
        plural = "s" if edge.topics != 1 else ""
        parts.append(
            f'<path class="referral-map__edge referral-map__edge--{state}" stroke-width="{width}" '
            f'fill="none" d="M{left} {y1} C{middle} {y1} {middle} {y2} {right} {y2}">'
            f"<title>{escape(edge.source.name)} to {escape(to)}: {edge.topics} topic{plural}, "
            f"{edge.decided} decided, {edge.open} still open, {edge.died} died</title></path>"
        )
    parts.append("</svg>")
    return "".join(parts)
