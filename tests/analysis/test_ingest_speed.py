"""The PDF reader keeps at least half the pace of bare PDFium text extraction."""
from __future__ import annotations

import time
from collections.abc import Callable

import pypdfium2 as pdfium

from traction_analysis.ingest import read

ROUNDS = 7
PdfMaker = Callable[..., bytes]


def extract_only(data: bytes) -> None:
    pdf = pdfium.PdfDocument(data)
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def best_time(function: Callable[[bytes], object], data: bytes) -> float:
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        function(data)
        timings.append(time.perf_counter() - started)
    return min(timings)  # the least disturbed run: other processes only ever add time


def test_pdf_reader_is_at_least_half_as_fast_as_raw_extraction(pdf_maker: PdfMaker) -> None:
    # Dense pages (50 short lines each) make per-line overhead show up if there is any.
    pages = [[f"{page}.{line} RESOLVED that the report be noted and actions agreed" for line in range(50)]
             for page in range(40)]
    data = pdf_maker(pages)
    read(data)  # warm up both paths
    extract_only(data)

    raw, ours = best_time(extract_only, data), best_time(read, data)

    assert ours <= 2 * raw, f"reader {len(pages) / ours:.0f} pages/s vs raw {len(pages) / raw:.0f} pages/s"
