"""Docs that cannot drift: settings and permissions pages agree with the code."""
from __future__ import annotations

import re
from pathlib import Path

from traction.core.policy import permission_table_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_variable_is_documented() -> None:
    source = (ROOT / "src/traction/config/settings.py").read_text()
    variables = set(re.findall(r'"((?:TRACTION_[A-Z_]+)|DATABASE_URL)"', source)) | {"DATABASE_URL"}
    documented = (ROOT / "docs/settings.md").read_text()
    missing = sorted(v for v in variables if f"`{v}`" not in documented)
    assert not missing, f"undocumented settings in docs/settings.md: {missing}"


def test_permissions_page_shows_the_table_in_force() -> None:
    page = (ROOT / "docs/permissions.md").read_text()
    embedded = page.split("<!-- permission-table:start -->")[1].split("<!-- permission-table:end -->")[0]
    assert embedded.strip() == permission_table_markdown().strip()
