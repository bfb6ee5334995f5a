"""The one web layer: how a form reaches a service, CSV downloads, and how the demo and the diagnosis find
each app's data and findings."""

from __future__ import annotations

import ast
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from traction.core.downloads import csv_response
from traction.core.forms import form_submit
from traction.diagnosis.partnership import findings_hooks
from traction.governance.demo.loader import demo_hooks

SRC = Path(__file__).resolve().parents[2] / "src" / "traction"
HELPER_MODULES = ("views", "forms", "exports", "downloads")


class NameForm(forms.Form):
    name = forms.CharField()


def test_form_submit_returns_the_services_result_for_valid_input() -> None:
    assert form_submit(NameForm({"name": "Board"}), lambda data: data["name"].upper()) == "BOARD"


def test_form_submit_shows_a_services_refusal_on_its_field_and_calls_nothing_for_invalid_input() -> None:
    def refuse(data: dict[str, str]) -> None:
        raise ValidationError({"name": "Taken.", "other": "Not a field."})

    form = NameForm({"name": "Board"})
    assert form_submit(form, refuse) is None
    assert form.errors == {"name": ["Taken."], "__all__": ["Not a field."]}
    called: list[object] = []
    assert form_submit(NameForm({}), called.append) is None
    assert called == []


def test_csv_response_is_an_attachment_whose_formula_cells_cannot_run() -> None:
    response = csv_response([["=HYPERLINK(1)", 3, None]], filename="codebook-1.csv")
    assert response["Content-Disposition"] == 'attachment; filename="codebook-1.csv"'
    assert response.content.decode() == "'=HYPERLINK(1),3,\r\n"


def test_the_demo_loader_finds_each_apps_hook_in_installed_apps_order() -> None:
    assert [hook.__name__ for hook in demo_hooks()] == [
        "traction.listening.demo",
        "traction.workshop.demo",
        "traction.direction.demo",
        "traction.commissioning.demo",
        "traction.stakeholders.demo",
        "traction.programmes.demo",
    ]


def test_the_diagnosis_finds_each_apps_findings_hook_in_installed_apps_order() -> None:
    assert [hook.__name__ for hook in findings_hooks()] == [
        "traction.direction.findings",
        "traction.commissioning.findings",
        "traction.stakeholders.findings",
        "traction.programmes.findings",
    ]


def test_the_diagnosis_imports_no_app_built_on_it() -> None:
    above = (
        "traction.imports",
        "traction.intake",
        "traction.listening",
        "traction.workshop",
        "traction.direction",
        "traction.commissioning",
        "traction.stakeholders",
        "traction.programmes",
    )
    for path in (SRC / "diagnosis").rglob("*.py"):
        assert not [m for m in _imports(path) if m.startswith(above)], path


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]


def test_no_app_defines_url_or_imports_view_and_form_helpers_from_another_app() -> None:
    for path in SRC.rglob("*.py"):
        app = path.relative_to(SRC).parts[0]
        for module in _imports(path):
            parts = module.split(".")
            # The JSON API is a second door onto every app: it validates input through each app's own forms,
            # so that the web and the API cannot accept different things.
            if len(parts) >= 3 and parts[0] == "traction" and parts[1] not in {app, "core"} and app != "api":
                assert parts[2] not in HELPER_MODULES, f"{path} imports {module}"
        assert "    def url(self" not in path.read_text() or app == "core", path


def test_the_governance_demo_imports_no_app_built_on_governance() -> None:
    for path in (SRC / "governance" / "demo").rglob("*.py"):
        assert not [m for m in _imports(path) if m.startswith(("traction.listening", "traction.workshop"))], (
            path
        )
