"""Turn a Document's blocks into clean working lines: markup gone, bullets and rules recognised.

Readers hand over text as the file had it. Markdown converted from PDF keeps ``**bold**`` and
backslash escapes, Word bullets arrive as private-use glyphs, and table rows repeat merged cells;
segmentation should see none of that, but it should keep the hints (bold line, bullet level).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from traction_analysis.document import Document, Style, TextBlock

CELL_SEPARATOR = " | "

MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MD_STRONG = re.compile(r"\*{2,3}|_{2,3}(?=\S)|(?<=\S)_{2,3}")
MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
MD_HEADING = re.compile(r"^#{1,6}\s+")
MD_QUOTE = re.compile(r"^(?:>\s?)+")
RULE = re.compile(r"^\s*(?:[-_=*~]\s*){3,}$")
LEADING_RULE = re.compile(r"^[_=]{5,}\s*")
# "Page 3 of 12" wherever a converter left it, even glued to the end of a sentence.
PAGE_OF = re.compile(r"(?<!\s)\s*\bPage\s+\d{1,4}\s+of\s+\d{1,4}\b\s*", re.IGNORECASE)

# Bullet glyphs by the nesting level Word and PDF converters use them for.
BULLETS_1 = "•●\uf0b7\uf0d8\uf076\uf0fc\u2023\u2043\u2219"
BULLETS_2 = "◦○\uf06f"
BULLETS_3 = "▪■\uf0a7\u25aa"
BULLET = re.compile(
    rf"^(?P<glyph>[{BULLETS_1}{BULLETS_2}{BULLETS_3}]|[-*+](?=\s)|-(?=[A-Z][a-z])|o(?=\s+[A-Z0-9$£]))\s*(?P<rest>.*)$"
)
BULLET_START = frozenset(
    f"{BULLETS_1}{BULLETS_2}{BULLETS_3}-*+o"
)  # the characters a BULLET match can start with
LONE_BULLET = re.compile(rf"^[{BULLETS_1}{BULLETS_2}{BULLETS_3}\-*]$")
# YAML front matter of static-site and WordPress exports ("title: …", "date: …", "tags:" + list).
# The reader drops the "---" fences; the key lines stay. Only these keys count as evidence.
FRONT_MATTER_KEY = re.compile(r"^(?P<key>[a-z][A-Za-z0-9_]*):(?:\s+(?P<value>.*))?$")
FRONT_MATTER_KEYS = frozenset(
    {
        "title",
        "date",
        "layout",
        "categories",
        "tags",
        "permalink",
        "author",
        "slug",
        "draft",
        "description",
        "excerpt",
        "sidebar",
        "published",
        "type",
        "summary",
    }
)


@dataclass(slots=True)
class Line:
    """One working line. ``strong`` marks a line emphasised as a whole (a heading hint)."""

    text: str
    page: int | None
    line: int
    kind: str = "text"  # text | heading | table_row | item | rule
    bullet: int = 0
    strong: bool = False
    cells: tuple[str, ...] = ()
    number: str | None = None
    title: str | None = None
    split_at_number: bool = False  # cut from a longer line at a number the sequence was missing
    # Tables: the header row in force and what this row is (see tables.annotate).
    header: tuple[str, ...] = ()
    role: str = ""
    style: Style | None = None  # what the reader saw of the line's layout (font, indent, list marker)


def prepare_lines(document: Document) -> list[Line]:
    """Clean every block into a Line, dropping empty ones."""
    markdown = document.format == "markdown"
    out: list[Line] = []
    pending_bullet = 0
    for block in document.blocks:
        line = _prepare_block(block, markdown)
        if line is None:
            continue
        if (
            line.kind == "text" and len(line.text) <= 2 and LONE_BULLET.match(line.text)
        ):  # one glyph (and "\n")
            # A converter put the bullet glyph on a line of its own; it belongs to the next line.
            pending_bullet = _bullet_level(line.text)
            continue
        if pending_bullet and not line.bullet and line.kind == "text":
            line.bullet = pending_bullet
        pending_bullet = 0
        out.append(line)
    if document.format in ("markdown", "text"):
        out = _without_front_matter(out)
    return out


def _without_front_matter(lines: list[Line]) -> list[Line]:
    """Drop a leading YAML front matter block, keeping its ``title`` (the page's own name for the minutes).

    Its ``date`` is the posting date, not the meeting's, and its tag lists are not agenda items.
    """
    index, keys, known, title = 0, 0, False, None
    while index < len(lines):
        line = lines[index]
        match = FRONT_MATTER_KEY.match(line.text) if line.kind == "text" and not line.bullet else None
        if match:
            keys += 1
            known = known or match.group("key") in FRONT_MATTER_KEYS
            if match.group("key") == "title" and match.group("value"):
                title = match.group("value").strip().strip("\"'")
        elif not (line.bullet and keys):
            break
        index += 1
    if keys < 2 or not known:
        return lines
    kept = [Line(" ".join(title.split()), lines[0].page, lines[0].line)] if title else []
    return kept + lines[index:]


def _prepare_block(block: TextBlock, markdown: bool) -> Line | None:
    text = block.text
    if block.kind == "item":
        return Line(
            text, block.page, block.line, "item", number=block.number, title=block.title, style=block.style
        )
    if block.kind == "table_row":
        cells = _dedupe_cells(text.split("|"))
        if not any(cells):
            return None
        return Line(
            CELL_SEPARATOR.join(cells),
            block.page,
            block.line,
            "table_row",
            cells=tuple(cells),
            style=block.style,
        )
    kind = block.kind
    strong = False
    if markdown:
        text, strong, is_heading = _strip_markdown(text)
        kind = "heading" if is_heading else kind
    if text[:1] in "-_=*~" and RULE.match(text):
        return Line("", block.page, block.line, "rule", style=block.style)
    if text[:1] in "_=":
        text = LEADING_RULE.sub("", text)
    if "age" in text:
        # PAGE_OF (a "Page" in any case) only where the text has one: most "age"s are of "agenda", "manage" …
        text = (PAGE_OF.sub(" ", text) if "page" in text.lower() else text).strip()
    if not text:
        return None
    bullet = 0
    match = BULLET.match(text) if text[0] in BULLET_START else None
    if match and match.group("rest"):
        bullet = _bullet_level(match.group("glyph"))
        text = match.group("rest").strip()
    # Bullet and emphasis positionally: a keyword argument costs more, and this runs on every line.
    return Line(text, block.page, block.line, kind, bullet, strong, style=block.style)


def _strip_markdown(text: str) -> tuple[str, bool, bool]:
    stripped = text.strip()
    is_heading = bool(MD_HEADING.match(stripped))
    stripped = MD_QUOTE.sub("", stripped)
    stripped = MD_HEADING.sub("", stripped)
    stripped = MD_LINK.sub(r"\1", stripped)
    strong = stripped.startswith(("**", "__")) and stripped.endswith(("**", "__")) and len(stripped) > 4
    stripped = MD_ESCAPE.sub(r"\1", stripped)
    stripped = MD_STRONG.sub("", stripped)
    stripped = MD_EMPHASIS.sub(r"\1", stripped)
    stripped = stripped.rstrip("\\")  # pandoc's hard line break
    return " ".join(stripped.split()), strong, is_heading


def _dedupe_cells(raw: list[str]) -> list[str]:
    """Cells of a row, trimmed, with horizontally merged cells (repeated text) kept once."""
    cells: list[str] = []
    for cell in raw:
        cell = " ".join(cell.split())
        if cells and cell and cell == cells[-1]:
            continue
        cells.append(cell)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _bullet_level(glyph: str) -> int:
    if glyph in BULLETS_3:
        return 3
    if glyph in BULLETS_2 or glyph == "o":
        return 2
    return 1
