"""Record ids from URLs, query strings and forms, parsed in one place.

An id is ASCII digits within the database's range (a 64-bit key). Anything else (a superscript "²",
Arabic-Indic digits, thirty digits, a sign, a space) is not an id: callers answer 404 or refuse the
input, never a 500 from ``int()`` or from the database.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """The id ``value`` names, or None when it names none."""
    text = str(value)
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_ids(values: Iterable[object]) -> list[int] | None:
    """Every id of ``values``, or None when any of them is not one."""
    ids = [parse_id(value) for value in values]
    return None if any(i is None for i in ids) else [i for i in ids if i is not None]
