"""Items a text dump ran together on one long line ("38 Request of … PLACED ON FILE 39 Request of …").

Such a line has no line breaks to find items by, so the numbers themselves are the evidence: every
"<number> <Capitalised word>" in a long line is a candidate, and the longest chain of candidates
counting up by one (a gap of one allowed) in reading order is taken as the item sequence. Chains
shorter than three are coincidence. Dynamic programming over the candidates keeps it linear.
"""

from __future__ import annotations

import re
from dataclasses import replace

from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import RUN_IN

LONG_LINE = 200
MIN_CHAIN = 3
TITLE_END = re.compile(r"\s\(|$")
MAX_RUN_IN_TITLE = 220

Candidate = tuple[int, int, int, str]  # line index, offset, value, printed number


def split_run_in(lines: list[Line]) -> tuple[list[Line], list[tuple[int, str, str]]] | None:
    """Lines with each chained item starting its own line, and (index, number, title) per item."""
    chain = _longest_chain(_candidates(lines))
    if len(chain) < MIN_CHAIN:
        return None
    cuts: dict[int, list[Candidate]] = {}
    for candidate in chain:
        cuts.setdefault(candidate[0], []).append(candidate)
    out: list[Line] = []
    heads: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        if index not in cuts:
            out.append(line)
            continue
        _cut_line(line, cuts[index], out, heads)
    return out, heads


def _candidates(lines: list[Line]) -> list[Candidate]:
    found: list[Candidate] = []
    for index, line in enumerate(lines):
        if line.kind == "text" and len(line.text) >= LONG_LINE:
            found.extend(
                (index, m.start("num"), int(m.group("value")), m.group("num"))
                for m in RUN_IN.finditer(line.text)
            )
    return found


def _longest_chain(candidates: list[Candidate]) -> list[Candidate]:
    best_by_value: dict[int, int] = {}  # value -> position of the longest chain ending there
    length = [0] * len(candidates)
    previous = [-1] * len(candidates)
    for position, (_, _, value, _) in enumerate(candidates):
        length[position] = 1
        for step in (1, 2):
            before = best_by_value.get(value - step)
            if before is not None and length[before] + 1 > length[position]:
                length[position], previous[position] = length[before] + 1, before
        current = best_by_value.get(value)
        if current is None or length[position] >= length[current]:
            best_by_value[value] = position
    if not candidates:
        return []
    position = max(range(len(candidates)), key=length.__getitem__)
    chain: list[Candidate] = []
    while position != -1:
        chain.append(candidates[position])
        position = previous[position]
    return chain[::-1]


def _cut_line(line: Line, cuts: list[Candidate], out: list[Line], heads: list[tuple[int, str, str]]) -> None:
    text = line.text
    offsets = [offset for _, offset, _, _ in cuts] + [len(text)]
    if text[: offsets[0]].strip():
        out.append(replace(line, text=text[: offsets[0]].strip()))
    for (_, offset, _, number), end in zip(cuts, offsets[1:], strict=True):
        piece = text[offset + len(number) : end].strip()
        title_end = TITLE_END.search(piece)
        cut = min(title_end.start() if title_end else len(piece), MAX_RUN_IN_TITLE)
        title, rest = piece[:cut].strip(), piece[cut:].strip()
        heads.append((len(out), number, title))
        out.append(replace(line, text=f"{number} {title}"))
        if rest:
            out.append(replace(line, text=rest))
