"""``traction import moderngov`` and ``manage.py import_moderngov`` against the fake ModernGov site."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from fakeserver import FakeModernGov

from factories import World
from traction.cli import main
from traction.governance.models import Meeting
from traction.imports.models import ImportSource, RunStatus


def hwb_meetings(world: World) -> int:
    return Meeting.objects.filter(
        partnership=world.partnership, body__name="Health and Wellbeing Board", start__year=2023
    ).count()


def test_the_command_line_imports_and_a_second_run_adds_nothing(
    moderngov: FakeModernGov,
    world_a: World,
    world_b: World,
    secretary: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [
        "import",
        "moderngov",
        moderngov.url,
        "--committee",
        "health and wellbeing  board",
        "--since",
        "2023-01-01",
        "--until",
        "2023-12-31",
        "--partnership",
        "northshire",
        "--user",
        "secretary",
    ]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Succeeded" in out and "meeting: 5 created" in out and "4 meetings sent for review" in out
    assert hwb_meetings(world_a) == 5 and hwb_meetings(world_b) == 0
    assert main(argv) == 0
    assert "meeting: 5 unchanged" in capsys.readouterr().out and hwb_meetings(world_a) == 5
    source = ImportSource.objects.get(partnership=world_a.partnership)
    assert [r.status for r in source.runs.all()] == [RunStatus.SUCCEEDED, RunStatus.SUCCEEDED]


def test_some_meetings_failing_exits_3_and_lists_them(
    moderngov: FakeModernGov, world_a: World, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "import",
            "moderngov",
            moderngov.url,
            "--committee",
            "Adults & Health Scrutiny Committee",
            "--since",
            "2023-01-01",
            "--partnership",
            "northshire",
        ]
    )
    out = capsys.readouterr().out
    assert status == 3 and "FAILED 2023-04-05 meeting 2202" in out and "40 characters" in out
    assert "minutes not sent for review" in out  # no --user


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--committee", "Planning Committee", "--since", "2023-01-01"],
            "has no committee called 'Planning Committee'",
        ),
        (["--committee", "Audit Committee"], "--since"),
        (
            ["--committee", "Audit Committee", "--since", "2023-01-01", "--partnership", "nowhere"],
            "no partnership",
        ),
        (["--committee", "Audit Committee", "--since", "2023-01-01", "--user", "ghost"], "no active account"),
    ],
)
def test_refusals_say_why_and_change_nothing(
    moderngov: FakeModernGov,
    world_a: World,
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    extra = [] if "--partnership" in argv else ["--partnership", "northshire"]
    assert main(["import", "moderngov", moderngov.url, *argv, *extra]) == 1
    assert message in capsys.readouterr().err
    assert not Meeting.objects.filter(start__year=2023).exists() and not ImportSource.objects.exists()


def test_a_site_that_refuses_exits_1(
    moderngov: FakeModernGov, world_a: World, capsys: pytest.CaptureFixture[str]
) -> None:
    moderngov.switches.refuse = True
    assert (
        main(
            [
                "import",
                "moderngov",
                moderngov.url,
                "--committee",
                "Audit Committee",
                "--since",
                "2023-01-01",
                "--partnership",
                "northshire",
            ]
        )
        == 1
    )
    assert "HTTP 403" in capsys.readouterr().err


def test_the_management_command_is_the_same_import(
    moderngov: FakeModernGov, world_a: World, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command(
        "import_moderngov",
        moderngov.url,
        "--committee",
        "Audit Committee",
        "--since",
        "2023-01-01",
        "--partnership",
        "northshire",
    )
    assert "meeting: 1 created" in capsys.readouterr().out
    assert Meeting.objects.filter(partnership=world_a.partnership, body__name="Audit Committee").count() == 1
    with pytest.raises(CommandError):
        call_command(
            "import_moderngov",
            moderngov.url,
            "--committee",
            "Adults & Health Scrutiny Committee",
            "--since",
            "2023-01-01",
            "--partnership",
            "northshire",
        )
