"""Reading and extracting a document make hundreds of thousands of short-lived objects (lines, features,
matches) and next to no reference cycles. Each few hundred allocations Python's cyclic collector walks
the young objects, and now and then the whole heap: in a web worker holding Django's, that walk costs
more than the objects it frees. Those functions pause it while they run; the few cycles they leave are
collected at the next allocation after it resumes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, and resume it only where it was running.

    Reference counting still frees every object as soon as it is unused, so memory stays bounded by what
    the block holds. Two threads may overlap: the first to finish resumes collection, and the other runs
    on with it (as any code would), which is harmless.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
