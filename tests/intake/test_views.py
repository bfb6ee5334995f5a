"""The intake pages over HTTP: hostile uploads refused with nothing stored, downloads, the review screen."""

from __future__ import annotations

import html
import io
import json
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from intakekit import assert_nothing_stored, docx_bytes, minutes_text, run_worker, upload

from factories import World
from traction.core import uploads as upload_rules
from traction.core.models import Role
from traction.governance.models import Action, AgendaItem, Paper
from traction.intake.models import DocumentStatus, ProposalStatus, Review, SourceDocument
from traction.intake.services.decisions import TITLE_REQUIRED

# The real worker closes a connection left inside a transaction (as it must between tasks), so these
# tests commit for real instead of running inside one rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def _url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"intake:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def _post_files(client: Client, world: World, *files: Any, kind: str = "minutes", to: str = "meeting") -> Any:
    target = world.meeting.pk if to == "meeting" else world.body.pk
    return client.post(_url(f"document-upload-{to}", world, pk=target), {"kind": kind, "files": list(files)})


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


# --- hostile and bad uploads: a message, and nothing stored -------------------------------------------------


def _zip_bomb_docx() -> bytes:
    """A .docx whose one part unpacks to more than the engine allows (about 0.2 MB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(205):
                part.write(chunk)
    return buffer.getvalue()


def _too_many_parts_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for index in range(2100):
            archive.writestr(f"word/media/{index}.xml", "")
    return buffer.getvalue()


HOSTILE = {
    "wrong type renamed .pdf": (
        lambda: upload("minutes.pdf", minutes_text()),
        "could not be read as a PDF file",
    ),
    "truncated PDF": (
        lambda: upload("minutes.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog>>\n" * 20),
        "could not be read as a PDF file",
    ),
    "zip bomb docx": (lambda: upload("minutes.docx", _zip_bomb_docx()), "unpack"),
    "too many parts docx": (lambda: upload("minutes.docx", _too_many_parts_docx()), "2,000"),
    "not an allowed type": (lambda: upload("minutes.exe", b"MZ\x90\x00"), upload_rules.FILE_TYPE),
    "empty file": (lambda: upload("minutes.txt", b""), ""),
    "html renamed .txt": (
        lambda: upload("minutes.txt", b"<!DOCTYPE html><html><body><p>Hi</p></body></html>"),
        "could not be read as a TXT file",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_upload_is_refused_with_a_message_and_nothing_stored(
    secretary_client: Client, world_a: World, case: str
) -> None:
    make, message = HOSTILE[case]
    with assert_nothing_stored():
        response = _post_files(secretary_client, world_a, make())
    assert response.status_code == 200
    text = _text(response)
    assert "There is a problem" in text
    assert message in text


def test_a_file_that_passes_the_check_but_cannot_be_read_fails_in_the_background(
    secretary_client: Client, world_a: World
) -> None:
    """The request only sniffs (signature, end marker); a PDF damaged inside is found by the worker's reader,
    which marks the document unreadable with the reason and takes nothing from it into the record."""
    response = _post_files(
        secretary_client,
        world_a,
        upload("minutes.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog>>\n%%EOF garbage" * 20),
    )
    assert response.status_code == 302
    run_worker()
    document = SourceDocument.objects.get()
    assert document.status == DocumentStatus.FAILED and "damaged" in document.error
    assert not Review.objects.exists() and not Paper.objects.filter(sha256=document.sha256).exists()


def test_an_oversized_upload_is_refused(secretary_client: Client, world_a: World, settings: Any) -> None:
    settings.TRACTION_MAX_UPLOAD_BYTES = 1024 * 1024
    with assert_nothing_stored():
        response = _post_files(secretary_client, world_a, upload("minutes.txt", b"x " * (600 * 1024)))
    assert upload_rules.FILE_TOO_BIG.format(mb=1) in _text(response)


def test_a_duplicate_is_refused_naming_the_earlier_upload(secretary_client: Client, world_a: World) -> None:
    assert _post_files(secretary_client, world_a, upload("march.txt", minutes_text())).status_code == 302
    with assert_nothing_stored():
        response = _post_files(secretary_client, world_a, upload("march-copy.txt", minutes_text()), to="body")
    text = _text(response)
    assert "“march-copy.txt” is the same file as “march.txt”, uploaded on" in text
    assert "Nothing was uploaded" in text


def test_one_bad_file_in_a_batch_stores_none_of_them(secretary_client: Client, world_a: World) -> None:
    with assert_nothing_stored():
        response = _post_files(
            secretary_client,
            world_a,
            upload("good.txt", minutes_text()),
            upload("bad.pdf", b"not a pdf at all"),
            upload("good-again.txt", minutes_text()),
        )
    text = _text(response)
    assert "“bad.pdf”" in text and "“good-again.txt” is the same file as “good.txt”, chosen twice" in text


def test_a_scanned_pdf_cannot_be_minutes_but_can_be_a_paper(secretary_client: Client, world_a: World) -> None:
    """Whether a PDF has text is known only once it is read, in the background: the request does not parse.
    The worker then says why it could not be minutes, and the same file uploaded as a paper replaces it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    response = _post_files(secretary_client, world_a, upload("scan.pdf", buffer.getvalue()))
    assert response.status_code == 302
    run_worker()
    document = SourceDocument.objects.get(partnership=world_a.partnership, original_filename="scan.pdf")
    assert document.status == DocumentStatus.FAILED and "no text layer" in document.error
    assert not Review.objects.filter(source_document=document).exists()

    response = _post_files(secretary_client, world_a, upload("scan.pdf", buffer.getvalue()), kind="paper")
    assert response.status_code == 302
    run_worker()
    paper = Paper.objects.get(partnership=world_a.partnership, original_filename="scan.pdf")
    assert (paper.pages, paper.words) == (1, None)


# --- good uploads -------------------------------------------------------------------------------------------


def test_several_files_upload_and_are_read_by_the_worker(secretary_client: Client, world_a: World) -> None:
    minutes_docx = docx_bytes(
        minutes_text(extra="\n7. Date of next meeting\nThe next meeting is on 9 June 2025.\n")
        .decode()
        .splitlines()
    )
    response = _post_files(
        secretary_client,
        world_a,
        upload("march.docx", minutes_docx),
        upload("march.txt", minutes_text()),
        to="body",
    )
    assert response.status_code == 302
    assert SourceDocument.objects.filter(status=DocumentStatus.QUEUED).count() == 2
    run_worker()
    assert set(SourceDocument.objects.values_list("status", flat=True)) == {DocumentStatus.READY}
    assert Review.objects.count() == 2
    listing = _text(secretary_client.get(_url("review-list", world_a)))
    assert "march.docx" in listing and "march.txt" in listing


def test_a_paper_is_read_and_joins_the_record(secretary_client: Client, world_a: World) -> None:
    response = _post_files(
        secretary_client, world_a, upload("performance-report.txt", b"Performance improved."), kind="paper"
    )
    assert response.status_code == 302
    run_worker()
    paper = Paper.objects.get(title="performance-report")
    assert (paper.meeting, paper.original_filename, paper.words) == (
        world_a.meeting,
        "performance-report.txt",
        2,
    )
    assert not Review.objects.exists()


def test_the_file_comes_back_only_as_a_download(client_for: Any, world_a: World) -> None:
    _post_files(
        client_for(Role.SECRETARY),
        world_a,
        upload("page.html", b"<!DOCTYPE html><html><body><h1>Minutes</h1><p>Noted.</p></body></html>"),
    )
    document = SourceDocument.objects.get()
    response = client_for(Role.VIEWER).get(_url("document-download", world_a, pk=document.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="page.html"')
    assert response["Content-Type"] == "application/octet-stream"  # HTML is never served as HTML
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content).startswith(b"<!DOCTYPE html>")


def test_a_failed_document_shows_why_and_can_be_read_again(secretary_client: Client, world_a: World) -> None:
    _post_files(secretary_client, world_a, upload("minutes.txt", minutes_text()))
    document = SourceDocument.objects.get()
    document.file.delete(save=False)
    run_worker()
    page = _text(secretary_client.get(_url("document-detail", world_a, pk=document.pk)))
    assert "This document could not be read" in page and "The stored file is missing" in page
    response = secretary_client.post(_url("document-retry", world_a, pk=document.pk))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.QUEUED


# --- the review screen --------------------------------------------------------------------------------------


@pytest.fixture
def review(secretary_client: Client, world_a: World) -> Review:
    assert _post_files(secretary_client, world_a, upload("minutes.txt", minutes_text())).status_code == 302
    run_worker()
    return Review.objects.get()


def test_the_review_screen_shows_source_and_proposals_with_evidence_marked(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    page = secretary_client.get(_url("review-detail", world_a, pk=review.pk)).content.decode()
    assert 'id="src-0-15"' in page  # "RESOLVED that the strategy be approved." on line 15 of the text
    assert "<mark>RESOLVED that the strategy be approved.</mark>" in page
    assert "Sets the outcome of existing item" in page and "Creates a new item" in page
    assert 'name="proposals"' in page and 'value="accept"' in page
    assert "<script>" not in page and "style=" not in page


def test_bulk_accept_writes_the_record(secretary_client: Client, world_a: World, review: Review) -> None:
    ids = list(review.proposals.values_list("pk", flat=True))
    response = secretary_client.post(
        _url("review-detail", world_a, pk=review.pk), {"decision": "accept", "proposals": ids}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "done"
    assert AgendaItem.objects.filter(
        meeting=world_a.meeting, title="Winter pressures", outcome="noted"
    ).exists()
    action = Action.objects.filter(text="Circulate the delivery plan").latest("pk")  # the one accepted
    assert (
        action.agenda_item == world_a.item and action.provenance["line"] == 12
    )  # the item it was read under
    labels = json.loads(secretary_client.get(_url("review-labels", world_a, pk=review.pk)).content)
    assert [item["number"] for item in labels["items"]] == ["1", "2", "5", "6"]


def test_one_button_decides_one_proposal(secretary_client: Client, world_a: World, review: Review) -> None:
    proposal = review.proposals.get(original__number="1")
    response = secretary_client.post(
        _url("review-detail", world_a, pk=review.pk), {"decision": f"reject:{proposal.pk}", "proposals": []}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert review.proposals.filter(status=ProposalStatus.PENDING).count() == 3


def test_nothing_selected_is_a_message(secretary_client: Client, world_a: World, review: Review) -> None:
    with assert_nothing_stored():
        response = secretary_client.post(_url("review-detail", world_a, pk=review.pk), {"decision": "accept"})
    assert response.status_code == 200 and "Select at least one proposal." in _text(response)


def test_correct_then_accept(secretary_client: Client, world_a: World, review: Review) -> None:
    proposal = review.proposals.get(original__number="6")
    url = _url("proposal-update", world_a, pk=proposal.pk)
    assert "Winter pressures" in secretary_client.get(url).content.decode()
    response = secretary_client.post(
        url,
        {
            "number": "6",
            "title": "Winter pressures 2025",
            "outcome": "deferred",
            "resolution": "Deferred to June.",
            "action_0_text": "Bring it back",
            "action_0_owner": str(world_a.person.pk),
            "action_0_due": "2025-06-09",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.original["outcome"] == "noted" and proposal.final["outcome"] == "deferred"
    action = Action.objects.get(text="Bring it back")
    assert action.lead == world_a.person and action.agenda_item.title == "Winter pressures 2025"


def test_a_bad_correction_shows_the_form_again(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    proposal = review.proposals.get(original__number="6")
    with assert_nothing_stored():
        response = secretary_client.post(
            _url("proposal-update", world_a, pk=proposal.pk),
            {
                "number": "6",
                "title": "Winter",
                "outcome": "noted",
                "resolution": "",
                "action_0_text": "Report",
                "action_0_due": "2025-01-01",
            },
        )  # before the meeting
    assert "The due date cannot be before the meeting" in _text(response)


def test_an_item_that_was_missed_is_added(secretary_client: Client, world_a: World, review: Review) -> None:
    url = _url("review-add-item", world_a, pk=review.pk)
    assert "Add an item that was missed" in _text(secretary_client.get(url))
    with assert_nothing_stored():
        response = secretary_client.post(url, {"number": "7", "title": "", "outcome": "procedural"})
    assert TITLE_REQUIRED in _text(response)
    response = secretary_client.post(
        url,
        {
            "number": "7",
            "title": "Date of next meeting",
            "outcome": "procedural",
            "resolution": "",
            "action_0_text": "Book the room",
            "action_0_due": "2025-06-01",
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=world_a.meeting, title="Date of next meeting")
    assert Action.objects.get(agenda_item=item).text == "Book the room"


def test_the_status_of_a_waiting_document_refreshes_itself(secretary_client: Client, world_a: World) -> None:
    _post_files(secretary_client, world_a, upload("minutes.txt", minutes_text()))
    document = SourceDocument.objects.get()
    url = _url("document-detail", world_a, pk=document.pk)
    fragment = secretary_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert (
        "<html" not in fragment and 'hx-trigger="every 3s"' in fragment and "Waiting to be read" in fragment
    )
    run_worker()
    fragment = secretary_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "Review what was extracted" in fragment


def test_a_viewer_may_read_documents_but_not_the_review_queue(client_for: Any, world_a: World) -> None:
    _post_files(client_for(Role.SECRETARY), world_a, upload("minutes.txt", minutes_text()))
    run_worker()
    viewer = client_for(Role.VIEWER)
    document = SourceDocument.objects.get()
    page = _text(viewer.get(_url("document-detail", world_a, pk=document.pk)))
    assert "minutes.txt" in page and "Review what was extracted" not in page and "Read it again" not in page
    assert viewer.get(_url("review-list", world_a)).status_code == 403
    assert viewer.get(_url("review-detail", world_a, pk=Review.objects.get().pk)).status_code == 404


def test_the_review_screen_can_list_the_least_certain_proposals_first(
    secretary_client: Client, world_a: World
) -> None:
    _post_files(secretary_client, world_a, upload("march.txt", minutes_text()))
    run_worker()
    review = Review.objects.get()
    assert review.certainty is not None  # the shipped engine weighed the document
    listing = _text(secretary_client.get(_url("review-list", world_a)))
    assert "Certainty" in listing and f"{review.certainty:.2f}" in listing
    page = _text(secretary_client.get(_url("review-detail", world_a, pk=review.pk) + "?order=certainty"))
    assert "Least certain first" in page and "Show in the document's order" in page
    assert "Show the least certain first" in _text(
        secretary_client.get(_url("review-detail", world_a, pk=review.pk))
    )


def test_the_review_screen_and_the_correction_form_show_an_action_as_read(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    page = _text(secretary_client.get(_url("review-detail", world_a, pk=review.pk)))
    assert "The Director to circulate the delivery plan" in page and "due 2025-03-31" in page
    proposal = review.proposals.get(original__number="5")
    form = _text(secretary_client.get(_url("proposal-update", world_a, pk=proposal.pk)))
    assert 'name="action_0_due" value="2025-03-31"' in form and 'name="title" value="Joint strategy"' in form


ODD_IDS = ["²", "٣", "1" * 30, "-1", " 1", "0", "1e3", ""]


@pytest.mark.parametrize("odd", ODD_IDS)
def test_an_odd_id_is_no_such_record_and_never_a_server_error(
    secretary_client: Client, world_a: World, review: Review, odd: str
) -> None:
    """Ids from query strings and forms are parsed in one place (core.ids): no 500, nothing written."""
    from dbstate import assert_db_unchanged

    slug = world_a.partnership.slug
    governance = lambda name, **kw: reverse(f"governance:{name}", kwargs={"slug": slug, **kw})  # noqa: E731
    with assert_db_unchanged():
        listing = secretary_client.get(_url("document-list", world_a), {"body": odd})
        decided = secretary_client.post(
            _url("review-detail", world_a, pk=review.pk), {"decision": "accept", "proposals": [odd]}
        )
        one = secretary_client.post(
            _url("review-detail", world_a, pk=review.pk), {"decision": f"accept:{odd}"}
        )
        bulk = secretary_client.post(governance("action-bulk-update"), {"actions": [odd], "status": "done"})
        split = secretary_client.post(
            governance("topic-split", pk=world_a.topic_confirmation.pk), {"items": [odd], "key": "new-topic"}
        )
        suggest = secretary_client.post(governance("topic-suggest"), {"accept": [f"{odd}:winter"]})
    assert listing.status_code == 200
    assert decided.status_code == one.status_code == 404
    assert bulk.status_code == 200  # the form says no action was chosen
    assert split.status_code == 404
    assert suggest.status_code < 500
