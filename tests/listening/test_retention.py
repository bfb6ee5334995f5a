"""Retention: an exercise's notes, highlights and name key are destroyed for good after its retention date,
with an audit event and notice to the facilitators; the themes and the problem tree stay."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from dbstate import assert_db_unchanged
from factories import World
from listening import kit
from traction.core.models import AuditEvent, Role
from traction.listening import services
from traction.listening.models import (
    RETENTION_PAST,
    RETENTION_WARNING_DAYS,
    Highlight,
    ListeningExercise,
    ListeningNote,
    NameToken,
    Theme,
)
from traction.listening.retention import retention_run
from traction.workshop.models import ProblemNode, ProblemTree

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
CANARY = "Retention canary 5b81c2"


@pytest.fixture
def facilitator(users: dict[str, Any]) -> Any:
    user = users[Role.FACILITATOR]
    user.email = "facilitator@example.org"
    user.save()
    return user


@pytest.fixture
def exercise(world_a: World, facilitator: Any) -> ListeningExercise:
    """An exercise kept until yesterday: a note with a highlight under a theme, a name in the key, and a
    problem tree citing both."""
    exercise = kit.make_exercise(
        world_a.partnership, facilitators=[facilitator], retain_until=TODAY - datetime.timedelta(days=1)
    )
    note = kit.make_note(exercise, participant=world_a.person, facts=f"{kit.FACTS} {CANARY}")
    theme = kit.make_theme(exercise, name="Time to think")
    highlight = kit.make_highlight(note, themes=[theme])
    NameToken.objects.create(
        partnership=exercise.partnership, exercise=exercise, kind="person", token="[P1]", name=CANARY
    )
    tree = ProblemTree.objects.create(
        partnership=exercise.partnership, title="Why we stall", exercise=exercise
    )
    node = ProblemNode.objects.create(partnership=exercise.partnership, tree=tree, label="No time to think")
    node.themes.set([theme])
    node.highlights.set([highlight])
    return exercise


def _run(on: datetime.date, capture: Any) -> Any:
    with capture(execute=True):
        return retention_run(today=on)


def _columns_hold(text: str) -> bool:
    """Whether any stored text, decrypted, still holds ``text`` (the rows are gone, not only hidden)."""
    words = [
        str(getattr(n, f)) for n in ListeningNote.objects.all() for f in ("facts", "feelings", "setting")
    ]
    words += [str(t.name) for t in NameToken.objects.all()] + [
        str(h.snippet) for h in Highlight.objects.all()
    ]
    return any(text in w for w in words)


def test_past_the_date_the_notes_and_key_are_destroyed_and_the_themes_and_tree_stay(
    exercise: ListeningExercise, django_capture_on_commit_callbacks: Any
) -> None:
    report = _run(TODAY, django_capture_on_commit_callbacks)

    assert [e.pk for e in report.destroyed] == [exercise.pk]
    assert not ListeningNote.objects.filter(exercise=exercise).exists()
    assert not Highlight.objects.filter(note__exercise=exercise).exists()
    assert not NameToken.objects.filter(exercise=exercise).exists()
    assert not _columns_hold(CANARY)
    assert Theme.objects.filter(exercise=exercise, name="Time to think").exists()
    node = ProblemNode.objects.get(label="No time to think")
    assert [t.name for t in node.themes.all()] == ["Time to think"] and not node.highlights.exists()
    exercise.refresh_from_db()
    assert exercise.notes_destroyed_at is not None and exercise.status == "closed"
    event = AuditEvent.objects.get(verb="destroyed", object_id=str(exercise.pk))
    assert event.actor is None and event.changes["counts"] == {"notes": 1, "name key": 1}
    assert CANARY not in str(event.changes)
    [message] = mail.outbox
    assert message.to == ["facilitator@example.org"] and "destroyed" in message.body
    assert CANARY not in message.body


def test_destruction_happens_once_and_takes_no_new_notes(
    exercise: ListeningExercise, facilitator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _run(TODAY, django_capture_on_commit_callbacks)
    with assert_db_unchanged():
        assert _run(TODAY, django_capture_on_commit_callbacks).destroyed == []
    assert len(mail.outbox) == 1
    exercise.refresh_from_db()
    with pytest.raises(ValidationError, match="destroyed"), assert_db_unchanged():
        services.note_create(
            actor=facilitator, exercise=exercise, participant=None, held_on=TODAY, facts="More"
        )


def test_before_the_date_nothing_is_destroyed_and_the_facilitators_are_warned_once(
    exercise: ListeningExercise, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    ListeningExercise.objects.filter(pk=exercise.pk).update(
        retain_until=TODAY + datetime.timedelta(days=RETENTION_WARNING_DAYS - 1)
    )
    report = _run(TODAY, django_capture_on_commit_callbacks)
    assert [e.pk for e in report.warned] == [exercise.pk] and report.destroyed == []
    assert ListeningNote.objects.filter(exercise=exercise).count() == 1
    assert AuditEvent.objects.filter(verb="warned", object_id=str(exercise.pk)).count() == 1
    [message] = mail.outbox
    assert "will be destroyed" in message.body
    assert _run(TODAY, django_capture_on_commit_callbacks).warned == []
    assert len(mail.outbox) == 1
    page = client_for("facilitator").get(f"/p/{exercise.partnership.slug}/listening/{exercise.pk}/")
    assert "will be destroyed for good after" in page.content.decode()


def test_an_exercise_further_off_or_without_a_date_is_left_alone(
    exercise: ListeningExercise, django_capture_on_commit_callbacks: Any
) -> None:
    ListeningExercise.objects.filter(pk=exercise.pk).update(retain_until=TODAY + datetime.timedelta(days=90))
    undated = kit.make_exercise(exercise.partnership, title="No date yet")
    kit.make_note(undated)
    with assert_db_unchanged():
        report = _run(TODAY + datetime.timedelta(days=60), django_capture_on_commit_callbacks)
    assert report.warned == [] and report.destroyed == [] and mail.outbox == []


def test_the_page_says_the_notes_were_destroyed(
    exercise: ListeningExercise, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _run(TODAY, django_capture_on_commit_callbacks)
    body = client_for("facilitator").get(f"/p/{exercise.partnership.slug}/listening/{exercise.pk}/").content
    assert "were destroyed on" in body.decode()


@pytest.mark.parametrize("days", [0, -3])
def test_a_retention_date_that_is_not_in_the_future_is_refused(
    world_a: World, facilitator: Any, client_for: Any, days: int
) -> None:
    with pytest.raises(ValidationError, match="must be in the future"), assert_db_unchanged():
        services.exercise_create(
            actor=facilitator,
            partnership=world_a.partnership,
            title="Too late",
            retain_until=TODAY + datetime.timedelta(days=days),
        )
    data = {
        "title": "Too late",
        "status": "planned",
        "retain_until": str(TODAY + datetime.timedelta(days=days)),
    }
    client = client_for("facilitator")
    with assert_db_unchanged():
        response = client.post(f"/p/{world_a.partnership.slug}/listening/new/", data)
    assert response.status_code == 200 and RETENTION_PAST in response.content.decode()


def test_a_passed_date_kept_as_it_was_does_not_block_other_edits(
    exercise: ListeningExercise, facilitator: Any
) -> None:
    updated = services.exercise_update(
        actor=facilitator,
        exercise=exercise,
        title="Renamed",
        purpose="",
        facilitators=[facilitator],
        participants=[],
        starts_on=None,
        ends_on=None,
        status="analysing",
        retain_until=exercise.retain_until,
    )
    assert updated.title == "Renamed"
    moved = services.exercise_update(
        actor=facilitator,
        exercise=updated,
        title="Renamed",
        purpose="",
        facilitators=[facilitator],
        participants=[],
        starts_on=None,
        ends_on=None,
        status="analysing",
        retain_until=TODAY + datetime.timedelta(days=30),
    )
    assert moved.retain_until == TODAY + datetime.timedelta(days=30) and moved.retention_warned_on is None


def test_the_command_runs_the_job(exercise: ListeningExercise) -> None:
    out = StringIO()
    call_command("listening_retention", "--today", TODAY.isoformat(), stdout=out)
    assert "destroyed the notes of 1 exercise(s)" in out.getvalue()
    assert not ListeningNote.objects.filter(exercise=exercise).exists()
