"""The fake ModernGov site on loopback, and settings that make the importer quick in tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fakeserver import FakeModernGov


@pytest.fixture
def moderngov() -> Iterator[FakeModernGov]:
    server = FakeModernGov().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _no_waiting(settings: Any) -> None:
    """No pause between requests and no backoff before a retry; a short timeout for the slow-site tests."""
    settings.TRACTION_IMPORT_DELAY_SECONDS = 0
    settings.TRACTION_IMPORT_BACKOFF_SECONDS = 0
    settings.TRACTION_IMPORT_TIMEOUT_SECONDS = 5
    settings.TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES = True  # the fake site is on loopback
