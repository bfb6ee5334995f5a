"""Health-check records for tests: statements, and runs open for answers, with results ready to follow up,
and ready to close.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or
the services. ``world_*`` makers return the same record for a world every time; ``fresh_*`` make a new one.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from factories import World
from traction.direction.models import HealthCheckRun, HealthResponse, HealthStatement, RunStatus

OPEN_TITLE = "Health check, open"
READY_TITLE = "Health check, answers closed"
# Two statements in each of three sections.
STATEMENTS = (
    ("purpose", "We know what the partnership is for."),
    ("purpose", "Our aims can be measured."),
    ("trust", "Partners keep their word."),
    ("trust", "Bad news is shared early."),
    ("learning", "We check whether our work makes a difference."),
    ("learning", "We change course when the evidence says so."),
)
# The answers of the ready run: trust is low (median 2), purpose is fine, learning is split.
READY = {
    "purpose": (4, 4, 5, 4),
    "trust": (2, 2, 1, 3),
    "learning": (1, 5, 1, 5),
}


def today() -> datetime.date:
    return timezone.localdate()


def make_statement(partnership: Any, **kw: Any) -> HealthStatement:
    kw.setdefault("section", "trust")
    kw.setdefault("text", "Partners keep their word.")
    return HealthStatement.objects.create(partnership=partnership, **kw)


def world_statement(w: World) -> HealthStatement:
    found = HealthStatement.objects.filter(partnership=w.partnership).order_by("pk").first()
    return found or make_statement(w.partnership)


def snapshot(partnership: Any) -> list[dict[str, str]]:
    """The run's statements, made as statements of the partnership."""
    return [
        {"key": f"s{s.pk}", "section": s.section, "text": s.text}
        for s in (make_statement(partnership, section=section, text=text) for section, text in STATEMENTS)
    ]


def make_run(partnership: Any, **kw: Any) -> HealthCheckRun:
    kw.setdefault("title", "A health check")
    kw.setdefault("k", 3)
    kw.setdefault("closes_on", today() + datetime.timedelta(days=14))
    if "statements" not in kw:
        kw["statements"] = snapshot(partnership)
    return HealthCheckRun.objects.create(partnership=partnership, **kw)


def answer(run: HealthCheckRun, by_section: Mapping[str, tuple[int | None, ...]]) -> None:
    """One response per person: each answers every statement of a section with that section's value."""
    people = len(next(iter(by_section.values())))
    for person in range(people):
        answers = {s["key"]: by_section[s["section"]][person] for s in run.statements}
        HealthResponse.objects.create(partnership=run.partnership, run=run, answers=answers)


def world_open_run(w: World) -> HealthCheckRun:
    found = HealthCheckRun.objects.filter(partnership=w.partnership, title=OPEN_TITLE).first()
    return found or make_run(w.partnership, title=OPEN_TITLE)


def world_ready_run(w: World) -> HealthCheckRun:
    """Answers closed yesterday; four people answered; trust (low) and learning (split) need follow-up."""
    found = HealthCheckRun.objects.filter(partnership=w.partnership, title=READY_TITLE).first()
    if found is None:
        found = make_run(w.partnership, title=READY_TITLE, closes_on=today() - datetime.timedelta(days=1))
        answer(found, READY)
    return found


def fresh_closable_run(w: World) -> HealthCheckRun:
    """Answers closed, nobody answered: nothing is flagged, so it may close."""
    return make_run(
        w.partnership, title="Health check to close", closes_on=today() - datetime.timedelta(days=1)
    )


def fresh_closed_run(w: World, **kw: Any) -> HealthCheckRun:
    return make_run(
        w.partnership,
        status=RunStatus.CLOSED,
        closed_at=timezone.now(),
        closes_on=today() - datetime.timedelta(days=30),
        **kw,
    )


def answer_data(run: HealthCheckRun, value: str = "4") -> dict[str, str]:
    return {s["key"]: value for s in run.statements}


def world_answer_data(w: World) -> dict[str, str]:
    return answer_data(world_open_run(w))
