"""Docs that cannot drift: settings and permissions pages agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

from traction.core.policy import permission_table_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_variable_is_documented() -> None:
    source = "".join(
        (ROOT / "src/traction/config" / name).read_text() for name in ["settings.py", "gunicorn.py"]
    )
    variables = set(re.findall(r'"((?:TRACTION_[A-Z_]+)|DATABASE_URL)"', source)) | {"DATABASE_URL"}
    documented = (ROOT / "docs/settings.md").read_text()
    missing = sorted(v for v in variables if f"`{v}`" not in documented)
    assert not missing, f"undocumented settings in docs/settings.md: {missing}"


def test_permissions_page_shows_the_table_in_force() -> None:
    page = (ROOT / "docs/permissions.md").read_text()
    embedded = page.split("<!-- permission-table:start -->")[1].split("<!-- permission-table:end -->")[0]
    assert embedded.strip() == permission_table_markdown().strip()


def test_every_cli_command_is_documented() -> None:
    from traction.cli import build_parser

    parser = build_parser()
    [commands] = [action for action in parser._actions if action.dest == "command"]
    page = (ROOT / "docs/cli.md").read_text()
    missing = sorted(name for name in commands.choices if f"## `traction {name}`" not in page)
    assert not missing, f"undocumented commands in docs/cli.md: {missing}"


def test_every_management_command_is_documented() -> None:
    commands = [
        path.stem
        for path in (ROOT / "src/traction").glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    ]
    page = (ROOT / "docs/cli.md").read_text()
    missing = sorted(name for name in commands if f"`{name}" not in page)
    assert commands and not missing, f"undocumented management commands in docs/cli.md: {missing}"


def test_every_picture_in_the_docs_exists_has_words_and_is_used() -> None:
    """Each image the docs show is in docs/images with alt text saying what it shows, and none lies unused."""
    docs = {path: path.read_text() for path in (ROOT / "docs").rglob("*.md")}
    shown = [
        (path, alt, target)
        for path, text in docs.items()
        for alt, target in re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", text)
    ]
    assert shown, "the user guide shows its flows"
    for path, alt, target in shown:
        assert (path.parent / target).is_file(), f"{path.name}: {target} is missing"
        assert len(alt.split()) >= 5, f"{path.name}: {target} needs alt text that says what it shows"
    used = {(path.parent / target).resolve() for path, _, target in shown}
    unused = sorted(p.name for p in (ROOT / "docs/images").iterdir() if p.resolve() not in used)
    assert not unused, f"pictures no page shows: {unused}"
