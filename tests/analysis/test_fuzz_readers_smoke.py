"""A handful of mutated files per format through bench/fuzz_readers.py: the harness runs and finds no defect.

The documented run (10,000 files a format, docs/benchmarks.md) is not part of the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_fuzz_harness_smoke(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "bench" / "fuzz_readers.py"), "--per-format", "3", "--seed", "7"]
    finished = subprocess.run(
        [*command, "--jobs", "1", "--out", str(tmp_path)], capture_output=True, text=True, timeout=300
    )

    assert finished.returncode == 0, finished.stdout + finished.stderr
    report = json.loads((tmp_path / "fuzz-readers.json").read_text())
    assert set(report["formats"]) == {"pdf", "docx", "html", "xml", "markdown"}
    for figures in report["formats"].values():
        assert figures["files"] == 3
        assert figures["ok"] + figures["refused"] + figures["memory"] == 3
        assert figures["defects"] == []
    assert not (tmp_path / "fuzz-tmp").exists()  # the mutated files are removed
