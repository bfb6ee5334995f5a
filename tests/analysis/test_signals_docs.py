"""docs/signals.md cannot drift: every signal has its section, every threshold its documented default."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from traction_analysis.signals import SIGNAL_NAMES, SignalParams

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "signals.md").read_text()


def sections() -> dict[str, str]:
    parts = re.split(r"^## ", PAGE, flags=re.MULTILINE)[1:]
    return {part.splitlines()[0]: part for part in parts}


def test_every_signal_has_a_section_with_its_name_and_a_computed_as_line() -> None:
    found = {}
    for title, text in sections().items():
        named = re.match(r"\s*`(\w+)`", text.split("\n", 1)[1])
        if named:
            found[named.group(1)] = (title, text)
    assert list(found) == list(SIGNAL_NAMES)  # same signals, same order as BodySignals.figures()
    missing = [name for name, (_, text) in found.items() if "**Computed as:**" not in text]
    assert missing == []


def test_every_threshold_is_documented_with_its_default() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| ([\d.]+) \|", PAGE, flags=re.MULTILINE))
    defaults = {f.name: str(f.default) for f in fields(SignalParams)}
    assert rows == defaults
