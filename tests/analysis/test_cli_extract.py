"""``traction extract`` as a user runs it: a subprocess on real files, JSON lines and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINUTES = """MINUTES of a meeting of the Partnership Board held on 6 March 2025.
PRESENT: Jane Doe (Chair), John Roe
1. Apologies
Apologies were received from the Director of Public Health.
2. Winter Resilience Plan
ACTION: The Director to circulate the dashboard by 31 March 2025.
RESOLVED that the plan be approved.
"""


SCRIPT = Path(sys.executable).parent / "traction"  # the console script `uv run traction` runs


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    # As a user runs it, and with no Django settings: analysis commands need no database.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    launcher = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "traction.cli"]
    return subprocess.run(
        [*launcher, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "board-2025-03-06.txt").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    (tmp_path / "board-2025-03-06.txt.labels.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README.md").write_text("# not minutes", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not minutes", encoding="utf-8")
    return tmp_path


def test_json_lines_for_a_folder_with_a_bad_file(folder: Path) -> None:
    result = run_cli("extract", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["document"] for line in lines] == ["board-2025-03-06.txt", "broken.pdf"]
    good, bad = lines
    assert set(good) == {
        "document",
        "engine",
        "segmentation_confidence",
        "unsure",
        "body",
        "meeting_date",
        "pages",
        "items",
    }
    assert good["meeting_date"] == "2025-03-06"
    assert [(i["number"], i["outcome"]) for i in good["items"]] == [("1", "procedural"), ("2", "decided")]
    item = good["items"][1]
    assert set(item) == {
        "number",
        "title",
        "outcome",
        "confidence",
        "evidence",
        "resolution",
        "actions",
        "source",
    }
    assert item["actions"] == [{"text": "Circulate the dashboard", "owner": "Director", "due": "2025-03-31"}]
    assert item["source"] == {"page": None, "line": 5}
    assert set(bad) == {"document", "error"} and bad["error"]


def test_exit_status_is_an_error_only_when_nothing_could_be_read(folder: Path) -> None:
    result = run_cli("extract", str(folder / "broken.pdf"), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["document"] == "broken.pdf"
    assert "could be read" in result.stderr


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path / "nope.pdf"), "--json")
    assert result.returncode == 1
    assert "error" in json.loads(result.stdout)
    assert "Traceback" not in result.stderr


def test_readable_summary_without_json(folder: Path) -> None:
    result = run_cli("extract", str(folder / "board-2025-03-06.txt"))
    assert result.returncode == 0, result.stderr
    assert "2 Winter Resilience Plan [decided]" in result.stdout
    assert "action: Circulate the dashboard (owner: Director; due: 2025-03-31)" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path))
    assert result.returncode == 1
    assert "no documents" in result.stderr


def test_usage_error_without_a_command() -> None:
    assert run_cli().returncode == 2


def test_cli_module_does_not_import_django() -> None:
    code = (
        "import sys, traction.cli; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60, check=False).returncode == 0
