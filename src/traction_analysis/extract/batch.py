"""Extract many documents: walk folders, read each in a killable worker, extract in this process."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from traction_analysis.errors import IngestError
from traction_analysis.extract.engine import extract
from traction_analysis.extract.model import MeetingExtract
from traction_analysis.limits import DEFAULT_LIMITS, Limits

# Files that sit beside minutes in a folder but are not minutes.
SKIPPED_SUFFIXES = (".labels.json",)
SKIPPED_NAMES = frozenset({"readme.md", "readme.txt", "readme"})


def document_paths(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files named directly, plus every document file under the folders named (sorted, recursive).

    Inside folders, hidden files and folders, label files and READMEs are skipped; a file named
    directly is always taken, so a caller can point at any one file on purpose.
    """
    paths: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            paths.extend(str(found) for found in _walk(path))
        else:
            paths.append(str(path))
    return paths


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / name for name in sorted(files) if _is_document(name))
    return found


def _is_document(name: str) -> bool:
    lower = name.lower()
    return not (name.startswith(".") or lower.endswith(SKIPPED_SUFFIXES) or lower in SKIPPED_NAMES)


def extract_many(
    paths: Iterable[str], *, limits: Limits = DEFAULT_LIMITS, workers: int | None = None
) -> Iterator[tuple[str, MeetingExtract | IngestError]]:
    """``(path, extract or the reason it could not be read)`` for each path, in order."""
    from traction_analysis.ingest import read_many  # the readers' C libraries load only when needed

    for path, result in read_many(list(paths), limits=limits, workers=workers):
        if isinstance(result, IngestError):
            yield path, result
        else:
            yield path, extract(result)
