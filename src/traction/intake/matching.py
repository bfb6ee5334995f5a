"""Which existing agenda item a proposed item is about: by printed number first, then by title."""

from __future__ import annotations

from collections.abc import Sequence

from traction.governance.models import AgendaItem
from traction_analysis.extract.proposed import ProposedItem
from traction_analysis.scoring import jaccard, norm_number

TITLE_OVERLAP = 0.5


def _title_key(title: str | None) -> str:
    return " ".join((title or "").lower().split())


def match_to_items(items: Sequence[AgendaItem], proposed: Sequence[ProposedItem]) -> list[AgendaItem | None]:
    """For each proposed item (``number``, ``title``) the existing item it matches, each used once.

    A shared printed number wins (ties broken by title overlap); otherwise the same title, or a title
    sharing at least half its words. Unmatched proposals get ``None``: they would create an item.
    """
    result: list[AgendaItem | None] = [None] * len(proposed)
    free = list(items)
    for index, proposal in enumerate(proposed):
        number = norm_number(proposal.number)
        candidates = [item for item in free if number and norm_number(item.number) == number]
        if candidates:
            best = max(candidates, key=lambda item: jaccard(item.title, proposal.title))
            result[index] = best
            free.remove(best)
    for index, proposal in enumerate(proposed):
        if result[index] is not None:
            continue
        title = _title_key(proposal.title)
        scored = [
            (1.0 if _title_key(item.title) == title else jaccard(item.title, proposal.title), item)
            for item in free
        ]
        scored = [pair for pair in scored if pair[0] >= TITLE_OVERLAP]
        if scored:
            best = max(scored, key=lambda pair: pair[0])[1]
            result[index] = best
            free.remove(best)
    return result
