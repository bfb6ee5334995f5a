"""A document read twice at once stores one result; odd digits in a query or a form are input, not a crash."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from intakekit import minutes_text, upload

from factories import World
from traction.core.models import Role
from traction.governance.models import Paper
from traction.intake.models import DocumentStatus, Proposal, Review, SourceDocument
from traction.intake.services.documents import documents_upload
from traction.intake.services.extraction import AlreadyRead, _claim, _read, _store_result, document_extract

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(user: Any, world: World, kind: str) -> SourceDocument:
    [document] = documents_upload(
        user=user,
        partnership=world.partnership,
        body=world.body,
        meeting=world.meeting,
        kind=kind,
        uploads=[upload(f"{kind}-2025-03-10.txt", minutes_text(), "text/plain")],
    )
    return document


@pytest.mark.parametrize("kind", ["minutes", "paper"])
def test_a_document_read_by_two_workers_at_once_is_stored_once(
    users: dict[str, Any], world_a: World, kind: str
) -> None:
    """'Read it again' is offered while a document is being read (its worker may have stopped); if the first
    worker was alive after all, both claim the document and the later one must not store a second result."""
    document = _upload(users[Role.SECRETARY], world_a, kind)
    first, second = _claim(document.pk), _claim(document.pk)
    assert first is not None and second is not None
    _store_result(first, _read(first))
    with pytest.raises(AlreadyRead):
        _store_result(second, _read(second))

    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    if kind == "minutes":
        [review] = Review.objects.filter(partnership=world_a.partnership, source_document=document)
        titles = list(Proposal.objects.filter(review=review).values_list("original__title", flat=True))
        assert len(titles) == len(set(titles))
    else:
        assert Paper.objects.filter(partnership=world_a.partnership, sha256=document.sha256).count() == 1
    assert document_extract(document_id=document.pk) == "skipped"


def _url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"intake:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def test_a_body_filter_that_is_not_a_number_is_ignored(client_for: Any, world_a: World) -> None:
    client: Client = client_for(Role.SECRETARY)
    response = client.get(_url("document-list", world_a) + "?body=%C2%B2")  # "²": isdigit() but not int()
    assert response.status_code == 200


def test_a_forged_proposal_id_is_refused_with_a_message(
    users: dict[str, Any], client_for: Any, world_a: World
) -> None:
    from traction.intake.services import review_submit

    review = review_submit(
        user=users[Role.SECRETARY],
        partnership=world_a.partnership,
        meeting=world_a.meeting,
        document_title="Minutes",
        extract={"items": [{"number": "1", "title": "Strategy"}]},
        origin={"kind": "test", "n": 1},
    )
    client: Client = client_for(Role.SECRETARY)
    url = _url("review-detail", world_a, pk=review.pk)
    for data in ({"decision": "accept", "proposals": ["²"]}, {"decision": "accept:²"}):
        response = client.post(url, data)
        assert response.status_code in {200, 404}, data
    assert not Proposal.objects.filter(review=review).exclude(status="pending").exists()
