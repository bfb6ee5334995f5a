"""Reading a gate decision's conditions, one a line: "what | owner | 2026-03-31"."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from traction_analysis.commissioning.strategies import (
    ConditionError,
    ConditionLine,
    days_between,
    parse_conditions,
)

words = st.text(
    st.characters(
        blacklist_characters="|\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", blacklist_categories=("Cs",)
    ),
    min_size=1,
).filter(str.strip)


def test_lines_are_read_and_blank_lines_skipped() -> None:
    text = "Confirm the budget | Helen Forsyth | 2026-03-31\n\n  Report back |Gemma Lloyd| 2026-05-01  \n"
    assert parse_conditions(text) == [
        ConditionLine("Confirm the budget", "Helen Forsyth", datetime.date(2026, 3, 31), 1),
        ConditionLine("Report back", "Gemma Lloyd", datetime.date(2026, 5, 1), 3),
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Confirm the budget", "Line 1: Write each condition"),
        ("x | y", "Line 1: Write each condition"),
        ("ok | Jo | 2026-01-01\nx |  | 2026-01-01", "Line 2: the owner is missing."),
        ("x | Jo | 31/3/2026", "Line 1: “31/3/2026” is not a date"),
        ("x | Jo | 2026-02-30", "is not a date"),
    ],
)
def test_a_line_that_does_not_read_says_which_and_why(text: str, says: str) -> None:
    with pytest.raises(ConditionError, match=says):
        parse_conditions(text)


@given(st.lists(st.tuples(words, words, st.dates()), max_size=5))
def test_what_is_written_is_read_back(rows: list[tuple[str, str, datetime.date]]) -> None:
    text = "\n".join(f"{what} | {owner} | {due.isoformat()}" for what, owner, due in rows)
    assert [(c.text, c.owner, c.due_date) for c in parse_conditions(text)] == [
        (what.strip(), owner.strip(), due) for what, owner, due in rows
    ]


@given(st.dates(), st.dates())
def test_days_between_is_never_negative(start: datetime.date, end: datetime.date) -> None:
    assert days_between(start, end) == max((end - start).days, 0)
    assert days_between(None, end) is None
