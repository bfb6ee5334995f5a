"""Fuzz the document readers: mutated PDF, DOCX, HTML, XML and Markdown through the worker's reader.

    nice -n 19 uv run python bench/fuzz_readers.py --per-format 200 --seed 1 --jobs 2
    nice -n 19 uv run python bench/fuzz_readers.py --per-format 10000 --seed 1 --jobs 2
    uv run python bench/fuzz_readers.py --per-format 50 --format docx --format xml
    uv run python bench/fuzz_readers.py --per-format 5000 --first 5000 --seed 1 --out bench/out/part2
        # files 5000-9999 of the 10,000-file run: a run in two parts

Seeds are small real files: the published minutes under ``shared/corpus`` and ``../shared/data/minutes``
(the smallest few of each format, when present), the ModernGov XML of ``tests/imports/fixtures``, and a
tiny document of each format built here, so the run works without the corpus. Every mutated file is
derived from ``--seed``, its format and its number alone: the same command makes the same files whatever
``--jobs`` is.

Each file goes through the reader entry point the background worker uses
(``traction_analysis.ingest.reader.read``), in worker processes started, capped and killed by the same
pool as the worker's (``traction_analysis.ingest.batch``: the address-space cap of
``Limits.max_memory_bytes``, the deadline of ``Limits.seconds_per_document``; a fresh worker replaces one
that was killed or died). Each file ends as one of:

  ok          read
  refused     the reader's own error (an ``IngestError`` subclass raised on purpose, with its message)
  memory      refused as too large for the memory cap (MemoryError turned into TooLarge)
  unforeseen  a parser failure the reader did not foresee, turned into the generic CorruptDocument only
              by the last-resort handler in ``read`` — the person is told nothing useful: a defect
  uncaught    any other exception escaping ``read``: a defect
  hang        killed at the time cap: a defect
  died        the worker process died (a C parser crash, or the memory cap hit inside C): a defect

Defective inputs are kept under ``bench/out/fuzz-failures/`` (git-ignored) with a ``.txt`` naming the
mutation and the error. The report goes to ``bench/out/fuzz-readers.json`` and a table is printed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import time
import traceback
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from traction_analysis.errors import CorruptDocument, IngestError, TimedOut, TooLarge  # noqa: E402
from traction_analysis.ingest import batch  # noqa: E402
from traction_analysis.limits import DEFAULT_LIMITS, Limits  # noqa: E402

OUT = HERE / "out"
FORMATS = ("pdf", "docx", "html", "xml", "markdown")
EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "xml": ".xml", "markdown": ".md"}
SEED_DIRS = (
    ROOT / "shared" / "corpus",
    ROOT.parent / "shared" / "data" / "minutes",
    ROOT / "tests" / "imports" / "fixtures",
)
SEED_SUFFIXES = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "html": (".html", ".htm"),
    "xml": (".xml",),
    "markdown": (".md",),
}
SEEDS_PER_FORMAT = 4
SEED_MAX_BYTES = 160_000
DEFECTS = ("unforeseen", "uncaught", "hang", "died")


# --- seeds ------------------------------------------------------------------------------------


def tiny_pdf() -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (Minutes: 1. Apologies. RESOLVED that the plan be approved.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_docx() -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        for text in ("Minutes of the board", "1. Apologies", "RESOLVED that the plan be approved.")
    )
    return zip_of(
        {
            "[Content_Types].xml": (
                b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                b"officedocument.wordprocessingml."
                b'document.main+xml"/></Types>'
            ),
            "_rels/.rels": (
                b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                b"</Relationships>"
            ),
            "word/document.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'
            ).encode(),
        }
    )


TINY = {
    "pdf": tiny_pdf,
    "docx": tiny_docx,
    "html": lambda: (
        b"<html><body><h1>Minutes</h1><ol><li>Apologies</li><li><p>RESOLVED that the plan be approved.</p>"
        b"</li></ol></body></html>"
    ),
    "xml": lambda: (
        b'<?xml version="1.0"?><getmeeting><meeting><committeetitle>Board</committeetitle>'
        b"<meetingdate>10/02/2026</meetingdate>"
        b"<agendaitems><agendaitem><agendaitemnumber>1</agendaitemnumber><agendaitemtitle>Apologies</agendaitemtitle>"
        b"<minutesnonemptyhtmlbody>&lt;p&gt;RESOLVED that the plan be approved.&lt;/p&gt;"
        b"</minutesnonemptyhtmlbody>"
        b"</agendaitem></agendaitems></meeting></getmeeting>"
    ),
    "markdown": lambda: (
        b"# Minutes of the board\n\n## 1. Apologies\n\n- None\n\n## 2. Plan\n\n"
        b"**RESOLVED** that the plan be approved.\n"
    ),
}


def seeds(fmt: str) -> list[tuple[str, bytes]]:
    found: list[Path] = []
    for folder in SEED_DIRS:
        if folder.is_dir():
            found += [
                p
                for p in folder.rglob("*")
                if p.is_file()
                and p.name.lower().endswith(SEED_SUFFIXES[fmt])
                and p.stat().st_size <= SEED_MAX_BYTES
                and (fmt != "xml" or b"<agendaitem" in p.read_bytes())
            ]
    chosen = sorted(found, key=lambda p: (p.stat().st_size, p.name))[:SEEDS_PER_FORMAT]
    return [("tiny", TINY[fmt]())] + [(p.name, p.read_bytes()) for p in chosen]


# --- mutations --------------------------------------------------------------------------------


def zip_of(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


INTERESTING = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\r",
    b"\r\n",
    b"\x0c",
    b"\x1b[2J",
    b"<",
    b">",
    b"&",
    b"]]>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"%",
    b"\\",
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b"0",
    b"-1",
    b"4294967296",
    b"99999999999999999999",
    b"1e308",
    b"NaN",
    b"\xe2\x80\xae",
    b"\xf4\x8f\xbf\xbf",
]


def byte_flips(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 4, 16, 64))):
        if out:
            at = rng.randrange(len(out))
            out[at] = rng.randrange(256) if rng.random() < 0.5 else out[at] ^ (1 << rng.randrange(8))
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def duplicate_chunk(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(max(1, len(data)))
    chunk = data[start : start + rng.randrange(1, 4096)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk * rng.choice((1, 2, 10, 100)) + data[at:]


def delete_chunk(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(max(1, len(data)))
    return data[:start] + data[start + rng.randrange(1, 4096) :]


def insert_random(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        piece = rng.choice(INTERESTING) * rng.choice((1, 3, 1000))
    else:
        piece = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 256)))
    return data[:at] + piece + data[at:]


GENERIC = [byte_flips, truncate, duplicate_chunk, delete_chunk, insert_random]


def deep_nesting(rng: random.Random, data: bytes, tags: tuple[bytes, ...]) -> bytes:
    tag = rng.choice(tags)
    depth = rng.choice((300, 3000, 30000, 300000))
    nest = b"<" + tag + b">" * 1
    nested = nest * depth + b"deep" + (b"</" + tag + b">") * (depth if rng.random() < 0.5 else 0)
    at = _after_tag(rng, data)
    return data[:at] + nested + data[at:]


def _after_tag(rng: random.Random, data: bytes) -> int:
    ends = [i + 1 for i in range(len(data)) if data[i] == 0x3E][:2000]  # '>'
    return rng.choice(ends) if ends else 0


LAUGHS = (
    b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %c "%s">' % (name, b"&%c;" % (name - 1) * 10) for name in b"bcdefgh")
    + b"]>"
)
ENTITY_TRICKS = [
    # billion laughs, quadratic blow-up, external entities, parameter entities, bogus references
    LAUGHS,
    b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]>',
    b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]>',
    b'<!DOCTYPE r SYSTEM "http://127.0.0.1:1/r.dtd">',
    b'<!DOCTYPE r [<!ENTITY big "' + b"B" * 50000 + b'">]>',
]
ENTITY_REFS = [
    b"&x;",
    b"&big;" * 1000,
    b"&h;",
    b"&#0;",
    b"&#x110000;",
    b"&#99999999999999999999;",
    b"&#xD800;",
    b"&amp" * 1000,
    b"&nosuch;",
]


def entity_trick(rng: random.Random, data: bytes) -> bytes:
    doctype = rng.choice(ENTITY_TRICKS)
    body = data.partition(b"?>")[2] if data.lstrip().startswith(b"<?xml") else data
    prologue = b'<?xml version="1.0"?>' if rng.random() < 0.5 else b""
    at = _after_tag(rng, body)
    ref = rng.choice(ENTITY_REFS)
    if b"ENTITY big" in doctype:
        ref = b"&big;" * rng.choice((1, 100, 1000))
    elif b"ENTITY h" in doctype:
        ref = b"&h;"
    return prologue + doctype + body[:at] + ref + body[at:]


def encoding_trick(rng: random.Random, data: bytes) -> bytes:
    name = rng.choice(
        (b"utf-16", b"utf-32", b"ebcdic-cp-us", b"x-nonsense", b"iso-2022-jp", b"utf-7", b"", b"\x00")
    )
    if rng.random() < 0.5:
        return b'<?xml version="1.0" encoding="' + name + b'"?>' + data.split(b"?>", 1)[-1]
    return b'<meta charset="' + name + b'">' + data


def attribute_flood(rng: random.Random, data: bytes) -> bytes:
    at = _after_tag(rng, data)
    count = rng.choice((100, 10000, 100000))
    attrs = (
        b" ".join(b'a%d="x"' % i for i in range(count))
        if rng.random() < 0.5
        else b'a="' + b"x" * count * 10 + b'"'
    )
    return data[:at] + b"<span " + attrs + b">x</span>" + data[at:]


def markup(tags: tuple[bytes, ...]) -> list[Callable[[random.Random, bytes], bytes]]:
    return [lambda rng, data: deep_nesting(rng, data, tags), entity_trick, encoding_trick, attribute_flood]


def markdown_trick(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice((100, 10000, 200000))
    piece = rng.choice(
        (
            b"> " * depth + b"quote\n",
            b"".join(b"  " * i + b"- item\n" for i in range(min(depth, 3000))),
            b"#" * depth + b" heading\n",
            b"|" * depth + b"\n" + b"|---" * min(depth, 5000) + b"\n",
            b"[" * depth + b"link" + b"](" * depth,
            b"*" * depth + b"bold" + b"_" * depth,
            b"`" * depth + b"\n",
            b"x" * depth * 10 + b"\n",
            b"\n" * depth,
            b"1. " * depth + b"\n",
        )
    )
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


# -- PDF


def pdf_xref(rng: random.Random, data: bytes) -> bytes:
    choice = rng.randrange(6)
    at = data.rfind(b"startxref")
    if choice == 0 and at >= 0:  # point startxref anywhere
        end = data.find(b"%%EOF", at)
        return (
            data[: at + 9]
            + b"\n%d\n" % rng.randrange(-10, len(data) * 2)
            + data[end if end >= 0 else len(data) :]
        )
    if choice == 1:  # remove the xref keyword / table
        return data.replace(b"xref", b"xreg", 1) if rng.random() < 0.5 else data.replace(b"startxref", b"", 1)
    if choice == 2:  # scramble xref offsets
        out = bytearray(data)
        table = data.find(b"\nxref")
        for _ in range(rng.randrange(1, 20)):
            if table >= 0:
                pos = rng.randrange(table, min(len(out), table + 2000))
                if chr(out[pos]).isdigit():
                    out[pos] = ord(str(rng.randrange(10)))
        return bytes(out)
    if choice == 3:  # /Size, /Count, /Prev absurd
        key = rng.choice((b"/Size", b"/Count", b"/Prev", b"/Root", b"/Length", b"/N", b"/First"))
        value = rng.choice(
            (b" -1", b" 0", b" 2147483648", b" 99999999", b" 3 0 R", b" 1 0 R", b" /Name", b" [0 0 R]")
        )
        at = data.find(key)
        if at >= 0:
            end = at + len(key)
            while end < len(data) and data[end : end + 1] in b" 0123456789R":
                end += 1
            return data[:at] + key + value + data[end:]
        return data
    if choice == 4:  # a page tree that loops
        return data.replace(b"/Kids [", b"/Kids [2 0 R 1 0 R ", 1).replace(b"/Parent", b"/Parent 3 0 R /P", 1)
    return data.replace(b"trailer", b"trailer\n<< /Prev 0 >>\ntrailer", 1) + b"\nstartxref\n0\n%%EOF\n"


def pdf_stream(rng: random.Random, data: bytes) -> bytes:
    starts = list(_find_all(data, b"stream"))[:500]
    if not starts:
        return byte_flips(rng, data)
    at = rng.choice(starts) + 6
    choice = rng.randrange(5)
    if choice == 0:  # flip bytes inside the (compressed) stream
        out = bytearray(data)
        for _ in range(rng.randrange(1, 32)):
            pos = min(len(out) - 1, at + rng.randrange(1, 4096))
            out[pos] = rng.randrange(256)
        return bytes(out)
    if choice == 1:  # a lying /Length
        return data.replace(b"/Length ", b"/Length %d" % rng.choice((0, 1, 10**9, 2**31)) + b" 0 ", 1)
    if choice == 2:  # change the filter
        filt = rng.choice(
            (
                b"/FlateDecode",
                b"/LZWDecode",
                b"/ASCIIHexDecode",
                b"/ASCII85Decode",
                b"/RunLengthDecode",
                b"/DCTDecode",
                b"/JBIG2Decode",
                b"[/FlateDecode /FlateDecode]",
            )
        )
        if b"/Filter" in data:
            at = data.find(b"/Filter")
            end = at + 7
            while end < len(data) and data[end : end + 1] not in (b"/", b">", b"\n") or end == at + 7:
                end += 1
                if end - at > 40:
                    break
            return data[:at] + b"/Filter " + filt + data[end:]
        return data.replace(b"/Length", b"/Filter " + filt + b" /Length", 1)
    if choice == 3:  # cut the stream short, keep the rest
        return data[:at] + data[at + rng.randrange(1, 2048) :]
    # a flate bomb as a content stream
    bomb = zlib.compress(b"0 0 m 1 1 l S\n" * rng.choice((1000, 100000, 1000000)), 9)
    return data.replace(
        b"stream", b"stream\n" + bomb + b"\nendstream\nendobj\n9999 0 obj << /Length 0 >>\nstream", 1
    )


def _find_all(data: bytes, needle: bytes) -> Iterator[int]:
    at = data.find(needle)
    while at >= 0:
        yield at
        at = data.find(needle, at + 1)


# -- DOCX


def docx_entry(rng: random.Random, data: bytes) -> bytes:
    """Mutate what is inside the archive, so the container checks pass and the XML is exercised."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:
        return byte_flips(rng, data)
    names = sorted(entries)
    main = "word/document.xml" if "word/document.xml" in entries else rng.choice(names)
    target = main if rng.random() < 0.6 else rng.choice(names)
    choice = rng.randrange(8)
    if choice == 0:
        del entries[target]
    elif choice == 1:  # a bomb-ish entry: highly compressible, within the unpacked budget or not
        size = rng.choice((10, 60, 150, 250)) * 1024 * 1024
        entries[rng.choice(("word/media/image1.png", "word/document.xml", "docProps/custom.xml"))] = (
            b"\x00" * size
        )
    elif choice == 2:
        entries[target] = deep_nesting(
            rng, entries[target], (b"w:p", b"w:r", b"w:tbl", b"w:sdt", b"w:tc", b"w:customXml")
        )
    elif choice == 3:
        entries[target] = entity_trick(rng, entries[target])
    elif choice == 4:
        entries[target] = rng.choice(GENERIC)(rng, entries[target])
    elif choice == 5:  # structure: odd numbering/styles/relationships
        entries[rng.choice(("word/numbering.xml", "word/styles.xml", "word/_rels/document.xml.rels"))] = (
            rng.choice(
                (b"", b"<x/>", b"<?xml version='1.0'?>", entries.get(main, b"")[:200], b"\xff\xfe<\x00")
            )
        )
    elif choice == 6:  # numbering references to nowhere, huge levels
        entries[main] = entries[main].replace(
            b"<w:pPr>",
            rng.choice(
                (
                    b'<w:pPr><w:numPr><w:ilvl w:val="99999999999"/><w:numId w:val="-1"/></w:numPr>',
                    b'<w:pPr><w:pStyle w:val="x"/>',
                    b'<w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr>',
                )
            ),
            rng.choice((1, 10, 1000)),
        )
    else:
        entries[target] = attribute_flood(rng, entries[target])
    method = zipfile.ZIP_STORED if rng.random() < 0.1 else zipfile.ZIP_DEFLATED
    return zip_of(entries, method)


MUTATORS: dict[str, list[Callable[[random.Random, bytes], bytes]]] = {
    "pdf": [*GENERIC, pdf_xref, pdf_xref, pdf_stream, pdf_stream],
    "docx": [*GENERIC, docx_entry, docx_entry, docx_entry, docx_entry, docx_entry],
    "html": [*GENERIC, *markup((b"div", b"table", b"ol", b"li", b"p", b"b", b"td"))],
    "xml": [*GENERIC, *markup((b"agendaitem", b"meeting", b"x", b"agendaitems"))],
    "markdown": [*GENERIC, markdown_trick, markdown_trick],
}


def mutate(fmt: str, seed: int, number: int, pool: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    rng = random.Random(f"{seed}:{fmt}:{number}")
    name, data = rng.choice(pool)
    steps = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        mutator = rng.choice(MUTATORS[fmt])
        data = mutator(rng, data)
        steps.append(getattr(mutator, "__name__", "mutator").replace("<lambda>", "deep_nesting"))
    return data, f"{name}: {' + '.join(steps)}"


# --- the worker -------------------------------------------------------------------------------


def _peak_rss_reset() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (Linux)
    except OSError:
        pass


def _peak_rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _fuzz_worker_main(connection: Connection, limits: Limits) -> None:
    """``batch._worker_main`` with the outcome classified and timed in the worker."""
    from traction_analysis.ingest import reader

    batch._cap_memory(limits.max_memory_bytes)
    connection.send(batch._READY)
    while (task := connection.recv()) is not None:
        index, path = task
        _peak_rss_reset()
        started = time.perf_counter()
        outcome: dict[str, Any]
        try:
            document = reader.read(path, limits=limits)
            outcome = {"outcome": "ok", "detail": document.format}
        except IngestError as error:
            outcome = _classify(error, reader)
        except Exception as error:
            outcome = {"outcome": "uncaught", "detail": _describe(error)}
        outcome["seconds"] = time.perf_counter() - started
        outcome["rss_kb"] = _peak_rss_kb()
        connection.send((index, outcome))


def _classify(error: IngestError, reader: Any) -> dict[str, Any]:
    if isinstance(error, TooLarge) and str(error) == reader.OUT_OF_MEMORY:
        return {"outcome": "memory", "detail": "TooLarge: out of memory"}
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    raised_by_catch_all = tb is not None and tb.tb_frame.f_code is reader.read.__code__
    cause = error.__cause__
    if isinstance(error, CorruptDocument) and raised_by_catch_all and cause is not None:
        return {"outcome": "unforeseen", "detail": _describe(cause)}
    return {"outcome": "refused", "detail": f"{type(error).__name__}: {str(error)[:80]}"}


def _describe(error: BaseException) -> str:
    where = traceback.extract_tb(error.__traceback__)[-3:]
    frames = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(where))
    return f"{type(error).__module__}.{type(error).__qualname__}: {str(error)[:120]} [{frames}]"


class FuzzPool(batch._Pool):
    """The worker's pool (deadline, kill, replacement), with the classifying worker."""

    def _start_worker(self) -> None:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_fuzz_worker_main, args=(child, self.limits), daemon=True)
        process.start()
        child.close()
        self.workers.append(batch._Worker(process, parent))


# --- the run ----------------------------------------------------------------------------------


@dataclass
class Tally:
    files: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    defects: list[dict[str, Any]] = field(default_factory=list)
    max_rss_kb: int = 0
    max_seconds: float = 0.0
    started: float = field(default_factory=time.monotonic)
    wall_seconds: float = 0.0


def outcome_of(result: Any) -> dict[str, Any]:
    if isinstance(result, dict):
        return result
    if isinstance(result, TimedOut):
        return {"outcome": "hang", "detail": str(result), "seconds": None, "rss_kb": 0}
    return {"outcome": "died", "detail": str(result), "seconds": None, "rss_kb": 0}


def run(
    formats: list[str],
    per_format: int,
    seed: int,
    jobs: int,
    limits: Limits,
    out: Path = OUT,
    first: int = 0,
) -> dict[str, Tally]:
    scratch, failures = out / "fuzz-tmp", out / "fuzz-failures"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    failures.mkdir(parents=True, exist_ok=True)
    tallies = {fmt: Tally() for fmt in formats}
    labels: dict[str, tuple[str, int, str]] = {}

    def files() -> Iterator[str]:
        for fmt in formats:
            pool = seeds(fmt)
            tallies[fmt].started = time.monotonic()
            for number in range(first, first + per_format):
                data, label = mutate(fmt, seed, number, pool)
                path = scratch / f"{fmt}-{number}{EXTENSIONS[fmt]}"
                path.write_bytes(data)
                labels[str(path)] = (fmt, number, label)
                yield str(path)

    pool = FuzzPool(batch._context(), limits, jobs)
    done = 0
    try:
        for path, result in pool.run(files()):
            fmt, number, label = labels.pop(path)
            tally = tallies[fmt]
            outcome = outcome_of(result)
            kind = outcome["outcome"]
            tally.files += 1
            tally.counts[kind] += 1
            tally.wall_seconds = time.monotonic() - tally.started
            tally.max_rss_kb = max(tally.max_rss_kb, outcome["rss_kb"])
            if outcome["seconds"] is not None:
                tally.max_seconds = max(tally.max_seconds, outcome["seconds"])
            if kind == "refused":
                tally.refusals[outcome["detail"].split(":", 1)[0]] += 1
            if kind in DEFECTS:
                kept = failures / f"seed{seed}-{Path(path).name}"
                shutil.move(path, kept)
                kept.with_name(kept.name + ".txt").write_text(f"{kind}\n{label}\n{outcome['detail']}\n")
                tally.defects.append(
                    {
                        "file": str(kept),
                        "outcome": kind,
                        "mutation": label,
                        "detail": outcome["detail"],
                    }
                )
            else:
                os.unlink(path)
            done += 1
            if done % 500 == 0:
                print(
                    f"  {done} files ({fmt} {number + 1 - first}/{per_format})", file=sys.stderr, flush=True
                )
    finally:
        pool.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return tallies


COLUMNS = ("ok", "refused", "memory", "unforeseen", "uncaught", "hang", "died")


def table(tallies: dict[str, Tally], limits: Limits) -> str:
    head = ["format", "files", *COLUMNS, "max RSS MB", "max s", "wall s", "files/s"]
    rows = [head, ["---"] * len(head)]
    for fmt, t in tallies.items():
        rate = t.files / t.wall_seconds if t.wall_seconds else 0.0
        rows.append(
            [
                fmt,
                str(t.files),
                *(str(t.counts[c]) for c in COLUMNS),
                f"{t.max_rss_kb / 1024:.0f}",
                f"{t.max_seconds:.2f}",
                f"{t.wall_seconds:.0f}",
                f"{rate:.1f}",
            ]
        )
    memory = (limits.max_memory_bytes or 0) // 2**20
    caps = f"time cap {limits.seconds_per_document:g} s, memory cap {memory} MB (address space)"
    return "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n" + caps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-format", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--first", type=int, default=0, help="number of the first file (a run in parts: --first 5000 …)"
    )
    parser.add_argument(
        "--format", action="append", choices=FORMATS, help="repeat for several (default: all)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="report and kept failures (default bench/out)")
    parser.add_argument(
        "--seconds", type=float, default=DEFAULT_LIMITS.seconds_per_document, help="time cap per file"
    )
    args = parser.parse_args(argv)
    formats = args.format or list(FORMATS)
    limits = replace(DEFAULT_LIMITS, seconds_per_document=args.seconds)
    started = time.monotonic()
    tallies = run(formats, args.per_format, args.seed, args.jobs, limits, args.out, args.first)
    seconds = time.monotonic() - started
    report = {
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "per_format": args.per_format,
        "first": args.first,
        "seed": args.seed,
        "jobs": args.jobs,
        "seconds": round(seconds, 1),
        "load_average": os.getloadavg(),
        "limits": {
            "seconds_per_document": limits.seconds_per_document,
            "max_memory_bytes": limits.max_memory_bytes,
        },
        "formats": {
            fmt: {
                "files": t.files,
                **{c: t.counts[c] for c in COLUMNS},
                "refusals": dict(t.refusals.most_common()),
                "max_rss_mb": round(t.max_rss_kb / 1024, 1),
                "max_seconds": round(t.max_seconds, 3),
                "wall_seconds": round(t.wall_seconds, 1),
                "defects": t.defects,
            }
            for fmt, t in tallies.items()
        },
    }
    (args.out / "fuzz-readers.json").write_text(json.dumps(report, indent=2))
    print(table(tallies, limits))
    print(
        f"{sum(t.files for t in tallies.values())} files in {seconds:.0f} s; "
        f"load average {report['load_average']}"
    )
    defects = [d for t in tallies.values() for d in t.defects]
    for defect in defects[:40]:
        print(f"DEFECT {defect['outcome']}: {defect['file']} ({defect['mutation']}) {defect['detail']}")
    return 1 if defects else 0


if __name__ == "__main__":
    raise SystemExit(main())
