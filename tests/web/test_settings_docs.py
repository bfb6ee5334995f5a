"""Settings and the permissions page cannot drift: production settings pass Django's deploy checks, refuse to
start without a secret, and the in-app "Who can do what" page shows exactly the table in force."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from traction.core import policy

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "TRACTION_DEBUG": "0",
    "TRACTION_SECRET_KEY": "k" * 20 + "-Production-Only-" + "x9" * 20,
    "TRACTION_ALLOWED_HOSTS": "traction.example.gov.uk",
    "TRACTION_LISTENING_KEY": "bGlzdGVuaW5nLWtleS1mb3ItdGVzdHMtb25seS0wMDA=",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TRACTION_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_checks(tmp_path: Path) -> None:
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "TRACTION_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "TRACTION_SECRET_KEY"}
    result = manage("check", env={**env, "TRACTION_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "TRACTION_SECRET_KEY must be set" in result.stderr


def _cells(html: str) -> dict[str, list[str]]:
    rows = re.findall(r'<tr><th scope="row">(\w+)</th>(.*?)</tr>', html, flags=re.S)
    return {
        object_type: [c.strip() for c in re.findall(r"<td>(.*?)</td>", cells, flags=re.S)]
        for object_type, cells in rows
    }


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_the_permissions_page_shows_the_table_in_force(
    client_for: Any, partnership_a: Any, role: str
) -> None:
    response = client_for(role).get(f"/p/{partnership_a.slug}/permissions/")
    assert response.status_code == 200
    roles_table, confidential, on_behalf = response.content.decode().split("</table>")[:3]
    expected = {
        object_type: [
            ", ".join(sorted(policy.PERMISSIONS[r][object_type])) or "none" for r in policy.PERMISSIONS
        ]
        for object_type in policy.OBJECT_TYPES
    }
    assert _cells(roles_table) == expected
    confined = re.findall(r'<th scope="row">(\w+)', confidential)
    assert sorted(confined) == sorted(policy.CONFIDENTIAL)
    assert sorted(re.findall(r'<th scope="row">(\w+)', on_behalf)) == sorted(policy.ON_BEHALF_OF)
