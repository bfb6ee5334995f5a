"""The diagnosis as a readable text summary, a JSON-ready dict, and a self-contained HTML report.

The HTML report is one file a person can email: inline CSS, charts as inline SVG (see :mod:`.charts`),
no script, and nothing fetched from the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from html import escape
from typing import Any

from traction_analysis.diagnosis.charts import outcomes_by_meeting, shares
from traction_analysis.diagnosis.diagnose import BodyDiagnosis, Diagnosis
from traction_analysis.diagnosis.experiments import BY_KEY, EXPERIMENTS
from traction_analysis.diagnosis.findings import Finding
from traction_analysis.signals import FAMILIES, OUTCOMES, Figure, family_of

TOP_FINDINGS = 3
# Label, and how the value reads: a share (percent), a count of topics, or a plain number.
SIGNAL_LABELS: dict[str, tuple[str, str]] = {
    "decision_yield": ("Decision yield", "share"),
    "noting_share": ("Noting share", "share"),
    "unclear_share": ("Unclear share", "share"),
    "deferral_loops": ("Deferral loops (topics)", "count"),
    "recurring_topics": ("Recurring topics", "count"),
    "pass_the_parcel": ("Pass the parcel (topics)", "count"),
    "pages_per_meeting": ("Pages per meeting", "number"),
    "pages_per_decision": ("Pages per decision", "number"),
    "agenda_pressure": ("Agenda pressure (items per hour)", "number"),
    "follow_through": ("Follow-through", "share"),
    "days_overdue": ("Days overdue (median)", "number"),
    "orphan_actions": ("Orphan actions", "share"),
    "decisions_without_action": ("Decisions without action", "share"),
}
NOT_ENOUGH = "not enough data"
# Marks a file as a report of ours, so a later run over the same folder does not read it as minutes.
GENERATOR = '<meta name="generator" content="traction diagnose">'


def is_report(head: bytes) -> bool:
    """Whether a file that starts with ``head`` is a report this module wrote."""
    return GENERATOR.encode() in head


def format_value(name: str, figure: Figure) -> str:
    if figure.value is None:
        return "–"
    kind = SIGNAL_LABELS[name][1]
    if kind == "share":
        return f"{round(100 * figure.value)}%"
    if kind == "count":
        return f"{figure.value:g} of {figure.denominator:g}" if figure.denominator else "none"
    return f"{figure.value:.1f}"


def format_basis(figure: Figure) -> str:
    if figure.numerator is None or figure.denominator is None:
        return ""
    return f"{figure.numerator:g} / {figure.denominator:g}"


def family_name(signal: str) -> str:
    family = family_of(signal)
    return family.name if family else "none"


def plural(count: float, noun: str, many: str | None = None) -> str:
    return f"{count:g} " + (noun if count == 1 else many or noun + "s")


def last_day(diagnosis: Diagnosis) -> str:
    return (diagnosis.period.end - timedelta(days=1)).isoformat()


# --- text ----------------------------------------------------------------------------------------


def render_text(diagnosis: Diagnosis, *, top: int = TOP_FINDINGS) -> str:
    head = (
        f"Traction diagnosis: {plural(len(diagnosis.bodies), 'body', 'bodies')} from "
        f"{plural(diagnosis.documents, 'document')}, meetings {diagnosis.period.start.isoformat()} "
        f"to {last_day(diagnosis)}, as of {diagnosis.as_of.isoformat()}"
    )
    lines = [head, ""]
    for body in diagnosis.bodies:
        lines.extend(_text_body(body, top))
    if diagnosis.skipped:
        lines.append(f"Left out ({plural(len(diagnosis.skipped), 'document')}):")
        lines.extend(f"  {skipped.document}: {skipped.reason}" for skipped in diagnosis.skipped)
        lines.append("")
    return "\n".join(lines)


def _text_body(body: BodyDiagnosis, top: int) -> list[str]:
    signals = body.signals
    substantive = signals.decision_yield.denominator or 0
    actions = sum(row.actions for row in body.meetings)
    head = (
        f"{body.name}: {plural(len(body.meetings), 'meeting')}, "
        f"{plural(substantive, 'substantive item')}, {plural(actions, 'action')}"
    )
    lines = [head]
    shown = [
        f"{SIGNAL_LABELS[name][0]} {format_value(name, figure)}"
        for name, figure in signals.figures()
        if figure.sufficient and figure.value is not None
    ]
    lines.append("  " + ("; ".join(shown) if shown else "Not enough data for any signal yet."))
    if not body.findings:
        lines.append("  No findings: no figure with enough data passes a threshold.")
    for number, finding in enumerate(body.findings[:top], start=1):
        lines.append(f"  {number}. {finding.headline}{_text_family(finding)}. {finding.text}")
        lines.append("     Try: " + "; ".join(BY_KEY[key].name for key in finding.experiments))
    if len(body.findings) > top:
        more = plural(len(body.findings) - top, "more finding")
        lines.append(f"  … and {more} in the HTML report (--html).")
    lines.append("")
    return lines


def _text_family(finding: Finding) -> str:
    return f" ({finding.family.name.lower()})" if finding.family else ""


# --- JSON ----------------------------------------------------------------------------------------


def to_dict(diagnosis: Diagnosis) -> dict[str, Any]:
    return {
        "period": {"start": diagnosis.period.start.isoformat(), "end": diagnosis.period.end.isoformat()},
        "as_of": diagnosis.as_of.isoformat(),
        "documents": diagnosis.documents,
        "skipped": [{"document": s.document, "reason": s.reason} for s in diagnosis.skipped],
        "bodies": [_body_dict(body) for body in diagnosis.bodies],
        "families": [{"key": f.key, "name": f.name, "explanation": f.explanation} for f in FAMILIES],
        "experiments": [
            {"key": e.key, "name": e.name, "description": e.description, "signals": list(e.signals)}
            for e in EXPERIMENTS
        ],
    }


def _body_dict(body: BodyDiagnosis) -> dict[str, Any]:
    return {
        "body": body.name,
        "meetings": [
            {
                "document": row.document,
                "date": row.day.isoformat(),
                "outcomes": row.outcomes,
                "actions": row.actions,
            }
            for row in body.meetings
        ],
        "signals": {
            name: {
                "value": figure.value,
                "numerator": figure.numerator,
                "denominator": figure.denominator,
                "sufficient": figure.sufficient,
                "topics": list(figure.counted.topics),
            }
            for name, figure in body.signals.figures()
        },
        "findings": [
            {
                "signal": f.signal,
                "family": f.family.key if f.family else None,
                "headline": f.headline,
                "text": f.text,
                "experiments": list(f.experiments),
            }
            for f in body.findings
        ],
    }


# --- HTML ----------------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.5}
h1,h2,h3{line-height:1.2}h2{border-top:2px solid #1a1a1a;padding-top:1rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:1rem 0;width:100%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}
td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#555}
svg.chart{width:100%;height:auto;max-width:50rem;display:block;margin:1rem 0}
.finding{border-left:4px solid #2166ac;padding:.25rem 1rem;margin:1rem 0;background:#f7f9fc}
.finding h4{margin:.25rem 0}.family{font-size:.9rem;color:#444}details{margin:.5rem 0}a{color:#0b4f9c}
@media print{h2{page-break-before:always}details{display:block}}
"""


def render_html(diagnosis: Diagnosis) -> str:
    title = "Traction diagnosis"
    bodies = "\n".join(_html_body(body, number) for number, body in enumerate(diagnosis.bodies, start=1))
    contents = "".join(
        f'<li><a href="#body-{n}">{escape(b.name)}</a> ({plural(len(b.findings), "finding")})</li>'
        for n, b in enumerate(diagnosis.bodies, start=1)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{GENERATOR}'
        f"<title>{title}</title><style>{CSS}</style></head><body><main>"
        f'<h1>{title}</h1>{_html_intro(diagnosis)}<nav aria-label="Bodies"><ul>{contents}</ul></nav>'
        f"{_html_families()}{bodies}{_html_experiments()}{_html_skipped(diagnosis)}</main></body></html>\n"
    )


def _html_intro(diagnosis: Diagnosis) -> str:
    return (
        f"<p>{plural(len(diagnosis.bodies), 'body', 'bodies')} from "
        f"{plural(diagnosis.documents, 'document')}; meetings from "
        f"{diagnosis.period.start.isoformat()} to {last_day(diagnosis)}, as the record stood on "
        f"{diagnosis.as_of.isoformat()}.</p>"
        "<p>These figures describe how a system of meetings works, not how well people do their jobs. "
        "A figure marked <em>not enough data</em> gives no finding. Thresholds are a board's choice. "
        "Figures come from minutes read by machine and not yet checked by a person.</p>"
    )


def _html_families() -> str:
    items = "".join(
        f'<li id="family-{f.key}"><strong>{escape(f.name)}.</strong> {escape(f.explanation)}</li>'
        for f in FAMILIES
    )
    return (
        '<section aria-labelledby="families"><h2 id="families">Two families of work avoidance</h2>'
        "<p>Each finding says which family its signal belongs to. Decision yield, unclear share, "
        "follow-through and days overdue belong to neither: they measure what comes out of the meetings, "
        f"or how clearly the minutes are written.</p><ul>{items}</ul></section>"
    )


def _html_family(finding: Finding) -> str:
    family = finding.family
    if family is None:
        return ""
    return f'<p class="family">Family: <a href="#family-{family.key}">{escape(family.name)}</a>.</p>'


def _html_body(body: BodyDiagnosis, number: int) -> str:
    slug = f"body-{number}"
    substantive = body.signals.decision_yield.denominator or 0
    return (
        f'<section aria-labelledby="{slug}"><h2 id="{slug}">{escape(body.name)}</h2>'
        f"<p>{plural(len(body.meetings), 'meeting')}, {plural(substantive, 'substantive item')}.</p>"
        f"<h3>Findings</h3>{_html_findings(body)}"
        f"<h3>Signals</h3>{_html_signals(body)}{_html_shares(body, slug)}"
        f"<h3>Meetings</h3>{_html_meetings(body, slug)}</section>"
    )


def _html_findings(body: BodyDiagnosis) -> str:
    if not body.findings:
        return "<p>No findings: no figure with enough data passes a threshold.</p>"
    parts = []
    for finding in body.findings:
        tries = "".join(
            f'<li><a href="#exp-{key}">{escape(BY_KEY[key].name)}</a></li>' for key in finding.experiments
        )
        parts.append(
            f'<div class="finding"><h4>{escape(finding.headline)}</h4>{_html_family(finding)}'
            f"<p>{escape(finding.text)}</p>"
            f"<p>Experiments to try:</p><ul>{tries}</ul></div>"
        )
    return "".join(parts)


def _html_signals(body: BodyDiagnosis) -> str:
    rows = []
    for name, figure in body.signals.figures():
        label = SIGNAL_LABELS[name][0]
        status = "shown" if figure.sufficient else NOT_ENOUGH
        rows.append(
            f'<tr><th scope="row">{escape(label)}</th>'
            f'<td class="num">{format_value(name, figure)}</td>'
            f'<td class="num">{format_basis(figure)}</td><td>{status}</td>'
            f"<td>{escape(family_name(name))}</td></tr>"
        )
    return (
        "<table><caption>Every signal for the period (definitions: docs/signals.md)</caption>"
        '<thead><tr><th scope="col">Signal</th><th scope="col">Value</th>'
        '<th scope="col">Counted / base</th><th scope="col">Status</th><th scope="col">Family</th>'
        "</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _html_shares(body: BodyDiagnosis, slug: str) -> str:
    values = {
        SIGNAL_LABELS[name][0]: float(figure.value)
        for name, figure in body.signals.figures()
        if SIGNAL_LABELS[name][1] == "share" and figure.sufficient and figure.value is not None
    }
    if not values:
        return ""
    title = f"{body.name}: shares with enough data"
    rows = "".join(
        f'<tr><th scope="row">{escape(k)}</th><td class="num">{100 * v:.0f}%</td></tr>'
        for k, v in values.items()
    )
    return (
        shares(chart_id=f"{slug}-shares", title=title, values=values)
        + f"<table><caption>Data for the chart “{escape(title)}”</caption><thead><tr>"
        f'<th scope="col">Signal</th><th scope="col">Share</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _html_meetings(body: BodyDiagnosis, slug: str) -> str:
    outcomes = [o for o in OUTCOMES if any(row.outcomes.get(o) for row in body.meetings)]
    labels = [row.day.isoformat() for row in body.meetings]
    series: dict[str, Sequence[int]] = {
        o: [row.outcomes.get(o, 0) for row in body.meetings] for o in outcomes
    }
    title = f"{body.name}: outcomes of agenda items at each meeting"
    chart = outcomes_by_meeting(chart_id=f"{slug}-outcomes", title=title, meetings=labels, series=series)
    head = "".join(f'<th scope="col">{o}</th>' for o in outcomes)
    rows = "".join(
        f'<tr><th scope="row">{row.day.isoformat()}</th><td>{escape(row.document)}</td>'
        + "".join(f'<td class="num">{row.outcomes.get(o, 0)}</td>' for o in outcomes)
        + f'<td class="num">{row.actions}</td></tr>'
        for row in body.meetings
    )
    return (
        chart + f"<table><caption>Data for the chart “{escape(title)}”</caption><thead><tr>"
        f'<th scope="col">Meeting</th><th scope="col">Document</th>{head}<th scope="col">actions</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _html_experiments() -> str:
    items = "".join(
        f'<li id="exp-{e.key}"><strong>{escape(e.name)}.</strong> {escape(e.description)} '
        f'<span class="muted">Signals: {", ".join(SIGNAL_LABELS[s][0] for s in e.signals)}.</span></li>'
        for e in EXPERIMENTS
    )
    return (
        '<section aria-labelledby="experiments"><h2 id="experiments">Experiments a board could try</h2>'
        f"<ul>{items}</ul></section>"
    )


def _html_skipped(diagnosis: Diagnosis) -> str:
    if not diagnosis.skipped:
        return ""
    items = "".join(f"<li>{escape(s.document)}: {escape(s.reason)}</li>" for s in diagnosis.skipped)
    return (
        '<section aria-labelledby="skipped"><h2 id="skipped">Documents left out</h2>'
        f"<ul>{items}</ul></section>"
    )
