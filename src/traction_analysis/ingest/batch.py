"""``read_many``: many documents, each in a worker process that can be killed.

PDFium and libxml2 are C libraries; a hostile file can make them loop or crash the process.
Each document is therefore read in a worker process with a deadline. A worker that overruns is
killed (the document gives ``TimedOut``), one that dies gives ``CorruptDocument``, and a fresh
worker takes its place, so the rest of the batch carries on. ``concurrent.futures`` cannot do
this: its pools can neither kill one stuck task nor survive a crashed worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import TypeVar

from traction_analysis.document import Document
from traction_analysis.errors import CorruptDocument, IngestError, TimedOut
from traction_analysis.limits import DEFAULT_LIMITS, Limits

WORKER_CRASHED = "The reader stopped unexpectedly on this file; it is probably damaged."
TIMED_OUT = "Reading the document took longer than {seconds:g} seconds and was stopped."

PathT = TypeVar("PathT", str, os.PathLike[str])
Result = Document | IngestError

WORKERS_FAILED = "Could not start worker processes to read documents (see the errors they printed)."

_MAX_DEFAULT_WORKERS = 8
# Workers that die before they are ready point at the environment, not at a document.
_MAX_FAILED_STARTS = 3
_READY = "ready"
_STOP_GRACE_SECONDS = 2.0
# Documents dispatched ahead of the next one to hand back, per worker: keeps workers busy
# while bounding how many finished documents wait in memory behind a slow one.
_LOOKAHEAD_PER_WORKER = 4


def read_many(
    paths: Iterable[PathT], *, limits: Limits = DEFAULT_LIMITS, workers: int | None = None
) -> Iterator[tuple[PathT, Result]]:
    """Yield ``(path, Document or IngestError)`` for every path, in input order."""
    pool = _Pool(_context(), limits, workers or min(os.cpu_count() or 1, _MAX_DEFAULT_WORKERS))
    try:
        yield from pool.run(iter(paths))
    finally:
        pool.close()


def _context() -> ForkServerContext | SpawnContext:
    # Not "fork": forking a threaded web server can deadlock the child on a held lock.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _worker_main(connection: Connection, limits: Limits) -> None:
    from traction_analysis.ingest.reader import read  # imported here: the costly part of startup

    _cap_memory(limits.max_memory_bytes)
    _give_way()
    connection.send(_READY)
    while (task := connection.recv()) is not None:
        index, path = task
        try:
            result: Result = read(path, limits=limits)
        except IngestError as error:
            result = error
        connection.send((index, result))


READER_NICENESS = 10


def _give_way() -> None:
    """Read below the priority of the process that asked: on a machine that also serves pages, a long
    document gives way to people's requests (sign-ins, pages) instead of competing with them for the CPU."""
    try:
        os.nice(READER_NICENESS)
    except (AttributeError, OSError):  # not on this platform, or not permitted: read at the same priority
        pass


def _cap_memory(limit: int | None) -> None:
    """Cap the worker's address space: a document that needs more fails (``TooLarge`` from a
    MemoryError, or ``CorruptDocument`` if a C parser dies) instead of exhausting the machine."""
    if not limit:
        return
    try:
        import resource
    except ImportError:  # not on this platform (Windows): the deadline still applies
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > wanted:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection
    ready: bool = False
    task: int | None = None
    deadline: float = field(default=float("inf"))


class _Pool:
    def __init__(self, context: ForkServerContext | SpawnContext, limits: Limits, size: int) -> None:
        self.context = context
        self.limits = limits
        self.size = max(1, size)
        self.workers: list[_Worker] = []
        self.paths: dict[int, object] = {}
        self.results: dict[int, Result] = {}
        self.failed_starts = 0

    def run(self, paths: Iterator[PathT]) -> Iterator[tuple[PathT, Result]]:
        submitted = handed_back = 0
        exhausted = False
        while True:
            while not exhausted and submitted - handed_back < self.size * _LOOKAHEAD_PER_WORKER:
                path = next(paths, None)
                if path is None:
                    exhausted = True
                    break
                self.paths[submitted] = path
                submitted += 1
            self._dispatch(handed_back, submitted)
            while handed_back in self.results:
                yield self.paths.pop(handed_back), self.results.pop(handed_back)  # type: ignore[misc]
                handed_back += 1
            if handed_back == submitted:  # nothing in flight: take more paths, or stop
                if exhausted:
                    return
                continue  # waiting now would wait for ever: every dispatched document came back
            self._wait()

    def _dispatch(self, first: int, end: int) -> None:
        busy = {worker.task for worker in self.workers}
        waiting = [i for i in range(first, end) if i not in busy and i not in self.results]
        for index in waiting:
            worker = self._idle_worker()
            if worker is None:
                return
            worker.connection.send((index, self.paths[index]))
            worker.task = index
            worker.deadline = time.monotonic() + self.limits.seconds_per_document

    def _idle_worker(self) -> _Worker | None:
        for worker in self.workers:
            if worker.ready and worker.task is None:
                return worker
        if len(self.workers) < self.size:
            self._start_worker()
        return None

    def _start_worker(self) -> None:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, self.limits), daemon=True)
        process.start()
        child.close()
        self.workers.append(_Worker(process, parent))

    def _wait(self) -> None:
        deadline = min((w.deadline for w in self.workers if w.task is not None), default=float("inf"))
        timeout = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
        for connection in wait([w.connection for w in self.workers], timeout):
            self._receive(next(w for w in self.workers if w.connection is connection))
        now = time.monotonic()
        for worker in [w for w in self.workers if w.task is not None and w.deadline <= now]:
            seconds = self.limits.seconds_per_document
            self._retire(worker, TimedOut(TIMED_OUT.format(seconds=seconds)))

    def _receive(self, worker: _Worker) -> None:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):  # the worker died: killed by the OS, a segfault, …
            self._retire(worker, CorruptDocument(WORKER_CRASHED))
            if not worker.ready:
                self.failed_starts += 1
                if self.failed_starts >= _MAX_FAILED_STARTS:
                    raise RuntimeError(WORKERS_FAILED) from None
            return
        if message == _READY:
            worker.ready = True
            self.failed_starts = 0
            return
        index, result = message
        self.results[index] = result
        worker.task, worker.deadline = None, float("inf")

    def _retire(self, worker: _Worker, result: IngestError) -> None:
        if worker.task is not None:
            self.results[worker.task] = result
        self.workers.remove(worker)
        worker.process.kill()
        worker.process.join(_STOP_GRACE_SECONDS)
        worker.connection.close()

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):  # a worker that already died cannot be told to stop
                worker.connection.send(None)
        for worker in self.workers:
            worker.process.join(_STOP_GRACE_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(_STOP_GRACE_SECONDS)
            worker.connection.close()
        self.workers = []


class Reader:
    """One document at a time, through a worker process that is kept between documents and killed past
    its deadline — for a long-running service (the web app's background worker) that reads uploads.

    ``read`` blocks until the document is read, the deadline passes (``TimedOut``) or the worker dies
    (``CorruptDocument``); a fresh worker replaces a killed one on the next call. Thread-safe: calls
    are served one after another.
    """

    def __init__(self, *, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._pool: _Pool | None = None
        self._lock = threading.Lock()

    def read(self, path: str | os.PathLike[str]) -> Document:
        with self._lock:
            if self._pool is None:
                self._pool = _Pool(_context(), self.limits, 1)
            [(_, result)] = list(self._pool.run(iter([os.fspath(path)])))
        if isinstance(result, IngestError):
            raise result
        return result

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
