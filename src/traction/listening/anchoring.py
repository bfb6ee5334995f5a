"""Keeping a highlight on its words when the note around it changes (pure functions, property-tested)."""
from __future__ import annotations


def reanchor(text: str, snippet: str, old_start: int) -> tuple[int, int] | None:
    """Where ``snippet`` now is in ``text``: the occurrence nearest its old start (the earlier one on a tie),
    or None when the words are gone. An empty snippet never anchors."""
    if not snippet:
        return None
    best: int | None = None
    position = text.find(snippet)
    while position != -1:
        if best is None or abs(position - old_start) < abs(best - old_start):
            best = position
        position = text.find(snippet, position + 1)
    return None if best is None else (best, best + len(snippet))


def locate(text: str, snippet: str, start: int | None = None) -> tuple[int, int] | None:
    """The span a facilitator meant: ``start`` when the snippet is there, else its first occurrence."""
    if start is not None and snippet and text[start:start + len(snippet)] == snippet:
        return start, start + len(snippet)
    return reanchor(text, snippet, 0)
