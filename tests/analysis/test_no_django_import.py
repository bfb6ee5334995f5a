"""The analysis engine is pure Python: no module under src/traction_analysis imports Django."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "traction_analysis"


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in {
            "import_module",
            "__import__",
        }:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


def test_no_module_imports_django() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert modules, f"no Python files found under {PACKAGE}"
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name
            for name in imported_modules(ast.parse(path.read_text()))
            if name == "django" or name.startswith("django.")
        )
        for path in modules
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_check_would_notice_a_django_import() -> None:
    tree = ast.parse("import os\nfrom django.db import models\nimportlib.import_module('django.conf')")
    assert {"django.db", "django.conf"} <= imported_modules(tree)
