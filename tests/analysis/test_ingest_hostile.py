"""Hostile and broken input is normal: every case ends in a typed IngestError, quickly."""

from __future__ import annotations

import io
import random
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traction_analysis.document import Document
from traction_analysis.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    IngestError,
    NoTextLayer,
    TooLarge,
    UnreadableFile,
    UnsupportedFormat,
)
from traction_analysis.ingest import read, reader
from traction_analysis.ingest.detect import BINARY_CONTENT
from traction_analysis.ingest.docx import NO_BODY, NOT_WORD, TOO_MANY_ENTRIES, TOO_MUCH_UNPACKED, read_docx
from traction_analysis.ingest.html import TOO_MANY_ATTRIBUTES
from traction_analysis.ingest.pdf import BROKEN_PAGE, TOO_MANY_PAGES, TRUNCATED_PDF, read_pdf
from traction_analysis.ingest.source import TOO_LARGE_BYTES
from traction_analysis.limits import DEFAULT_LIMITS, Limits

MB = 1024 * 1024
PdfMaker = Callable[..., bytes]


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------


def test_encrypted_pdf(pdf_maker: PdfMaker) -> None:
    with pytest.raises(EncryptedDocument):
        read(pdf_maker([["Confidential minutes of the board"]], encrypted=True))


def test_truncated_pdf_is_corrupt_not_half_read(small_pdf: bytes) -> None:
    with pytest.raises(CorruptDocument) as raised:
        read(small_pdf[: len(small_pdf) * 2 // 3])
    assert str(raised.value) == TRUNCATED_PDF


def test_pdf_without_text_layer(pdf_maker: PdfMaker) -> None:
    with pytest.raises(NoTextLayer):
        read(pdf_maker([[], [], []]))
    with pytest.raises(NoTextLayer):  # a scan with stamped page numbers is still a scan
        read(pdf_maker([["1"], ["2"], ["3"]]))


def test_two_thousand_page_pdf_is_refused_before_extraction(pdf_maker: PdfMaker) -> None:
    huge = pdf_maker([["A line of text on every page"]] * 2000, shared_content=True)

    started = time.perf_counter()
    with pytest.raises(TooLarge) as raised:
        read(huge)
    assert time.perf_counter() - started < 0.5
    assert str(raised.value) == TOO_MANY_PAGES.format(pages=2000, limit=DEFAULT_LIMITS.max_pages)


def test_page_limit_is_the_limit(pdf_maker: PdfMaker) -> None:
    five = pdf_maker([[f"Page {n} of the minutes, with some words"] for n in range(1, 6)])

    assert read(five, limits=Limits(max_pages=5)).pages == 5
    with pytest.raises(TooLarge):
        read(five, limits=Limits(max_pages=4))


def test_a_page_tree_naming_something_that_is_not_a_page_is_refused_by_the_pdf_reader(
    pdf_maker: PdfMaker,
) -> None:
    """Found by bench/fuzz_readers.py: PDFium cannot load the page, and the PDF reader says which."""
    good = pdf_maker([["MINUTES of the Cabinet"], ["RESOLVED that the report be noted."]])
    kids = good.index(b"/Kids [") + len(b"/Kids [")
    second = good.index(b" 0 R", good.index(b" 0 R", kids) + 1)
    broken = good[: second - 1] + b"3" + good[second:]  # page 2 is now the font object
    assert broken != good

    with pytest.raises(CorruptDocument) as raised:
        read_pdf(broken, name="m.pdf", limits=DEFAULT_LIMITS)
    assert str(raised.value) == BROKEN_PAGE.format(page=2)


# --- DOCX and ZIP -----------------------------------------------------------------------------


def test_a_zip_directory_asking_for_an_unknown_zip_version_is_refused_by_the_docx_reader(
    small_docx: bytes,
) -> None:
    """Found by bench/fuzz_readers.py: zipfile raises NotImplementedError ("zip file version 8.4")."""
    damaged = bytearray(small_docx)
    entry = damaged.index(b"PK\x01\x02")  # the first central-directory record
    damaged[entry + 6 : entry + 8] = (84).to_bytes(2, "little")  # "version needed to extract": 8.4

    with pytest.raises(CorruptDocument) as raised:
        read_docx(bytes(damaged), name="m.docx", limits=DEFAULT_LIMITS)
    assert isinstance(raised.value.__cause__, NotImplementedError)


def test_truncated_docx(small_docx: bytes) -> None:
    with pytest.raises(CorruptDocument):
        read(small_docx[: len(small_docx) // 2], name="minutes.docx")


def test_zip_bomb_with_many_entries() -> None:
    entries = {"word/document.xml": b"<w:document/>"} | {f"word/media/{n}.bin": b"" for n in range(3000)}

    with pytest.raises(TooLarge) as raised:
        read(zip_bytes(entries), name="minutes.docx")
    assert str(raised.value) == TOO_MANY_ENTRIES.format(entries=3001, limit=DEFAULT_LIMITS.max_zip_entries)


def test_zip_bomb_with_a_huge_compressible_entry() -> None:
    bomb = zip_bytes({"word/document.xml": b"\0" * (8 * MB)})
    limits = Limits(max_unpacked_bytes=1 * MB)

    assert len(bomb) < 64 * 1024
    with pytest.raises(TooLarge) as raised:
        read(bomb, name="minutes.docx", limits=limits)
    assert str(raised.value) == TOO_MUCH_UNPACKED.format(limit=limits.max_unpacked_bytes)


def test_zip_bomb_that_lies_about_its_size_is_not_unpacked() -> None:
    """Declared sizes of 100 bytes, real content 8 MB: never more than the declared bytes are read."""
    bomb = bytearray(zip_bytes({"word/document.xml": b"\0" * (8 * MB)}))
    central = bomb.rfind(b"PK\x01\x02")
    struct.pack_into("<I", bomb, central + 24, 100)  # uncompressed size in the central directory
    struct.pack_into("<I", bomb, 22, 100)  # and in the local header

    started = time.perf_counter()
    with pytest.raises(IngestError):
        read(bytes(bomb), name="minutes.docx", limits=Limits(max_unpacked_bytes=1 * MB))
    assert time.perf_counter() - started < 0.5


def test_zip_that_is_not_a_word_document() -> None:
    spreadsheet = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})

    with pytest.raises(UnsupportedFormat) as raised:
        read(spreadsheet, name="minutes.docx")
    assert str(raised.value) == NOT_WORD


def test_password_protected_docx() -> None:
    # Word saves a protected .docx as an OLE container with these streams instead of a ZIP.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le")
    with pytest.raises(EncryptedDocument):
        read(ole, name="minutes.docx")


@pytest.mark.parametrize(
    "main_part",
    [b"<x/>", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
)
def test_a_main_part_without_a_document_body_is_refused_by_the_docx_reader(
    small_docx: bytes, main_part: bytes
) -> None:
    """Found by bench/fuzz_readers.py: python-docx gives such a root no ``body`` (AttributeError)."""
    with zipfile.ZipFile(io.BytesIO(small_docx)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["word/document.xml"] = main_part

    with pytest.raises(CorruptDocument) as raised:
        read_docx(zip_bytes(parts), name="m.docx", limits=DEFAULT_LIMITS)
    assert str(raised.value) == NO_BODY


# --- size, emptiness, garbage ------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    sparse = tmp_path / "board-pack.pdf"
    with sparse.open("wb") as handle:
        handle.truncate(10 * 1024 * MB)  # 10 GB on paper, nothing on disk

    started = time.perf_counter()
    with pytest.raises(TooLarge) as raised:
        read(sparse)
    assert time.perf_counter() - started < 0.5
    assert str(raised.value) == TOO_LARGE_BYTES.format(size=10 * 1024 * MB, limit=DEFAULT_LIMITS.max_bytes)


def test_bytes_over_the_size_limit(small_pdf: bytes) -> None:
    with pytest.raises(TooLarge):
        read(small_pdf, limits=Limits(max_bytes=len(small_pdf) - 1))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_with_no_size_is_read_only_up_to_the_limit() -> None:
    # st_size is 0 for devices and pipes: the bounded read, not the size check, must stop it.
    with pytest.raises(TooLarge):
        read("/dev/zero", limits=Limits(max_bytes=1000))


def test_a_file_exactly_at_the_limit_is_read_whole(tmp_path: Path, small_pdf: bytes) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(small_pdf)

    assert read(path, limits=Limits(max_bytes=len(small_pdf))).blocks == read(small_pdf).blocks


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "minutes.pdf"
    empty.write_bytes(b"")

    with pytest.raises(EmptyDocument):
        read(empty)
    with pytest.raises(EmptyDocument):
        read(b"")


def test_binary_garbage() -> None:
    garbage = random.Random(7).randbytes(20_000)

    with pytest.raises(UnsupportedFormat) as raised:
        read(garbage, name="minutes.txt")
    assert str(raised.value) == BINARY_CONTENT


@pytest.mark.parametrize("make_path", [lambda tmp: tmp / "missing.pdf", lambda tmp: tmp])
def test_missing_file_or_directory(tmp_path: Path, make_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnreadableFile):
        read(make_path(tmp_path))


# --- XML and HTML parser attacks ---------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<meeting><agendaitems><agendaitem><agendaitemnumber>1</agendaitemnumber>
<agendaitemtitle>&lol9;</agendaitemtitle></agendaitem></agendaitems></meeting>"""


def test_billion_laughs_is_not_expanded() -> None:
    started = time.perf_counter()
    with pytest.raises(IngestError):
        read(BILLION_LAUGHS, name="meeting.xml")
    assert time.perf_counter() - started < 0.5


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<meeting><agendaitems><agendaitem><agendaitemnumber>1</agendaitemnumber>"
        "<agendaitemtitle>Budget &x;</agendaitemtitle></agendaitem></agendaitems></meeting>"
    ).encode()

    document = read(xxe, name="meeting.xml")
    assert "TOP-SECRET" not in document.text
    assert document.blocks[0].title == "Budget"


def test_deeply_nested_html_does_not_blow_the_stack() -> None:
    nested = b"<html><body>" + b"<div>" * 50_000 + b"deep" + b"</div>" * 50_000 + b"</body></html>"

    try:
        document = read(nested, name="page.html")
    except IngestError:
        return
    assert isinstance(document, Document)


@pytest.mark.parametrize(
    ("name", "document"),
    [
        ("m.html", b"<html><body><h1>Board</h1><p{}>Noted.</p></body></html>"),
        ("m.md", b"# Board\n\n<p{}>Noted.</p>\n"),
    ],
)
def test_an_element_with_thousands_of_attributes_is_refused_before_parsing(
    name: str, document: bytes
) -> None:
    """Found by bench/fuzz_readers.py: libxml2's HTML parser takes tens of seconds over 100,000 attributes."""
    limits = Limits(max_html_attributes=50)
    flooded = document.replace(b"{}", b" " + b" ".join(b'a%d="x"' % n for n in range(51)))

    with pytest.raises(TooLarge) as raised:
        read(flooded, name=name, limits=limits)
    assert str(raised.value) == TOO_MANY_ATTRIBUTES.format(limit=50)
    assert read(document.replace(b"{}", b' class="a" id="b"'), name=name, limits=limits).blocks


def test_an_unforeseen_parser_failure_becomes_corrupt_document(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, **_: object) -> Document:
        raise IndexError("parser bug")

    monkeypatch.setitem(reader.READERS, "text", broken)
    with pytest.raises(CorruptDocument):
        read(b"plain minutes", name="m.txt")


# --- fuzz ---------------------------------------------------------------------------------------

MODERNGOV = b"""<?xml version="1.0" encoding="utf-8"?><meeting><meetingdate>10/02/2026</meetingdate>
<agendaitems><agendaitem><agendaitemnumber>1</agendaitemnumber><agendaitemtitle>Minutes</agendaitemtitle>
<minutesnonemptyhtmlbody>&amp;lt;p&amp;gt;RESOLVED that the minutes be approved.&amp;lt;/p&amp;gt;
</minutesnonemptyhtmlbody></agendaitem></agendaitems></meeting>"""
HTML_SEED = (
    b"<html><body><h1>Board</h1><table><tr><td>1.</td><td>Apologies</td></tr></table>"
    b"<p>Noted.</p></body></html>"
)
MARKDOWN_SEED = b"# Minutes\n\n**1. Apologies**\n\nNone \\(none\\).\n"


@pytest.fixture(scope="module")
def seeds(small_pdf: bytes, small_docx: bytes) -> list[bytes]:
    return [small_pdf, small_docx, HTML_SEED, MODERNGOV, MARKDOWN_SEED]


def mutate_inside_docx(docx: bytes, mutations: list[tuple[str, float, int]]) -> bytes:
    """Damage word/document.xml but keep the ZIP valid, so python-docx itself meets the damage
    (any change to the ZIP bytes is caught by its checksums before that)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["word/document.xml"] = mutate(parts["word/document.xml"], mutations)
    return zip_bytes(parts)


mutation = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
    st.tuples(st.just("truncate"), st.floats(0, 1, exclude_max=True), st.just(0)),
    st.tuples(st.just("delete"), st.floats(0, 1, exclude_max=True), st.integers(1, 64)),
    st.tuples(st.just("insert"), st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
)


def mutate(data: bytes, mutations: list[tuple[str, float, int]]) -> bytes:
    buffer = bytearray(data)
    for kind, where, value in mutations:
        at = int(where * len(buffer)) if buffer else 0
        if kind == "flip" and buffer:
            buffer[at] ^= value or 1
        elif kind == "truncate":
            del buffer[at:]
        elif kind == "delete":
            del buffer[at : at + value]
        elif kind == "insert":
            buffer[at:at] = bytes([value]) * 8
    return bytes(buffer)


# The suite-wide autouse fixtures in tests/conftest.py are function-scoped; nothing here depends on them
# being fresh per example, so Hypothesis' health check about them does not apply.
@settings(
    max_examples=150,
    deadline=2000,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.integers(0, 5),
    mutations=st.lists(mutation, min_size=1, max_size=6),
    name=st.sampled_from(["minutes.pdf", "minutes.docx", "minutes.html", "minutes.md", "upload"]),
)
def test_mutated_documents_raise_only_ingest_errors(
    seeds: list[bytes], seed: int, mutations: list[tuple[str, float, int]], name: str
) -> None:
    data = mutate_inside_docx(seeds[1], mutations) if seed == 5 else mutate(seeds[seed], mutations)
    try:
        document = read(data, name=name)
    except IngestError as error:
        assert str(error)
        return
    assert isinstance(document, Document) and document.sha256
