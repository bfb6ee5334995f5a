"""Helpers every reader shares: whitespace clean-up and running block numbers."""

from __future__ import annotations

from traction_analysis.document import BlockKind, Style, TextBlock


def clean_text(text: str) -> str:
    """Collapse every run of whitespace (tabs, newlines, no-break spaces) to one space, and trim."""
    return " ".join(text.split())


class BlockList:
    """Blocks of an unpaged document (DOCX, HTML, ModernGov), numbered 1, 2, 3 … as they are added.

    ``line`` is then the block's position in reading order, which is what a reviewer needs to find
    the sentence again; empty text is dropped before numbering so the numbers have no gaps.
    """

    __slots__ = ("blocks",)

    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []

    def add(
        self,
        text: str,
        kind: BlockKind = "text",
        *,
        number: str | None = None,
        title: str | None = None,
        style: Style | None = None,
    ) -> None:
        text = clean_text(text)
        if text:
            self.blocks.append(TextBlock(text, None, len(self.blocks) + 1, kind, number, title, style))
