"""Typed errors with plain messages a board secretary can act on."""

from __future__ import annotations


class IngestError(Exception):
    """A document could not be read. ``str(error)`` is a plain message for the user."""

    message = "The document could not be read."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class UnsupportedFormat(IngestError):
    message = "This is not a format Traction reads (PDF, Word .docx, HTML, text, Markdown or ModernGov XML)."


class EmptyDocument(IngestError):
    message = "The document is empty."


class EncryptedDocument(IngestError):
    message = "The document is password-protected; save an unprotected copy and try again."


class NoTextLayer(IngestError):
    message = "The PDF has no text layer (it looks scanned); run it through OCR first."

    def __init__(self, message: str | None = None, *, pages: int | None = None) -> None:
        super().__init__(message)
        self.pages = pages  # a scan is still a paper, and its pages still count

    def __reduce__(self) -> tuple[object, ...]:  # crosses the reader's process boundary with its pages
        return (_no_text_layer, (str(self), self.pages))


def _no_text_layer(message: str, pages: int | None) -> NoTextLayer:
    return NoTextLayer(message, pages=pages)


class CorruptDocument(IngestError):
    message = "The file is damaged or truncated and could not be read."


class TooLarge(IngestError):
    message = "The document is larger than Traction accepts."


class TimedOut(IngestError):
    message = "Reading the document took too long and was stopped."


class UnreadableFile(IngestError):
    message = "The file could not be opened; check that it exists and that Traction may read it."
