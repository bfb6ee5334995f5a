"""The trust pulse's statistics: the items asked, each item's median (and quartiles for the 0–100 item),
flags, the breakdown by kind of organisation, released comments and the trend across waves.

Every figure passes the anonymity service (:mod:`traction_analysis.anonymity`) at the wave's threshold ``k``:
an item's figures appear only when at least ``k`` people answered it; a breakdown only when every cell (each
group's answers to each item) reaches ``k``; comments only through ``quotes_shown`` (the wave reaches ``k``,
each comment was released, and never a single one alone). Pure Python: no Django.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from traction_analysis.anonymity import Quote, count_shown, quotes_shown, threshold

AGREE: Final = "agree"  # 1 strongly disagree … 5 strongly agree
SCORE: Final = "score"  # 0 to 100
OPEN: Final = "open"  # words; answered in the response's comment
KINDS: Final = (AGREE, SCORE, OPEN)
MAX_ITEMS: Final = 5
SCORE_FACTOR: Final = 20  # the 0–100 item is flagged below twenty times the five-point line
UNKNOWN_GROUP: Final = "Not known"
TOO_MANY_ITEMS: Final = f"A pulse asks at most {MAX_ITEMS} questions."
NO_ITEMS: Final = "A pulse asks at least one question."


@dataclass(frozen=True)
class Item:
    key: str
    kind: str
    text: str


# Our own statements of the three trust aspects, the overall score and the open question.
DEFAULT_ITEMS: Final = (
    Item("reliability", AGREE, "Partners in this partnership do what they say they will do."),
    Item("mission", AGREE, "Partners put our shared purpose ahead of their own organisation's interests."),
    Item("openness", AGREE, "I can raise a difficult subject here and it is discussed openly."),
    Item(
        "overall",
        SCORE,
        "Overall, how much do you trust this partnership? (0 = not at all, 100 = completely)",
    ),
    Item("raise", OPEN, "What would raise your trust in this partnership?"),
)
RANGES: Final = {AGREE: (1, 5), SCORE: (0, 100)}


def items_from(stored: Sequence[Mapping[str, str]]) -> tuple[Item, ...]:
    """The wave's stored items (``[{"key", "kind", "text"}]``) as items; at most five, kinds known."""
    items = tuple(Item(str(i["key"]), str(i["kind"]), str(i["text"])) for i in stored)
    if len(items) > MAX_ITEMS:
        raise ValueError(TOO_MANY_ITEMS)
    if any(item.kind not in KINDS for item in items):
        raise ValueError("An item's kind is agree, score or open.")
    return items


def valid_answer(item: Item, value: object) -> bool:
    if item.kind not in RANGES or isinstance(value, bool) or not isinstance(value, int):
        return False
    low, high = RANGES[item.kind]
    return low <= value <= high


def flag_line(item: Item, flag_below: int) -> float:
    """An item is flagged when its median is below this: ``flag_below`` on the five-point items, twenty
    times it on the 0–100 item."""
    return flag_below * (SCORE_FACTOR if item.kind == SCORE else 1)


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """Lower quartile, median, upper quartile by the inclusive method (``statistics.quantiles``,
    ``method="inclusive"``: the median of 1, 2, 3, 4 is 2.5 and its quartiles 1.75 and 3.25)."""
    if len(values) == 1:
        only = float(values[0])
        return only, only, only
    low, mid, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, mid, high


@dataclass(frozen=True)
class ItemResult:
    """One item's figures; ``count`` is ``None`` (and every figure with it) below ``k``."""

    item: Item
    count: int | None
    median: float | None = None
    lower: float | None = None
    upper: float | None = None
    flagged: bool = False


def _values(item: Item, answers: Sequence[Mapping[str, object]]) -> list[int]:
    return [a[item.key] for a in answers if valid_answer(item, a.get(item.key))]  # type: ignore[misc]


def item_result(
    item: Item, answers: Sequence[Mapping[str, object]], *, k: int, flag_below: int
) -> ItemResult:
    """The item's median (and quartiles for the 0–100 item), shown only when at least ``k`` answered it."""
    values = _values(item, answers)
    count = count_shown(range(len(values)), k=k)
    if count is None or item.kind == OPEN:
        return ItemResult(item, count if item.kind != OPEN else None)
    low, mid, high = quartiles(values)
    shown_low, shown_high = (low, high) if item.kind == SCORE else (None, None)
    return ItemResult(item, count, mid, shown_low, shown_high, mid < flag_line(item, flag_below))


def results(
    items: Sequence[Item], answers: Sequence[Mapping[str, object]], *, k: int, flag_below: int
) -> tuple[ItemResult, ...]:
    """Every answered (not open) item's result, in the order asked."""
    return tuple(item_result(i, answers, k=k, flag_below=flag_below) for i in items if i.kind != OPEN)


def flagged(found: Sequence[ItemResult]) -> tuple[str, ...]:
    return tuple(r.item.key for r in found if r.flagged)


@dataclass(frozen=True)
class Breakdown:
    """The median of each item in each group: ``medians[group][item key]``; ``sizes`` the responses."""

    groups: tuple[str, ...]
    sizes: Mapping[str, int]
    medians: Mapping[str, Mapping[str, float]]


def breakdown(
    items: Sequence[Item], responses: Sequence[tuple[str, Mapping[str, object]]], *, k: int
) -> Breakdown | None:
    """Medians by group (a blank group is ``UNKNOWN_GROUP``), or ``None`` unless there are two groups or
    more and every cell reaches ``k``: each group's responses and each group's answers to each item."""
    k = threshold(k)
    by_group: dict[str, list[Mapping[str, object]]] = {}
    for group, answers in responses:
        by_group.setdefault(group or UNKNOWN_GROUP, []).append(answers)
    asked = [i for i in items if i.kind != OPEN]
    if len(by_group) < 2 or not asked:
        return None
    medians: dict[str, dict[str, float]] = {}
    for group, given in sorted(by_group.items()):
        if count_shown(range(len(given)), k=k) is None:
            return None
        cells = {i.key: _values(i, given) for i in asked}
        if any(count_shown(range(len(v)), k=k) is None for v in cells.values()):
            return None
        medians[group] = {key: float(statistics.median(v)) for key, v in cells.items()}
    return Breakdown(tuple(medians), {g: len(a) for g, a in sorted(by_group.items())}, medians)


def comments(texts: Sequence[tuple[str, bool]], *, responses: int, k: int) -> tuple[str, ...]:
    """The released comments that may be shown, in alphabetical order (never the order given, which could
    follow the order of answering): through ``quotes_shown``, so none unless the wave has at least ``k``
    responses, and never a single comment alone."""
    quotes = [Quote(text, n, released) for n, (text, released) in enumerate(texts)]
    return tuple(sorted(quotes_shown(quotes, raisers=range(responses), k=k), key=str.casefold))


@dataclass(frozen=True)
class Trend:
    """Each item's median per wave (``None`` where hidden or not asked), waves oldest first."""

    waves: tuple[str, ...]
    series: Mapping[str, tuple[float | None, ...]]  # item key → medians
    labels: Mapping[str, str]  # item key → the item's words in its latest wave
    kinds: Mapping[str, str]  # item key → its kind


def trend(waves: Sequence[tuple[str, Sequence[ItemResult]]]) -> Trend:
    keys: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for _, found in waves:
        keys.update({r.item.key: r.item.text for r in found})
        kinds.update({r.item.key: r.item.kind for r in found})
    series = {
        key: tuple(next((r.median for r in found if r.item.key == key), None) for _, found in waves)
        for key in keys
    }
    return Trend(tuple(label for label, _ in waves), series, keys, kinds)
