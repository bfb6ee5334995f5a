"""Which reader a document needs, decided from its bytes; the file name only breaks ties.

Uploads arrive renamed, mislabelled and saved from e-mail ("minutes.pdf" that is a Word file,
"agenda.doc" that is HTML), so the content decides: PDF and ZIP magic numbers first, then XML and
HTML by their first tags, then text. The name is consulted only where content cannot tell,
Markdown against plain text.
"""

from __future__ import annotations

import re

from traction_analysis.document import Format
from traction_analysis.errors import EncryptedDocument, UnsupportedFormat

LEGACY_OFFICE = (
    "This looks like an old-style Office file (.doc/.xls/.ppt); save it as Word .docx or PDF and try again."
)
BINARY_CONTENT = "This file is not a document Traction reads (it looks like binary data)."
OTHER_XML = "This XML file is not a ModernGov meeting; Traction reads ModernGov GetMeeting XML only."

_SNIFF_BYTES = 8192
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office writes a password-protected .docx as an OLE container holding these streams.
_OLE_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
# Text never holds these (tab, newlines and form feed are allowed); random bytes hold ~10 %.
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 32), 127])
_UTF_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

_FIRST_TAG = re.compile(rb"<\s*([A-Za-z][\w:.-]*)")
# XML declaration, comments and a DOCTYPE, whose internal subset may itself hold '>' characters.
_PROLOGUE = re.compile(
    rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]*\[.*?\])?[^>]*>)*", re.DOTALL | re.IGNORECASE
)
_HTML_TAG = re.compile(
    rb"<\s*(?:html|head|body|div|p|table|tr|td|br|span|style|title|meta|h[1-6]|ul|ol|li|section|article)\b",
    re.IGNORECASE,
)
_MODERNGOV_ROOTS = {b"getmeeting", b"meeting"}
_MARKDOWN_NAMES = (".md", ".markdown")
_HTML_NAMES = (".html", ".htm", ".xhtml")
_MARKDOWN_SIGNS = re.compile(r"^(?:#{1,6} \S|\*\*\S.*\*\*|\s*[-*] \[[ x]\] |```)|\]\(https?://", re.MULTILINE)
_MARKDOWN_MIN_SIGNS = 3


def detect_format(data: bytes, name: str) -> Format:
    """The reader for ``data``; raises UnsupportedFormat (or EncryptedDocument) when there is none."""
    head = data[:_SNIFF_BYTES]
    if _PDF_MAGIC in data[:1024]:  # PDF readers accept junk before the header, up to 1 KB
        return "pdf"
    if head.startswith(_ZIP_MAGICS):
        return "docx"  # the DOCX reader rejects other ZIP files (xlsx, odt) with a plain message
    if head.startswith(_OLE_MAGIC):
        _raise_for_ole(data)
    if _looks_binary(head):
        raise UnsupportedFormat(BINARY_CONTENT)
    return _detect_markup(head, data, name.lower()) or _detect_text(head, name.lower())


def _raise_for_ole(data: bytes) -> None:
    if any(marker in data for marker in _OLE_ENCRYPTION_MARKERS):
        raise EncryptedDocument()
    raise UnsupportedFormat(LEGACY_OFFICE)


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_UTF_BOMS[1:]):
        return False  # UTF-16 text is full of NUL bytes
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 20


def _detect_markup(head: bytes, data: bytes, name: str) -> Format | None:
    body = head.removeprefix(_UTF_BOMS[0])
    start = _PROLOGUE.match(body)
    rest = body[start.end() :] if start else body
    tag = _FIRST_TAG.match(rest)
    if tag:
        root = tag.group(1).lower().rsplit(b":", 1)[-1]
        if root in _MODERNGOV_ROOTS and b"<agendaitem" in data:
            return "moderngov"
        if _HTML_TAG.search(rest):
            return "html"
        if body.lstrip().startswith(b"<?xml"):
            raise UnsupportedFormat(OTHER_XML)
    if name.endswith(_HTML_NAMES) and _HTML_TAG.search(body):
        return "html"
    return None


def _detect_text(head: bytes, name: str) -> Format:
    if name.endswith(_MARKDOWN_NAMES):
        return "markdown"
    sample = head.decode("utf-8", errors="replace")
    if len(_MARKDOWN_SIGNS.findall(sample)) >= _MARKDOWN_MIN_SIGNS:
        return "markdown"
    return "text"
