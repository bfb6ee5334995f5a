"""Work bounded by the size of an uploaded record: an item of thousands of sentences in linear work."""

from __future__ import annotations

import pytest

from traction_analysis.document import Document, TextBlock
from traction_analysis.extract import learn
from traction_analysis.extract.actions import build
from traction_analysis.extract.engine import extract

SENTENCES = 2000


def _document() -> Document:
    lines = [
        "MINUTES OF THE MEETING OF THE COUNCIL held on 12 December 2025",
        "Present: Cllr A, Cllr B",
        "1. Planning",
        *(f"The council agreed to write to the department about issue {n}." for n in range(SENTENCES)),
    ]
    blocks = [TextBlock(line, None, n) for n, line in enumerate(lines, 1)]
    return Document("minutes.txt", "text", blocks)  # type: ignore[arg-type]


def test_dedupe_compares_each_action_with_a_bounded_window(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    repeats = build._repeats

    def counted(a: set[str], b: set[str]) -> bool:
        nonlocal calls
        calls += 1
        return repeats(a, b)

    monkeypatch.setattr(build, "_repeats", counted)
    result = extract(_document(), None)
    assert len(result.items) == 1
    assert len(result.items[0].actions) == SENTENCES  # each issue is its own step
    assert calls <= SENTENCES * build.DEDUPE_WINDOW


def test_engine_matches_rule_actions_to_sentences_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = 0
    stated = learn._RuleMatcher.stated

    def counted(matcher: learn._RuleMatcher, sentences: list[learn._Text]) -> list[list[int]]:
        nonlocal pairs
        pairs += len(matcher.sizes) * len(sentences)  # each sentence is matched against each rule action
        return stated(matcher, sentences)

    monkeypatch.setattr(learn._RuleMatcher, "stated", counted)
    result = extract(_document())
    assert len(result.items) == 1
    assert result.items[0].actions
    assert pairs <= learn.MAX_OVERLAP_PAIRS


def test_dedupe_still_drops_a_repeat_within_the_window() -> None:
    first = build.ExtractedAction("Write to the department about parking", "JH", None)
    again = build.ExtractedAction("write to the department about the parking", None, None)
    assert build.dedupe([first, again]) == [first]


def test_a_year_reference_with_a_long_run_of_letters_and_no_bracket_is_read() -> None:
    # "2024-25 (12 a a a …" unclosed: each letter's separator is read one way only (no 2^n retries)
    line = "2024-25 (12" + " a" * 60 + " and the rest"
    blocks = [TextBlock(text, None, n) for n, text in enumerate(["1. Planning", line, "2. Other"], 1)]
    result = extract(Document("minutes.txt", "text", blocks), None)  # type: ignore[arg-type]
    assert [item.number for item in result.items] == ["1", "2"]


def test_a_page_footer_is_looked_for_once_per_run_of_spaces() -> None:
    from traction_analysis.extract.lines import PAGE_OF

    assert PAGE_OF.sub(" ", "Minutes   Page 3 of 12  next") == "Minutes next"
    assert PAGE_OF.search(" " * 50_000 + "x") is None  # one try per run, not one per space


def test_a_long_line_in_an_action_table_is_not_tried_as_a_date_cell() -> None:
    from traction_analysis.extract.actions import flat_table

    assert flat_table.DUE_CELL.match("TBC")
    assert flat_table.DUE_CELL.match("Cllr Murphy ongoing")
    assert flat_table.MAX_DUE_CELL < 1000  # the pattern is quadratic in a long run of letters


def test_a_due_date_is_looked_for_only_up_to_the_last_year_of_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # "by a by a …" after the year: each "by" would be read to the end of the run, looking for a year
    read: list[int] = []
    phrase = build.DUE_PHRASE

    class Counted:
        def sub(self, repl: str, text: str) -> str:
            read.append(len(text))
            return phrase.sub(repl, text)

    monkeypatch.setattr(build, "DUE_PHRASE", Counted())
    assert (
        build._tidy("Write to the council by the end of March 2026", strip_dates=True)
        == "Write to the council"
    )
    read.clear()
    tail = " by a" * 10_000
    tidied = build._tidy("Write to the council by 31 March 2026" + tail, strip_dates=True)
    assert tidied.startswith("Write to the council by a by a")
    assert read == [len("Write to the council by 31 March 2026")]


def test_a_duty_is_looked_for_once_per_word() -> None:
    from traction_analysis.extract.actions import shorthand

    found = shorthand.DUTY_VERB.finditer("Gary take pictures of the truck, Linda and Carrie work with Rory")
    assert [match.group("text") for match in found] == ["take pictures of the truck", "work with Rory"]
    assert shorthand.DUTY_VERB.search("eBay check the listing").group("text") == "check the listing"
    assert shorthand.DUTY_VERB.match("McDonald take pictures", 2) is None  # from a word's start only
    assert shorthand.DUTY_VERB.search("A" * 50_000) is None  # one try per word, not one per capital


def test_a_long_clause_with_no_delegate_ending_is_not_read_for_a_delegation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from traction_analysis.extract.actions import resolution

    tried: list[str] = []
    pattern = resolution.DELEGATION

    class Counted:
        def search(self, text: str) -> object:
            tried.append(text)
            return pattern.search(text)

    monkeypatch.setattr(resolution, "DELEGATION", Counted())
    found = resolution.delegation(
        "Council delegates the finalisation of the detail to the Director of Finance"
    )
    assert found is not None
    assert (found.group("task"), found.group("owner")) == (
        "the finalisation of the detail",
        "Director of Finance",
    )
    tried.clear()
    assert resolution.delegation("delegate a " * 5_000) is None
    assert tried == []  # each "delegate" would be read to the end of the clause


def test_a_prose_line_is_not_tried_as_a_list_marker_or_label(monkeypatch: pytest.MonkeyPatch) -> None:
    from traction_analysis.extract import text
    from traction_analysis.extract.lines import Line

    tried: list[str] = []

    class Counted:
        def __init__(self, pattern: object) -> None:
            self.pattern = pattern

        def match(self, line: str) -> object:
            tried.append(line)
            return self.pattern.match(line)  # type: ignore[attr-defined]

    monkeypatch.setattr(text, "LIST_MARKER", Counted(text.LIST_MARKER))
    monkeypatch.setattr(text, "LABEL_START", Counted(text.LABEL_START))
    rows = [
        "The Clerk reported on the state of the play area and the",
        "fencing beside the car park, which the contractor will repair",
        "Outcome: the repair was approved",
        "a) the Clerk to order the timber",
        "iv. the Chair to inspect it",
        "before the next meeting in March",
    ]
    found = text.paragraphs([Line(row, 1, n) for n, row in enumerate(rows)])
    assert [(p.start, p.listed) for p in found] == [(0, False), (2, False), (3, True), (4, True)]
    # the continuation lines open with a prose letter, the first line has no colon: neither is tried
    assert rows[1] not in tried and rows[5] not in tried and rows[0] not in tried


def test_a_body_sentence_is_split_into_clauses_only_when_it_may_refer_or_sign() -> None:
    from traction_analysis.extract.actions import resolution
    from traction_analysis.extract.actions.context import ActionContext

    context = ActionContext("Planning", [], False, None, False)
    body = [
        "Members discussed the hedge; the owner had been written to.",
        "Members agreed to refer it to Planning Committee to arrange a site visit.",
    ]
    found = resolution.resolution_actions(context, body)
    owned = [(action.owner, action.text) for action in found]
    assert owned == [("Planning Committee", "Arrange a site visit")]
    assert not resolution._may_refer_or_sign(body[0])


def test_a_sentence_without_a_base_verb_is_not_read_for_duties(monkeypatch: pytest.MonkeyPatch) -> None:
    from traction_analysis.extract.actions import shorthand
    from traction_analysis.extract.actions.context import ActionContext

    context = ActionContext("Village hall", [], False, None, False, people=frozenset({"Gary", "Linda"}))
    duties = shorthand.shorthand_actions("Gary take pictures of the truck, Linda check the gutters", context)
    assert [(action.owner, action.text) for action in duties] == [
        ("Gary", "Take pictures of the truck"),
        ("Linda", "Check the gutters"),
    ]
    tried: list[str] = []
    monkeypatch.setattr(shorthand, "_duties", lambda text, _: tried.append(text) or [])
    assert shorthand.shorthand_actions("Gary reported that the hall roof leaks, Linda agreed", context) == []
    assert tried == []
