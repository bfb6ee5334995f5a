"""Every document of the labelled dev set extracts without an exception (figures live in the benchmark)."""

from __future__ import annotations

from pathlib import Path

import pytest

from traction_analysis.extract import OUTCOMES, extract
from traction_analysis.extract.batch import document_paths
from traction_analysis.ingest import read

MINUTES = Path(__file__).resolve().parents[3] / "shared" / "data" / "minutes"
PATHS = document_paths([MINUTES]) if MINUTES.is_dir() else []


@pytest.mark.skipif(not PATHS, reason=f"no dev set at {MINUTES}")
@pytest.mark.parametrize("path", PATHS, ids=[Path(p).name for p in PATHS])
def test_document_extracts(path: str) -> None:
    result = extract(read(path))
    assert result.document == Path(path).name
    for item in result.items:
        assert item.outcome in OUTCOMES
        assert 0.0 <= item.confidence <= 1.0
        assert item.title
    assert result.to_json().startswith("{")
