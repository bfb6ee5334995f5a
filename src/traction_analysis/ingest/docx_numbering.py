"""Word's automatic list numbers ("1.", "2.", "(a)"), which are not part of the paragraph text.

Minutes written in Word usually number their items with list numbering; without this the item
numbers an extractor needs would silently vanish. This follows the common cases (decimal,
letters, roman, multi-level templates such as ``%1.%2``, start overrides); bullets give nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from traction_analysis.ingest.counters import roman

_MAX_LEVELS = 9


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    template: str
    start: int


def _val(element: etree._Element | None, default: str = "") -> str:
    return default if element is None else element.get(qn("w:val"), default)


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default


def _letter(value: int) -> str:
    # Word repeats the letter after z: a … z, aa … zz, aaa …
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""


def format_number(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letter(value)
    if fmt == "upperLetter":
        return _letter(value).upper()
    if fmt == "lowerRoman":
        return roman(value)
    if fmt == "upperRoman":
        return roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _parse_levels(abstract: etree._Element) -> dict[int, _Level]:
    levels = {}
    for lvl in abstract.iterchildren(qn("w:lvl")):
        ilvl = _int(lvl.get(qn("w:ilvl"), ""), 0)
        levels[ilvl] = _Level(
            fmt=_val(lvl.find(qn("w:numFmt")), "decimal"),
            template=_val(lvl.find(qn("w:lvlText"))),
            start=_int(_val(lvl.find(qn("w:start")), "1"), 1),
        )
    return levels


def _with_overrides(num: etree._Element, levels: dict[int, _Level]) -> dict[int, _Level]:
    levels = dict(levels)
    for override in num.iterchildren(qn("w:lvlOverride")):
        ilvl = _int(override.get(qn("w:ilvl"), ""), 0)
        start = override.find(qn("w:startOverride"))
        if start is not None and ilvl in levels:
            old = levels[ilvl]
            levels[ilvl] = _Level(old.fmt, old.template, _int(_val(start), old.start))
    return levels


class Numbering:
    """List counters of one document, advanced paragraph by paragraph in reading order."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self.lists: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, list[int | None]] = {}
        if numbering is not None:
            self._load(numbering)

    def _load(self, numbering: etree._Element) -> None:
        abstracts = {
            abstract.get(qn("w:abstractNumId"), ""): _parse_levels(abstract)
            for abstract in numbering.iterchildren(qn("w:abstractNum"))
        }
        for num in numbering.iterchildren(qn("w:num")):
            levels = abstracts.get(_val(num.find(qn("w:abstractNumId"))), {})
            self.lists[num.get(qn("w:numId"), "")] = _with_overrides(num, levels)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The number Word would print before this paragraph, or None (bullet, none, unknown)."""
        levels = self.lists.get(num_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < _MAX_LEVELS:
            return None
        counters = self.counters.setdefault(num_id, [None] * _MAX_LEVELS)
        current = counters[ilvl]
        counters[ilvl] = levels[ilvl].start if current is None else current + 1
        counters[ilvl + 1 :] = [None] * (_MAX_LEVELS - ilvl - 1)
        level = levels[ilvl]
        if level.fmt in ("bullet", "none") or not level.template:
            return None
        return self._render(level.template, levels, counters)

    @staticmethod
    def _render(template: str, levels: dict[int, _Level], counters: list[int | None]) -> str:
        text = template
        for index in range(_MAX_LEVELS):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                level = levels.get(index, _Level("decimal", "", 1))
                value = level.start if (counter := counters[index]) is None else counter
                text = text.replace(placeholder, format_number(value, level.fmt))
        return text
