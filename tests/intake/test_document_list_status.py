"""The documents list while the worker reads: a row still being read polls its own status, is left alone
while nothing changed, and once read says what was found and links to its review."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from intakekit import minutes_text, run_worker, upload

from factories import World
from traction.core.models import Role
from traction.intake.models import DocumentStatus, Review, SourceDocument

pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"intake:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def _uploaded(client: Client, world: World, name: str = "minutes.txt", kind: str = "minutes") -> Any:
    data = minutes_text() if kind == "minutes" else b"A paper about the budget.\n" * 20
    target = _url("document-upload-meeting", world, pk=world.meeting.pk)
    response = client.post(target, {"kind": kind, "files": [upload(name, data)]})
    assert response.status_code == 302
    return SourceDocument.objects.get(original_filename=name)


def _status(client: Client, world: World, document: SourceDocument, seen: str = "", htmx: bool = True) -> Any:
    url = _url("document-status", world, pk=document.pk) + (f"?seen={seen}" if seen else "")
    return client.get(url, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))


def test_a_waiting_row_polls_its_status_and_the_list_names_no_review_yet(
    secretary_client: Client, world_a: World
) -> None:
    document = _uploaded(secretary_client, world_a)
    page = html.unescape(secretary_client.get(_url("document-list", world_a)).content.decode())
    status_url = _url("document-status", world_a, pk=document.pk)
    assert f'hx-get="{status_url}?seen=queued"' in page and 'hx-trigger="every 2s"' in page
    assert 'aria-live="polite"' in page and "Waiting to be read" in page and ">Review<" not in page


def test_nothing_changed_is_no_content_so_nothing_is_swapped_or_announced(
    secretary_client: Client, world_a: World
) -> None:
    document = _uploaded(secretary_client, world_a)
    response = _status(secretary_client, world_a, document, seen="queued")
    assert response.status_code == 204 and response.content == b""


def test_without_htmx_the_fragment_is_the_row_as_it_stands(secretary_client: Client, world_a: World) -> None:
    document = _uploaded(secretary_client, world_a)
    response = _status(secretary_client, world_a, document, seen="queued", htmx=False)
    row = response.content.decode()
    assert response.status_code == 200 and row.startswith("<tr") and "Waiting to be read" in row
    assert "data-announce" not in row and 'hx-trigger="every 2s"' in row


def test_once_read_the_row_stops_polling_announces_and_links_to_its_review(
    secretary_client: Client, world_a: World
) -> None:
    document = _uploaded(secretary_client, world_a)
    run_worker()
    review = Review.objects.get(source_document=document)
    found = review.proposals.filter(extracted=True).count()
    assert found > 0
    row = html.unescape(_status(secretary_client, world_a, document, seen="queued").content.decode())
    assert "hx-trigger" not in row and "<html" not in row
    assert 'data-announce="minutes.txt: Read"' in row
    assert f"{found} items found" in row
    assert _url("review-detail", world_a, pk=review.pk) in row
    page = html.unescape(secretary_client.get(_url("document-list", world_a)).content.decode())
    assert "hx-trigger" not in page and _url("review-detail", world_a, pk=review.pk) in page
    assert "data-announce=" not in page  # the page as loaded announces nothing


def test_a_document_being_read_says_since_when_and_announces_the_change(
    secretary_client: Client, world_a: World
) -> None:
    document = _uploaded(secretary_client, world_a)
    SourceDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.EXTRACTING, claimed_at=timezone.now()
    )
    row = html.unescape(_status(secretary_client, world_a, document, seen="queued").content.decode())
    assert 'data-announce="minutes.txt: Being read"' in row and "?seen=extracting" in row and "since" in row
    assert _status(secretary_client, world_a, document, seen="extracting").status_code == 204


def test_a_paper_shows_its_pages_and_no_review(secretary_client: Client, world_a: World) -> None:
    document = _uploaded(secretary_client, world_a, name="budget.txt", kind="paper")
    run_worker()
    row = _status(secretary_client, world_a, document, seen="queued").content.decode()
    assert "Read" in row and "items found" not in row and "/reviews/" not in row


def test_a_failed_document_links_to_why(secretary_client: Client, world_a: World) -> None:
    document = _uploaded(secretary_client, world_a)
    SourceDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.FAILED, error="Broken.")
    row = html.unescape(_status(secretary_client, world_a, document, seen="queued").content.decode())
    assert 'data-announce="minutes.txt: Could not be read"' in row and "hx-trigger" not in row
    assert _url("document-detail", world_a, pk=document.pk) in row and "could not be read</span>" in row


def test_a_viewer_sees_the_status_but_no_link_to_the_review(client_for: Any, world_a: World) -> None:
    document = _uploaded(client_for(Role.SECRETARY), world_a)
    run_worker()
    response = _status(client_for(Role.VIEWER), world_a, document, seen="queued")
    row = response.content.decode()
    assert response.status_code == 200 and "items found" in row and "/reviews/" not in row


def test_another_partnerships_document_is_not_found(client_for: Any, world_a: World, world_b: World) -> None:
    document = _uploaded(client_for(Role.SECRETARY), world_a)
    outsider = client_for("outsider")
    assert _status(outsider, world_b, document, seen="queued").status_code == 404
    assert _status(outsider, world_a, document, seen="queued").status_code == 404
    assert _status(client_for("anonymous"), world_a, document).status_code in {302, 403, 404}
    no_such = reverse("intake:document-status", kwargs={"slug": world_a.partnership.slug, "pk": 999999})
    assert client_for(Role.SECRETARY).get(no_such).status_code == 404


def test_a_post_to_the_status_is_refused_and_changes_nothing(
    secretary_client: Client, world_a: World
) -> None:
    document = _uploaded(secretary_client, world_a)
    response = secretary_client.post(_url("document-status", world_a, pk=document.pk), {"status": "ready"})
    assert response.status_code == 405
    document.refresh_from_db()
    assert document.status == DocumentStatus.QUEUED
