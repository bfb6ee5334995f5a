"""Findings from hand-built signals: drawn only from sufficient figures, worded without blame, each
linked to experiments; the experiments themselves name real signals."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from traction_analysis.diagnosis import BLAME_WORDS, EXPERIMENTS, Thresholds, experiments_for, findings_for
from traction_analysis.diagnosis.experiments import BY_KEY, Experiment
from traction_analysis.diagnosis.findings import RULES
from traction_analysis.signals import SIGNAL_NAMES, BodySignals, Evidence, Figure, Period, SignalParams

BLANK = Figure(None, None, None, False)


def body(**figures: Figure) -> BodySignals:
    every: dict[str, Any] = {name: figures.get(name, BLANK) for name in SIGNAL_NAMES}
    year = Period(date(2025, 1, 1), date(2026, 1, 1))
    return BodySignals(body="Board", period=year, as_of=date(2026, 1, 1), params=SignalParams(), **every)


def share(numerator: int, denominator: int, *, sufficient: bool = True) -> Figure:
    return Figure(numerator / denominator, numerator, denominator, sufficient)


def topics(count: int, of: int, *names: str) -> Figure:
    return Figure(count, count, of, True, counted=Evidence.of(topics=names))


# Every rule fires on this body; a test below reads every finding's words.
EVERYTHING = body(
    decision_yield=share(3, 20),
    noting_share=share(15, 20),
    unclear_share=share(8, 20),
    deferral_loops=topics(2, 9, "winter pressures", "estates"),
    recurring_topics=topics(1, 9, "performance"),
    pass_the_parcel=topics(1, 2, "travel"),
    pages_per_meeting=Figure(310.0, 930, 3, True),
    pages_per_decision=Figure(103.3, 930, 9, True),
    agenda_pressure=Figure(6.5, 13, 2, True),
    follow_through=share(2, 10),
    days_overdue=Figure(64.0, None, 8, True),
    orphan_actions=share(6, 10),
    decisions_without_action=share(7, 9),
)


def test_low_decision_yield_is_a_finding_with_experiments() -> None:
    [finding] = findings_for(body(decision_yield=share(3, 20)))
    assert finding.signal == "decision_yield"
    assert "3 of 20 substantive items (15%) were decided" in finding.text
    assert "decision-sought" in finding.experiments
    assert all(key in BY_KEY for key in finding.experiments)


def test_no_finding_from_a_figure_without_enough_data() -> None:
    assert (
        findings_for(
            body(decision_yield=share(0, 4, sufficient=False), orphan_actions=share(3, 3, sufficient=False))
        )
        == []
    )
    assert findings_for(body()) == []


def test_no_finding_within_thresholds_and_thresholds_are_the_boards_choice() -> None:
    healthy = body(decision_yield=share(12, 20), deferral_loops=topics(0, 9))
    assert findings_for(healthy) == []
    stricter = Thresholds(low_decision_yield=0.7)
    assert [f.signal for f in findings_for(healthy, thresholds=stricter)] == ["decision_yield"]


def test_every_rule_fires_and_findings_come_strongest_first() -> None:
    found = findings_for(EVERYTHING)
    assert {f.signal for f in found} == {rule.signal for rule in RULES} == set(SIGNAL_NAMES)
    assert [f.strength for f in found] == sorted((f.strength for f in found), reverse=True)
    loops = next(f for f in found if f.signal == "deferral_loops")
    assert "“estates”, “winter pressures”" in loops.text


def test_findings_are_worded_without_blame() -> None:
    for finding in findings_for(EVERYTHING):
        words = f"{finding.headline} {finding.text}".lower()
        assert not [w for w in BLAME_WORDS if re.search(rf"\b{w}", words)], finding
    for experiment in EXPERIMENTS:
        words = f"{experiment.name} {experiment.description}".lower()
        assert not [w for w in BLAME_WORDS if re.search(rf"\b{w}", words)], experiment


def test_at_least_fifteen_experiments_each_tied_to_real_signals() -> None:
    assert len(EXPERIMENTS) >= 15
    assert len({e.key for e in EXPERIMENTS}) == len(EXPERIMENTS)
    for experiment in EXPERIMENTS:
        assert experiment.signals and set(experiment.signals) <= set(SIGNAL_NAMES)
    assert {s for e in EXPERIMENTS for s in e.signals} == set(SIGNAL_NAMES)  # every signal has one
    assert experiments_for("pass_the_parcel")[0].key == "close-the-loop"


def test_an_experiment_naming_an_unknown_signal_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown signals"):
        Experiment("x", "X", "x", ("meeting_mood",))
