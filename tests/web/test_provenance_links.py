"""Record pages link an agenda item or action taken from uploaded minutes to the document it was read from."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from intakekit import minutes_text, run_worker, upload

from factories import World, make_action, make_item
from traction.core import policy
from traction.core.models import Role
from traction.governance.models import Action, AgendaItem
from traction.intake.models import Review, SourceDocument
from traction.intake.services.decisions import proposal_accept
from traction.intake.services.documents import documents_upload

# The real worker commits between tasks, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def _accepted(secretary: Any, world: World) -> tuple[SourceDocument, AgendaItem, Action]:
    """Minutes uploaded, read by the worker, and their item 5 (which has an action) accepted."""
    [document] = documents_upload(
        user=secretary,
        partnership=world.partnership,
        body=world.body,
        meeting=world.meeting,
        kind="minutes",
        uploads=[upload("minutes-2025-03-10.txt", minutes_text(), "text/plain")],
    )
    run_worker()
    item = proposal_accept(user=secretary, proposal=Review.objects.get().proposals.get(original__number="5"))
    action = Action.objects.get(agenda_item=item, provenance__source_document=document.pk)
    return document, item, action


def _page(user: Any, name: str, world: World, pk: int) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse(name, kwargs={"slug": world.partnership.slug, "pk": pk}))
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, item: AgendaItem) -> str:
    found = re.search(rf'<section class="agenda-item" id="item-{item.pk}".*?</section>', html, re.S)
    assert found, f"item {item.pk} is not on the page"
    return found.group(0)


def _document_url(world: World, document: SourceDocument) -> str:
    return reverse("intake:document-detail", kwargs={"slug": world.partnership.slug, "pk": document.pk})


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SECRETARY])
def test_an_accepted_item_and_action_link_to_the_document_and_hand_made_ones_do_not(
    users: dict[str, Any], world_a: World, role: str
) -> None:
    document, item, action = _accepted(users[Role.SECRETARY], world_a)
    hand_item = make_item(
        world_a.partnership, meeting=world_a.meeting, number="9", title="Any other business"
    )
    hand_action = make_action(world_a.partnership, agenda_item=hand_item, text="Book the room for May")
    link = f'href="{_document_url(world_a, document)}"'
    user = users[role]

    meeting = _page(user, "governance:meeting-detail", world_a, world_a.meeting.pk)
    assert link in _section(meeting, item)
    assert "Source: minutes-2025-03-10.txt, line 12" in _section(meeting, item)
    assert "Source:" not in _section(meeting, hand_item)
    assert meeting.count(link) == 1

    detail = _page(user, "governance:action-detail", world_a, action.pk)
    assert link in detail and "Source: minutes-2025-03-10.txt, line 12" in detail
    assert "Source:" not in _page(user, "governance:action-detail", world_a, hand_action.pk)

    # the link leads to a page the user may open
    assert "minutes-2025-03-10.txt" in _page(user, "intake:document-detail", world_a, document.pk)


def test_no_link_for_someone_who_may_not_view_source_documents(
    users: dict[str, Any], world_a: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, item, action = _accepted(users[Role.SECRETARY], world_a)
    monkeypatch.setitem(policy.PERMISSIONS[Role.VIEWER], "sourcedocument", frozenset())
    viewer = users[Role.VIEWER]
    meeting = _page(viewer, "governance:meeting-detail", world_a, world_a.meeting.pk)
    assert item.title in _section(meeting, item)
    assert "Source:" not in meeting and _document_url(world_a, document) not in meeting
    assert "Source:" not in _page(viewer, "governance:action-detail", world_a, action.pk)
