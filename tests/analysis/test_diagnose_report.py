"""Diagnosing hand-built minutes: the period, the text summary, JSON, and a self-contained HTML report."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from traction_analysis.diagnosis import (
    Diagnosis,
    DiagnosisError,
    SkippedDocument,
    diagnose_extracts,
    render_html,
    render_text,
    to_dict,
)
from traction_analysis.extract import ExtractedAction, ExtractedItem, MeetingExtract
from traction_analysis.extract.model import Outcome

AS_OF = date(2025, 6, 1)


def item(title: str, outcome: Outcome, *actions: ExtractedAction) -> ExtractedItem:
    return ExtractedItem(None, title, outcome, 0.9, "", None, list(actions))


def meeting(day: str, transport: Outcome) -> MeetingExtract:
    return MeetingExtract(
        f"board-{day}.txt",
        "Partnership Board",
        date.fromisoformat(day),
        None,
        items=[
            item("Apologies", "procedural"),
            item("Community transport", transport),
            item("Performance report", "noted"),
            item("Budget monitoring", "noted"),
            item("Winter plan", "decided", ExtractedAction("Circulate the dashboard")),
        ],
    )


EXTRACTS = [
    meeting("2025-01-09", "deferred"),
    meeting("2025-02-13", "deferred"),
    meeting("2025-03-13", "decided"),
    MeetingExtract("undated.txt", "Cabinet", None, None),
]


@pytest.fixture(scope="module")
def diagnosis() -> Diagnosis:
    broken = SkippedDocument("broken.pdf", "could not be read")
    return diagnose_extracts(EXTRACTS, as_of=AS_OF, unreadable=[broken])


def test_period_defaults_to_the_meeting_dates_and_can_be_narrowed(diagnosis: Diagnosis) -> None:
    assert (diagnosis.period.start, diagnosis.period.end) == (date(2025, 1, 9), date(2025, 3, 14))
    [board] = diagnosis.bodies
    assert board.name == "Partnership Board" and len(board.meetings) == 3
    assert board.signals.deferral_loops.value == 1 and board.signals.deferral_loops.sufficient
    assert [s.document for s in diagnosis.skipped] == ["broken.pdf", "undated.txt"]
    narrow = diagnose_extracts(EXTRACTS, as_of=AS_OF, start=date(2025, 2, 1), end=date(2025, 3, 1))
    assert [len(b.meetings) for b in narrow.bodies] == [1]


def test_nothing_to_diagnose_is_a_clear_error() -> None:
    with pytest.raises(DiagnosisError, match="nothing to diagnose"):
        diagnose_extracts([EXTRACTS[-1]], as_of=AS_OF)


def test_text_summary_shows_top_findings(diagnosis: Diagnosis) -> None:
    text = render_text(diagnosis)
    assert "Partnership Board: 3 meetings, 12 substantive items, 3 actions" in text
    assert "Topics put off at meeting after meeting" in text and "“community transport”" in text
    assert "Try: " in text and "undated.txt: no meeting date" in text


def test_json_is_serialisable_and_complete(diagnosis: Diagnosis) -> None:
    data = json.loads(json.dumps(to_dict(diagnosis)))
    [board] = data["bodies"]
    assert board["signals"]["deferral_loops"]["topics"] == ["community transport"]
    assert {f["signal"] for f in board["findings"]} >= {"deferral_loops", "decision_yield"}
    assert len(data["experiments"]) >= 15


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        links = {"src", "href", "xlink:href", "srcset", "action"}
        self.targets.extend(value or "" for name, value in attrs if name in links)


def test_html_report_is_self_contained_and_accessible(diagnosis: Diagnosis) -> None:
    html = render_html(diagnosis)
    parser = Links()
    parser.feed(html)
    assert all(target.startswith("#") for target in parser.targets), parser.targets
    assert not {"script", "link", "img", "iframe", "object"} & set(parser.tags)
    assert "@import" not in html and "url(" not in html
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", html, re.DOTALL)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and re.search(r"<svg[^>]*>\s*<title id=", svg) and "<desc id=" in svg
    assert html.count("<table") == 3  # signals, the shares chart's data, the meetings chart's data
    assert "Data for the chart" in html and "Topics put off at meeting after meeting" in html
    assert html == render_html(diagnosis)  # same data, same bytes
