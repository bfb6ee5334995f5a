"""The canary: a unique string written into every part of a note (what was said, what was felt, the setting)
and into a highlight appears in its facilitators' own views and nowhere else.

The facilitator does the whole job over HTTP (exercise, note, name review, theme, highlight, suggestions,
accepting one, the codebook and the name key). Then every other role (admin, secretary, member, viewer, a
facilitator who is not on the exercise, a superuser who is a partnership admin, a superuser from outside)
opens every page of the partnership, the listening pages with the canary's own records, the search results
for the canary, and the admin site; none of it may contain the canary. Neither may the captured logs, any
audit event, any email, or any column of any table in the database (the note columns hold ciphertext).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.contrib import admin
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from areakit import every_api_read
from factories import World, make_member, make_user
from listening.kit import facilitator_in
from traction.core.models import AuditEvent, Role
from traction.listening.models import Highlight, ListeningExercise, ListeningNote, NameToken, Theme
from urlspec import PARTNERSHIP_URLS, url_for

CANARY = "Xq7canaryZebraVellum"
FACTS = (
    f"Alex Director said the board papers arrive too late to read. {CANARY} is what they call the "
    "monthly pack. Nobody challenges the chair about the money."
)
FEELINGS = f"Frustrated and tired; {CANARY} makes them angry. Hopeful about the new chair."
SETTING = f"One to one in the {CANARY} room"
LISTENING_TARGETS = {
    ListeningExercise: "exercise",
    ListeningNote: "note",
    Highlight: "highlight",
    Theme: "theme",
}


def _canary_in(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        return CANARY.lower().encode() in text.lower()
    return CANARY.lower() in text.lower()


def _facilitator_does_the_work(client: Client, world: World) -> dict[str, Any]:
    slug = world.partnership.slug

    def url(name: str, **kw: Any) -> str:
        return reverse(f"listening:{name}", kwargs={"slug": slug, **kw})

    def post(path: str, data: dict[str, Any]) -> Any:
        response = client.post(path, data)
        assert response.status_code == 302, (path, response.status_code)
        return response

    post(
        url("exercise-create"),
        {
            "title": "Listening to the board",
            "purpose": "Why decisions stall",
            "participants": [world.person.pk],
            "status": "listening",
        },
    )
    exercise = ListeningExercise.objects.get(partnership=world.partnership, title="Listening to the board")
    post(
        url("note-create", pk=exercise.pk),
        {
            "participant": world.person.pk,
            "held_on": "2025-05-06",
            "setting": SETTING,
            "facts": FACTS,
            "feelings": FEELINGS,
            "may_quote": "on",
            "may_count": "on",
        },
    )
    note = exercise.notes.get()
    assert not note.names_reviewed
    post(url("note-names", pk=note.pk), {"names": [world.person.name]})
    post(url("theme-create", pk=exercise.pk), {"name": "Reading load", "description": "", "parent": ""})
    theme = exercise.themes.get()
    post(
        url("highlight-create", pk=note.pk),
        {"field": "feelings", "snippet": f"{CANARY} makes them angry", "themes": [theme.pk]},
    )
    page = client.get(url("theme-suggestions", pk=exercise.pk))
    assert _canary_in(page.content)  # the facilitator sees the fragments
    key = page.context["page"].result.items[0].key
    post(url("theme-accept", pk=exercise.pk), {"key": key, "name": "Money and challenge"})
    for name in ("exercise-detail", "theme-list", "codebook-export", "nametoken-list"):
        assert client.get(url(name, pk=exercise.pk)).status_code == 200
    assert _canary_in(client.get(url("note-detail", pk=note.pk)).content)
    note.refresh_from_db()
    return {"exercise": exercise, "note": note, "theme": theme, "highlight": note.highlights.first()}


def every_page(world: World, canary: dict[str, Any]) -> list[str]:
    """Every GET page of the partnership, the listening pages aimed at the canary's own records."""
    paths = []
    for name, spec in sorted(PARTNERSHIP_URLS.items()):
        if spec.kind == "post":
            continue
        if spec.model in LISTENING_TARGETS and spec.target is not None:
            target = canary[LISTENING_TARGETS[spec.model]]
        else:
            target = spec.target(world) if spec.target else None
        paths.append(url_for(name, spec, world, target=target))
    return paths


def _get_everything(client: Client, world: World, paths: list[str]) -> None:
    for path in paths:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert not _canary_in(body), f"{path} shows the canary ({response.status_code})"
    _search_finds_nothing(client, world)


def _search_finds_nothing(client: Client, world: World) -> None:
    """Searching for the canary (and for words of the note) answers exactly as a search for a word that is
    nowhere: the page only echoes the query back."""
    search = reverse("governance:search-results", kwargs={"slug": world.partnership.slug})

    def page(query: str) -> str:
        body = client.get(search, {"q": query}).content.decode()
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
        return re.sub(r'"X-CSRFToken": "[^"]*"', "", body).replace(query, "QUERY")

    for query in (CANARY, "monthly pack", "Frustrated"):
        nowhere = "Qz" + "x" * (len(query) - 2)
        assert page(query) == page(nowhere), f"searching for {query!r} finds something"


def _api_everything(user: Any, world: World) -> int:
    """Every read of the JSON API, lists at their largest page and the world's own records (its meeting,
    action, topic, body's signals, direction, stakeholders, programmes), with a token of ``user``: the API
    has no listening records at all, so not even their facilitator sees them."""
    answers = every_api_read(user, world)
    for path, response in answers.items():
        assert response.status_code == 200, (path, response.status_code)
        assert not _canary_in(response.content), f"the API shows the canary at {path}"
    return len(answers)


def _admin_site(client: Client) -> int:
    """The admin index and, for every registered model, its list and the change page of its first record."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert not _canary_in(response.content), f"the admin site shows the canary at {path}"
    for event in AuditEvent.objects.all():  # every audit event, one by one
        response = client.get(reverse("admin:core_auditevent_change", args=[event.pk]))
        assert response.status_code == 200 and not _canary_in(response.content)
    return len(pages)


def _raw_database() -> None:
    """No column of any table holds the canary; the note columns hold Fernet tokens."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # table names from introspection, not input
            for row in cursor.fetchall():
                assert not any(_canary_in(str(value)) for value in row), f"{table} holds the canary in clear"
        cursor.execute("SELECT facts, feelings, setting FROM listening_listeningnote")
        for row in cursor.fetchall():
            assert all(value.startswith("gAAAA") for value in row), "a note column is not ciphertext"
        cursor.execute("SELECT snippet FROM listening_highlight")
        assert all(value.startswith("gAAAA") for (value,) in cursor.fetchall())
        cursor.execute("SELECT name FROM listening_nametoken")
        assert all(value.startswith("gAAAA") for (value,) in cursor.fetchall())


@pytest.mark.django_db
def test_the_canary_is_seen_by_its_facilitators_only(
    client_for: Any, users: dict[str, Any], world_a: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    facilitator = facilitator_in(world_a.partnership)
    canary = _facilitator_does_the_work(client_for(Role.FACILITATOR), world_a)
    assert (
        canary["note"].facts.startswith("[P1] said") and NameToken.objects.get().name == world_a.person.name
    )

    others: dict[str, Client] = {
        role: client_for(role) for role in (Role.ADMIN, Role.SECRETARY, Role.MEMBER, Role.VIEWER)
    }
    for label, user in {
        "another facilitator": make_member(world_a.partnership, Role.FACILITATOR, username="facilitator2"),
        "superuser and admin": make_member(world_a.partnership, Role.ADMIN, username="root-admin"),
        "superuser from outside": make_user(username="root-outside"),
    }.items():
        if label.startswith("superuser"):
            user.is_superuser = user.is_staff = True
            user.save()
        others[label] = Client()
        others[label].force_login(user)
    paths = every_page(world_a, canary)
    assert len(paths) == sum(1 for spec in PARTNERSHIP_URLS.values() if spec.kind != "post")
    for client in others.values():
        _get_everything(client, world_a, paths)
    assert _admin_site(others["superuser from outside"]) > 10
    for user in users.values():  # the exercise's own facilitator among them
        assert _api_everything(user, world_a) >= 17

    assert not any(
        _canary_in(record.getMessage()) or _canary_in(str(record.args)) for record in caplog.records
    )
    assert not _canary_in(caplog.text)
    events = list(AuditEvent.objects.values_list())
    assert any(
        e for e in AuditEvent.objects.filter(verb="read", object_type="listeningnote", actor=facilitator)
    )
    assert not any(_canary_in(str(event)) for event in events), "an audit event holds the canary"
    assert not any(_canary_in(f"{m.subject} {m.body} {m.alternatives}") for m in mail.outbox)
    _raw_database()


def test_no_listening_record_is_in_the_admin_site() -> None:
    registered = {model._meta.app_label for model in admin.site._registry}
    assert "listening" not in registered
