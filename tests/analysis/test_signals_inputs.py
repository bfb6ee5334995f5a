"""Records that cannot be diagnosed are refused with a message that names the record."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from test_signals_kit import Record, d, period

from traction_analysis.extract import OUTCOMES as EXTRACTED_OUTCOMES
from traction_analysis.signals import (
    OUTCOMES,
    ActionRecord,
    ItemRecord,
    MeetingRecord,
    PaperRecord,
    Period,
    SignalInputError,
)
from traction_analysis.signals.index import DUPLICATE_ID, UNKNOWN_ITEM, UNKNOWN_MEETING, WRONG_BODY
from traction_analysis.signals.records import (
    BAD_DURATION,
    BAD_PAGES,
    DONE_WITHOUT_DATE,
    EMPTY_PERIOD,
    OPEN_WITH_DATE,
)

Q1 = period("2025-01-01", "2025-04-01")


def test_the_six_outcomes_are_the_extraction_engine_s() -> None:
    assert OUTCOMES == EXTRACTED_OUTCOMES


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: MeetingRecord(1, "board", d("2025-01-01"), 120, "postponed"), "status must be one of"),  # type: ignore[arg-type]
        (lambda: MeetingRecord(1, "board", d("2025-01-01"), 0, "held"), BAD_DURATION.format(id=1, value=0)),
        (lambda: ItemRecord(2, 1, "board", None, "approved"), "outcome must be one of"),  # type: ignore[arg-type]
        (lambda: PaperRecord(3, 1, -1), BAD_PAGES.format(id=3, value=-1)),
        (
            lambda: ActionRecord(4, "board", None, None, None, None, "done", d("2025-01-01")),
            DONE_WITHOUT_DATE.format(id=4),
        ),
        (
            lambda: ActionRecord(4, "board", None, None, None, d("2025-01-02"), "open", d("2025-01-01")),
            OPEN_WITH_DATE.format(id=4),
        ),
        (
            lambda: ActionRecord(4, "board", None, None, None, None, "closed", d("2025-01-01")),  # type: ignore[arg-type]
            "status must be one of open, done, dropped, superseded, not 'closed'",
        ),
        (
            lambda: Period(d("2025-04-01"), d("2025-04-01")),
            EMPTY_PERIOD.format(start="2025-04-01", end="2025-04-01"),
        ),
    ],
)
def test_a_bad_record_is_refused_when_made(make, message: str) -> None:
    with pytest.raises(SignalInputError) as refused:
        make()
    assert message in str(refused.value)


def test_an_item_of_an_unknown_meeting_is_refused() -> None:
    r = Record()
    r.items.append(ItemRecord(7, 99, "board", None, "noted"))
    with pytest.raises(SignalInputError, match="not among the meetings given") as refused:
        r.signals("board", Q1, "2025-06-30")
    assert str(refused.value) == UNKNOWN_MEETING.format(record="Agenda item", id=7, meeting=99)


def test_an_item_recorded_for_another_body_than_its_meeting_is_refused() -> None:
    r = Record()
    meeting = r.meeting("board", "2025-01-10")
    r.items.append(ItemRecord(7, meeting.id, "cabinet", None, "noted"))
    with pytest.raises(SignalInputError) as refused:
        r.signals("board", Q1, "2025-06-30")
    assert str(refused.value) == WRONG_BODY.format(
        record="Agenda item", id=7, body="cabinet", expected="board"
    )


def test_an_action_on_another_body_s_item_is_refused() -> None:
    r = Record()
    item = r.item(r.meeting("board", "2025-01-10"), "decided")
    action = r.action("cabinet", item=item)
    with pytest.raises(SignalInputError) as refused:
        r.signals("board", Q1, "2025-06-30")
    assert str(refused.value) == WRONG_BODY.format(
        record="Action", id=action.id, body="cabinet", expected="board"
    )


def test_an_action_on_an_unknown_item_is_refused() -> None:
    r = Record()
    r.actions.append(ActionRecord(5, "board", 99, "Director", None, None, "open", d("2025-01-01")))
    with pytest.raises(SignalInputError) as refused:
        r.signals("board", Q1, "2025-06-30")
    assert str(refused.value) == UNKNOWN_ITEM.format(id=5, item=99)


def test_a_paper_of_an_unknown_meeting_is_refused() -> None:
    r = Record()
    r.papers.append(PaperRecord(5, 99, 10))
    with pytest.raises(SignalInputError, match="Paper 5 belongs to meeting 99"):
        r.signals("board", Q1, "2025-06-30")


def test_a_duplicate_id_is_refused() -> None:
    r = Record()
    meeting = r.meeting("board", "2025-01-10")
    r.meetings.append(meeting)
    with pytest.raises(SignalInputError) as refused:
        r.signals("board", Q1, "2025-06-30")
    assert str(refused.value) == DUPLICATE_ID.format(record="Meeting", id=meeting.id)


def test_records_are_frozen() -> None:
    meeting = MeetingRecord(1, "board", date(2025, 1, 1), 120, "held")
    with pytest.raises(AttributeError):
        meeting.status = "cancelled"  # type: ignore[misc]


def test_importing_the_signals_loads_no_django() -> None:
    code = (
        "import sys, traction_analysis.signals; "
        "print(sorted(m for m in sys.modules if m.startswith('django')))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
