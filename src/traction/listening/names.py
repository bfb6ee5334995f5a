"""Names of the partnership's people and organisations found in a note, and their replacement by tokens.

Only whole names are looked for (case-insensitive, on word boundaries): a person's full name and an
organisation's name as the record holds them. The facilitator sees what was found and chooses.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping

from traction.governance.models import Organisation, Person
from traction.listening.models import ListeningNote, TokenKind

Mapping_ = Callable[[int, str], int]


def names_in(*, note: ListeningNote) -> dict[str, str]:
    """{name as written in the record: kind} for each name of the partnership present in the note."""
    text = "\n".join(str(getattr(note, f) or "") for f in ("setting", "facts", "feelings"))
    if not text.strip():
        return {}
    found: dict[str, str] = {}
    candidates = [
        (name, TokenKind.PERSON.value)
        for name in Person.objects.filter(partnership_id=note.partnership_id).values_list("name", flat=True)
    ]
    candidates += [
        (name, TokenKind.ORGANISATION.value)
        for name in Organisation.objects.filter(partnership_id=note.partnership_id).values_list(
            "name", flat=True
        )
    ]
    for name, kind in sorted(candidates, key=lambda c: (-len(c[0]), c[0])):
        if name.strip() and _pattern([name]).search(text):
            found.setdefault(name, kind)
    return found


def _pattern(names: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w\[])(?:{alternatives})(?![\w\]])", re.IGNORECASE)


def token(kind: str, index: int) -> str:
    """[P1], [P2]… for people; [Org A], [Org B]… (then [Org AA]…) for organisations."""
    if kind == TokenKind.PERSON:
        return f"[P{index + 1}]"
    letters, n = "", index
    while True:
        letters = string.ascii_uppercase[n % 26] + letters
        n = n // 26 - 1
        if n < 0:
            return f"[Org {letters}]"


def replace(text: str, tokens: Mapping[str, str]) -> tuple[str, Mapping_]:
    """``text`` with every chosen name replaced by its token, and a function that maps an old offset to the
    new one (an offset inside a replaced name moves to the token's start, or its end for an ``end``)."""
    if not text or not tokens:
        return text, lambda offset, side: offset
    lookup = {name.casefold(): tok for name, tok in tokens.items()}
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int]] = []  # old start, old end, new start, new end
    cursor = new_length = 0
    for match in _pattern(list(tokens)).finditer(text):
        pieces.append(text[cursor : match.start()])
        new_length += match.start() - cursor
        replacement = lookup[match.group(0).casefold()]
        segments.append((match.start(), match.end(), new_length, new_length + len(replacement)))
        pieces.append(replacement)
        new_length += len(replacement)
        cursor = match.end()
    pieces.append(text[cursor:])

    def mapping(offset: int, side: str) -> int:
        shift = 0
        for old_start, old_end, new_start, new_end in segments:
            if offset <= old_start:
                break
            if offset < old_end:
                return new_end if side == "end" else new_start
            shift = new_end - old_end
        return offset + shift

    return "".join(pieces), mapping
