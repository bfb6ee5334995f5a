"""Each format read from small documents built in the test, and format detection by content."""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from traction_analysis.document import Document, Style, TextBlock
from traction_analysis.errors import EmptyDocument, UnsupportedFormat
from traction_analysis.ingest import detect_format, pdf, read
from traction_analysis.ingest.detect import LEGACY_OFFICE, OTHER_XML

PdfMaker = Callable[..., bytes]

# The real minutes live beside the repository; the tests that use them skip when it is absent.
MINUTES_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "minutes"

HTML = b"""<!DOCTYPE html><html><head><title>Board</title><style>p {color: red}</style>
<script>alert("x")</script></head><body><nav><a href="/">Home</a> | <a href="/m">Meetings</a></nav>
<h1>Partnership Board</h1><p>Held on <b>3 March</b> 2025.<br>Chair: Ms A Smith</p>
<table><tr><td>1.</td><td><strong>Apologies</strong></td></tr>
<tr><td></td><td>None received.</td></tr></table>
<h2>Any other business</h2><div>None.</div></body></html>"""

MARKDOWN = b"""# Minutes of the **Trust Board**

**Agenda item: **2025-26 \\(4ai\\)

---
Present: *the Chair* and the_chief_executive
## 1. Apologies ##
"""


def texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


def test_pdf_gives_one_block_per_line_with_page_and_line(small_pdf: bytes) -> None:
    document = read(small_pdf, name="cabinet.pdf")

    assert document.format == "pdf" and document.pages == 2 and document.name == "cabinet.pdf"
    assert [(b.page, b.line, b.text) for b in document.blocks] == [
        (1, 1, "MINUTES of the Cabinet"),
        (1, 2, "1. Apologies for absence"),  # the empty line is dropped before numbering
        (2, 1, "2. Budget monitoring"),
        (2, 2, "RESOLVED that the report be noted."),
    ]
    assert document.sha256 == hashlib.sha256(small_pdf).hexdigest()


def test_pdf_pages_after_a_reopening_keep_their_numbers(
    pdf_maker: PdfMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader reopens the document every _PAGES_PER_OPENING pages to bound PDFium's caches.
    monkeypatch.setattr(pdf, "_PAGES_PER_OPENING", 2)
    pages = [[f"Page {page} line 1", "", f"Two  spaces {page}"] for page in range(1, 6)]

    document = read(pdf_maker(pages))

    assert document.pages == 5
    assert [(b.page, b.line, b.text) for b in document.blocks] == [
        (page, line, text)
        for page in range(1, 6)
        for line, text in ((1, f"Page {page} line 1"), (2, f"Two spaces {page}"))
    ]


def test_pdf_odd_whitespace_is_every_whitespace_but_space_and_line_breaks() -> None:
    every = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(pdf.ODD_WHITESPACE) == every - {" ", "\r", "\n"}


@pytest.mark.parametrize(
    "text",
    [
        "plain line \r\nanother line \r\n",
        " lead and trail \r\n \r\n\r\nafter blanks",
        "double  space \r\nsingle space",
        "tab\there\r\nno-break\xa0space\r\nem\u2003space \u3000",
        "sub\ufffecategories \r\nx\x02y \r\n\uf0b7 bullet \r\n\uf0a7 square",
        "form\x0cfeed\x0bvt\x1cfs\x1fus\x85nel\u2028ls \u2029ps\rcr\nlf",
        "",
        " \r\n \r\n",
    ],
)
def test_pdf_lines_are_collapsed_whitespace_numbered_after_empty_lines_go(text: str) -> None:
    translated = text.translate(pdf._PDFIUM_CHARACTERS)
    expected = [cleaned for raw in translated.splitlines() if (cleaned := " ".join(raw.split()))]
    blocks: list[TextBlock] = []

    chars = pdf._add_lines(text, [], 4, blocks)

    assert blocks == [TextBlock(line, 4, number) for number, line in enumerate(expected, 1)]
    assert chars == sum(map(len, expected))


def test_pdf_blocks_made_slot_by_slot_are_text_blocks_field_for_field() -> None:
    style = Style(size=11.0, bold=True, indent=72.0, gap=14.2)

    made = pdf._text_block("1. Apologies", 3, 7, style)

    assert [field.name for field in dataclasses.fields(TextBlock)] == list(pdf._BLOCK_FIELDS)
    assert type(made) is TextBlock
    assert dataclasses.astuple(made) == dataclasses.astuple(TextBlock("1. Apologies", 3, 7, style=style))
    assert repr(made) == repr(TextBlock("1. Apologies", 3, 7, style=style))


def test_docx_keeps_paragraphs_tables_and_list_numbers_in_order(small_docx: bytes) -> None:
    document = read(small_docx, name="board.docx")

    assert document.format == "docx" and document.pages is None
    assert [(b.line, b.kind, b.text) for b in document.blocks] == [
        (1, "heading", "Minutes of the Partnership Board"),
        (2, "text", "Present: the Chair, the Director of Public Health."),
        (3, "text", "1. Apologies"),
        (4, "text", "2. Declarations of interest"),
        (5, "text", "REPORT OF THE FINANCE COMMITTEE"),  # a merged full-width row is not a data row
        (6, "table_row", "1 | Budget 2025/26 | ADOPTED"),
        (7, "table_row", "2 | Capital plan | LAID OVER"),
        (8, "heading", "Any other business"),
        (9, "text", "None."),
    ]
    assert all(block.page is None for block in document.blocks)


def test_html_drops_scripts_styles_and_navigation() -> None:
    document = read(HTML, name="board.html")

    assert document.format == "html"
    assert [(b.line, b.kind, b.text) for b in document.blocks] == [
        (1, "heading", "Partnership Board"),
        (2, "text", "Held on 3 March 2025."),
        (3, "text", "Chair: Ms A Smith"),
        (4, "table_row", "1. | Apologies"),
        (5, "text", "None received."),
        (6, "heading", "Any other business"),
        (7, "text", "None."),
    ]


def test_html_charset_from_meta_and_utf8_without_one() -> None:
    latin = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 \u00a35</p></body></html>'
    plain = "<html><body><p>Caf\u00e9 \u2013 \u00a35</p></body></html>"

    assert texts(read(latin.encode("iso-8859-1"))) == ["Caf\u00e9 \u00a35"]
    assert texts(read(plain.encode("utf-8"))) == ["Caf\u00e9 \u2013 \u00a35"]


def test_text_keeps_file_line_numbers() -> None:
    document = read(b"MINUTES\r\n\r\n  1.  Apologies\t \n\nRESOLVED: noted\n", name="m.txt")

    assert document.format == "text"
    assert [(b.line, b.text) for b in document.blocks] == [
        (1, "MINUTES"),
        (3, "1. Apologies"),
        (5, "RESOLVED: noted"),
    ]


def test_text_falls_back_to_windows_1252() -> None:
    document = read("Councillor O\u2019Brien \u2013 \u00a3500".encode("cp1252"), name="m.txt")

    assert texts(document) == ["Councillor O\u2019Brien \u2013 \u00a3500"]


def test_markdown_headings_and_minimal_marker_stripping() -> None:
    document = read(MARKDOWN, name="board.md")

    assert document.format == "markdown"
    assert [(b.line, b.kind, b.text) for b in document.blocks] == [
        (1, "heading", "Minutes of the Trust Board"),
        (3, "text", "Agenda item: 2025-26 (4ai)"),
        (6, "text", "Present: the Chair and the_chief_executive"),
        (7, "heading", "1. Apologies"),
    ]


def test_a_markdown_heading_whose_words_are_html_is_a_heading() -> None:
    document = read(
        b"## <u>Approval of Consent Agenda</u>\n\nItems on the Consent Agenda were:\n", name="m.md"
    )

    first = document.blocks[0]
    assert (first.kind, first.text, first.style and first.style.level) == (
        "heading",
        "Approval of Consent Agenda",
        2,
    )
    assert document.blocks[1].kind == "text"


@pytest.mark.parametrize(
    "wrong_name, expected",
    [("minutes.txt", "pdf"), ("minutes.docx", "pdf"), ("minutes.html", "pdf")],
)
def test_pdf_with_a_wrong_extension_reads_as_pdf(small_pdf: bytes, wrong_name: str, expected: str) -> None:
    assert read(small_pdf, name=wrong_name).format == expected


@pytest.mark.parametrize("wrong_name", ["minutes.pdf", "minutes.txt", "minutes.doc", "noname"])
def test_docx_with_a_wrong_extension_reads_as_docx(small_docx: bytes, wrong_name: str) -> None:
    assert read(small_docx, name=wrong_name).format == "docx"


@pytest.mark.parametrize("wrong_name", ["minutes.pdf", "minutes.txt", "minutes.docx"])
def test_html_with_a_wrong_extension_reads_as_html(wrong_name: str) -> None:
    assert read(HTML, name=wrong_name).format == "html"


def test_html_fragment_without_html_tag_is_sniffed() -> None:
    fragment = b"\n   <style>td {}</style><div><strong>1. Opening</strong></div>"
    assert detect_format(fragment, "page.aspx") == "html"


def test_markdown_detected_from_content_when_name_does_not_say() -> None:
    assert detect_format(MARKDOWN, "upload.txt") == "markdown"
    assert detect_format(b"Minutes\nItem 1 - noted\n", "upload.txt") == "text"


def test_path_and_bytes_read_the_same(tmp_path: Path, small_pdf: bytes) -> None:
    path = tmp_path / "board-pack.bin"
    path.write_bytes(small_pdf)

    from_path = read(path)
    assert from_path.name == "board-pack.bin"
    assert texts(from_path) == texts(read(small_pdf)) and from_path.sha256 == read(small_pdf).sha256
    assert read(str(path)).blocks == from_path.blocks


@pytest.mark.parametrize(
    "data, error, message",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, UnsupportedFormat, LEGACY_OFFICE),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', UnsupportedFormat, OTHER_XML),
        (b"   \n\t\r\n  ", EmptyDocument, EmptyDocument.message),
    ],
)
def test_unreadable_content_gets_a_plain_message(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        read(data, name="upload")
    assert str(raised.value) == message


# --- the real minutes beside the repository --------------------------------------------------

REAL_FILES = sorted(
    path
    for path in (MINUTES_DIR.iterdir() if MINUTES_DIR.is_dir() else [])
    if path.suffix in {".pdf", ".docx", ".html", ".md", ".txt", ".xml"} and path.name != "README.md"
)
needs_minutes = pytest.mark.skipif(not REAL_FILES, reason="../shared/data/minutes is absent")


def real(name: str) -> Path:
    path = MINUTES_DIR / name
    if not path.exists():
        pytest.skip(f"{name} is absent")
    return path


@needs_minutes
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_every_real_file_reads(path: Path) -> None:
    document = read(path)

    expected = {
        ".pdf": "pdf",
        ".docx": "docx",
        ".html": "html",
        ".md": "markdown",
        ".txt": "text",
        ".xml": "moderngov",
    }[path.suffix]
    assert document.format == expected
    assert "cancelled" in path.name or len(document.blocks) > 3
    assert all(block.text == block.text.strip() and block.text for block in document.blocks)


def test_real_pdf_pages_and_first_line() -> None:
    document = read(real("uk-kent-cabinet-2025-01-09.pdf"))

    assert document.pages == 9
    assert document.blocks[0].text == "KENT COUNTY COUNCIL"
    assert {block.page for block in document.blocks} == set(range(1, 10))
    assert any(block.text.startswith("76.") or " 76." in block.text for block in document.blocks)
    # PDFium's U+FFFE for a hyphen comes out as a hyphen.
    assert any("existing sub-categories" in block.text for block in document.blocks)


def test_real_pdf_symbol_font_bullets_become_bullets() -> None:
    document = read(real("us-chicago-ssa21-commission-2018-01-29.pdf"))

    bullet = "\u2022 Meeting called to order at 9:08am \u2013 M. Prest (motion), C. Dallas (second)"
    assert bullet in texts(document)
    assert not any("\uf0b7" in text or "\uf0a7" in text for text in texts(document))


def test_real_docx_disposition_tables_in_reading_order() -> None:
    document = read(real("ca-winnipeg-city-council-2015-03-25-disposition.docx"))
    rows = [block.text for block in document.blocks if block.kind == "table_row"]

    assert "1 | Rezoning \u2013 260 Wellington Crescent \u2013 DAZ 235/2014 | ADOPTED" in rows
    report = texts(document).index("REPORT OF THE EXECUTIVE POLICY COMMITTEE dated March 4, 2015")
    assert texts(document)[report + 1].startswith("1 | Rezoning")
    assert "MOTION | MOVER & SECONDER | SUBJECT | DISPOSITION" in rows


def test_real_html_item_numbers_stay_with_their_titles() -> None:
    document = read(real("us-walnut-creek-city-council-2022-05-17.html"))
    rows = [block.text for block in document.blocks if block.kind == "table_row"]

    opening = rows.index("1. | OPENING AND PUBLIC COMMUNICATIONS")
    assert opening < rows.index("2. | CLOSED SESSION (not on video)")
    assert "a. | PLEDGE OF ALLEGIANCE" in rows
    assert not any("font-family" in text or "text-transform" in text for text in texts(document))


def test_real_markdown_unescapes_item_references() -> None:
    document = read(real("uk-nhs-lch-trust-board-2025-06-05.md"))

    assert "2025-26 (4ai)" in texts(document)
    assert not any("**" in text or "\\(" in text for text in texts(document))
