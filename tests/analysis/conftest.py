"""Small documents built in code, so the reader tests need no binary fixtures."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import docx
import pytest

PdfMaker = Callable[..., bytes]


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _content(lines: Sequence[str]) -> bytes:
    shown = " T* ".join(f"{_pdf_string(line)} Tj" for line in lines)
    return f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")


def make_pdf(
    pages: Sequence[Sequence[str]], *, encrypted: bool = False, shared_content: bool = False
) -> bytes:
    """A valid PDF, one text line per string, Helvetica; ``shared_content`` reuses page 1's stream
    for every page so a 2,000-page file stays small and fast to build."""
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    contents = [_content(lines) for lines in (pages[:1] if shared_content else pages)]
    first_content = len(objects) + 1
    for stream in contents:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    for index in range(len(pages)):
        content = first_content + (0 if shared_content else index)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    trailer = b""
    if encrypted:
        # Standard security handler, RC4 40-bit, with a /U entry no empty password matches.
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>"
        )
        trailer = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"00" * 16, b"00" * 16)
    return _assemble(objects, trailer)


def _assemble(objects: list[bytes], trailer_extra: bytes) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer_extra, xref)
    )
    return out.getvalue()


def make_docx() -> bytes:
    """Heading, paragraphs, a numbered list, a table (with a merged heading row) in that order."""
    document = docx.Document()
    document.add_heading("Minutes of the Partnership Board", level=1)
    document.add_paragraph("Present: the Chair, the Director of Public Health.")
    document.add_paragraph("Apologies", style="List Number")
    document.add_paragraph("Declarations of interest", style="List Number")
    table = document.add_table(rows=3, cols=3)
    heading = table.rows[0].cells[0].merge(table.rows[0].cells[2])
    heading.text = "REPORT OF THE FINANCE COMMITTEE"
    rows = [("1", "Budget 2025/26", "ADOPTED"), ("2", "Capital plan", "LAID OVER")]
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading("Any other business", level=2)
    document.add_paragraph("None.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def pdf_maker() -> PdfMaker:
    return make_pdf


@pytest.fixture(scope="session")
def small_pdf() -> bytes:
    return make_pdf(
        [
            ["MINUTES of the Cabinet", "", "   1.   Apologies   for absence  "],
            ["2. Budget monitoring", "RESOLVED that the report be noted."],
        ]
    )


@pytest.fixture(scope="session")
def small_docx() -> bytes:
    return make_docx()
