"""Sub-items under a heading that only groups them: each one an item, voted on or not.

Irish councils and partnership committees head their agenda's standing sections and number or letter
the business under them::

    3. Consideration of Reports and Recommendations        6. For Information.
    3.1                                                    a. Cork City Council Community Grants 2026.
    Municipal District Engineer's Report                   b. LCDC Communications Campaign.

The section heading has no text of its own: the first line under it (after at most three wrapped lines of
its title, as a narrow table column prints it) is the first entry. Each entry has its own topic and its own
discussion, so each is an item and the heading names their section. The entries must count up from ``.1`` or
``a`` in order, and they must read as titles ("a. Unicorn Project. An EU initiative …" runs its text into
the title after a full stop or colon): an "Any Other Business" heading's lettered points ("a) L Owens
confirmed the launch …") are sentences, and stay in their item. Lettered entries must also be discussed
(text of their own): a list of points with nothing under them is an agenda's outline of one item. A standing
item's points ("Matters Arising", "Reports", "Correspondence", "Any Other Business", "Follow up items") are
that item's business, however they are numbered.

Lettered entries whose headings run into their text with nothing between ("(a) Bank accounts Bank of
Scotland is now charging …", a typeset run-in heading whose bold was lost) do not read as titles; they
are items all the same where most of them carry an action line of their own ("Action: HR to submit …"):
a point within one item does not get its own action, a separately minuted entry does.
"""

from __future__ import annotations

import re

from traction_analysis.extract.lines import Line
from traction_analysis.extract.motions import Entry
from traction_analysis.extract.numbering import run_in_title, title_like

DECIMAL = re.compile(r"^(?P<parent>\d{1,3})\.(?P<sub>\d{1,2})\.?(?:\s+(?P<title>\S.*))?$")
LETTERED = re.compile(r"^\(?(?P<letter>[a-z])[.)](?:\s+(?P<title>\S.*))?$")
RUN_IN_STOP = re.compile(r"(?<=[\w)’'])(?::\s|\.\s+(?=[A-Z]))")
MAX_TITLE = 120
MAX_WRAP_WORDS = 10
MIN_LETTERED = 2
# A heading printed in a narrow table column wraps over a few short lines before its first entry.
MAX_WRAPPED_LINES = 3
# A standing item's lettered points are its business, not items of their own.
STANDING_ITEM = re.compile(
    r"^(?:[\w’']+\s+)?(?:matters arising|reports?|correspondence|any other business|a\.?o\.?b\.?|"
    r"other business|follow[- ]?up items|actions?|questions)\W*$",
    re.IGNORECASE,
)
# An action line an entry carries: "Action: HR to submit …", "ACTIONS: Clerk to …".
ACTION_LINE = re.compile(r"^actions?\s*[:\-–]\s*\S", re.IGNORECASE)
STANDING_PART = re.compile(r"\b(?:matters arising|action log|any other business)\b", re.IGNORECASE)


def grouped_entries(lines: list[Line], start: int, end: int, parent: str, heading: str = "") -> list[Entry]:
    """The entries under the heading at ``start`` (its title ending at ``start``) before ``end``, numbered
    ``parent.1``, ``parent.2`` … or lettered a, b …, where the heading opens straight onto them."""
    body = [index for index in range(start + 1, end) if lines[index].kind in ("text", "heading")]
    if not body or STANDING_ITEM.match(heading.strip()) or STANDING_PART.search(heading):
        return []
    position = 0
    while (
        position < MAX_WRAPPED_LINES
        and position + 1 < len(body)
        and not _opens_entry(lines[body[position]].text)
        and _wrapped_title(lines[body[position]].text)
    ):
        position += 1
    first = body[position]
    if not _opens_entry(lines[first].text):
        return []
    decimal = DECIMAL.match(lines[first].text)
    if decimal is not None:
        if decimal.group("parent") != parent:
            return []
        entries = _decimal_entries(lines, [i for i in body if i >= first], end, parent)
        return entries if entries and _titled(entries) else []
    entries = _lettered_entries(lines, [i for i in body if i >= first], end)
    if len(entries) < MIN_LETTERED or not _discussed(lines, entries, body, end):
        return []
    if _titled(entries):
        return entries
    return _run_in_titles(lines, entries) if _actioned(lines, entries, end) else []


def _actioned(lines: list[Line], entries: list[Entry], end: int) -> bool:
    """Most entries, two at least, carry an action line of their own: separately minuted business."""
    stops = [entry.index for entry in entries[1:]] + [end]
    actioned = sum(
        1
        for entry, stop in zip(entries, stops, strict=True)
        if any(ACTION_LINE.match(lines[i].text) for i in range(entry.index + 1, stop))
    )
    return actioned >= MIN_LETTERED and 2 * actioned > len(entries)


def _run_in_titles(lines: list[Line], entries: list[Entry]) -> list[Entry]:
    """Each entry titled by the heading its text runs on from ("Bank accounts Bank of Scotland is now
    charging" -> "Bank accounts Bank of Scotland"), else by the entry's opening words."""
    titled: list[Entry] = []
    for entry in entries:
        match = LETTERED.match(lines[entry.index].text)
        text = (match.group("title") if match else None) or entry.title
        title = entry.title if entry.title and title_like(entry.title) else run_in_title(text)
        titled.append(
            Entry(entry.index, entry.letter, title or " ".join(text.split()[: MAX_WRAP_WORDS // 2]))
        )
    return titled


def _discussed(lines: list[Line], entries: list[Entry], body: list[int], end: int) -> bool:
    """Most entries have text of their own (run into the title or on the lines below it): an agenda's
    list of points under a heading has none."""
    starts = [entry.index for entry in entries]
    stops = starts[1:] + [end]
    discussed = 0
    for entry, stop in zip(entries, stops, strict=True):
        own = [i for i in body if entry.index < i < stop]
        run_in = len(lines[entry.index].text) > len(entry.title) + 6
        discussed += bool(own) or run_in
    return 2 * discussed >= len(entries)


def _opens_entry(text: str) -> bool:
    return bool(DECIMAL.match(text) or LETTERED.match(text))


def _wrapped_title(text: str) -> bool:
    """The rest of the heading's title, wrapped onto the next line: short, and no sentence."""
    return len(text.split()) <= MAX_WRAP_WORDS and not text.rstrip().endswith((".", "!", "?", ":"))


def _decimal_entries(lines: list[Line], body: list[int], end: int, parent: str) -> list[Entry]:
    entries: list[Entry] = []
    for position, index in enumerate(body):
        match = DECIMAL.match(lines[index].text)
        if match is None or match.group("parent") != parent or int(match.group("sub")) != len(entries) + 1:
            continue
        title = match.group("title") or _next_line(lines, body, position, end)
        entries.append(Entry(index, f".{match.group('sub')}", _title(title)))
    return entries


def _lettered_entries(lines: list[Line], body: list[int], end: int) -> list[Entry]:
    entries: list[Entry] = []
    for position, index in enumerate(body):
        match = LETTERED.match(lines[index].text)
        if match is None:
            continue
        expected = chr(ord(entries[-1].letter) + 1) if entries else "a"
        if match.group("letter") != expected:
            continue
        title = match.group("title") or _next_line(lines, body, position, end)
        entries.append(Entry(index, expected, _title(title)))
    return entries


def _next_line(lines: list[Line], body: list[int], position: int, end: int) -> str:
    following = body[position + 1] if position + 1 < len(body) else end
    return lines[following].text if following < end else ""


def _title(text: str) -> str:
    """The entry's title, cut where its text runs on after a colon or a full stop."""
    stop = RUN_IN_STOP.search(text)
    title = text[: stop.start()] if stop else text
    return title.strip(" .:;–—-")


def _titled(entries: list[Entry]) -> bool:
    """Half the entries or more, the first among them, read as titles; sentences are not sub-items."""
    titled = [
        bool(entry.title) and len(entry.title) <= MAX_TITLE and title_like(entry.title) for entry in entries
    ]
    return titled[0] and 2 * sum(titled) >= len(titled)


# A heading that names the kind of business under it, not a topic: "Recommended Actions", "Action Item",
# "Information Items", "Discussion Items", "New Business".
BUSINESS_KIND = re.compile(
    r"^(?:(?:recommended|proposed)\s+actions?|(?:action|information(?:al)?|discussion|decision)\s+items?|"
    r"items?\s+for\s+(?:action|information|discussion|decision)|(?:new|old|unfinished)\s+business)\W*$",
    re.IGNORECASE,
)
# "Joining Potential Social Media Harm Class Action – Shasta Wagner … presented …": an entry's title, then
# its text after a spaced dash.
ENTRY_DASH = re.compile(r"\s[-–—]\s")
MAX_ENTRY_WORDS = 14


def business_entries(lines: list[Line], start: int, end: int, heading: str) -> list[Entry]:
    """The bulleted entries under a heading that names a kind of business ("Recommended Actions" / "•
    Longmont and Boulder Fixed-Route Service Contract" / its motion and vote), each an item of its own.

    The first top-level bullet under the heading must open with a title (alone on its line, or before a
    spaced dash): bullets that are sentences are the heading's points, and it stays one item. Later bullets
    that are no title, carry on onto a lower-case line, or follow a sentence ending in a colon are points
    of the entry before them (a motion's terms)."""
    if not BUSINESS_KIND.match(heading.strip()):
        return []
    entries: list[Entry] = []
    for index in range(start + 1, end):
        line = lines[index]
        if line.bullet != 1 or line.kind not in ("text", "heading"):
            continue
        title = _entry_title(line.text)
        if title is not None and (not entries or _stands_alone(lines, index, start)):
            entries.append(Entry(index, "", title))
        elif not entries:
            return []
    return entries


def _stands_alone(lines: list[Line], index: int, start: int) -> bool:
    """A bullet that is not a point of a list a sentence opens ("… with the following:") nor wraps onto a
    lower-case line."""
    before = lines[index - 1]
    after = lines[index + 1] if index + 1 < len(lines) else None
    opened = index - 1 > start and not before.bullet and before.text.rstrip().endswith(":")
    wraps = after is not None and not after.bullet and after.text[:1].islower()
    return not opened and not wraps


def _entry_title(text: str) -> str | None:
    """A bullet's title: the whole line where it reads as one, else the part before a spaced dash."""
    text = text.strip()
    if not text.endswith(":") and len(text.split()) <= MAX_ENTRY_WORDS and title_like(text):
        return text.rstrip(" .")
    dash = ENTRY_DASH.search(text)
    if dash is None:
        return None
    title = text[: dash.start()].strip()
    return title if len(title.split()) <= MAX_ENTRY_WORDS and title_like(title) else None


# "(2) Finance – Cllrs Shewell, Hayward, Evans. Proposed by …": one of a heading's bracketed entries, its
# title before a spaced dash.
BRACKETED = re.compile(r"^\((?P<n>\d{1,2})\)[:.]?\s+(?P<title>[A-Z][^–—]{0,80}?)\s[-–—]\s")
MIN_BRACKETED = 3


def bracketed_entries(lines: list[Line], start: int, end: int) -> list[Entry]:
    """The entries numbered in brackets under a heading ("813. Election of Sub-Committee Representatives:-"
    / "(2) Finance – Cllrs …" / "(3) Tintern Charities – …"), each an appointment or decision of its own.

    Three or more must count up by one, each a title before a spaced dash: bracketed clauses of a
    resolution ("(1) that the report be noted") are sentences."""
    entries: list[Entry] = []
    for index in range(start + 1, end):
        line = lines[index]
        match = BRACKETED.match(line.text) if line.kind == "text" and line.text[:1] == "(" else None
        if match is None:
            continue
        number = int(match.group("n"))
        title = match.group("title").strip()
        if entries and number != int(entries[-1].letter.strip("()")) + 1:
            break
        if len(title.split()) > MAX_WRAP_WORDS or not title_like(title):
            return []
        entries.append(Entry(index, f"({number})", title))
    return entries if len(entries) >= MIN_BRACKETED else []
