"""Set notes: members write, correct and delete them; a viewer in the set reads but cannot write; a member who
leaves no longer reads them; their words never reach the audit log or the admin site."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.urls import reverse

from factories import World
from programmes import kit_learningsets as kit
from traction.core.models import AuditEvent, Role
from traction.programmes.models.learningsets import SetNote
from traction.programmes.services import learningsets as services

pytestmark = pytest.mark.django_db
WORDS = "Nobody at the executive will say the budget is gone."


def u(w: World, name: str, pk: int) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": w.partnership.slug, "pk": pk})


def test_members_write_correct_and_delete_notes_and_the_audit_keeps_no_words(
    client_for: Any, world_a: World
) -> None:
    learning_set = kit.world_set(world_a)
    client = client_for(Role.SECRETARY)
    response = client.post(u(world_a, "set-note-create", learning_set.pk), {"text": WORDS, "meeting": ""})
    assert response.status_code == 302
    note = SetNote.objects.get(text=WORDS)
    assert note.author.user.username == Role.SECRETARY
    corrected = WORDS + " We should say so."
    assert (
        client_for(Role.MEMBER).post(u(world_a, "set-note-update", note.pk), {"text": corrected}).status_code
        == 302
    )
    note.refresh_from_db()
    assert note.text == corrected
    assert client_for(Role.MEMBER).post(u(world_a, "set-note-delete", note.pk)).status_code == 302
    assert not SetNote.objects.filter(pk=note.pk).exists()
    events = AuditEvent.objects.filter(object_type="setnote")
    assert [e.verb for e in events.order_by("pk")] == ["created", "changed", "deleted"]
    assert not any("budget" in str(values) for values in events.values_list())


def test_a_viewer_in_the_set_reads_the_notes_but_cannot_write_them(client_for: Any, world_a: World) -> None:
    learning_set = kit.world_set(world_a)
    viewer = client_for(Role.VIEWER)
    assert kit.NOTE in viewer.get(u(world_a, "set-note-list", learning_set.pk)).content.decode()
    assert viewer.post(u(world_a, "set-note-create", learning_set.pk), {"text": WORDS}).status_code == 403
    assert not SetNote.objects.filter(text=WORDS).exists()


def test_a_member_who_leaves_no_longer_reads_the_notes(client_for: Any, world_a: World, users: Any) -> None:
    learning_set = kit.world_set(world_a)
    membership = learning_set.memberships.get(person__user=users[Role.MEMBER])
    services.member_remove(actor=users[Role.FACILITATOR], membership=membership)
    member = client_for(Role.MEMBER)
    assert member.get(u(world_a, "set-note-list", learning_set.pk)).status_code == 404
    assert member.get(u(world_a, "set-note-update", kit.world_note(world_a).pk)).status_code == 404
    page = member.get(u(world_a, "set-detail", learning_set.pk)).content.decode()
    assert "The set&#x27;s notes" not in page and "set's notes" not in page


def test_no_learning_set_record_is_in_the_admin_site() -> None:
    assert "programmes" not in {m._meta.app_label for m in admin.site._registry if "Set" in m.__name__}
