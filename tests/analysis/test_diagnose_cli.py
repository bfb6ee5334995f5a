"""``traction diagnose`` as a user runs it: a subprocess on a folder of small minutes, and on the dev set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_MINUTES = ROOT.parent / "shared" / "data" / "minutes"
SCRIPT = Path(sys.executable).parent / "traction"
MINUTES = """MINUTES of a meeting of the Riverside Partnership Board held on {day}.
PRESENT: Jane Doe (Chair), John Roe
1. Apologies
Apologies were received from the Director of Public Health.
2. Community Transport Review
The Board discussed the review. RESOLVED that the item be {transport}.
3. Performance Report
RESOLVED that the report be noted.
4. Winter Resilience Plan
ACTION: The Director to circulate the dashboard by 31 March 2025.
RESOLVED that the plan be approved.
5. Budget Monitoring Quarter 3
RESOLVED that the report be noted.
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    launcher = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "traction.cli"]
    return subprocess.run(
        [*launcher, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    deferred = "deferred to the next meeting"
    meetings = [("9 January 2025", deferred), ("13 February 2025", deferred), ("13 March 2025", "approved")]
    for number, (day, transport) in enumerate(meetings, start=1):
        text = MINUTES.format(day=day, transport=transport)
        (tmp_path / f"board-{number}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_summary_html_and_json_for_three_meetings_with_a_deferral_loop(folder: Path) -> None:
    report = folder / "report.html"
    result = run_cli("diagnose", str(folder), "--html", str(report), "--as-of", "2025-06-01")
    assert result.returncode == 0, result.stderr
    assert "Riverside Partnership Board: 3 meetings" in result.stdout
    assert "Topics put off at meeting after meeting" in result.stdout
    assert "“community transport”" in result.stdout
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Riverside Partnership Board" in html
    # The report now sits inside the folder; a later run does not read it back as minutes.
    result = run_cli("diagnose", str(folder), "--json", "--as-of", "2025-06-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    [board] = data["bodies"]
    assert board["signals"]["deferral_loops"]["value"] == 1
    assert data["period"] == {"start": "2025-01-09", "end": "2025-03-14"}


def test_period_options(folder: Path) -> None:
    result = run_cli("diagnose", str(folder), "--json", "--from", "2025-02-01", "--to", "2025-03-13")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"] == {"start": "2025-02-01", "end": "2025-03-14"}
    assert len(data["bodies"][0]["meetings"]) == 2
    assert run_cli("diagnose", str(folder), "--from", "March").returncode == 2
    backwards = run_cli("diagnose", str(folder), "--from", "2025-03-01", "--to", "2025-01-01")
    assert backwards.returncode == 1 and "must end after it starts" in backwards.stderr
    assert "Traceback" not in backwards.stderr


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    assert run_cli("diagnose", str(tmp_path)).returncode == 1
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    result = run_cli("diagnose", str(tmp_path))
    assert result.returncode == 1 and "could be read" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not SHARED_MINUTES.is_dir(), reason="the shared dev minutes are not present")
def test_the_dev_minutes_are_diagnosed(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = run_cli("diagnose", str(SHARED_MINUTES), "--html", str(report))
    assert result.returncode == 0, result.stderr
    assert "Traction diagnosis:" in result.stdout and "Traceback" not in result.stderr
    assert report.stat().st_size > 1000
    data = json.loads(run_cli("diagnose", str(SHARED_MINUTES), "--json").stdout)
    assert data["bodies"]
