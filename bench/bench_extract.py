"""Extraction benchmark: accuracy on labelled minutes, and throughput on a 300-page PDF.

    uv run python bench/bench_extract.py [MINUTES_FOLDER] [--pages 300] [--no-throughput]

Accuracy: every document in MINUTES_FOLDER (default ../shared/data/minutes from the repository
root) is read and extracted; predictions go to bench/out/extract-predictions.jsonl (never into the
minutes folder, which is read-only in CI) and, when the evaluation scorer is present
(MINUTES_FOLDER/../../eval/score_minutes.py), its per-document lines and overall figures are printed.

Throughput: the folder's PDFs are concatenated page by page (pypdfium2 ``PdfDocument.new`` +
``import_pages``) into a PAGES-page PDF in bench/out/. Raw pypdfium2 text extraction (every page's
text) is timed against the whole pipeline (``ingest.read`` + ``extract``) on that same file, in
RUNS interleaved rounds (one of each per round, the order alternating, after one untimed warm-up
of each), so a load spike on a shared machine hits both sides alike. Printed: the median pages per
second of each, the ratio of the medians and the median of the per-round ratios (with its range).
The target is a ratio of at least 0.5.

The 300-page file repeats the folder's few PDFs, and its numbering restarts with each copy, so it is
not a typical document. For comparison the same interleaved timing is run over every PDF of the
labelled corpus (``shared/corpus``, ``bench/heldout`` and the minutes folder), each read and
extracted as a document of its own, as a partnership's uploads are: the ratio of real minutes, with
each document's fixed costs.

Memory: the pipeline runs once in a fresh process on a 300-page and on a 1000-page file; the
increase of the process's peak RSS over its size after imports (PDFium included) and the peak of
Python allocations (tracemalloc, a separate run) are printed, with the file size, so one can see
memory grow with the file (the text kept) and not with anything held per page.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MINUTES = ROOT.parent / "shared" / "data" / "minutes"
OUT = ROOT / "bench" / "out"
PREDICTIONS = OUT / "extract-predictions.jsonl"
TARGET_RATIO = 0.5
RUNS = 9
MEMORY_PAGES = (300, 1000)
MB = 1024 * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
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
    print(
        f"== accuracy: {len(paths)} documents in {elapsed:.1f}s; "
        f"predictions in {PREDICTIONS.relative_to(ROOT)}"
    )
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
    raw_times, pipeline_times = interleaved(lambda: raw_text(big), lambda: read_and_extract(big))
    raw, pipeline = statistics.median(raw_times), statistics.median(pipeline_times)
    raw_rate, pipeline_rate = pages / raw, pages / pipeline
    ratio = pipeline_rate / raw_rate
    # same round, same conditions
    paired = sorted(r / p for r, p in zip(raw_times, pipeline_times, strict=True))
    print(
        f"== throughput on {big.relative_to(ROOT)} ({pages} pages, from {', '.join(s.name for s in sources)})"
    )
    print(f"   median of {RUNS} interleaved rounds:")
    verdict = "OK" if ratio >= TARGET_RATIO else "BELOW TARGET"
    print(f"   raw pypdfium2 text:        {raw_rate:8.1f} pages/s  ({raw:.3f}s, best {min(raw_times):.3f}s)")
    print(
        f"   read + extract pipeline:   {pipeline_rate:8.1f} pages/s"
        f"  ({pipeline:.3f}s, best {min(pipeline_times):.3f}s)"
    )
    print(
        f"   ratio: {ratio:.2f} (target >= {TARGET_RATIO}) {verdict};"
        f" per round: median {statistics.median(paired):.2f}, range {paired[0]:.2f}-{paired[-1]:.2f}"
    )
    one_by_one(minutes)
    memory(sources)


def one_by_one(minutes: Path) -> None:
    """Raw text against the pipeline over the corpus's PDFs, each its own document (see the module's
    docstring)."""
    import pypdfium2 as pdfium

    folders = [ROOT / "shared" / "corpus", ROOT / "bench" / "heldout", minutes]
    found = {path.resolve() for folder in folders if folder.is_dir() for path in folder.rglob("*.pdf")}
    paths = sorted(found)
    if not paths:
        return
    pages = 0
    for path in paths:
        pdf = pdfium.PdfDocument(str(path))
        pages += len(pdf)
        pdf.close()

    def raw() -> None:
        for path in paths:
            raw_text(path)

    def pipeline() -> None:
        for path in paths:
            read_and_extract(path)

    raw_times, pipeline_times = interleaved(raw, pipeline)
    raw_median, pipeline_median = statistics.median(raw_times), statistics.median(pipeline_times)
    paired = sorted(r / p for r, p in zip(raw_times, pipeline_times, strict=True))
    print(f"== throughput one document at a time: {len(paths)} PDFs of the labelled corpus, {pages} pages")
    print(f"   raw pypdfium2 text:        {pages / raw_median:8.1f} pages/s  ({raw_median:.3f}s)")
    print(f"   read + extract pipeline:   {pages / pipeline_median:8.1f} pages/s  ({pipeline_median:.3f}s)")
    print(
        f"   ratio: {raw_median / pipeline_median:.2f};"
        f" per round: median {statistics.median(paired):.2f}, range {paired[0]:.2f}-{paired[-1]:.2f}"
    )


def interleaved(
    first: Callable[[], object], second: Callable[[], object], runs: int = RUNS
) -> tuple[list[float], list[float]]:
    """Seconds per call of each, from ``runs`` rounds of one call each, alternating which goes first."""
    first(), second()  # warm-up: imports, regex compilation, the file in the page cache
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(runs):
        order = (0, 1) if round_ % 2 == 0 else (1, 0)
        for which in order:
            run = first if which == 0 else second
            started = time.perf_counter()
            run()
            times[which].append(time.perf_counter() - started)
    return times


# Run in a fresh interpreter per figure. Linux's VmHWM (peak RSS) starts afresh at exec, where
# ru_maxrss keeps the parent's high-water mark; the latter is only the fallback elsewhere.
_MEMORY_PROBE = """
import resource, sys, tracemalloc
from traction_analysis.extract import extract
from traction_analysis.ingest import read

def rss(field):
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith(field))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

path, mode = sys.argv[1], sys.argv[2]
if mode == "tracemalloc":
    tracemalloc.start()
before = rss("VmRSS:")
extract(read(path))
print(tracemalloc.get_traced_memory()[1] if mode == "tracemalloc" else rss("VmHWM:") - before)
"""


def memory(sources: list[Path]) -> None:
    print("== memory of read + extract, one fresh process per figure:")
    for pages in MEMORY_PAGES:
        path = build_pdf(sources, pages, OUT / f"bench-{pages}-pages.pdf")
        rss, python = (int(_probe(path, mode)) for mode in ("rss", "tracemalloc"))
        size = path.stat().st_size
        print(
            f"   {pages:5d} pages, {size / MB:5.1f} MB file: peak RSS +{rss / MB:6.1f} MB,"
            f" Python allocations peak {python / MB:6.1f} MB ({python / pages / 1024:.0f} KB/page)"
        )


def _probe(path: Path, mode: str) -> str:
    command = [sys.executable, "-c", _MEMORY_PROBE, str(path), mode]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


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


if __name__ == "__main__":
    sys.exit(main())
