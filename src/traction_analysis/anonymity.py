"""The one anonymity rule: what a group of participants may be told about what its members said.

Everything the product shows to people other than the facilitator about what participants raised —
shared pictures of a problem tree today, surveys and feedback later — passes through these functions:

- a count is said only when at least ``k`` distinct participants are behind it; ``k`` defaults to 3
  and can never be set lower. A count below ``k`` is returned as ``None``, exactly as zero is, so the
  two cannot be told apart;
- a verbatim quote appears only with its speaker's consent, only where the count itself is said, and
  never as the only quote: at least two consented quotes from two different participants, or none;
- a breakdown by group (organisation) appears only when every cell of the full table reaches ``k``:
  the participants of each group who raised it *and* those who did not (group sizes are public, so
  the second is a subtraction away). Any sum or difference of published figures is then a union of
  cells, and so never names a group smaller than ``k``;
- successive releases about the same thing (a picture published again after more listening) never
  differ by fewer than ``k``: a figure that would move by less keeps its previous value.

Pure Python: no Django, so the CLI, the analysis engine and every app share the same rule.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypeVar

K_DEFAULT: Final = 3
K_FLOOR: Final = 3
K_TOO_LOW: Final = f"The anonymity threshold k cannot be lower than {K_FLOOR}."
UNKNOWN_PARTICIPANT: Final = (
    "A participant behind a figure is not in the list of participants and their groups."
)

View = Mapping[str, int]


def threshold(k: int | None = None) -> int:
    """The threshold in force: ``K_DEFAULT`` when unset; a value below the floor is an error, never
    clamped."""
    if k is None:
        return K_DEFAULT
    if isinstance(k, bool) or not isinstance(k, int) or k < K_FLOOR:
        raise ValueError(K_TOO_LOW)
    return k


def count_shown(participants: Iterable[Hashable], *, k: int | None = None) -> int | None:
    """How many distinct participants, or ``None`` (said like zero) when fewer than ``k``."""
    n = len(set(participants))
    return n if n >= threshold(k) else None


@dataclass(frozen=True)
class Quote:
    text: str
    participant: Hashable
    consent: bool


def quotes_shown(
    quotes: Iterable[Quote], *, raisers: Iterable[Hashable], k: int | None = None
) -> tuple[str, ...]:
    """The consented quotes that may appear under a figure: none unless the figure is said and at least
    two different participants consented; never a single quote alone."""
    if count_shown(raisers, k=k) is None:
        return ()
    consented = [q for q in quotes if q.consent and q.text.strip()]
    if len({q.participant for q in consented}) < 2:
        return ()
    texts = tuple(dict.fromkeys(q.text.strip() for q in consented))
    return texts if len(texts) >= 2 else ()


P = TypeVar("P", bound=Hashable)  # a participant, however the caller identifies one


def breakdown_shown(
    raisers: Iterable[P], *, groups: Mapping[P, str], k: int | None = None
) -> dict[str, int] | None:
    """Raisers per group, or ``None`` unless every cell of the full table reaches ``k``.

    ``groups`` maps every participant (those who raised it and those who did not) to their group; every
    group present there is a row, so a group nobody in it raised is a zero cell and refuses the breakdown.
    """
    k = threshold(k)
    raised = set(raisers)
    if not raised <= set(groups):
        raise ValueError(UNKNOWN_PARTICIPANT)
    sizes: dict[str, int] = {}
    cells: dict[str, int] = {}
    for participant, group in groups.items():
        sizes[group] = sizes.get(group, 0) + 1
        cells[group] = cells.get(group, 0) + (participant in raised)
    if not cells or any(c < k or sizes[g] - c < k for g, c in cells.items()):
        return None
    return dict(sorted(cells.items()))


def _differs_safely(new: View, old: View, k: int) -> bool:
    """Every figure the same or at least ``k`` apart (a figure that is absent reads as zero)."""
    return all(
        new.get(key, 0) == old.get(key, 0) or abs(new.get(key, 0) - old.get(key, 0)) >= k
        for key in set(new) | set(old)
    )


def release(candidate: View, *, history: Sequence[View] = (), k: int | None = None) -> dict[str, int]:
    """The figures to publish now about one thing, given what was published about it before (oldest first).

    ``candidate`` holds figures already passed through ``count_shown``/``breakdown_shown`` (hidden ones
    left out). It is released when it differs from every earlier release by zero or at least ``k`` in every
    figure; otherwise the latest earlier release stands, which by the same rule was safe against all before.
    """
    k = threshold(k)
    if any(0 < value < k for value in candidate.values()):
        raise ValueError("A figure below the threshold cannot be released.")
    if all(_differs_safely(candidate, old, k) for old in history):
        return {key: value for key, value in candidate.items() if value}
    return dict(history[-1])


def safe_view(figures: View, *, k: int | None = None) -> bool:
    """True when every figure is zero or at least ``k`` (what any published view must satisfy)."""
    k = threshold(k)
    return all(value == 0 or value >= k for value in figures.values())


__all__ = [
    "K_DEFAULT",
    "K_FLOOR",
    "K_TOO_LOW",
    "Quote",
    "breakdown_shown",
    "count_shown",
    "quotes_shown",
    "release",
    "safe_view",
    "threshold",
]
