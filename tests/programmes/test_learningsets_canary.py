"""The canary: a unique string in a set note appears in its set's members' own pages and nowhere else.

A member writes the note over HTTP. Then people who are not in the set (a partnership admin, a facilitator,
a secretary, a member and a viewer who are in another set, a superuser who is a partnership admin) open the
pages of the partnership (tests/urlspec.py: all of them as the admin and the facilitator, this app's as the
others), the learning set pages aimed at the canary's own set and note; none of it may contain the canary,
and neither may any audit event.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from areakit import every_api_read
from factories import World, make_member, make_person
from programmes import kit_learningsets as kit
from traction.core.models import AuditEvent, Role
from traction.programmes.models.learningsets import LearningSet, SetNote
from urlspec import PARTNERSHIP_URLS, url_for

CANARY = "Vq9setcanaryOtterLantern"

pytestmark = pytest.mark.django_db


def _canary_in(body: bytes) -> bool:
    return CANARY.lower().encode() in body.lower()


def _every_page(world: World, canary: dict[type, Any]) -> list[str]:
    """Every GET page of the partnership; the set and note pages aimed at the canary's set and note."""
    paths = []
    for name, spec in sorted(PARTNERSHIP_URLS.items()):
        if spec.kind == "post":
            continue
        target = None
        if spec.target is not None:
            target = spec.target(world)
            if isinstance(target, LearningSet):
                target = canary[LearningSet]
            elif isinstance(target, SetNote):
                target = canary[SetNote]
        paths.append(url_for(name, spec, world, target=target))
    return paths


def _url(world: World, name: str, pk: int) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": world.partnership.slug, "pk": pk})


def test_a_set_note_is_seen_by_the_sets_members_only(
    client_for: Any, users: dict[str, Any], world_a: World
) -> None:
    kit.world_set(world_a)  # every role's user is in this one, not in the secret set
    p = world_a.partnership
    writer = make_member(p, Role.MEMBER, username="in-the-set")
    secret_set = kit.make_set(
        p,
        name="Secret set",
        facilitator=make_person(p, name="Set Facilitator"),
        members=[make_person(p, name="Writer", user=writer), *[make_person(p) for _ in range(4)]],
        body=world_a.body,
    )
    client = Client()
    client.force_login(writer)
    response = client.post(
        _url(world_a, "set-note-create", secret_set.pk),
        {"text": f"I am worried about {CANARY} and the chief executive.", "meeting": ""},
    )
    assert response.status_code == 302
    note = SetNote.objects.get(learning_set=secret_set)
    assert _canary_in(client.get(_url(world_a, "set-note-list", secret_set.pk)).content)

    others = {
        role: client_for(role)
        for role in (Role.ADMIN, Role.SECRETARY, Role.MEMBER, Role.FACILITATOR, Role.VIEWER)
    }
    root = make_member(p, Role.ADMIN, username="root-admin")
    root.is_superuser = root.is_staff = True
    root.save()
    others["superuser and admin"] = Client()
    others["superuser and admin"].force_login(root)
    paths = _every_page(world_a, {LearningSet: secret_set, SetNote: note})
    assert _url(world_a, "set-note-list", secret_set.pk) in paths
    programmes = [path for path in paths if "/programmes/" in path]
    for who, other in others.items():
        # Every page as the admin and the facilitator who are not in the set; this app's pages as the rest.
        for path in paths if who in {Role.ADMIN, Role.FACILITATOR} else programmes:
            response = other.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert not _canary_in(body), f"{who} sees the canary at {path} ({response.status_code})"
        for name, pk in (
            ("set-note-list", secret_set.pk),
            ("set-note-create", secret_set.pk),
            ("set-note-update", note.pk),
            ("set-note-delete", note.pk),
        ):
            assert other.get(_url(world_a, name, pk)).status_code == 404, (who, name)
            if name != "set-note-list":
                assert other.post(_url(world_a, name, pk), {"text": "overwritten"}).status_code == 404
    for user in (*users.values(), writer):  # the writer too: the API has no set notes at all
        for path, response in every_api_read(user, world_a).items():
            assert response.status_code == 200, (path, response.status_code)
            assert not _canary_in(response.content), f"the API shows the canary at {path}"
    note.refresh_from_db()
    assert _canary_in(note.text.encode())
    assert not any(_canary_in(str(event).encode()) for event in AuditEvent.objects.values_list())
