"""The work-avoidance vocabulary: every signal is placed in a family or, on purpose, in none; the docs show
the same table; the words are blame-free; and the offline report names each finding's family."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from test_diagnose_report import EXTRACTS

from traction_analysis.diagnosis import BLAME_WORDS, diagnose_extracts, render_html, render_text, to_dict
from traction_analysis.signals import (
    DISPLACEMENT,
    DIVERSION,
    FAMILIES,
    SIGNAL_FAMILIES,
    SIGNAL_NAMES,
    family_of,
)

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "signals.md").read_text()
DOC_NAMES = {"diversion of attention": DIVERSION, "displacement of responsibility": DISPLACEMENT}


def test_every_signal_has_a_family_or_an_explicit_none() -> None:
    assert tuple(SIGNAL_FAMILIES) == SIGNAL_NAMES
    assert {family_of(name) for name in SIGNAL_NAMES} == {DIVERSION, DISPLACEMENT, None}
    with pytest.raises(KeyError):
        family_of("meeting_length")  # an unknown signal is never given a family by default


def test_the_issues_examples_sit_in_their_families() -> None:
    diversion = (
        "noting_share",
        "recurring_topics",
        "pages_per_meeting",
        "pages_per_decision",
        "agenda_pressure",
    )
    displacement = ("pass_the_parcel", "orphan_actions", "deferral_loops")
    assert {family_of(name) for name in diversion} == {DIVERSION}
    assert {family_of(name) for name in displacement} == {DISPLACEMENT}
    assert family_of("decision_yield") is family_of("follow_through") is None


def test_the_docs_table_gives_every_signal_the_same_family() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| ([a-z ]+?)(?: \(.*\))? \|$", PAGE, flags=re.MULTILINE))
    documented = {name: DOC_NAMES.get(family) for name, family in rows.items()}
    assert documented == SIGNAL_FAMILIES
    flowing = " ".join(PAGE.split())
    for family in FAMILIES:
        assert f"- **{family.name}.** {family.explanation}" in flowing


def test_the_families_are_explained_in_blame_free_words() -> None:
    for family in FAMILIES:
        words = f"{family.name} {family.explanation}".lower()
        assert not [w for w in BLAME_WORDS if re.search(rf"\b{w}", words)], family
        assert family.explanation.endswith(".") and family.explanation.count(".") == 1  # one line


def test_the_offline_report_names_each_findings_family() -> None:
    diagnosis = diagnose_extracts(EXTRACTS, as_of=date(2025, 6, 1))
    [body] = diagnosis.bodies
    families = {finding.signal: finding.family for finding in body.findings}
    assert families["recurring_topics"] is DIVERSION and families["decision_yield"] is None
    text = render_text(diagnosis)
    assert "Topics that keep coming back undecided (diversion of attention)." in text
    assert "Few items leave the meeting with a decision." in text
    data = json.loads(json.dumps(to_dict(diagnosis)))
    assert {f["signal"]: f["family"] for f in data["bodies"][0]["findings"]}[
        "deferral_loops"
    ] == "displacement"
    assert [f["key"] for f in data["families"]] == ["diversion", "displacement"]
    html = render_html(diagnosis)
    assert '<h2 id="families">Two families of work avoidance</h2>' in html
    assert 'Family: <a href="#family-displacement">Displacement of responsibility</a>' in html
    assert '<th scope="col">Family</th>' in html and "<td>none</td>" in html
