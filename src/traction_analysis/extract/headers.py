"""Drop running heads and feet: lines a paginated document repeats on page after page.

A line counts as running when, with digits masked (page numbers and dates change), it appears near
the top or bottom of at least half of the pages (and on two pages at least). Lone page numbers
("12", "- 12 -", "12 of 40") near a page edge go too. Everything is one pass plus a dict, so a
300-page document costs no more than reading it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

from traction_analysis.extract.lines import Line

EDGE_LINES = 4
EDGE_DIGITS = re.compile(r"^\d+|\d+$")
FOLIO_IN_LINE = re.compile(r"\bpage\s+\d+|\b\d+\s+of\s+\d+\b")
PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?\.?$", re.IGNORECASE
)
# "January 12, 2011 2 of 18" run into body text by a converter that joined the page's lines.
RUN_IN_FOLIO = r"(?:(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\s+)?\b\d{1,4} of {total}\b"


def _mask(text: str) -> str:
    """The line with its folio masked: a number at either end, "page 3", "3 of 12".

    Only folio positions are masked; masking every digit would make "(Item 4)" and "(Item 9)",
    which often fall at a page edge, look like one running line.
    """
    text = text.lower().strip()
    if "page" in text or "of" in text:  # both FOLIO_IN_LINE alternatives need one of these
        text = FOLIO_IN_LINE.sub("#", text)
    if text[:1].isdecimal() or text[-1:].isdecimal():  # EDGE_DIGITS needs a digit (\d) at an end
        text = EDGE_DIGITS.sub("#", text)
    return text


def remove_running_lines(lines: list[Line]) -> list[Line]:
    """Lines without running heads/feet and page numbers."""
    pages = _page_ranges(lines)
    if len(pages) >= 2:
        lines = _drop_repeated(lines, pages)
    return _drop_run_in_folios(_drop_unpaged_folios(_drop_folios_at_rules(lines)))


def _drop_folios_at_rules(lines: list[Line]) -> list[Line]:
    """Unpaged text converted from PDF marks page breaks with a rule; a lone number beside one is a folio."""
    rules = [index for index, line in enumerate(lines) if line.kind == "rule"]
    folios = {
        index
        for rule in rules
        for index in (rule - 1, rule + 1)
        if 0 <= index < len(lines) and lines[index].kind == "text" and PAGE_NUMBER.match(lines[index].text)
    }
    return _without(lines, folios)


def _without(lines: list[Line], dropped: set[int]) -> list[Line]:
    """A new list of ``lines`` without those at the ``dropped`` indexes (a few per page, so copied in
    slices between them rather than line by line)."""
    keep: list[Line] = []
    start = 0
    for index in sorted(dropped):
        keep.extend(lines[start:index])
        start = index + 1
    keep.extend(lines[start:])
    return keep


def _page_ranges(lines: list[Line]) -> dict[int, tuple[int, int]]:
    ranges: dict[int, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        if line.page is None:
            continue
        first, _ = ranges.get(line.page, (index, index))
        ranges[line.page] = (first, index)
    return ranges


def _edge_indexes(pages: dict[int, tuple[int, int]]) -> dict[int, int]:
    """Index of every line near a page edge -> its page."""
    edges: dict[int, int] = {}
    for page, (first, last) in pages.items():
        for index in range(first, min(first + EDGE_LINES, last + 1)):
            edges[index] = page
        for index in range(max(first, last - EDGE_LINES + 1), last + 1):
            edges[index] = page
    return edges


def _drop_repeated(lines: list[Line], pages: dict[int, tuple[int, int]]) -> list[Line]:
    edges = _edge_indexes(pages)
    seen: dict[str, set[int]] = defaultdict(set)
    masked: dict[int, str] = {}
    for index, page in edges.items():
        if lines[index].kind in ("text", "heading"):
            masked[index] = key = _mask(lines[index].text)
            seen[key].add(page)
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, on_pages in seen.items() if len(on_pages) >= needed}
    # Only lines near an edge can go, and ``masked`` holds exactly those that are text or headings.
    return _without(
        lines,
        {index for index, key in masked.items() if key in running or PAGE_NUMBER.match(lines[index].text)},
    )


FOLIO_GAP = 10
N_OF_M = re.compile(r"\b(\d{1,4}) of (\d{1,4})\b")


def _drop_unpaged_folios(lines: list[Line]) -> list[Line]:
    """Bare page numbers left in text converted from PDF: lone integers counting up, pages apart.

    Item numbers alone on a line sit a few lines apart (or carry a dot); folios run 2, 3, 4 with a
    page of text between them.
    """
    bare = [
        i
        for i, line in enumerate(lines)
        if line.page is None and line.kind == "text" and line.text.isdigit() and len(line.text) <= 3
    ]
    folios: set[int] = set()
    for before, after in pairwise(bare):
        if int(lines[after].text) == int(lines[before].text) + 1 and after - before >= FOLIO_GAP:
            folios.update((before, after))
    return [line for i, line in enumerate(lines) if i not in folios] if folios else lines


# What every N_OF_M match holds, led by text the engine can skip to: " of " and a digit.
OF_DIGIT = re.compile(r" of \d")


def _may_hold_n_of_m(text: str) -> bool:
    """Whether some " of " in ``text`` has a digit (``\\d``: a decimal) on either side, as an N_OF_M match
    needs: most lines of prose have an " of ", few a folio, and the pattern would be tried at every
    position."""
    return any(text[at.start() - 1 : at.start()].isdecimal() for at in OF_DIGIT.finditer(text))


def _drop_run_in_folios(lines: list[Line]) -> list[Line]:
    """Strip "N of TOTAL" folios that a text dump ran into the body, when TOTAL is consistent."""
    # A match lies within one line (digits and " of "), so one look at all the text can rule them all out.
    if not _may_hold_n_of_m("\n".join([line.text for line in lines])):
        return lines
    totals: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        if not _may_hold_n_of_m(line.text):
            continue
        for number, total in N_OF_M.findall(line.text):
            if int(number) <= int(total):
                totals[total].add(number)
    candidates = [total for total, numbers in totals.items() if len(numbers) >= 3]
    if not candidates:
        return lines
    total = max(candidates, key=lambda t: len(totals[t]))
    folio = re.compile(RUN_IN_FOLIO.replace("{total}", total))
    for line in lines:
        if line.kind == "text" and " of " + total in line.text:
            line.text = " ".join(folio.sub(" ", line.text).split())
    return [line for line in lines if line.text or line.kind == "rule"]
