"""The proposed item: made from the engine's line format, stored as JSON and read back unchanged."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from traction_analysis.document import Provenance
from traction_analysis.extract import ExtractedAction, ExtractedItem, MeetingExtract
from traction_analysis.extract.proposed import (
    Location,
    ProposedAction,
    ProposedItem,
    ProposedItemError,
    proposed_items,
)

STRATEGY = ProposedItem(
    number="5",
    title="Joint strategy",
    outcome="decided",
    resolution="RESOLVED that the strategy be approved.",
    actions=(
        ProposedAction("Circulate the delivery plan", "Director", datetime.date(2025, 3, 31), Location(2, 7)),
    ),
    evidence="RESOLVED that the strategy be approved.",
    confidence=0.87,
    source=Location(2, 5),
)


def _extract() -> MeetingExtract:
    item = ExtractedItem(
        number="5",
        title="Joint strategy",
        outcome="decided",
        confidence=0.8734,
        evidence="RESOLVED that the strategy be approved.",
        resolution="RESOLVED that the strategy be approved.",
        actions=[ExtractedAction("Circulate the delivery plan", "Director", datetime.date(2025, 3, 31))],
        source=Provenance(2, 5),
    )
    return MeetingExtract(
        document="minutes.txt", body="Board", meeting_date=datetime.date(2025, 3, 10), pages=3, items=[item]
    )


def test_an_item_survives_its_json_and_a_trip_through_a_json_column() -> None:
    stored = json.loads(json.dumps(STRATEGY.to_json()))
    assert ProposedItem.from_json(stored) == STRATEGY
    assert stored == {
        "number": "5",
        "title": "Joint strategy",
        "outcome": "decided",
        "confidence": 0.87,
        "evidence": "RESOLVED that the strategy be approved.",
        "resolution": "RESOLVED that the strategy be approved.",
        "actions": [
            {
                "text": "Circulate the delivery plan",
                "owner": "Director",
                "due": "2025-03-31",
                "source": {"page": 2, "line": 7},
            }
        ],
        "source": {"page": 2, "line": 5},
    }


_text = st.text(max_size=30)
_locations = st.builds(Location, st.none() | st.integers(1, 999), st.none() | st.integers(1, 99999))
_actions = st.builds(ProposedAction, _text, st.none() | _text, st.none() | st.dates(), _locations)
_items = st.builds(
    ProposedItem,
    st.none() | _text,
    _text,
    st.sampled_from(["decided", "noted", "unclear"]),
    st.none() | _text,
    st.lists(_actions, max_size=3).map(tuple),
    _text,
    st.none() | st.floats(0, 1),
    _locations,
)


@given(_items)
def test_any_item_reads_back_from_its_json_as_it_was(item: ProposedItem) -> None:
    assert ProposedItem.from_json(json.loads(json.dumps(item.to_json()))) == item


def test_items_from_the_engine_keep_its_line_format_and_read_actions_where_their_item_is() -> None:
    extract = _extract()
    (item,) = proposed_items(json.loads(extract.to_json()))
    assert item.confidence == 0.87  # as the line format rounds it
    assert item.actions[0].source == item.source == Location(2, 5)
    assert item.to_label() == {
        "number": "5",
        "title": "Joint strategy",
        "outcome": "decided",
        "actions": [{"text": "Circulate the delivery plan", "owner": "Director", "due": "2025-03-31"}],
    }
    assert extract.to_dict()["items"][0]["actions"] == [
        {"text": "Circulate the delivery plan", "owner": "Director", "due": "2025-03-31"}
    ]


@pytest.mark.parametrize(
    "stored",
    [
        # made in review, as stored before the item type: no location, no confidence
        {
            "number": None,
            "title": "Any other business",
            "outcome": "procedural",
            "resolution": "",
            "actions": [],
            "evidence": "",
            "confidence": None,
            "source": {},
        },
        # accepted values, as stored before the item type: no evidence, confidence or item location
        {
            "number": "6",
            "title": "Winter pressures",
            "outcome": "deferred",
            "resolution": "",
            "actions": [{"text": "Bring the winter plan back", "owner": None, "due": None, "source": {}}],
        },
        # the least a row ever held
        {"title": "Winter pressures"},
    ],
)
def test_json_stored_before_the_item_type_reads_with_defaults(stored: dict[str, Any]) -> None:
    item = ProposedItem.from_json(stored)
    assert item.title == stored["title"] and item.outcome == stored.get("outcome", "unclear")
    assert all(action.source == Location() for action in item.actions)
    assert ProposedItem.from_json(item.to_json()) == item


def test_a_number_stored_as_a_json_number_reads_as_text() -> None:
    assert ProposedItem.from_json({"number": 5, "title": "Budget"}).number == "5"


@pytest.mark.parametrize(
    ("stored", "says"),
    [
        ("Joint strategy", "the proposed item must be a JSON object, not text"),
        ({"title": "Budget", "actions": "Circulate the plan"}, "actions must be a list, not text"),
        ({"title": "Budget", "actions": [["Circulate"]]}, "action 1 must be a JSON object, not a list"),
        (
            {"title": "Budget", "actions": [{"text": "Plan", "due": "31 March"}]},
            "action 1 due date must be a date",
        ),
        ({"title": "Budget", "source": {"page": "two"}}, "source page must be a whole number, not text"),
        ({"title": "Budget", "confidence": "high"}, "confidence must be a number, not text"),
        ({"title": ["Budget"]}, "title must be text, not a list"),
    ],
)
def test_json_that_is_not_an_item_is_refused_saying_what_is_wrong(stored: Any, says: str) -> None:
    with pytest.raises(ProposedItemError, match=says):
        ProposedItem.from_json(stored)


def test_the_engine_line_format_with_items_not_a_list_is_refused() -> None:
    with pytest.raises(ProposedItemError, match="items must be a list"):
        proposed_items({"items": {"title": "Budget"}})


def test_a_correction_changes_what_may_be_corrected_and_keeps_how_it_was_read() -> None:
    edit = ProposedItem(number="5a", title="Joint strategy 2025", outcome="noted", resolution="Noted.")
    corrected = STRATEGY.corrected(by=edit)
    assert (
        corrected.number,
        corrected.title,
        corrected.outcome,
        corrected.resolution,
        corrected.actions,
    ) == ("5a", "Joint strategy 2025", "noted", "Noted.", ())
    assert (corrected.evidence, corrected.confidence, corrected.source) == (
        STRATEGY.evidence,
        STRATEGY.confidence,
        STRATEGY.source,
    )
