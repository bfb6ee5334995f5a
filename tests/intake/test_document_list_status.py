"""The documents list while the worker reads: a row still being read polls its own status, is left alone
while nothing changed, and once read says what was found and links to its review."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from intakekit import docx_bytes, minutes_text, run_worker, upload

from factories import World
from traction.core.models import Role
from traction.intake.models import DocumentStatus, Review, SourceDocument
from traction.intake.services import extraction

pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"intake:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def _uploaded(client: Client, world: World, name: str = "minutes.txt", kind: str = "minutes") -> Any:
    data = minutes_text() if kind == "minutes" else b"A paper about the budget.\n" * 20
    target = _url("document-upload-meeting", world, pk=world.meeting.pk)
    response = client.post(target, {"kind": kind, "files": [upload(name, data)]})
    assert response.status_code == 302
    return SourceDocument.objects.get(original_filename=name)


def _uploaded_file(client: Client, world: World, name: str, data: bytes, kind: str = "minutes") -> Any:
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
    # htmx asks for it: sign-in is the whole page's redirect (HX-Redirect), not a fragment swapped in.
    anonymous = _status(client_for("anonymous"), world_a, document)
    assert anonymous.status_code == 200 and anonymous.headers["HX-Redirect"].startswith(reverse("login"))
    assert _status(client_for("anonymous"), world_a, document, htmx=False).status_code == 302
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


def _minutes_pdf() -> bytes:
    """Minutes on three pages, printed by the PDF renderer the reports use: a real text layer."""
    from weasyprint import HTML

    pages = [
        "<p>Health and Wellbeing Board</p><p>Minutes of the meeting held on 10 March 2025</p>"
        "<p>1. Apologies for absence</p><p>Apologies were received from Councillor Smith.</p>",
        "<p>2. Joint strategy</p><p>RESOLVED that the strategy be approved.</p>"
        "<p>ACTION: The Director to circulate the delivery plan by 31 March 2025.</p>",
        "<p>3. Winter pressures</p><p>RESOLVED that the report be noted.</p>",
    ]
    body = "".join(f'<section style="break-after: page">{page}</section>' for page in pages)
    return bytes(HTML(string=f"<html><body>{body}</body></html>").write_pdf())


def test_while_read_the_row_counts_pages_and_items_and_announces_only_the_status(
    secretary_client: Client, world_a: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real worker reads a three-page PDF; at each step it writes, the row the list polls for is fetched
    as the browser would: new counts are swapped in without a word to announce, an unchanged row is 204."""
    document = _uploaded_file(secretary_client, world_a, "minutes.pdf", _minutes_pdf())
    polls: list[tuple[int, str, int]] = []
    seen = ["extracting"]  # the row already says "Being read"
    real_write = extraction.ReadProgress.write

    def write_then_poll(self: extraction.ReadProgress, **counts: int) -> None:
        real_write(self, **counts)
        response = _status(secretary_client, world_a, document, seen=seen[0])
        again = _status(
            secretary_client, world_a, document, seen=SourceDocument.objects.get(pk=document.pk).progress_key
        )
        row = html.unescape(response.content.decode())
        polls.append((response.status_code, row, again.status_code))
        seen[0] = SourceDocument.objects.get(pk=document.pk).progress_key

    monkeypatch.setattr(extraction.ReadProgress, "write", write_then_poll)
    run_worker()

    document.refresh_from_db()
    assert document.status == DocumentStatus.READY and document.pages == 3
    proposals = Review.objects.get(source_document=document).proposals.filter(extracted=True)
    assert [code for code, _, _ in polls] == [200] * len(polls) and {again for *_, again in polls} == {204}
    assert all("data-announce" not in row and 'hx-trigger="every 2s"' in row for _, row, _ in polls)
    assert "Being read" in polls[0][1] and "page 1 of 3, 0 items found so far" in polls[0][1]
    last = polls[-1][1]
    assert f"page 3 of 3, {proposals.count()} items found so far (1 decision, 1 action)" in last
    assert len(polls) == 1 + proposals.count()  # the text read, then each item found
    assert document.progress == {"page": 3, "pages": 3, "items": 3, "decisions": 1, "actions": 1}
    row = html.unescape(_status(secretary_client, world_a, document, seen=seen[0]).content.decode())
    assert 'data-announce="minutes.pdf: Read"' in row and "3 items found" in row


def test_a_paper_being_read_counts_its_pages(secretary_client: Client, world_a: World) -> None:
    document = _uploaded_file(
        secretary_client, world_a, "plan.docx", docx_bytes(["A plan."] * 3), kind="paper"
    )
    SourceDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.EXTRACTING, progress={"page": 2, "pages": 2}
    )
    row = html.unescape(_status(secretary_client, world_a, document, seen="queued").content.decode())
    assert "page 2 of 2" in row and "items found" not in row and "?seen=extracting.2..." in row
    page = html.unescape(
        secretary_client.get(_url("document-detail", world_a, pk=document.pk)).content.decode()
    )
    assert "Page 2 of 2." in page
