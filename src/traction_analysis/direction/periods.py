"""Time periods as published (``2021/22``, ``2023 Q2``, ``2018 - 20``, ``2023-04``, ``2023``) and the integer
that sorts them in time order, in the shape of Fingertips' "Time period Sortable" (``YYYYMMDD``-like)."""

from __future__ import annotations

import re

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})\s*Q([1-4])$", re.IGNORECASE), "quarter"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})\s*(?:/|-|–)\s*\d{2,4}$"), "span"),
    (re.compile(r"^(\d{4})$"), "year"),
)


def period_order(period: str) -> int | None:
    """The sort key of ``period``, or None when it is not a form we read."""
    text = " ".join(period.split())
    for pattern, kind in _PATTERNS:
        found = pattern.match(text)
        if not found:
            continue
        year = int(found.group(1))
        if kind == "quarter":
            return year * 10000 + int(found.group(2)) * 300 - 200  # Q1 → Jan, Q2 → Apr…
        if kind == "month":
            month = int(found.group(2))
            return year * 10000 + month * 100 if 1 <= month <= 12 else None
        return year * 10000
    return None
