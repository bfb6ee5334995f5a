"""The network pages' large tables, written in one pass here: a survey of 2,000 people holds tens of
thousands of ratings, and that many rows through the template engine take seconds. Every text is escaped
(``html.escape``, as the template engine does); the numbers are written as the templates formatted them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from traction_analysis.stakeholders import network as pure

from ..models.network import Frequency
from ..selectors.network import RatingRow

FREQUENCY = {value: str(label) for value, label in Frequency.choices}
NONE = "—"


def rating_rows(ratings: Iterable[RatingRow]) -> SafeString:
    """The body of the "who rated whom" table: rater, rated, how often, the three trust aspects, comment."""
    text = lru_cache(maxsize=None)(escape)  # names repeat: each is escaped once
    rows = [
        f'<tr><th scope="row">{text(r.rater_name)}</th><td>{text(r.ratee_name)}</td>'
        f'<td>{FREQUENCY.get(r.frequency, r.frequency)}</td><td class="numeric">{r.reliability}</td>'
        f'<td class="numeric">{r.mission}</td><td class="numeric">{r.openness}</td>'
        f"<td>{text(r.comment) if r.comment else NONE}</td></tr>"
        for r in ratings
    ]
    return mark_safe("".join(rows))  # noqa: S308  (every text escaped above)


def measure_rows(measures: pure.Measures) -> SafeString:
    """The body of the table of measures by person (the filtered network's figures)."""
    text = lru_cache(maxsize=None)(escape)  # organisations repeat
    rows = [
        f'<tr><th scope="row">{escape(p.label)}</th>'
        f"<td>{text(p.organisation) if p.organisation else NONE}</td>"
        f'<td class="numeric">{p.in_degree}</td><td class="numeric">{p.out_degree}</td>'
        f'<td class="numeric">{p.betweenness:.3f}</td><td class="numeric">{p.weighted_betweenness:.3f}</td>'
        f'<td class="numeric">{p.community or "Isolated"}</td></tr>'
        for p in measures.people
    ]
    return mark_safe("".join(rows))  # noqa: S308  (every text escaped above)
