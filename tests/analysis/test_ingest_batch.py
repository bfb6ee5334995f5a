"""read_many: input order kept, and one bad, hung or crashing document never stops the batch."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from traction_analysis.document import Document
from traction_analysis.errors import (
    CorruptDocument,
    EncryptedDocument,
    IngestError,
    TimedOut,
    UnsupportedFormat,
)
from traction_analysis.ingest import read_many
from traction_analysis.ingest.batch import TIMED_OUT, WORKER_CRASHED
from traction_analysis.limits import Limits

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")


@pytest.fixture
def batch(tmp_path: Path, small_pdf: bytes, small_docx: bytes, pdf_maker: Callable[..., bytes]) -> list[Path]:
    files = {
        "a.pdf": small_pdf,
        "b.docx": small_docx,
        "c.pdf": pdf_maker([["Secret"]], encrypted=True),
        "d.txt": os.urandom(4096).replace(b"\0", b"\1") + b"\0",
        "e.md": b"# Minutes\n\nNoted.\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return [tmp_path / name for name in files]


def test_results_come_back_in_input_order_with_errors_in_place(batch: list[Path]) -> None:
    results = list(read_many(batch, workers=2))

    assert [path for path, _ in results] == batch
    kinds = [type(result) for _, result in results]
    assert kinds == [Document, Document, EncryptedDocument, UnsupportedFormat, Document]
    formats = [result.format for _, result in results if isinstance(result, Document)]
    assert formats == ["pdf", "docx", "markdown"]


def test_read_many_matches_read(batch: list[Path]) -> None:
    from traction_analysis.ingest import read

    first, result = next(read_many(batch[:1], workers=1))
    assert isinstance(result, Document)
    assert result.blocks == read(first).blocks and result.sha256 == read(first).sha256


@needs_fifo
def test_a_hung_document_times_out_and_the_batch_goes_on(tmp_path: Path, batch: list[Path]) -> None:
    hang = tmp_path / "hang.pdf"
    os.mkfifo(hang)  # opening a pipe with no writer blocks the reader for ever
    limits = Limits(seconds_per_document=1.0)

    results = dict(read_many([batch[0], hang, batch[4]], limits=limits, workers=1))

    assert isinstance(results[hang], TimedOut)
    assert str(results[hang]) == TIMED_OUT.format(seconds=1.0)
    assert isinstance(results[batch[0]], Document) and isinstance(results[batch[4]], Document)


@needs_fifo
def test_a_crashed_worker_gives_corrupt_document_and_the_batch_goes_on(
    tmp_path: Path, batch: list[Path]
) -> None:
    trap = tmp_path / "crash.pdf"
    os.mkfifo(trap)

    def crash_the_worker_once_it_has_the_file() -> None:
        with open(trap, "wb"):  # returns once the worker has opened the pipe for reading
            for child in multiprocessing.active_children():
                child.kill()

    killer = threading.Thread(target=crash_the_worker_once_it_has_the_file, daemon=True)
    killer.start()
    results = list(read_many([trap, batch[0]], workers=1))
    killer.join(5)

    assert isinstance(results[0][1], CorruptDocument) and str(results[0][1]) == WORKER_CRASHED
    assert isinstance(results[1][1], Document)


def test_empty_batch() -> None:
    assert list(read_many([])) == []


def test_a_document_needing_more_memory_than_the_cap_fails_and_the_batch_goes_on(
    tmp_path: Path, batch: list[Path]
) -> None:
    """The reader process's address space is capped: a document that needs more gives an IngestError
    (about 110 MB to read these 9 MB of text, against a cap of 80 MB), and the next one is read."""
    big = tmp_path / "big.txt"
    big.write_bytes(b"Paragraph of a long pack with words in it.\n" * 200_000)

    results = dict(
        read_many([batch[0], big, batch[4]], limits=Limits(max_memory_bytes=80 * 1024 * 1024), workers=1)
    )

    assert isinstance(results[big], IngestError), results[big]
    assert not isinstance(results[batch[0]], IngestError) and not isinstance(results[batch[4]], IngestError)
    unlimited = dict(read_many([big], limits=Limits(max_memory_bytes=None), workers=1))
    assert not isinstance(unlimited[big], IngestError)  # the same file reads when memory allows


@needs_fifo
def test_a_slow_document_whose_followers_all_finish_first_does_not_stall_the_batch(tmp_path: Path) -> None:
    """Found by bench/fuzz_readers.py: when every document dispatched came back while the first was still
    being read, the pool waited for a result with nothing in flight, for ever."""
    slow, last_in_window = tmp_path / "slow.md", tmp_path / "last.md"
    os.mkfifo(slow)
    os.mkfifo(last_in_window)
    quick = []
    for n in range(10):
        (tmp_path / f"{n}.md").write_bytes(b"# Minutes\n\nNoted.\n")
        quick.append(tmp_path / f"{n}.md")
    # Two workers look ahead 8 documents: the slow one, six quick ones, then the pipe that says the
    # other worker has reached the window's end; the rest come after.
    paths = [slow, *quick[:6], last_in_window, *quick[6:]]
    events = threading.Event()

    def feed_the_pipes() -> None:
        with open(last_in_window, "wb") as pipe:  # opens once a worker reads the window's last document
            pipe.write(b"# Minutes\n\nNoted.\n")
        events.wait(0.5)  # let that worker hand it back before the slow document ends
        with open(slow, "wb") as pipe:
            pipe.write(b"# Minutes\n\nNoted.\n")

    results: list[object] = []
    feeder = threading.Thread(target=feed_the_pipes, daemon=True)
    reader = threading.Thread(target=lambda: results.extend(read_many(paths, workers=2)), daemon=True)
    feeder.start()
    reader.start()
    reader.join(60)

    assert not reader.is_alive(), "read_many stalled"
    assert [path for path, _ in results] == paths  # type: ignore[misc]
    assert all(isinstance(result, Document) for _, result in results)  # type: ignore[misc]
