"""Two people changing one record at once: nobody's change is lost without a word, and the audit trail
stays equal to the record (its "before" is what was stored, never a stale copy)."""

from __future__ import annotations

import datetime
import re
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from factories import World, race_trials
from traction.core import services as core_services
from traction.core.models import AuditEvent, Role
from traction.governance import services
from traction.governance.models import Action, DueDateRevision


def _edit_url(world: World) -> str:
    return reverse("governance:action-update", kwargs={"slug": world.partnership.slug, "pk": world.action.pk})


def _opened(client: Client, world: World) -> dict[str, str]:
    """The edit form as the page shows it: its fields' values and the version it was shown at."""
    page = client.get(_edit_url(world)).content.decode()
    seen = re.search(r'name="seen" value="([0-9a-f]+)"', page)
    assert seen, "the edit form carries the version it shows"
    action = Action.objects.get(pk=world.action.pk)
    return {
        "body": str(action.body_id),
        "minute_reference": action.minute_reference,
        "text": action.text,
        "lead": str(action.lead_id or ""),
        "lead_organisation": str(action.lead_organisation_id or ""),
        "seen": seen.group(1),
    }


def test_the_second_of_two_edits_from_forms_opened_together_is_told_and_changes_nothing(
    client_for: Any, world_a: World
) -> None:
    first, second = client_for(Role.SECRETARY), client_for(Role.ADMIN)
    mine, theirs = _opened(first, world_a), _opened(second, world_a)
    original = world_a.action.text

    assert first.post(_edit_url(world_a), {**mine, "text": "Circulate the plan by Friday"}).status_code == 302
    refused = second.post(_edit_url(world_a), {**theirs, "text": "Circulate the plan next month"})

    assert refused.status_code == 200
    assert "was changed by someone else after you opened this page" in refused.content.decode()
    assert Action.objects.get(pk=world_a.action.pk).text == "Circulate the plan by Friday"
    [event] = AuditEvent.objects.filter(
        object_type="action", object_id=str(world_a.action.pk), verb="changed"
    )
    assert event.changes["text"] == [original, "Circulate the plan by Friday"]

    again = _opened(second, world_a)  # opened afresh, the second person's change goes through
    assert (
        second.post(_edit_url(world_a), {**again, "text": "Circulate the plan next month"}).status_code == 302
    )


def test_an_update_keeps_fields_it_does_not_name_as_they_are_now(world_a: World, secretary: Any) -> None:
    stale = Action.objects.get(pk=world_a.action.pk)
    Action.objects.filter(pk=stale.pk).update(minute_reference="24/7")  # someone else, meanwhile
    core_services.record_update(actor=secretary, instance=stale, data={"text": "Circulate the plan"})
    stored = Action.objects.get(pk=stale.pk)
    assert (stored.minute_reference, stored.text) == ("24/7", "Circulate the plan")
    assert stale.minute_reference == "24/7"  # the caller's copy shows what was stored


def _race(workers: list[Any]) -> None:
    start = threading.Barrier(len(workers))

    def run(work: Any) -> None:
        try:
            start.wait()
            work()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("trial", race_trials(1))
def test_ten_edits_at_once_from_the_same_version_save_one_and_tell_nine(
    world_a: World, secretary: Any, trial: int
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time (BEGIN IMMEDIATE); the race needs PostgreSQL")
    seen = core_services.version_of(Action.objects.get(pk=world_a.action.pk))
    outcomes: list[str] = []

    def edit(n: int) -> Any:
        def work() -> None:
            try:
                core_services.record_update(
                    actor=secretary,
                    instance=Action.objects.get(pk=world_a.action.pk),
                    data={"text": f"Edit {n}"},
                    seen=seen,
                )
                outcomes.append("saved")
            except ValidationError:
                outcomes.append("told")

        return work

    _race([edit(n) for n in range(10)])
    assert sorted(outcomes) == ["saved"] + ["told"] * 9
    [event] = AuditEvent.objects.filter(
        object_type="action", object_id=str(world_a.action.pk), verb="changed"
    )
    assert event.changes["text"][1] == Action.objects.get(pk=world_a.action.pk).text


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("trial", race_trials(1))
def test_ten_due_date_revisions_at_once_each_record_the_date_before_them(
    world_a: World, secretary: Any, trial: int
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time (BEGIN IMMEDIATE); the race needs PostgreSQL")
    original = Action.objects.get(pk=world_a.action.pk).due_date or datetime.date(2025, 6, 30)
    Action.objects.filter(pk=world_a.action.pk).update(due_date=original)
    new_dates = [original + datetime.timedelta(days=7 * (n + 1)) for n in range(10)]

    def revise(day: datetime.date) -> Any:
        return lambda: services.action_revise_due(
            actor=secretary,
            action=Action.objects.get(pk=world_a.action.pk),
            new_due_date=day,
            reason="Waiting for the budget",
        )

    _race([revise(day) for day in new_dates])
    revisions = list(DueDateRevision.objects.filter(action_id=world_a.action.pk).order_by("pk"))
    assert len(revisions) == 10
    chain = [original] + [r.new_due_date for r in revisions]
    assert [r.previous_due_date for r in revisions] == chain[:-1]  # each saw the one before it
    assert Action.objects.get(pk=world_a.action.pk).due_date == chain[-1]
