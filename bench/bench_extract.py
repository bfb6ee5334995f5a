"""Extraction benchmark: accuracy on labelled minutes, and throughput on a 300-page PDF.

    uv run python bench/bench_extract.py [MINUTES_FOLDER] [--pages 300] [--no-throughput]

Accuracy: every document in MINUTES_FOLDER (default ../shared/data/minutes from the repository
root) is read and extracted; predictions go to bench/out/extract-predictions.jsonl (never into the
minutes folder, which is read-only in CI) and, when the evaluation scorer is present
(MINUTES_FOLDER/../../eval/score_minutes.py), its per-document lines and overall figures are printed.

Throughput: the folder's PDFs are concatenated page by page (pypdfium2 ``PdfDocument.new`` +
``import_pages``) into a PAGES-page PDF in bench/out/. Raw pypdfium2 text extraction (every page's
text) is timed against the whole pipeline (``ingest.read`` + ``extract``); both in pages per second,
best of three runs. The target is a ratio of at least 0.5.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MINUTES = ROOT.parent / "shared" / "data" / "minutes"
OUT = ROOT / "bench" / "out"
PREDICTIONS = OUT / "extract-predictions.jsonl"
TARGET_RATIO = 0.5
RUNS = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("minutes", nargs="?", type=Path, default=DEFAULT_MINUTES, help="folder of minutes")
    parser.add_argument("--pages", type=int, default=300, help="pages in the throughput PDF (default 300)")
    parser.add_argument("--no-throughput", action="store_true", help="skip the throughput measurement")
    args = parser.parse_args(argv)
    if not args.minutes.is_dir():
        print(f"bench_extract: no minutes folder at {args.minutes}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    accuracy(args.minutes)
    if not args.no_throughput:
        throughput(args.minutes, args.pages)
    return 0


def accuracy(minutes: Path) -> None:
    from traction_analysis.extract.batch import document_paths, extract_many

    paths = document_paths([minutes])
    started = time.perf_counter()
    with PREDICTIONS.open("w", encoding="utf-8") as out:
        for path, result in extract_many(paths):
            if isinstance(result, Exception):
                print(f"  could not read {Path(path).name}: {result}")
                continue
            out.write(result.to_json() + "\n")
    elapsed = time.perf_counter() - started
    print(f"== accuracy: {len(paths)} documents in {elapsed:.1f}s; predictions in {PREDICTIONS.relative_to(ROOT)}")
    scorer = minutes.parent.parent / "eval" / "score_minutes.py"
    if not scorer.exists():
        print(f"   (no scorer at {scorer}; figures not computed)")
        return
    command = [sys.executable, str(scorer), str(PREDICTIONS), str(minutes), "--per-doc"]
    print("   $ " + " ".join(command))
    print(subprocess.run(command, capture_output=True, text=True, check=False).stdout)


def throughput(minutes: Path, pages: int) -> None:
    sources = sorted(minutes.glob("*.pdf"))
    if not sources:
        print("== throughput: no PDF in the minutes folder to build the test document from")
        return
    big = build_pdf(sources, pages, OUT / f"bench-{pages}-pages.pdf")
    raw = best_of(lambda: raw_text(big))
    pipeline = best_of(lambda: read_and_extract(big))
    raw_rate, pipeline_rate = pages / raw, pages / pipeline
    ratio = pipeline_rate / raw_rate
    print(f"== throughput on {big.relative_to(ROOT)} ({pages} pages, from {', '.join(s.name for s in sources)})")
    print(f"   raw pypdfium2 text:        {raw_rate:8.1f} pages/s  ({raw:.2f}s)")
    print(f"   read + extract pipeline:   {pipeline_rate:8.1f} pages/s  ({pipeline:.2f}s)")
    print(f"   ratio: {ratio:.2f} (target >= {TARGET_RATIO}) {'OK' if ratio >= TARGET_RATIO else 'BELOW TARGET'}")


def build_pdf(sources: list[Path], pages: int, target: Path) -> Path:
    """A ``pages``-page PDF made of the sources' pages, repeated in turn."""
    import pypdfium2 as pdfium

    new = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(source)) for source in sources]
    try:
        while len(new) < pages:
            for source in opened:
                wanted = min(len(source), pages - len(new))
                if wanted <= 0:
                    break
                new.import_pages(source, list(range(wanted)))
        new.save(str(target))
    finally:
        for source in opened:
            source.close()
        new.close()
    return target


def raw_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def read_and_extract(path: Path) -> None:
    from traction_analysis.extract import extract
    from traction_analysis.ingest import read

    extract(read(str(path)))


def best_of(run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


if __name__ == "__main__":
    sys.exit(main())
