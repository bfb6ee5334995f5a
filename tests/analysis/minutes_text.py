"""Minutes written in a test as plain text, read as the text reader would: one block per non-blank line."""

from __future__ import annotations

from traction_analysis.document import Document, TextBlock


def text_doc(text: str, *, fmt: str = "text", name: str = "minutes.txt") -> Document:
    blocks = [
        TextBlock(line.strip(), None, number)
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip()
    ]
    return Document(name, fmt, blocks)  # type: ignore[arg-type]
