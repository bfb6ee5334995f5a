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
    if start is not None and snippet and text[start : start + len(snippet)] == snippet:
        return start, start + len(snippet)
    return reanchor(text, snippet, 0)


def shifted(old: str, new: str, offset: int) -> int:
    """Where ``offset`` of ``old`` falls in ``new``: text before the changed stretch stays put, text after it
    moves with the change (an offset inside it goes to its start). The nearest occurrence is then looked for
    from there, so an edit before two highlights of the same words keeps each on its own place."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    if offset < prefix:
        return offset
    if offset >= len(old) - suffix:
        return offset + len(new) - len(old)
    return prefix
