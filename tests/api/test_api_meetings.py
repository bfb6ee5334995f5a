"""Meetings and agenda items written through the API: the secretary's forms and services (the same validation,
field by field, and the same audit events as the pages), and the pages kept rendered show the change at once.
Who may write is in the matrix (test_api_permissions.py)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from kit_portfolio import make_gate, make_strategy

from apikit import TokenClient, api_client
from dbstate import assert_db_unchanged
from factories import World, make_item, make_meeting, make_paper
from traction.api.api import NO_PAPERS
from traction.api.models import Scope
from traction.core.models import AuditEvent
from traction.governance.models import Action, AgendaItem, Meeting, MeetingStatus

BASE = "/api/v1/partnerships/northshire/"


@pytest.fixture
def api(world_a: World, secretary: Any) -> TokenClient:
    return api_client(secretary, world_a.partnership, Scope.READ_WRITE)


def patch(client: TokenClient, path: str, data: dict[str, Any]) -> Any:
    return client.patch(path, json.dumps(data), content_type="application/json")


def last_event(model: type[Any], pk: int) -> AuditEvent:
    return AuditEvent.objects.filter(object_type=model._meta.model_name, object_id=str(pk)).latest("id")


def test_a_meeting_is_created_changed_and_marked_held(
    api: TokenClient, world_a: World, secretary: Any
) -> None:
    made = api.post_json(
        f"{BASE}meetings/",
        {"body": world_a.body.pk, "date": "2027-03-04", "time": "10:30", "location": "Town Hall"},
    )
    assert made.status_code == 201, made.content
    meeting = made.json()
    start = timezone.make_aware(datetime.datetime(2027, 3, 4, 10, 30))
    assert meeting["body"] == {"id": world_a.body.pk, "name": world_a.body.name}
    assert datetime.datetime.fromisoformat(meeting["start"]) == start
    assert (meeting["duration_minutes"], meeting["location"], meeting["status"], meeting["items"]) == (
        120,
        "Town Hall",
        "scheduled",
        [],
    )
    created = last_event(Meeting, meeting["id"])
    assert created.verb == "created" and created.actor == secretary
    assert created.changes["location"] == [None, "Town Hall"]

    path = f"{BASE}meetings/{meeting['id']}/"
    changed = patch(api, path, {"time": "11:00", "duration_minutes": 90})
    assert changed.status_code == 200, changed.content
    assert datetime.datetime.fromisoformat(changed.json()["start"]) == start + datetime.timedelta(minutes=30)
    assert changed.json()["location"] == "Town Hall"  # not sent: kept
    edit = last_event(Meeting, meeting["id"])
    assert edit.verb == "changed" and set(edit.changes) == {"start", "duration_minutes"}

    due = Action.objects.filter(body=world_a.body, status="open", due_date__lte=datetime.date(2027, 3, 4))
    expected = due.count()
    assert expected >= 1 and world_a.action in due
    held = api.post_json(f"{path}held/", {})
    assert held.status_code == 200
    assert held.json()["status"] == "held" and held.json()["held_over"] == expected
    assert last_event(Meeting, meeting["id"]).verb == "marked held"
    world_a.action.refresh_from_db()
    assert world_a.action.held_over == 1
    again = api.post_json(f"{path}held/", {})  # nothing is held over twice
    assert again.status_code == 200 and again.json()["held_over"] == 0
    world_a.action.refresh_from_db()
    assert world_a.action.held_over == 1


def test_a_meeting_refused_field_by_field(api: TokenClient, world_a: World, world_b: World) -> None:
    def create(**data: Any) -> Any:
        sent = {"body": world_a.body.pk, "date": "2027-03-04", "time": "10:30", **data}
        with assert_db_unchanged():
            return api.post_json(f"{BASE}meetings/", sent)

    too_long = create(duration_minutes=0)
    assert too_long.status_code == 400
    assert too_long.json() == {
        "detail": {"duration_minutes": ["Enter a duration between 1 minute and 24 hours."]}
    }
    theirs = create(body=world_b.body.pk)
    assert theirs.status_code == 400 and list(theirs.json()["detail"]) == ["body"]
    zoned = create(time="10:30:00+02:00")  # a local time: the web form refuses an offset too
    assert zoned.status_code == 400 and zoned.json()["detail"] == {
        "time": ["Enter a real time, for example 14:30."]
    }
    assert create(date="2027-02-30").status_code == 422
    assert create(status="postponed").status_code == 422
    with assert_db_unchanged():
        assert api.post_json(f"{BASE}meetings/", {"body": world_a.body.pk}).status_code == 422

    cancelled = make_meeting(world_a.partnership, body=world_a.body, status=MeetingStatus.CANCELLED)
    with assert_db_unchanged():
        refused = api.post_json(f"{BASE}meetings/{cancelled.pk}/held/", {})
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": {"__all__": ["This meeting was cancelled. Change its status before recording it as held."]}
    }
    with assert_db_unchanged():
        blank = patch(api, f"{BASE}meetings/{world_a.meeting.pk}/", {"date": None, "location": "x" * 201})
    assert blank.status_code == 422  # too long for the document: nothing is tried
    with assert_db_unchanged():
        blank = patch(api, f"{BASE}meetings/{world_a.meeting.pk}/", {"date": None})
    assert blank.status_code == 400 and blank.json()["detail"] == {"date": ["Enter the date."]}


def test_agenda_items_are_added_changed_moved_and_deleted(
    api: TokenClient, world_a: World, secretary: Any
) -> None:
    meeting = world_a.meeting
    added = api.post_json(
        f"{BASE}meetings/{meeting.pk}/items/",
        {"title": "Budget 2027", "number": "6", "purpose": "decision", "papers": [world_a.paper.pk]},
    )
    assert added.status_code == 201, added.content
    item = added.json()
    assert item["meeting_id"] == meeting.pk and item["papers"] == [world_a.paper.pk]
    assert (item["purpose"], item["outcome"], item["time_allotted_minutes"]) == ("decision", "unclear", None)
    assert item["order"] > world_a.item.order  # after the items already there
    assert last_event(AgendaItem, item["id"]).verb == "created"

    path = f"{BASE}items/{item['id']}/"
    decided = patch(
        api, path, {"outcome": "decided", "resolution": "RESOLVED that the budget be set.", "papers": []}
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["title"] == "Budget 2027" and decided.json()["papers"] == []
    assert decided.json()["outcome"] == "decided"
    edit = last_event(AgendaItem, item["id"])
    assert edit.verb == "changed" and edit.actor == secretary
    assert set(edit.changes) == {"outcome", "resolution", "papers"}
    renamed = patch(api, path, {"title": "Budget 2027-28"})
    assert renamed.status_code == 200 and renamed.json()["resolution"] == "RESOLVED that the budget be set."
    assert set(last_event(AgendaItem, item["id"]).changes) == {"title"}  # what was not sent is kept

    moved = api.post_json(f"{path}move/", {"direction": "up"})
    assert moved.status_code == 200
    assert [i["id"] for i in moved.json()["items"]] == [item["id"], world_a.item.pk]
    with assert_db_unchanged():
        first = api.post_json(f"{path}move/", {"direction": "up"})
    assert first.status_code == 400
    assert first.json() == {"detail": {"__all__": ["“6 Budget 2027-28” is already first on the agenda."]}}

    gone = api.delete(f"{BASE}items/{world_a.item.pk}/")
    assert gone.status_code == 204 and not gone.content
    assert not AgendaItem.objects.filter(pk=world_a.item.pk).exists()
    world_a.action.refresh_from_db()
    assert world_a.action.agenda_item is None  # the action stays in the log
    assert last_event(AgendaItem, world_a.item.pk).verb == "deleted"
    assert api.delete(f"{BASE}items/{world_a.item.pk}/").status_code == 404


def test_an_agenda_item_refused_field_by_field(api: TokenClient, world_a: World) -> None:
    meeting = world_a.meeting
    other_paper = make_paper(
        world_a.partnership, meeting=make_meeting(world_a.partnership, body=world_a.body)
    )
    bare = make_meeting(world_a.partnership, body=world_a.body)
    for path, data, errors in (
        (f"meetings/{meeting.pk}/items/", {"title": " "}, {"title": ["Enter the title."]}),
        (f"meetings/{meeting.pk}/items/", {"title": "A", "topic": "not a slug"}, ["topic"]),
        (f"meetings/{meeting.pk}/items/", {"title": "A", "papers": [other_paper.pk]}, ["papers"]),
        (f"meetings/{bare.pk}/items/", {"title": "A", "papers": [world_a.paper.pk]}, {"papers": [NO_PAPERS]}),
        (f"items/{world_a.item.pk}/", {"title": None}, {"title": ["Enter the title."]}),
        (f"items/{world_a.item.pk}/", {"title": "A\x00B"}, ["title"]),
    ):
        with assert_db_unchanged():
            if path.startswith("items/"):
                response = patch(api, BASE + path, data)
            else:
                response = api.post_json(BASE + path, data)
        assert response.status_code == 400, (path, data, response.content)
        detail = response.json()["detail"]
        assert detail == errors if isinstance(errors, dict) else sorted(detail) == errors, detail
    for data in ({"title": "A", "outcome": "approved"}, {"number": "1"}, {"title": "A", "papers": [0]}):
        with assert_db_unchanged():
            assert api.post_json(f"{BASE}meetings/{meeting.pk}/items/", data).status_code == 422
    with assert_db_unchanged():
        assert api.post_json(f"{BASE}items/{world_a.item.pk}/move/", {"direction": "left"}).status_code == 422


def test_a_meeting_others_depend_on_is_not_deleted(api: TokenClient, world_a: World) -> None:
    make_gate(make_strategy(world_a.partnership, lead_body=world_a.body), meeting=world_a.meeting)
    with assert_db_unchanged():
        refused = api.delete(f"{BASE}meetings/{world_a.meeting.pk}/")
    assert refused.status_code == 400
    assert "cannot be deleted" in refused.json()["detail"]["__all__"][0]
    spare = make_meeting(world_a.partnership, body=world_a.body)
    make_item(world_a.partnership, meeting=spare)
    assert api.delete(f"{BASE}meetings/{spare.pk}/").status_code == 204
    assert not Meeting.objects.filter(pk=spare.pk).exists()
    assert not AgendaItem.objects.filter(meeting_id=spare.pk).exists()
    assert last_event(Meeting, spare.pk).verb == "deleted"


def _committed() -> None:
    """What the test wrote so far, as though committed (the record version changes on commit)."""
    for _savepoints, callback, *_ in transaction.get_connection().run_on_commit:
        if getattr(callback, "done", True) is False:
            callback()


def test_the_kept_pages_show_an_api_write_at_once(
    api: TokenClient,
    world_a: World,
    secretary_client: Client,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    _committed()
    page = f"/p/northshire/meetings/{world_a.meeting.pk}/"
    decisions = "/p/northshire/decisions/?date_from=2000-01-01"
    assert "Joint strategy" in secretary_client.get(page).content.decode()
    assert "strategy be approved" in secretary_client.get(decisions).content.decode()
    etag = api.get(f"{BASE}meetings/{world_a.meeting.pk}/")["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        response = patch(
            api,
            f"{BASE}items/{world_a.item.pk}/",
            {"title": "Joint strategy refreshed", "resolution": "RESOLVED that the strategy be deferred."},
        )
    assert response.status_code == 200
    assert "Joint strategy refreshed" in secretary_client.get(page).content.decode()
    assert "strategy be deferred" in secretary_client.get(decisions).content.decode()
    again = api.get(f"{BASE}meetings/{world_a.meeting.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag

    with django_capture_on_commit_callbacks(execute=True):
        added = api.post_json(f"{BASE}meetings/{world_a.meeting.pk}/items/", {"title": "Any other business"})
    assert added.status_code == 201
    assert "Any other business" in secretary_client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"{BASE}items/{added.json()['id']}/").status_code == 204
    assert "Any other business" not in secretary_client.get(page).content.decode()
