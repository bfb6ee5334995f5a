"""Getting a document's bytes into memory without trusting its size."""

from __future__ import annotations

import os
from dataclasses import dataclass

from traction_analysis.errors import EmptyDocument, TooLarge, UnreadableFile
from traction_analysis.limits import Limits

TOO_LARGE_BYTES = "The file is {size:,} bytes; Traction accepts files up to {limit:,} bytes."
DEFAULT_NAME = "document"

Source = str | os.PathLike[str] | bytes


@dataclass(frozen=True, slots=True)
class Loaded:
    data: bytes
    name: str


def load_source(source: Source, *, name: str | None, limits: Limits) -> Loaded:
    """Bytes and display name of ``source``: a path to read, or the content itself."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _check_size(len(data), limits)
        default_name = DEFAULT_NAME
    else:
        data = _read_file(os.fspath(source), limits)
        default_name = os.path.basename(os.fspath(source)) or DEFAULT_NAME
    if not data:
        raise EmptyDocument()
    return Loaded(data, name or default_name)


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise TooLarge(TOO_LARGE_BYTES.format(size=size, limit=limits.max_bytes))


def _read_file(path: str, limits: Limits) -> bytes:
    try:
        with open(path, "rb") as handle:
            # The size on disk is checked first so a 5 GB upload is refused without reading it;
            # the bounded read then covers files that grow, and devices or pipes with no size.
            size = os.fstat(handle.fileno()).st_size
            _check_size(size, limits)
            # One byte past the stated size shows a file that grew (or a device or pipe, size 0);
            # only then read on, still bounded. Asking for max_bytes + 1 up front would allocate a
            # 50 MB buffer for every 100 KB file.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limits.max_bytes + 1 - len(data))
    except OSError as error:
        raise UnreadableFile(f"{UnreadableFile.message} ({error.strerror or error})") from error
    _check_size(len(data), limits)
    return data
