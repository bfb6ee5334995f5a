"""Split a minute into agenda items.

Order of trust: items a structured source delimits itself (ModernGov) > numbered table rows >
headings with an unmistakable number style (``Item 5``, ``2025-26 (34)``, a number alone on its
line, a title followed by ``(Item 4)``) > bare ``76. Title`` lines, which must read like a title and
continue the running sequence (numbered paragraphs restart at 1 inside each item; a restart is only
believed after a section break). Where lists restart at "1." under two or more short "Heading:" lines,
the numbers are points within those items, not items. A document with no numbering falls back to a
template's "Agenda item: Title" labels, then to paragraphs opening with a "Title:" heading (three or
more, and more of them than bullets or headings), then to top-level bullets, then to styled
headings. Everything is a single forward pass over the lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from traction_analysis.extract import sections, tables
from traction_analysis.extract.dates import find_dates
from traction_analysis.extract.filerefs import file_ref_heads
from traction_analysis.extract.lines import Line
from traction_analysis.extract.meta import body_name
from traction_analysis.extract.motions import Entry, dashed_entries, lettered_motions, numbered_motions
from traction_analysis.extract.numbering import (
    ALONE,
    DOTTED,
    FINITE_VERB,
    FUNCTION_WORDS,
    ITEM_REF,
    KEYWORD,
    LETTER_ALONE,
    MINUTE_REF,
    SENTENCE_VERB,
    WORD,
    YEAR_ONLY,
    YEAR_REF_LINE,
    Number,
    all_caps,
    capital_ratio,
    is_label,
    parse_number,
    run_in_title,
    strip_label,
    title_like,
)
from traction_analysis.extract.outline import outline_heads
from traction_analysis.extract.runin import split_run_in
from traction_analysis.extract.stamped import stamped_heads
from traction_analysis.extract.subitems import bracketed_entries, business_entries, grouped_entries
from traction_analysis.extract.titles import clean_title

TRANSCRIPT = re.compile(
    r"closed caption|verbatim (?:transcript|record)|transcript of (?:the )?proceedings", re.IGNORECASE
)
# Items withdrawn or taken in private leave small gaps in the printed sequence.
SEQUENCE_GAP = 5
FAR_AHEAD = 4 * SEQUENCE_GAP
# A numbering that jumps far ahead after a section break and then counts on by one for this many more heads
# is a new run (a second meeting's minutes in the same file, numbered on from the minute book), not a
# stray figure.
NEW_RUN = 3
YEAR_ALONE = re.compile(r"^(?:19|20)\d\d\.?$")  # the year of a date wrapped onto its own line
# A PDF's superscript set apart from its number: "3" / "rd Floor, City Hall" is an address, not item 3.
ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)\b")
# "4.0 Notices of Motion": a top-level item numbered like its decimal sub-items ("3.1", "3.2").
POINT_ZERO = re.compile(r"^(?P<num>\d{1,3}\.0)(?P<punct>\.?)\s+(?P<title>[A-Z].*)$")
POINT_ZERO_ALONE = re.compile(r"^(?P<num>\d{1,3}\.0)\.?$")
# An entry number and an application's file number, nothing else: "1.   7923-0087-00".
FILE_NUMBER_ALONE = re.compile(r"^(?P<num>\d{1,3})[.)]\s+(?P<ref>\d{2,5}-\d{2,5}(?:-\d{1,3})?)$")
SHORT_LINE = 60  # a run-in heading is a heading glued to a paragraph, so its line is long
STRONG_KINDS = frozenset({"keyword", "ref", "alone", "split_ref", "table"})
ATTENDANCE = re.compile(
    r"^(?:present|attendance|in attendance|also present|apologies|absent|officers|"
    r"members present|minutes|observers|members of the public)\b",
    re.IGNORECASE,
)
BUSINESS_CONTAINER = re.compile(
    r"^(?:new|old|unfinished|other|general) business$|^consent (?:agenda|calendar)", re.IGNORECASE
)
NEXT_MEETING = re.compile(r"\bnext meeting\b", re.IGNORECASE)
# A line opening with the next meeting's heading: "Next Meeting on …", "Date of the next PFA meeting".
NEXT_MEETING_LINE = re.compile(
    r"^(?P<title>(?:date of (?:the )?next|next)(?: [a-z]{1,20}){0,2}? meetings?"
    r"(?: \([^()]{1,20}\))?)(?![\w-])",
    re.IGNORECASE,
)
# A year-scoped minute number run into the previous paragraph: "… no declarations were made. 72/17 Use of …".
MID_LINE_REF = re.compile(
    r"(?<=[.!?”’\")])\s+(?=(?P<num>\d{1,3})/(?P<year>\d{2,4})[a-z]?(?![\w/])\s*[-–—]?\s*[A-Z])"
)
MIN_REF_LINES = 2
MAX_DOTLESS_WORDS = 10
# A sub-item number alone on its line, its title printed elsewhere: "3.4".
COLUMN_NUMBER = re.compile(r"^(?P<parent>\d{1,2})\.(?P<sub>\d{1,2})$")
MIN_COLUMN_NUMBERS = 3
COLUMN_TITLE_WINDOW = 40
HEADLINE_CAPITALS = 0.5
RUN_IN_OPENING_WORDS = 3
# The chair's signature line that closes a record: "Signed ……………… Chair", "Signed: ____________".
SIGNATURE = re.compile(r"^signed\b\W{0,3}(?:[.…_]{5,}|\s*$)", re.IGNORECASE)
SIGNATURE_TAIL = 3
# A meeting-minutes template's field: "Agenda item: Financial Report   Presenter: Susan" (no number).
AGENDA_LABEL = re.compile(r"^(?:agenda|AGENDA|Agenda)\s+(?:item|Item|ITEM)\s*[:\-–]?\s+(?P<title>[A-Z].*)$")
NEXT_FIELD = re.compile(r"\s+[A-Z][a-z]+(?:\s[a-z]+)?:(?:\s|$)")
MIN_LABELS = 2
# The title block a record opens with: the body's name, then "Meeting Minutes – October 4, 2023".
TITLE_BLOCK_LINES = 8
MINUTES_TITLE = re.compile(
    r"^(?:(?:regular|special|monthly|annual|ordinary|extraordinary)\s+)?(?:meeting\s+)?minutes"
    r"(?:\s+of\s+(?:the\s+)?meeting)?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Head:
    index: int
    number: Number | None
    title: str
    kind: str
    consumed: int = 0  # lines after ``index`` that belong to the heading, not the body
    letter: str | None = None
    title_in_body: bool = False


@dataclass(slots=True)
class Segment:
    number: str | None
    title: str
    head: Line
    body: list[Line] = field(default_factory=list)
    parent: str | None = None
    parent_body: list[Line] = field(default_factory=list)
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()


@dataclass(slots=True)
class HeadFinding:
    """What the rules see in a document: its working lines, the heads they accept, and every candidate.

    ``candidates`` holds each line that some rule would read as a heading, accepted or not (a number out
    of sequence, a bullet or styled heading in a numbered document); a learned model weighs them all.
    ``structured`` is set when the source delimits its items itself (ModernGov): nothing to decide.
    """

    lines: list[Line]
    heads: list[Head]
    candidates: dict[int, Head] = field(default_factory=dict)
    structured: bool = False
    # Headings that group the items under them ("Action Items" over its titled entries): never an item.
    grouping: frozenset[int] = frozenset()


def segment(lines: list[Line]) -> list[Segment]:
    """The document's items in reading order, as the rules alone find them."""
    found = find_heads(lines)
    if found.structured:
        return block_items(found.lines)
    return assemble(found.lines, found.heads)


def find_heads(lines: list[Line]) -> HeadFinding:
    """The rules' reading of where items start (see the module docstring), with every candidate kept."""
    lines = lines[: _transcript_start(lines)]
    tables.annotate(lines)
    if any(line.kind == "item" for line in lines):
        return HeadFinding(lines, [], structured=True)
    ref_years = _minute_ref_years(lines)
    lines = _split_mid_line_refs(lines, ref_years)
    raw = _find_heads(lines, ref_years)
    heads = _filter_sequence(raw, lines)
    filled = _fill_gaps(lines, heads)
    if filled is not None:
        lines = filled
        raw = _find_heads(lines, ref_years)
        heads = _filter_sequence(raw, lines)
    missing = _dotless_heads(lines, heads)
    if missing:
        raw, heads = raw + missing, sorted(heads + missing, key=lambda head: head.index)
    stamped = stamped_heads(lines)
    if len(stamped) > len(heads):
        raw, heads = raw + stamped, stamped
    openers = _labelled_list_openers(lines)
    if len(openers) >= MIN_LABELLED_LISTS:
        # No numbered line is accepted as an item; the model is still asked about those outside the
        # labelled lists ("BYLAWS WITH PERMITS" / "1. "Surrey Zoning Bylaw …"": a list of items, no label).
        inside = _labelled_list_lines(lines, openers)
        raw = [
            head
            for head in raw
            if head.kind not in LIST_KINDS or _bold_numbered(lines[head.index]) or head.index not in inside
        ]
        heads = [head for head in heads if head.kind not in LIST_KINDS or _bold_numbered(lines[head.index])]
    outline = _outline(lines, heads)
    if outline:
        # The register or outline numbers the items; the unnumbered headings between them stand.
        taken = {head.index for head in outline}
        kept = [head for head in heads if head.number is None and head.index not in taken]
        raw, heads = raw + outline, sorted(outline + kept, key=lambda head: head.index)
    if sum(1 for head in heads if head.kind != "letter") < 2:
        split = split_run_in(lines)
        if split is not None:
            lines, heads = split[0], [Head(i, parse_number(n), t, "runin") for i, n, t in split[1]]
            raw = list(heads)
    caps = sections.headings_over_lists(lines, heads) or sections.headings_over_paragraphs(lines)
    if caps is not None:
        raw, heads = raw + caps, caps
    fallback = _bullet_heads(lines) + _heading_heads(lines)
    if not heads:
        heads = _label_heads(lines) or _unnumbered_heads(lines)
        preamble: list[Head] = []
    elif caps is not None:
        preamble = []
    else:
        numbered = {head.index for head in raw if head.number is not None}
        preamble = [head for head in _preamble_heads(lines, heads[0].index) if head.index not in numbered]
        heads = _motion_heads(lines, preamble + heads)
        beside = sections.sections_beside_entries(lines, heads)
        if beside:
            heads = sorted(heads + beside, key=lambda head: head.index)
    heads, grouping = _business_entries(lines, heads)
    column = _column_heads(lines, heads)
    if column:
        heads = sorted(heads + column, key=lambda head: head.index)
    candidates: dict[int, Head] = {}
    for head in (*fallback, *raw, *preamble, *heads):  # later sources win: accepted heads last
        candidates[head.index] = head
    for index in grouping:
        candidates.pop(index, None)
    for head in _title_block_heads(lines, heads):
        heads.remove(head)
        candidates.pop(head.index, None)
    closing = _next_meeting_head(lines, heads)
    if closing is not None and closing.index not in candidates:
        heads = [*heads, closing]
        candidates[closing.index] = closing
    signed = _signature_after(lines, heads)
    # An action log after the last item stays that item's text: the engine files its steps under the items
    # that state them and keeps those no item states (see ``action_log``).
    if signed is not None:
        lines = lines[:signed]
        candidates = {index: head for index, head in candidates.items() if index < signed}
    return HeadFinding(lines, heads, candidates, grouping=frozenset(grouping))


def _signature_after(lines: list[Line], heads: list[Head]) -> int | None:
    """The line where the chair's signature block closes the minutes ("Signed ……… Chair"), after the last
    item's heading: what follows it (an action log repeating the minutes' actions, a schedule) is an
    appendix to the record, not the last item's text."""
    if not heads:
        return None
    last = heads[-1].index + heads[-1].consumed
    for index in range(last + 1, len(lines)):
        line = lines[index]
        if line.kind == "text" and SIGNATURE.match(line.text) and index + SIGNATURE_TAIL < len(lines):
            return index
    return None


def _outline(lines: list[Line], heads: list[Head]) -> list[Head]:
    """Register numbers (see ``filerefs``), else Roman-numeral or capital-letter headings (see ``outline``),
    where they outnumber the numbered heads."""
    numbered = sum(1 for head in heads if head.number is not None)
    refs = file_ref_heads(lines)
    if len(refs) > numbered:
        return [Head(r.index, Number(r.number, r.value), r.title, "ref") for r in refs]
    found = outline_heads(lines)
    if sum(1 for o in found if o.letter is None) <= numbered:
        return []
    return [
        Head(o.index, None, o.title, "letter", letter=o.letter)
        if o.letter
        else Head(
            o.index,
            Number(o.number, o.value),
            o.title,
            "alone" if o.consumed else "dotted",
            o.consumed,
            title_in_body=bool(o.consumed),
        )
        for o in found
    ]


def _business_entries(lines: list[Line], heads: list[Head]) -> tuple[list[Head], list[int]]:
    """A heading naming a kind of business ("Recommended Actions", "Information Items") gives way to the
    titled bullets under it, each an item (see ``subitems.business_entries``); also the lines of the
    headings that gave way."""
    out: list[Head] = []
    grouping: list[int] = []
    for position, head in enumerate(heads):
        end = heads[position + 1].index if position + 1 < len(heads) else len(lines)
        entries = (
            []
            if head.kind == "letter"
            else business_entries(lines, head.index + head.consumed, end, head.title)
        )
        if entries:
            grouping.append(head.index)
        else:
            out.append(head)
        out += [Head(entry.index, None, entry.title, "section", title_in_body=True) for entry in entries]
    return out, grouping


def _next_meeting_head(lines: list[Line], heads: list[Head]) -> Head | None:
    """The closing "Next Meeting on Monday 4th March …" or "Date of next meetings: …" line after the last
    item: the standing item that fixes the next meeting, titled by its opening words. A sentence ("The next
    meeting will be …", "Next meeting is …") is the last item's text, not a heading."""
    if not heads or NEXT_MEETING.search(heads[-1].title):
        return None
    for index in range(heads[-1].index + heads[-1].consumed + 1, len(lines)):
        line = lines[index]
        match = NEXT_MEETING_LINE.match(line.text)
        if line.kind not in ("text", "heading") or line.bullet or not match or not line.text[:1].isupper():
            continue
        rest = line.text[match.end() :].split()
        if rest and SENTENCE_VERB.match(rest[0]):
            return None
        return Head(index, None, match.group("title"), "section", title_in_body=True)
    return None


def _motion_heads(lines: list[Line], heads: list[Head]) -> list[Head]:
    """Each numbered heading's lettered motions, where it has them, as its items (see ``motions``)."""
    out: list[Head] = []
    for position, head in enumerate(heads):
        out.append(head)
        following = heads[position + 1] if position + 1 < len(heads) else None
        if head.kind == "letter" or head.number is None or (following and following.kind == "letter"):
            continue
        end = following.index if following else len(lines)
        start = head.index + head.consumed
        entries = (
            lettered_motions(lines, start, end)
            or _numbered_entries(lines, start, end, head)
            or dashed_entries(lines, start, end, head.number.text)
            or grouped_entries(lines, start, end, head.number.text, head.title)
            or bracketed_entries(lines, start, end)
        )
        for entry in entries:
            out.append(
                Head(entry.index, None, entry.title, "letter", letter=entry.letter, title_in_body=True)
            )
    return out


def _numbered_entries(lines: list[Line], start: int, end: int, head: Head) -> list[Entry]:
    """The heading's voted motions "5.1", "5.2" …, carried on by the grouped entries where those count on
    further: an entry whose title opens with a figure ("5.2 2012- to 2014 Business Plan") still takes its
    place in the sequence, and the entries after it are items too, where each has its title on its line."""
    assert head.number is not None
    voted = numbered_motions(lines, start, end, head.number.text)
    if not voted:
        return []
    grouped = grouped_entries(lines, start, end, head.number.text, head.title)
    prefix = [entry.index for entry in grouped[: len(voted)]]
    extends = len(grouped) > len(voted) and prefix == [entry.index for entry in voted]
    # Numbers alone on their lines may be a column the converter split from its titles: not trusted here.
    inline = all(len(lines[entry.index].text.split()) > 1 for entry in grouped)
    return grouped if extends and inline else voted


def assemble(lines: list[Line], heads: list[Head]) -> list[Segment]:
    """Cut the lines into items at ``heads``."""
    return _assemble(lines, heads)


def _transcript_start(lines: list[Line]) -> int:
    """Index where a verbatim transcript appended to the minutes begins (its items are not new items)."""
    for index, line in enumerate(lines):
        if (
            index > 5
            and line.kind == "text"
            and (
                "aption" in line.text
                or "APTION" in line.text
                or "ranscript" in line.text
                or "erbatim" in line.text
            )
            and TRANSCRIPT.search(line.text)
        ):
            return index
    return len(lines)


def block_items(lines: list[Line]) -> list[Segment]:
    """Items a structured source (ModernGov) delimits itself."""
    segments: list[Segment] = []
    for line in lines:
        if line.kind == "item":
            number = (line.number or "").strip().rstrip(".") or None
            segments.append(Segment(number, clean_title(line.title or line.text), line))
        elif segments:
            segments[-1].body.append(line)
    return segments


# KEYWORD (case-insensitive) opens "agenda", "item", "minute" or "min.": these are the first two letters.
KEYWORD_OPENINGS = frozenset(
    first + second
    for firsts, seconds in (("Aa", "Gg"), ("Ii", "Tt"), ("Mm", "Ii\u0130\u0131"))
    for first in firsts
    for second in seconds
)


def _find_heads(lines: list[Line], ref_years: frozenset[str] = frozenset()) -> list[Head]:
    heads: list[Head] = []
    bold = sections.bold_sets_apart(lines)
    for index, line in enumerate(lines):
        text = line.text
        # Most lines are prose opening with a letter: _head_at's fast path turns those down (a minute
        # number behind initials aside) unless they open "I…", "M…" or "A…" and KEYWORD matches, so they
        # skip the call.
        if (
            text[:1].isalpha()
            and len(text) > 3
            and line.kind in ("text", "heading")
            and (text[0] not in "IiMmAa" or (text[1:2] != "-" and text[:2] not in KEYWORD_OPENINGS))
            and not (ref_years and _prefixed_ref(text))
        ):
            continue
        # A value under a field label ("Agenda item:" / "2025-26 (4ai)") is a cover sheet, not an item; a
        # numbered table row under a status line ("REFERRED:" / "7 | D-759 Petition of …") is an item.
        if (
            index
            and line.kind != "table_row"
            and lines[index - 1].text.endswith(":")
            and is_label(lines[index - 1].text)
        ):
            continue
        head = _head_at(lines, index, ref_years, bold=bold)
        if head is not None:
            heads.append(head)
    # One bold "1 Dr. Carlton B. Goodlett Place" is an address; a document numbering its bold headings with
    # a space alone does so throughout.
    bare = [head for head in heads if head.kind == "dotted" and _bold_numbered(lines[head.index])]
    if len(bare) < MIN_BARE_BOLD:
        heads = [head for head in heads if head not in bare]
    return heads


def _head_at(
    lines: list[Line], index: int, ref_years: frozenset[str] = frozenset(), *, bold: bool = False
) -> Head | None:
    """The head a rule reads at ``index``, if any; ``bold``: bold sets headings apart in this document."""
    line = lines[index]
    if line.kind == "table_row":
        return tables.item_head(line, index)
    if line.kind not in ("text", "heading") or line.bullet >= 2:
        return None
    text = line.text
    # Fast path: most lines are prose starting with a letter; only "Item…", "Minute…", "Agenda item…"
    # and a lone "a." can be headings among those.
    if ref_years and text[:1].isupper() and _prefixed_ref(text):
        minute = MINUTE_REF.match(text)
        if minute and minute.group("year") in ref_years:
            return _minute_ref_head(lines, index, minute)
    if text[:1].isalpha() and len(text) > 3:
        if text[0] not in "IiMmAa":
            return None
        if text[1:2] != "-":
            # Of the patterns below only KEYWORD can match a line starting "I…", "M…" or "A…" (the others
            # need a digit, "(" or "*" first, a line of at most three characters, or "A-1." for DOTTED).
            match = KEYWORD.match(text)
            if match is None:
                return None
    minute = MINUTE_REF.match(text) if ref_years and text[:1].isdigit() else None
    if minute and minute.group("year") in ref_years and PREFIXED not in ref_years:
        return _minute_ref_head(lines, index, minute)
    match = KEYWORD.match(text) or YEAR_REF_LINE.match(text)
    if match and _cross_reference(match.group("title")):
        return None
    if match:
        return _titled_head(
            lines,
            index,
            match.group("num"),
            match.group("title"),
            "keyword" if match.re is KEYWORD else "ref",
        )
    if ITEM_REF.match(text):
        return Head(index, parse_number(ITEM_REF.match(text).group("num")), "", "item_ref")  # type: ignore[union-attr]
    if YEAR_ONLY.match(text):
        return _split_ref(lines, index)
    return _numbered_head(lines, index, bold=bold)


MAX_REF_HEADING = 160


def _minute_ref_head(lines: list[Line], index: int, match: re.Match[str]) -> Head | None:
    """'135/19 Apologies for Absence. Apologies were …': the title often runs into the minute's text."""
    rest = match.group("title").strip()
    if not rest:
        return _titled_head(lines, index, match.group("num"), "", "ref")
    if _cross_reference(rest):
        return None
    if title_like(rest):
        return Head(index, parse_number(match.group("num")), rest, "ref")
    title = run_in_title(rest, trusted=True)
    if title is None:
        # "149/19 To Receive items of concern & matters to be included on the next agenda": a whole line with
        # no sentence in it is the heading, however long
        if len(rest) <= MAX_REF_HEADING and not re.search(r"[.!?](?:\s|$)", rest):
            return Head(index, parse_number(match.group("num")), rest.strip(" .:;–—-"), "ref")
        return None
    return Head(index, parse_number(match.group("num")), title, "ref", title_in_body=True)


def _cross_reference(title: str) -> bool:
    """'Minute 64/17c should read: …' refers to a minute inside a sentence; a heading's title is
    capitalised."""
    return bool(title[:1].islower() and FINITE_VERB.search(title))


def _numbered_head(lines: list[Line], index: int, *, bold: bool = False) -> Head | None:
    text = lines[index].text
    # Every pattern below needs a digit, "*" or "A-" first, or is a lone "a." / "(b)" of at most four
    # characters (a "$" may pass a newline): any other line ("(see minute 4)", "“Quote …”") is none of them.
    if not (text[:1].isdigit() or text[:1] == "*" or text[1:2] == "-" or len(text) <= 4):
        return None
    nxt = _next_text(lines, index)
    alone = ALONE.match(text) or POINT_ZERO_ALONE.match(text)
    if (
        alone
        and not YEAR_ALONE.match(text)
        and not (nxt and ORDINAL_SUFFIX.match(nxt))
        and nxt
        and _list_title(nxt)
        and (not text.isdigit() or title_like(nxt))
        and not (KEYWORD.match(nxt) or DOTTED.match(nxt))
    ):
        return Head(index, parse_number(alone.group("num")), nxt, "alone", 1, title_in_body=True)
    filed = FILE_NUMBER_ALONE.match(text)
    if filed and nxt and nxt[:1].isalnum():
        # "1.   7923-0087-00" / "4373 – 152 Street": an application's file number stands as its title's
        # first part, the address or subject on the line below.
        title = f"{filed.group('ref')} – {nxt}"
        return Head(index, parse_number(filed.group("num")), title, "ref", 1, title_in_body=True)
    letter = LETTER_ALONE.match(text)
    if letter and nxt and _list_title(nxt):
        title = _introduced_title(lines, index, nxt)
        return Head(index, None, title, "letter", 1, letter=letter.group("letter"), title_in_body=True)
    dotted = DOTTED.match(text) or POINT_ZERO.match(text)
    if dotted and title_like(dotted.group("title")):
        title, consumed = _wrapped_title(lines, index, dotted.group("title"))
        return Head(index, parse_number(dotted.group("num")), title, "dotted", consumed)
    if dotted and bold and _bold_heading(lines[index], dotted.group("title")):
        # "1. Type IV Hearing to amend Ordinance #80-2011, regulating park and boat ramp hours" in bold: a
        # heading set apart, however long or lower-case its title.
        title, consumed = _bold_title(lines, index, dotted.group("title"))
        return Head(index, parse_number(dotted.group("num")), title, "dotted", consumed)
    bare = BARE_BOLD.match(text) if bold and not dotted else None
    if (
        bare
        and not MONTH_FIRST.match(bare.group("title"))
        and _bold_heading(lines[index], bare.group("title"))
    ):
        # "13 City Centre – Broadmead Area/ Union Street Area Outline Business Case and delivery" in bold: the
        # number set apart by a space alone, the heading by its bold face; its tail may wrap onto a bold line.
        title, consumed = _bold_title(lines, index, bare.group("title"))
        return Head(index, parse_number(bare.group("num")), title, "dotted", consumed)
    lead = _colon_lead(dotted.group("title")) if dotted else None
    if dotted and lead:
        # "2503. Police Report: No report received.": the heading and its minute on one line.
        return Head(index, parse_number(dotted.group("num")), lead, "dotted", title_in_body=True)
    wrapped = _title_wrapped_mid_phrase(lines, index, dotted.group("title")) if dotted else None
    if dotted and wrapped:
        return Head(index, parse_number(dotted.group("num")), wrapped, "dotted", 1)
    if dotted and len(text) > SHORT_LINE:
        # "1. Election of Chairman It was proposed …": a text dump or a terse clerk ran the first
        # sentence into the heading; the number must still fit the sequence (see _consider).
        run_in = run_in_title(dotted.group("title"), trusted=lines[index].split_at_number)
        if run_in is not None:
            return Head(index, parse_number(dotted.group("num")), run_in, "dotted", title_in_body=True)
    return None


MAX_LEAD_WORDS = 8
# A number and a title with only a space between them: "13 City Centre – Broadmead Area" (a bold heading).
BARE_BOLD = re.compile(r"^(?P<num>\d{1,2})\s+(?P<title>[A-Z].{2,})$")
MIN_BARE_BOLD = 3
MONTH_FIRST = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b", re.IGNORECASE
)  # a date
MAX_BOLD_TITLE = 160
MAX_BOLD_WRAP_WORDS = 8


def _bold_numbered(line: Line) -> bool:
    """A bold heading numbered with a space alone ("13 City Centre …"): no point of a list."""
    return bool(line.style is not None and line.style.bold and BARE_BOLD.match(line.text))


def _introduced_title(lines: list[Line], index: int, text: str) -> str:
    """The title of the entry lettered alone at ``index``, whose first line is ``text``: where that line is
    a sentence introducing what follows ("The recommendation from the Committee was considered as
    follows:" / "Tree Cutting on Agricultural Land"), the title is the line it introduces."""
    if not text.endswith(":") or title_like(text):
        return text
    following = _next_text(lines, index + 1)
    if following and len(following.split()) <= MAX_BOLD_WRAP_WORDS and title_like(following):
        return following
    return text


def _bold_heading(line: Line, title: str) -> bool:
    """A numbered line set in bold where bold marks headings: a heading unless it is a sentence."""
    return (
        line.style is not None
        and line.style.bold
        and title[:1].isupper()
        and len(title) <= MAX_BOLD_TITLE
        and not FINITE_VERB.search(title)
    )


def _bold_title(lines: list[Line], index: int, title: str) -> tuple[str, int]:
    """The bold heading with its wrapped tail: a short bold line after it that starts no number."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    if (
        following is not None
        and following.kind in ("text", "heading")
        and following.style is not None
        and following.style.bold
        and not following.text[:1].isdigit()
        and len(following.text.split()) <= MAX_BOLD_WRAP_WORDS
        and not all_caps(following.text)
        and not title.endswith((".", ":"))
    ):
        return f"{title} {following.text}", 1
    return title, 0


def _colon_lead(title: str) -> str | None:
    """The heading before a colon that opens a numbered line's text ("Police Report: No report received"),
    where that heading reads as a title."""
    lead, colon, rest = title.partition(": ")
    if not colon or not rest or len(lead.split()) > MAX_LEAD_WORDS or not title_like(lead):
        return None
    return lead.strip()


def _title_wrapped_mid_phrase(lines: list[Line], index: int, title: str) -> str | None:
    """'2. Business Prescribed by Statute, Standing Orders or Resolution of the' / 'Municipal District
    Members': a heading cut mid-phrase by the page width, whole with its next line."""
    if index + 1 >= len(lines) or not title_continues(title, lines[index + 1]):
        return None
    joined = f"{title} {lines[index + 1].text}"
    return joined if title_like(joined) else None


def _list_title(text: str) -> bool:
    """The line after a lone number: a list entry's text (any case), not another number or a folio."""
    return bool(re.match(r"^[A-Za-z(“\"']", text)) and len(text) > 2


def _titled_head(lines: list[Line], index: int, number: str, title: str, kind: str) -> Head:
    """A keyword/reference heading; an empty title is taken from the next non-label line."""
    title = strip_label(title.strip())
    consumed = 0
    while not title and consumed < 3 and index + consumed + 1 < len(lines):
        consumed += 1
        candidate = lines[index + consumed]
        if candidate.kind not in ("text", "heading") or is_label(candidate.text):
            continue
        title = strip_label(candidate.text)
    if consumed and index + consumed + 1 < len(lines) and title_continues(title, lines[index + consumed + 1]):
        consumed += 1
        title = f"{title} {lines[index + consumed].text}"
    return Head(index, parse_number(number), title, kind, consumed)


def title_continues(title: str, line: Line) -> bool:
    """A heading wrapped onto the next line: the title stops mid-phrase and the next line is short."""
    words = title.rsplit(None, 1)  # the last word split off alone: a title may be long
    last = words[-1].lower() if words else ""
    return line.kind in ("text", "heading") and last in FUNCTION_WORDS and len(line.text.split()) <= 8


def _split_ref(lines: list[Line], index: int) -> Head | None:
    """'2025-26' / title / '49': a two-column table cell order a PDF converter scrambled."""
    if index + 2 >= len(lines) or not re.match(r"^\d{1,3}$", lines[index + 2].text):
        return None
    number = f"{lines[index].text} ({lines[index + 2].text})"
    return Head(index, parse_number(number), lines[index + 1].text, "split_ref", 2)


def _wrapped_title(lines: list[Line], index: int, title: str) -> tuple[str, int]:
    """Join the next line when the heading visibly continues (a '(Item n)' reference follows it)."""
    if index + 2 < len(lines) and ITEM_REF.match(lines[index + 2].text) and title_like(lines[index + 1].text):
        return f"{title} {lines[index + 1].text}", 1
    return title, 0


def _next_text(lines: list[Line], index: int) -> str | None:
    if index + 1 < len(lines) and lines[index + 1].kind in ("text", "heading"):
        return lines[index + 1].text
    return None


# "PLANNING (J. Fusco, Chairman)": a committee's heading in capitals, its chair named after it.
CHAIRED = re.compile(r" \([^()]{1,60}\)$")


def _breaks(lines: list[Line]) -> list[int]:
    """Indexes of section breaks: rules, unnumbered ALL-CAPS headings (a chair's name in brackets after
    one), one-cell table rows."""
    out = []
    for index, line in enumerate(lines):
        text = line.text
        if (
            line.kind == "rule"
            or (line.kind == "table_row" and len(line.cells) == 1)
            or line.kind in ("text", "heading")
            # A line not in capitals is none without its chair either, unless it ends with one: most lines.
            and (text.isupper() or text.endswith(")"))
            and all_caps(CHAIRED.sub("", text) if text.endswith(")") else text)
            and len(text.split()) >= 2
            and not re.match(r"^\(?[\d*]", text)
        ):
            out.append(index)
    return out


class _Sequence:
    """Running state of the numbering while heads are accepted in reading order."""

    def __init__(self, breaks: list[int]) -> None:
        self.breaks = breaks
        self.accepted: list[Head] = []
        self.last_value: int | None = None
        self.seen: set[str] = set()
        self.letters: set[str] = set()
        self.parent: Head | None = None
        self.run_starts: set[int] = set()  # ids of heads that open a run counting on by one (see NEW_RUN)

    def restart_allowed(self, head: Head) -> bool:
        since = self.accepted[-1].index if self.accepted else -1
        return bisect_right(self.breaks, head.index - 1) > bisect_right(self.breaks, since)

    def accept(self, head: Head, *, restart: bool = False) -> None:
        if restart:
            self.seen.clear()
        if head.kind != "letter":
            self.seen.add(head.number.text if head.number else head.title)
            self.last_value = head.number.value if head.number else self.last_value
            self.parent = head
            self.letters.clear()
        else:
            self.letters.add(head.letter or "")
        self.accepted.append(head)


LISTING_RUN = 3
UNIQUE_KINDS = frozenset({"ref", "keyword"})


def _drop_listing(heads: list[Head]) -> list[Head]:
    """Leave out an agenda printed before the minutes: a run of numbered lines with no text between them
    whose numbers head items again further on (the items themselves, each with its minute)."""
    runs: list[list[Head]] = []
    for head in heads:
        if runs and head.index - (runs[-1][-1].index + runs[-1][-1].consumed) == 1:
            runs[-1].append(head)
        else:
            runs.append([head])
    dropped: set[int] = set()
    for run in runs:
        # Only numbers a document uses once ("99/2122", "Item 5"): plain list numbers restart per section.
        numbered = [head.number.text for head in run if head.number is not None and head.kind in UNIQUE_KINDS]
        if len(numbered) < LISTING_RUN:
            continue
        after = {
            head.number.text
            for head in heads
            if head.number is not None and head.kind in UNIQUE_KINDS and head.index > run[-1].index
        }
        if sum(1 for text in numbered if text in after) >= 0.5 * len(numbered):
            dropped.update(id(head) for head in run)
    return [head for head in heads if id(head) not in dropped] if dropped else heads


def _filter_sequence(heads: list[Head], lines: list[Line]) -> list[Head]:
    state = _Sequence(_breaks(lines))
    heads = _drop_listing(heads)
    state.run_starts = _run_starts(heads)
    for head in heads:
        _consider(state, head, lines)
    return state.accepted


def _run_starts(heads: list[Head]) -> set[int]:
    """The heads (by id) after which the next NEW_RUN numbered heads each count on by one: "2691.",
    "2692.", "2693.", "2694." opens a run however far it is from the numbers before it."""
    values = [
        (head, head.number.value) for head in heads if head.kind != "letter" and head.number is not None
    ]
    starts: set[int] = set()
    for position, (head, value) in enumerate(values):
        following = [v for _, v in values[position + 1 : position + 1 + NEW_RUN]]
        if (
            value is not None
            and len(following) == NEW_RUN
            and following == [value + step for step in range(1, NEW_RUN + 1)]
        ):
            starts.add(id(head))
    return starts


def _consider(state: _Sequence, head: Head, lines: list[Line]) -> None:
    if head.kind == "table":
        state.accept(head, restart=True)
        return
    if head.kind == "letter":
        if (
            state.parent is not None
            and head.letter not in state.letters
            and (state.letters or head.letter == "a")
        ):
            state.accept(head)
        return
    if head.kind == "item_ref":
        _consider_item_ref(state, head, lines)
        return
    value = head.number.value if head.number else None
    text = head.number.text if head.number else ""
    if _earlier_minute(state, head):
        return
    restart = state.restart_allowed(head)
    if text in state.seen and not restart:
        return
    backwards = state.last_value is not None and value is not None and value <= state.last_value
    if head.kind in STRONG_KINDS:
        if head.kind == "alone" and (backwards and not restart or _far_ahead(state, value)):
            return
        state.accept(head, restart=backwards)
        return
    # A bare "N. Title": believed when it continues the sequence, or restarts after a break (at 1, or
    # further on where a run of numbers counts on from it).
    if (
        state.last_value is None
        or value is None
        or state.last_value < value <= state.last_value + SEQUENCE_GAP
    ):
        state.accept(head)
    elif restart and (value == 1 or (value > state.last_value and id(head) in state.run_starts)):
        state.accept(head, restart=True)


def _far_ahead(state: _Sequence, value: int | None) -> bool:
    """A lone number far past the running sequence ("7594-" / "7623."): a wrapped figure, not an item."""
    return state.last_value is not None and value is not None and value > state.last_value + FAR_AHEAD


def _earlier_minute(state: _Sequence, head: Head) -> bool:
    """'64/17' after '73/17': year-scoped minute numbers only go up, so this one is a cross-reference."""
    last = state.accepted[-1] if state.accepted else None
    if last is None or last.number is None or head.number is None or "/" not in head.number.text:
        return False
    year = head.number.text.split("/", 1)[1].rstrip("abcdefghij")
    last_year = last.number.text.split("/", 1)[1].rstrip("abcdefghij") if "/" in last.number.text else None
    return (
        year == last_year
        and head.number.value is not None
        and last.number.value is not None
        and head.number.value <= last.number.value
    )


PREFIXED = "prefixed"  # in a document's minute style: its minutes carry the body's initials ("FGB 99/2122")


def _minute_ref_years(lines: list[Line]) -> frozenset[str]:
    """Years of the '135/19'-style minute numbers starting two or more lines: the document's own style.

    Where most of those lines carry a body's initials ("FGB 99/2122 …"), the style includes ``PREFIXED``:
    a bare "99/2122" there is a reference to a minute (an action log's row), not a minute.
    """
    years: dict[str, int] = {}
    prefixed = 0
    for line in lines:
        text = line.text
        # _prefixed_ref's own slash test first: most lines have no slash there, and the call is spared.
        numbered = text[:1].isdigit() or "/" in text[3:12] and _prefixed_ref(text)
        if numbered and line.kind in ("text", "heading"):
            match = MINUTE_REF.match(line.text)
            if match:
                years[match.group("year")] = years.get(match.group("year"), 0) + 1
                prefixed += not line.text[:1].isdigit()
    style = {year for year, count in years.items() if count >= MIN_REF_LINES}
    if style and prefixed > 0.5 * sum(years.values()):
        style.add(PREFIXED)
    return frozenset(style)


def _prefixed_ref(text: str) -> bool:
    """A cheap test for a minute number behind a body's initials ("FGB 99/2122 …")."""
    return text[:1].isupper() and "/" in text[3:12] and any(c.isdigit() for c in text[2:7])


def _split_mid_line_refs(lines: list[Line], wanted: frozenset[str]) -> list[Line]:
    """Start a new line at each year-scoped minute number run into a paragraph.

    Only for the years the document already numbers its lines with (see _minute_ref_years):
    "… made. 72/17 Use of social media …" in a document numbered 70/17, 74/17, ….
    """
    if not wanted:
        return lines
    out: list[Line] = []
    for line in lines:
        if line.kind != "text" or "/" not in line.text:
            out.append(line)
            continue
        cuts = [m.end() for m in MID_LINE_REF.finditer(line.text) if m.group("year") in wanted]
        if not cuts:
            out.append(line)
            continue
        start = 0
        for cut in [*cuts, len(line.text)]:
            piece = line.text[start:cut].strip()
            if piece:
                out.append(replace(line, text=piece))
            start = cut
    return out


def _fill_gaps(lines: list[Line], heads: list[Head]) -> list[Line] | None:
    """Find numbers missing from a dotted sequence run into the previous paragraph.

    Items 5 and 7 found, 6 not: "… was duly elected. 6. The Minutes of the meeting …" — a text dump
    merged two paragraphs. The missing number is looked for only after a sentence end, between the
    two heads that bracket it; the split line is then read again like any other.
    """
    splits: dict[int, list[int]] = {}
    numbered = [
        head for head in heads if head.kind in ("dotted", "alone") and head.number and head.number.value
    ]
    for before, after in zip(numbered, numbered[1:], strict=False):
        low, high = before.number.value, after.number.value  # type: ignore[union-attr]
        if not low or not high or not 1 < high - low <= SEQUENCE_GAP:
            continue
        wanted = low + 1
        for index in range(before.index, after.index):
            if wanted >= high:
                break
            text = lines[index].text
            if lines[index].kind != "text" or f"{wanted}." not in text:
                continue
            pattern = re.compile(rf"(?<=[.!?])\s+(?={wanted}\.\s+[A-Z])")
            for match in pattern.finditer(text):
                splits.setdefault(index, []).append(match.end())
                wanted += 1
                if f"{wanted}." not in text[match.end() :]:
                    break
                nxt = re.compile(rf"(?<=[.!?])\s+(?={wanted}\.\s+[A-Z])").search(text, match.end())
                if nxt is None:
                    break
                splits[index].append(nxt.end())
                wanted += 1
                break
    if not splits:
        return None
    out: list[Line] = []
    for index, line in enumerate(lines):
        if index not in splits:
            out.append(line)
            continue
        start = 0
        for cut in [*sorted(set(splits[index])), len(line.text)]:
            piece = line.text[start:cut].strip()
            if piece:
                out.append(replace(line, text=piece, split_at_number=start > 0))
            start = cut
    return out


def _dotless_heads(lines: list[Line], heads: list[Head]) -> list[Head]:
    """The one number missing between two dotted heads, where a line opens with it: a heading whose number
    lost its full stop ("7. Questions …" / "8 AOB" / "9. Date of the next meeting"), a title and nothing
    after it; or a heading run into its text with no verb the title rules know ("5. Councillor reports LLM
    reports issues with bins …"), titled by its opening words. A line after a "4." point is a list's next
    point, not the missing item."""
    found: list[Head] = []
    dotted = [head for head in heads if head.kind == "dotted" and head.number and head.number.value]
    for before, after in zip(dotted, dotted[1:], strict=False):
        if after.number.value - before.number.value != 2:  # type: ignore[union-attr,operator]
            continue
        value = before.number.value + 1  # type: ignore[union-attr,operator]
        for index in range(before.index + 1 + before.consumed, after.index):
            head = _missing_head(lines, index, value, before.index)
            if head is not None:
                found.append(head)
                break
    return found


def _missing_head(lines: list[Line], index: int, value: int, previous: int) -> Head | None:
    line = lines[index]
    if line.kind != "text" or line.bullet or not line.text.startswith(str(value)):
        return None
    if index - 1 != previous and re.match(rf"{value - 1}\.\s", lines[index - 1].text):
        return None  # the next point of a list
    text = line.text[len(str(value)) :]
    if text.startswith(" "):
        title = text.strip()
        if title[:1].isupper() and len(title.split()) <= MAX_DOTLESS_WORDS and title_like(title):
            return Head(index, parse_number(str(value)), title, "dotted")
    elif text.startswith(". ") and text[2:3].isupper():
        words = text[2:].split()
        title = run_in_title(text[2:], trusted=True) or " ".join(words[:RUN_IN_OPENING_WORDS])
        return Head(index, parse_number(str(value)), title, "dotted", title_in_body=True)
    return None


def _column_heads(lines: list[Line], heads: list[Head]) -> list[Head]:
    """Sub-item numbers a scan's text layer printed apart from their titles, in a column of their own
    ("3.4" / "3.5" / "3.6", then "Community Support Centres" / "Barry Knowles … gave details …"): each
    number, in order, heads the next title line after it, a short title standing over prose that is not
    the page's running header. The numbers must count up one by one from an accepted head."""
    taken = {head.index for head in heads}
    numbers = [
        (index, match)
        for index, line in enumerate(lines)
        # COLUMN_NUMBER's whole line is at most "12.34" (and a line end): a longer line is not tried
        if len(line.text) <= 6
        and line.kind == "text"
        and index not in taken
        and (match := COLUMN_NUMBER.match(line.text))
    ]
    if len(numbers) < MIN_COLUMN_NUMBERS:
        return []
    repeated = _repeated_lines(lines)
    found: list[Head] = []
    after = -1
    expected: tuple[int, int] | None = None
    for index, match in numbers:
        value = (int(match.group("parent")), int(match.group("sub")))
        if expected is not None and value != expected:
            return []
        expected = (value[0], value[1] + 1)
        title = _column_title(lines, max(index, after) + 1, repeated)
        if title is None:
            return []
        after = title
        found.append(Head(title, parse_number(f"{value[0]}.{value[1]}"), lines[title].text, "dotted"))
    return found


def _column_title(lines: list[Line], start: int, repeated: set[str]) -> int | None:
    """The first title line from ``start``: short, in a headline's capitals ("Heritage-led Regeneration Plan
    for Borris"), over a line of prose."""
    for index in range(start, min(len(lines) - 1, start + COLUMN_TITLE_WINDOW)):
        text = lines[index].text
        if (
            lines[index].kind == "text"
            and not lines[index].bullet
            and text[:1].isupper()
            and len(text.split()) <= MAX_DOTLESS_WORDS
            and not text.endswith((".", ":", ";", ","))
            and ":" not in text  # a field: "Seconded: Cllr. Quinn"
            and text not in repeated
            and capital_ratio(WORD.findall(text)) >= HEADLINE_CAPITALS
            and text.split()[-1].lower() not in FUNCTION_WORDS
            and _prose(lines[index + 1].text)
        ):
            return index
    return None


def _repeated_lines(lines: list[Line]) -> set[str]:
    """Lines printed more than once: a page's running header or footer."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for line in lines:
        (repeated if line.text in seen else seen).add(line.text)
    return repeated


def _consider_item_ref(state: _Sequence, head: Head, lines: list[Line]) -> None:
    """'(Item 4)' under a heading: annotates a numbered heading just above, or numbers a bare title."""
    last = state.accepted[-1] if state.accepted else None
    if last is not None and last.kind != "item_ref" and last.index + last.consumed >= head.index - 2:
        return
    title_index = head.index - 1
    if title_index < 0 or lines[title_index].kind not in ("text", "heading"):
        return
    head.index, head.title, head.consumed = title_index, lines[title_index].text, 1
    state.accept(head, restart=bool(head.number and head.number.value == 1))


def _title_block_heads(lines: list[Line], heads: list[Head]) -> list[Head]:
    """Unnumbered heads at the very top, before any other, that only name the body or say "Meeting Minutes"
    with a date: the record's title block, not business. The same heading further on stands."""
    body = (body_name(lines, {}) or "").lower()
    found = []
    for head in sorted(heads, key=lambda head: head.index):
        if head.number is not None or head.index >= TITLE_BLOCK_LINES:
            break
        title = clean_title(head.title)
        if title.lower() != body and not _minutes_with_date(title):
            break
        found.append(head)
    return found


def _minutes_with_date(text: str) -> bool:
    """ "Meeting Minutes – October 4, 2023": the word minutes and a date, nothing else."""
    dates = find_dates(text)
    if not dates:
        return False
    rest = text
    for _, start, end in sorted(dates, key=lambda found: found[1], reverse=True):
        rest = rest[:start] + rest[end:]
    rest = " ".join(WEEKDAY_OR_PUNCTUATION.sub(" ", rest).split())
    return bool(MINUTES_TITLE.match(rest))


def _preamble_heads(lines: list[Line], first: int) -> list[Head]:
    """Unnumbered business before item 1 ("Election of Chair", "Welcome by Chairperson")."""
    heads: list[Head] = []
    for index in range(2, first):
        line = lines[index]
        if (
            line.kind not in ("text", "heading")
            or line.text.endswith((".", ":"))
            or not _preamble_title(line)
        ):
            continue
        nxt = _next_text(lines, index)
        if nxt is None or not _prose(nxt) or _attendance_entry(lines[index - 1].text, line.text):
            continue
        previous = lines[index - 1].text.split()
        # Not the tail of a wrapped sentence ("... for the" / "Interests in items on the agenda").
        mid_sentence = bool(previous) and (
            previous[-1].lower() in FUNCTION_WORDS or previous[-1].endswith("-")
        )
        if line.strong or line.kind == "heading" or (not mid_sentence and _headline_case(line.text)):
            heads.append(Head(index, None, line.text, "preamble"))
    return heads


def _attendance_entry(previous: str, text: str) -> bool:
    """'John Daly, Senior Executive Engineer' under 'Tadhg Madden, A/Senior Executive Officer': the last
    name of an attendance list, each line a name and its role."""
    return all(", " in line and len(line.split()) <= 8 for line in (previous, text))


def _preamble_title(line: Line) -> bool:
    text = clean_title(line.text)
    words = text.split()
    return (
        2 <= len(words) <= 10
        and text[:1].isupper()
        and title_like(text)
        and not ATTENDANCE.match(text)
        and not text.endswith(":")
        and "minutes" not in text.lower()
        and not all_caps(text)
        and not _date_alone(text)
    )


# What may stand beside a date on a title block's date line: the weekday, punctuation.
WEEKDAY_OR_PUNCTUATION = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|[^A-Za-z]", re.IGNORECASE
)


def _date_alone(text: str) -> bool:
    """A line that is only a date ("Tuesday, February 18, 2025"): the title block's, not business."""
    found = find_dates(text)
    if len(found) != 1:
        return False
    _, start, end = found[0]
    return not WEEKDAY_OR_PUNCTUATION.sub("", text[:start] + text[end:])


def _headline_case(text: str) -> bool:
    """Every word capitalised except small function words: how an unstyled heading is typed."""
    return all(
        word[:1].isupper() or word.lower() in FUNCTION_WORDS or not word[:1].isalpha()
        for word in clean_title(text).split()
    )


def _prose(text: str) -> bool:
    """A sentence or numbered paragraph: what follows a heading, unlike a label or a name list."""
    body = re.sub(r"^\(?\d{1,2}[.)]\s+", "", text)
    words = WORD.findall(body)
    return (
        len(words) >= 6
        and body[:1].isupper()
        and not is_label(body)
        and (capital_ratio(words) < 0.5 or bool(FINITE_VERB.search(body)))
    )


LIST_KINDS = frozenset({"dotted", "alone"})
LIST_OPENER = re.compile(r"^1[.)]?\s+\S")
LIST_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+\S")
MAX_LABEL_WORDS = 8
MIN_LABELLED_LISTS = 2


def _labelled_list_openers(lines: list[Line]) -> list[int]:
    """The "1." lines that open a list right under a short heading ending in a colon ("Fife Council
    Correspondence:" / "1. Tay …", "Planning:" / "1. 18/01561 …", "That:" / "1. Council approve …").
    Where there are two or more, the document numbers each item's points afresh: its items are the labels,
    so no "1." line there is an item."""
    openers: list[int] = []
    for index in range(1, len(lines)):
        text = lines[index].text
        if text[:1] != "1" or not LIST_OPENER.match(text):
            continue
        label = lines[index - 1]
        if (
            label.kind in ("text", "heading")
            and label.text.rstrip().endswith(":")
            and len(label.text.split()) <= MAX_LABEL_WORDS
            and label.text[:1].isupper()
        ):
            openers.append(index)
    return openers


def _labelled_list_lines(lines: list[Line], openers: list[int]) -> set[int]:
    """The lines numbered as points of the lists ``openers`` start: each list's "1.", then "2.", "3." … in
    turn, until a line numbered out of turn (the next item's "7.") ends it."""
    inside: set[int] = set()
    for opener in openers:
        inside.add(opener)
        expected = 2
        for index in range(opener + 1, len(lines)):
            number = LIST_NUMBER.match(lines[index].text)
            if number is None:
                continue  # the point's wrapped text, its lettered parts, the vote
            if int(number.group(1)) != expected:
                break
            inside.add(index)
            expected += 1
    return inside


# "Flooding: Councillors discussed …", "Treasurer's Report ; The …", "Councillors Report; - Cllr …",
# "Planning:": an unnumbered heading that opens its paragraph, ended by a colon, or by a semicolon set apart
# as a clerk types it after a heading (a semicolon in prose follows its word and no dash).
COLON_HEAD = re.compile(
    r"^(?P<title>[A-Z][^.:;!?]{1,70}?)(?:\s*:\s*(?:[-–—]\s+)?|\s+;\s*(?:[-–—]\s+)?|;\s*[-–—]\s+|(?P<dash>\s+[-–—](?:\s+|$)))"
    r"(?P<rest>.*)$"  # "Youth – Trustee Albrecht stated …", "CORRESPONDENCE –": a dash serves as the colon
)
# A standing item's name alone on its line: "Matters Arising from Previous Minutes .", "A.O.C.B.", "AOB".
STANDING_LINE = re.compile(
    r"^(?P<title>matters arising(?: from (?:the )?(?:previous|last) (?:minutes|meeting))?|"
    r"a\.?\s?o\.?\s?c?\.?\s?b\.?|any other (?:competent )?business)\s?[.:]?$",
    re.IGNORECASE,
)
# Fields of the record's opening and close, not business: "Present:", "OFFICIALS IN ATTENDANCE:", "Signed:",
# a role signing the record ("Municipal Administrator:").
NOT_BUSINESS = re.compile(
    r"\b(?:present|attendance|attendees|absent|officers|observers|members of the public|in the chair|signed|"
    r"signature|e-?mail|tel(?:ephone)?|venue|location|held)\b|"
    r"^(?:[A-Za-z]+\s)?(?:clerk|chair(?:man|person)?|vice[- ]chair\w*|secretary|treasurer|date|time|mayor|"
    r"administrator|staff|councillors|members|directors)$",
    re.IGNORECASE,
)
MIN_COLON_HEADS = 3
SHORT_COLON_TITLE = 4
PARAGRAPH_GAP = 1.4  # a gap above a PDF line this many times its font size starts a paragraph


def _unnumbered_heads(lines: list[Line]) -> list[Head]:
    """Items of a document with no numbering: by the convention it uses most, paragraphs opening with a
    "Title:" heading or (failing those) top-level bullets, then styled headings."""
    if sections.bullets_are_points(lines):
        styled = sections.emphasised_heads(lines)
    else:
        styled = _bullet_heads(lines) or max(_heading_heads(lines), sections.emphasised_heads(lines), key=len)
    colon = _colon_heads(lines) or ([] if styled else _lone_caps_labels(lines))
    if len(colon) > len(styled):
        return sorted(colon + _standing_lines(lines, colon), key=lambda head: head.index)
    return styled


def _lone_caps_labels(lines: list[Line]) -> list[Head]:
    """A short record with no numbering and no styled headings (a special meeting's minutes) whose business
    sits under a capitalised heading alone on its line with a colon ("REPORTS:"): that heading is an item,
    though there is only one or two; failing those, its capitalised headings standing alone are."""
    labels = [
        head
        for head in _colon_heads(lines, minimum=1)
        if not head.title_in_body and all_caps(head.title) and len(head.title.split()) <= SHORT_COLON_TITLE
    ]
    # Failing those, the capitalised headings standing alone ("ORAL COMMUNICATIONS" / "ADJOURNMENT").
    return labels or [Head(index, None, lines[index].text, "section") for index in sections.caps_heads(lines)]


def _standing_lines(lines: list[Line], colon: list[Head]) -> list[Head]:
    """In minutes whose paragraphs open "Title:", a standing item's name alone on its line with no colon
    ("Matters Arising from Previous Minutes .", "A.O.C.B.") heads its paragraph all the same."""
    taken = {head.index for head in colon}
    heads: list[Head] = []
    for index in range(colon[0].index + 1, len(lines)):
        line = lines[index]
        if index in taken or line.kind not in ("text", "heading") or line.bullet:
            continue
        match = STANDING_LINE.match(line.text)
        if match is not None:
            heads.append(Head(index, None, match.group("title"), "colon"))
    return heads


def _colon_heads(lines: list[Line], minimum: int = MIN_COLON_HEADS) -> list[Head]:
    """Unnumbered minutes whose paragraphs open with a heading and a colon: a clerk's habit, so believed
    only where three or more paragraphs open that way. A title printed more than once is a form's field
    ("Motion:", "RESULT:", "Action:"), not an item. The heading's text stays in the item's body."""
    heads: list[Head] = []
    for index, line in enumerate(lines):
        if line.kind not in ("text", "heading") or line.bullet or not line.text[:1].isupper():
            continue
        match = COLON_HEAD.match(line.text)
        if match is None:
            continue
        title, rest = match.group("title").strip(), match.group("rest")
        # A short title alone on its line before its colon ("Planning:") starts a paragraph however close
        # the line above it sits; a longer line may carry on the sentence above.
        alone = not rest and len(title.split()) <= SHORT_COLON_TITLE
        if index and not alone and _continues(lines[index - 1], line):
            continue
        if title[-1].isdigit() and rest[:1].isdigit():
            continue  # a time ("AT 19:00 HRS"), not a heading
        if match.group("dash") and (rest[:1].islower() or title[-1].isdigit()):
            # a roll call ("Trustee Albrecht – yes, …"), or a numbered part of an item ("Recommendation 2 –")
            continue
        if (
            len(title.split()) > MAX_LABEL_WORDS
            or not re.search(r"[A-Za-z]{3}", title)
            or not title_like(title)
            or NOT_BUSINESS.search(title)
            or FINITE_VERB.search(title)
        ):
            continue
        heads.append(Head(index, None, title, "colon", title_in_body=bool(rest)))
    seen: dict[str, int] = {}
    for head in heads:
        seen[head.title.lower()] = seen.get(head.title.lower(), 0) + 1
    heads = [head for head in heads if seen[head.title.lower()] == 1]
    return heads if len(heads) >= minimum else []


def _continues(previous: Line, line: Line) -> bool:
    """A PDF line carrying on the previous line's sentence: no sentence end before it, no paragraph gap."""
    style = line.style
    if style is None or style.gap is None or not style.size or previous.kind != "text":
        return False
    return (
        not previous.text.rstrip().endswith((".", ":", ";", "?", "!", ")"))
        and style.gap < PARAGRAPH_GAP * style.size
    )


def _label_heads(lines: list[Line]) -> list[Head]:
    """Unnumbered items a template labels: "Agenda item: Playground  Presenter: Jac" (the title stops at the
    template's next field). One such line is a reference; a document's items are labelled alike."""
    heads: list[Head] = []
    for index, line in enumerate(lines):
        if line.kind not in ("text", "heading") or line.text[:1] not in "aA":
            continue
        match = AGENDA_LABEL.match(line.text)
        if match is None or match.group("title")[:1].isdigit():
            continue
        title = NEXT_FIELD.split(match.group("title"), maxsplit=1)[0].strip(" .:;–—-")
        if title and not _cross_reference(title):
            heads.append(Head(index, None, title, "label"))
    return heads if len(heads) >= MIN_LABELS else []


def _bullet_heads(lines: list[Line]) -> list[Head]:
    """Bullet-point minutes: each top-level bullet is an item; a 'New Business' bullet's children are."""
    heads: list[Head] = []
    container = False
    for index, line in enumerate(lines):
        if not line.bullet or not _has_letters(line.text, 3):
            continue
        title = clean_title(line.text)
        if line.bullet == 1:
            container = bool(BUSINESS_CONTAINER.match(title))
            if not container:
                heads.append(Head(index, None, line.text, "bullet", title_in_body=True))
        elif line.bullet == 2 and (container or NEXT_MEETING.search(title)):
            heads.append(Head(index, None, line.text, "bullet", title_in_body=True))
    return heads


def _has_letters(text: str, wanted: int) -> bool:
    """``sum(c.isalpha() for c in text) >= wanted``, stopping at the ``wanted``-th letter."""
    for character in text:
        if character.isalpha():
            wanted -= 1
            if wanted <= 0:
                return True
    return wanted <= 0


def _heading_heads(lines: list[Line]) -> list[Head]:
    """Styled headings that introduce some prose (a signature block's "Mayor" introduces none)."""
    heads = []
    for index, line in enumerate(lines):
        if (
            (line.kind == "heading" or line.strong)
            and title_like(line.text)
            and not is_label(line.text)
            and not ATTENDANCE.match(line.text)
            and _prose(_next_text(lines, index) or "")
        ):
            heads.append(Head(index, None, line.text, "heading"))
    return heads


def _assemble(lines: list[Line], heads: list[Head]) -> list[Segment]:
    heads = sorted(heads, key=lambda head: head.index)
    segments: list[Segment] = []
    parents: dict[int, Segment] = {}
    parent: Segment | None = None
    for position, head in enumerate(heads):
        end = heads[position + 1].index if position + 1 < len(heads) else len(lines)
        start = head.index if head.title_in_body else head.index + 1 + head.consumed
        body = [line for line in lines[start:end] if not ITEM_REF.match(line.text)]
        if head.kind == "table":
            body = [lines[head.index], *body]
        segment = _segment_for(head, lines[head.index], body, parent)
        if head.kind == "letter" and parent is not None:
            parents[id(parent)] = parent
        else:
            parent = segment
        segments.append(segment)
    # A numbered heading whose entries are lettered ("2. CONSENT CALENDAR" / "a." …) groups items.
    return [segment for segment in segments if id(segment) not in parents]


def _segment_for(head: Head, line: Line, body: list[Line], parent: Segment | None) -> Segment:
    if head.kind == "letter" and parent is not None:
        number: str | None = f"{parent.number or ''}{head.letter}"
        return Segment(
            number, clean_title(head.title), line, body, parent=parent.title, parent_body=parent.body
        )
    if head.kind == "table":
        return Segment(
            head.number.text if head.number else None,
            clean_title(head.title),
            line,
            body,
            cells=line.cells,
            header=line.header,
        )
    number = head.number.text if head.number else None
    return Segment(number, clean_title(head.title), line, body)
