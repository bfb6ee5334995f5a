"""Extracted minutes to signal records: meetings, items with outcome and topic, actions, bodies, skips."""

from __future__ import annotations

from datetime import date

from traction_analysis.diagnosis import UNKNOWN_BODY, records_from_extracts
from traction_analysis.diagnosis.from_extracts import NO_DATE, NO_ITEMS
from traction_analysis.extract import ExtractedAction, ExtractedItem, MeetingExtract
from traction_analysis.extract.model import Outcome


def item(title: str, outcome: Outcome, *actions: ExtractedAction) -> ExtractedItem:
    return ExtractedItem(None, title, outcome, 0.9, "", None, list(actions))


def minutes(document: str, body: str | None, day: str | None, *items: ExtractedItem) -> MeetingExtract:
    return MeetingExtract(document, body, date.fromisoformat(day) if day else None, None, items=list(items))


EXTRACTS = [
    minutes(
        "a.txt",
        "Health and Wellbeing Board",
        "2025-01-09",
        item("Apologies", "procedural"),
        item("Winter pressures", "deferred"),
        item(
            "Carers strategy",
            "decided",
            ExtractedAction("Circulate the plan", "Director of Care", date(2025, 3, 31)),
            ExtractedAction("Report back"),
        ),
    ),
    minutes(
        "b.txt", "health and wellbeing  board", "2025-02-13", item("Winter Pressures update", "deferred")
    ),
    minutes("c.txt", None, "2025-02-20", item("Budget", "noted")),
    minutes("d.txt", "Cabinet", None, item("Budget", "decided")),
    minutes("e.txt", "Cabinet", "2025-03-01"),
]


def test_meetings_are_held_on_the_meeting_date_grouped_by_body_name() -> None:
    records = records_from_extracts(EXTRACTS)
    assert [(m.body, m.day, m.status, m.scheduled_minutes) for m in records.meetings] == [
        ("Health and Wellbeing Board", date(2025, 1, 9), "held", None),
        ("Health and Wellbeing Board", date(2025, 2, 13), "held", None),
        (UNKNOWN_BODY, date(2025, 2, 20), "held", None),
    ]
    assert records.bodies == ("Health and Wellbeing Board", UNKNOWN_BODY)
    assert [records.documents[str(m.id)] for m in records.meetings] == ["a.txt", "b.txt", "c.txt"]


def test_items_keep_outcome_and_get_a_topic() -> None:
    records = records_from_extracts(EXTRACTS)
    got = [(i.title, i.outcome, i.topic, i.body) for i in records.items]
    assert got == [
        ("Apologies", "procedural", None, "Health and Wellbeing Board"),
        ("Winter pressures", "deferred", "winter pressure", "Health and Wellbeing Board"),
        ("Carers strategy", "decided", "carer strategy", "Health and Wellbeing Board"),
        ("Winter Pressures update", "deferred", "winter pressure", "Health and Wellbeing Board"),
        ("Budget", "noted", "budget", UNKNOWN_BODY),
    ]
    assert len({i.id for i in records.items}) == 5


def test_actions_are_open_with_owner_as_lead_and_set_on_the_meeting_date() -> None:
    records = records_from_extracts(EXTRACTS)
    carers = records.items[2]
    got = [(a.item_id, a.lead, a.due, a.status, a.completed_on, a.created, a.body) for a in records.actions]
    assert got == [
        (carers.id, "Director of Care", date(2025, 3, 31), "open", None, date(2025, 1, 9), carers.body),
        (carers.id, None, None, "open", None, date(2025, 1, 9), carers.body),
    ]


def test_undated_and_empty_documents_are_reported_not_raised() -> None:
    records = records_from_extracts(EXTRACTS)
    assert [(s.document, s.reason) for s in records.skipped] == [("d.txt", NO_DATE), ("e.txt", NO_ITEMS)]
    assert records_from_extracts([]).meetings == ()
