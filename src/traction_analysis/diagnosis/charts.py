"""Charts as accessible inline SVG, drawn on the server with pygal (docs/adr/0003-charts.md).

Every chart is an ``<svg role="img">`` that opens with a ``<title>`` and a ``<desc>`` (named by
``aria-labelledby``), carries no script and no links, and has ids that depend only on the caller's
``chart_id`` so the same data gives the same bytes. The data is always shown beside it as a table
too (the caller's job: see :mod:`.report`), because a picture alone is not accessible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

import pygal
from pygal.style import Style

# Colours checked for contrast against white; one per outcome, so a chart reads the same everywhere.
OUTCOME_COLOURS = {
    "decided": "#1b7837",
    "noted": "#5e3c99",
    "deferred": "#b35806",
    "referred": "#2166ac",
    "unclear": "#6b6b6b",
    "procedural": "#bababa",
}
SHARE_COLOUR = "#2166ac"
# The web app's charts take their colours from one static stylesheet (its CSP forbids inline style), so
# they share one palette: series N is always WEB_COLOURS[N]. Each has at least 3:1 contrast on white.
WEB_COLOURS = ("#2166ac", "#b35806", "#1b7837", "#5e3c99", "#6b6b6b", "#a50026")
WEB_CLASS = "chart--web"


def chart_style(colours: Sequence[str]) -> Style:
    """pygal colours series by position, so each chart gets its colours in its own series order."""
    return Style(
        background="white",
        plot_background="white",
        foreground="#1a1a1a",
        foreground_strong="#1a1a1a",
        foreground_subtle="#555555",
        font_family="system-ui, sans-serif",
        title_font_size=16,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        value_font_size=12,
        opacity=".9",
        opacity_hover=".9",
        colors=tuple(colours),
    )


_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# The hover tooltip needs pygal's script; without it the box is dead weight with an inline style.
_TOOLTIP = re.compile(r'<g [^>]*class="tooltip"><rect [^>]*/><g class="text"/></g>')
_OPEN_SVG = re.compile(r"<svg\b[^>]*>")
_STYLE = re.compile(r"<defs>\s*<style\b[^>]*>.*?</style>\s*</defs>", re.DOTALL)


def accessible_svg(
    raw: str, *, chart_id: str, title: str, description: str, inline_style: bool = True
) -> str:
    """pygal's SVG made safe to inline: no script or comments, stable ids, role, title and desc first.

    ``inline_style=False`` drops pygal's ``<style>`` element for pages under a strict CSP; the chart then
    carries ``WEB_CLASS`` and takes its look from :func:`web_stylesheet`, served as a static file.
    """
    uuid = re.search(r'id="chart-([0-9a-f-]+)"', raw)
    svg = _TOOLTIP.sub("", _COMMENT.sub("", _SCRIPT.sub("", raw)))
    if not inline_style:
        svg = _STYLE.sub("", svg)
    if uuid:
        svg = svg.replace(f"chart-{uuid.group(1)}", chart_id).replace(uuid.group(1), chart_id)
    classes = "pygal-chart chart" if inline_style else f"pygal-chart chart {WEB_CLASS}"
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="{classes}" '
        f'viewBox="{_viewbox(svg)}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return _OPEN_SVG.sub(lambda _: opening, svg, count=1)


def _viewbox(svg: str) -> str:
    found = re.search(r'viewBox="([^"]+)"', svg)
    return found.group(1) if found else "0 0 800 400"


def _chart(kind: type[pygal.graph.graph.Graph], **config: object) -> pygal.graph.graph.Graph:
    settings: dict[str, object] = {
        "js": [],
        "disable_xml_declaration": True,
        "width": 800,
        "height": 380,
        "legend_at_bottom": True,
        "truncate_label": -1,
    }
    return kind(**(settings | config))


def outcomes_by_meeting(
    *, chart_id: str, title: str, meetings: Sequence[str], series: dict[str, Sequence[int]]
) -> str:
    """A stacked bar per meeting: how many of its items had each outcome."""
    chart = _chart(
        pygal.StackedBar,
        title=title,
        x_title="Meeting",
        y_title="Agenda items",
        x_label_rotation=0 if len(meetings) <= 6 else 30,
        style=chart_style([OUTCOME_COLOURS.get(outcome, "#333333") for outcome in series]),
    )
    chart.x_labels = list(meetings)
    for outcome, counts in series.items():
        chart.add(outcome, list(counts))
    total = sum(sum(counts) for counts in series.values())
    description = (
        f"Stacked bars, one per meeting ({len(meetings)} meetings, {total} items), each split by "
        "outcome: "
        + "; ".join(f"{name} {sum(counts)}" for name, counts in series.items())
        + ". The same figures are in the table that follows."
    )
    return accessible_svg(
        chart.render(is_unicode=True), chart_id=chart_id, title=title, description=description
    )


def shares(*, chart_id: str, title: str, values: dict[str, float], inline_style: bool = True) -> str:
    """Horizontal bars of percentages (0 to 100), one per labelled share."""
    chart = _chart(
        pygal.HorizontalBar,
        title=title,
        range=(0, 100),
        show_legend=False,
        style=chart_style([SHARE_COLOUR]),
        value_formatter=lambda v: f"{v:.0f}%",
    )
    chart.x_labels = list(values)
    chart.add("share", [round(100 * v, 1) for v in values.values()])
    description = (
        "Horizontal bars from 0% to 100%: "
        + "; ".join(f"{label} {100 * v:.0f}%" for label, v in values.items())
        + ". The same figures are in the signals table."
    )
    return accessible_svg(
        chart.render(is_unicode=True),
        chart_id=chart_id,
        title=title,
        description=description,
        inline_style=inline_style,
    )


def trend(
    *,
    chart_id: str,
    title: str,
    periods: Sequence[str],
    series: dict[str, Sequence[float | None]],
    unit: str = "%",
    description: str = "",
) -> str:
    """Lines over periods, one per labelled series (a gap where a value is missing), for the web app:
    no inline style, colours from :data:`WEB_COLOURS` in series order. Shares are given as 0 to 1."""
    percent = unit == "%"
    top = max([v for values in series.values() for v in values if v is not None] or [0])
    counts = {} if percent else {"y_labels": list(range(int(top) + 2))} if top <= 10 else {}
    chart = _chart(
        pygal.Line,
        title=title,
        x_title="Period",
        show_legend=len(series) > 1,
        range=(0, 100) if percent else None,
        allow_interruptions=True,
        margin_right=48,
        style=chart_style(WEB_COLOURS[: max(1, len(series))]),
        value_formatter=(lambda v: f"{v:.0f}%") if percent else (lambda v: f"{v:g}"),
        **counts,
    )
    chart.x_labels = list(periods)
    for label, values in series.items():
        chart.add(label, [None if v is None else round(100 * v if percent else v, 1) for v in values])
    return accessible_svg(
        chart.render(is_unicode=True),
        chart_id=chart_id,
        title=title,
        description=description or f"Lines over {len(periods)} periods.",
        inline_style=False,
    )


def web_stylesheet() -> str:
    """pygal's CSS for the web charts, keyed on ``WEB_CLASS`` instead of one chart's id: the static file
    ``traction/diagnosis/static/diagnosis/charts.css`` is this text (a test keeps the two equal)."""
    chart = _chart(pygal.Line, style=chart_style(WEB_COLOURS))
    for n in range(len(WEB_COLOURS)):  # pygal writes a colour rule only for a series it has
        chart.add(f"series {n}", [n])
    probe = chart.render(is_unicode=True)
    uuid = re.search(r'id="chart-([0-9a-f-]+)"', probe)
    css = "\n".join(re.findall(r"<style\b[^>]*>(.*?)</style>", probe, re.DOTALL))
    css = css.replace("&gt;", ">").replace(f"#chart-{uuid.group(1) if uuid else ''}", f"svg.{WEB_CLASS}")
    header = "/* Generated by traction_analysis.diagnosis.charts.web_stylesheet(); do not edit. */\n"
    return header + css.strip() + "\n"
