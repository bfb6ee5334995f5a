"""Bad input over HTTP gets a clear refusal (a form error, or the friendly 400/403 page) and stores
nothing."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from intakekit import run_worker

from dbstate import assert_db_unchanged
from factories import DUE, MEETING_DATE, World, make_paper
from traction.core import uploads
from traction.governance import forms as governance_forms
from traction.governance import services
from traction.governance.models import DUE_BEFORE_MEETING, Action, Organisation, Paper
from urlspec import GOVERNANCE

DAY = datetime.timedelta(days=1)
BAD_DATES = [
    "31/02/2025",
    "yesterday",
    "2025-02-30",
    "2025-13-01",
    "30/30/30",
    "0000-00-00",
    "2025-1-1 OR 1=1",
    "9" * 40,
    "２０２５-０１-０１",
]


def url(world: World, name: str, pk: int | None = None) -> str:
    kwargs: dict[str, Any] = {"slug": world.partnership.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"governance:{name}", kwargs=kwargs)


def refused_form(client: Client, path: str, data: dict[str, Any], **extra: Any) -> Any:
    """POST that must be answered with the form again (or a 400 page) and must store nothing."""
    with assert_db_unchanged():
        response = client.post(path, data, **extra)
    assert response.status_code in {200, 400}, (path, response.status_code)
    return response


def field_errors(response: Any, field: str) -> list[str]:
    form = response.context["form"]
    return [str(message) for message in form.errors.get(field, [])]


def all_errors(response: Any) -> str:
    return str(response.context["form"].errors.as_data())


# --- dates -----------------------------------------------------------------------------------------------

DATE_FORMS = {
    "meeting-create": ("date", lambda w: {**GOVERNANCE["meeting-create"].data(w)}, None),
    "action-create": ("due_date", lambda w: GOVERNANCE["action-create"].data(w), None),
    "action-revise-due": ("new_due_date", lambda w: GOVERNANCE["action-revise-due"].data(w), "action"),
    "action-close": ("completed_on", lambda w: GOVERNANCE["action-close"].data(w), "action"),
    "action-add-update": ("on", lambda w: GOVERNANCE["action-add-update"].data(w), "action"),
}


@pytest.mark.parametrize("bad", BAD_DATES)
@pytest.mark.parametrize("name", list(DATE_FORMS))
def test_an_impossible_date_is_a_form_error(
    secretary_client: Client, world_a: World, name: str, bad: str
) -> None:
    field, data, target = DATE_FORMS[name]
    path = url(world_a, name, getattr(world_a, target).pk if target else None)
    response = refused_form(secretary_client, path, {**data(world_a), field: bad})
    assert field_errors(response, field) == [governance_forms.DATE_INVALID]


@pytest.mark.parametrize("bad", ["25:00", "noon", "14:60", "-1:00"])
def test_an_impossible_time_is_a_form_error(secretary_client: Client, world_a: World, bad: str) -> None:
    data = {**GOVERNANCE["meeting-create"].data(world_a), "time": bad}
    response = refused_form(secretary_client, url(world_a, "meeting-create"), data)
    assert field_errors(response, "time") == [governance_forms.TIME_INVALID]


@pytest.mark.parametrize("minutes", ["0", "-5", "1441", "ten", "99999999999999999999"])
def test_an_impossible_duration_is_a_form_error(
    secretary_client: Client, world_a: World, minutes: str
) -> None:
    data = {**GOVERNANCE["meeting-create"].data(world_a), "duration_minutes": minutes}
    response = refused_form(secretary_client, url(world_a, "meeting-create"), data)
    assert field_errors(response, "duration_minutes")


def test_an_action_due_before_its_meeting_is_refused(secretary_client: Client, world_a: World) -> None:
    data = {
        **GOVERNANCE["action-create-for-item"].data(world_a),
        "due_date": (MEETING_DATE - DAY).isoformat(),
    }
    response = refused_form(secretary_client, url(world_a, "action-create-for-item", world_a.item.pk), data)
    assert DUE_BEFORE_MEETING in all_errors(response)


def test_a_due_date_cannot_be_revised_to_before_the_meeting(secretary_client: Client, world_a: World) -> None:
    response = refused_form(
        secretary_client,
        url(world_a, "action-revise-due", world_a.action.pk),
        {"new_due_date": (MEETING_DATE - DAY).isoformat(), "reason": "Typo"},
    )
    assert field_errors(response, "new_due_date") == [DUE_BEFORE_MEETING]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"new_due_date": DUE.isoformat(), "reason": "Same"}, "new_due_date", services.SAME_DUE_DATE),
        ({"new_due_date": (DUE + DAY).isoformat(), "reason": "   "}, "reason", None),
        ({"new_due_date": (DUE + DAY).isoformat()}, "reason", None),
        ({"new_due_date": "", "reason": "Why not"}, "new_due_date", None),
        ({"new_due_date": (DUE + DAY).isoformat(), "reason": "x" * 2001}, "reason", None),
    ],
    ids=["same date", "blank reason", "no reason", "no date", "reason too long"],
)
def test_a_revision_without_its_facts_is_refused(
    client_for: Any, world_a: World, data: dict[str, str], field: str, message: str | None
) -> None:
    response = refused_form(client_for("member"), url(world_a, "action-revise-due", world_a.action.pk), data)
    errors = field_errors(response, field)
    assert errors and (message is None or errors == [message])


def test_closing_as_done_needs_a_date(secretary_client: Client, world_a: World) -> None:
    response = refused_form(
        secretary_client,
        url(world_a, "action-close", world_a.action.pk),
        {"status": "done", "completed_on": "", "note": ""},
    )
    assert field_errors(response, "completed_on") == [governance_forms.COMPLETED_REQUIRED]


@pytest.mark.parametrize("status", ["", "open", "finished"])
def test_closing_needs_a_closed_status(secretary_client: Client, world_a: World, status: str) -> None:
    response = refused_form(
        secretary_client,
        url(world_a, "action-close", world_a.action.pk),
        {"status": status, "completed_on": DUE.isoformat()},
    )
    assert field_errors(response, "status") == [services.CLOSED_STATUS_REQUIRED]


# --- sizes and characters ----------------------------------------------------------------------------------


def test_a_ten_megabyte_title_is_refused_cleanly(secretary_client: Client, world_a: World) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(
            url(world_a, "organisation-create"), {"name": "x" * (10 * 1024 * 1024), "kind": "council"}
        )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved" in body and "Traceback" not in body


def test_a_ten_megabyte_agenda_item_title_is_refused_cleanly(
    secretary_client: Client, world_a: World
) -> None:
    data = {**GOVERNANCE["agendaitem-create"].data(world_a), "title": "Budget " * (1536 * 1024)}
    with assert_db_unchanged():
        response = secretary_client.post(url(world_a, "agendaitem-create", world_a.meeting.pk), data)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("name", "field", "length"),
    [
        ("organisation-create", "name", 201),
        ("person-create", "name", 201),
        ("body-create", "name", 201),
        ("agendaitem-create", "title", 501),
        ("action-create", "minute_reference", 61),
        ("organisation-create", "name", 2 * 1024 * 1024),
    ],
)
def test_a_value_over_its_field_length_is_a_form_error(
    secretary_client: Client, world_a: World, name: str, field: str, length: int
) -> None:
    spec = GOVERNANCE[name]
    path = url(world_a, name, spec.target(world_a).pk if spec.target else None)
    response = refused_form(secretary_client, path, {**spec.data(world_a), field: "x" * length})
    assert field_errors(response, field)


@pytest.mark.parametrize(
    ("name", "field"),
    [("organisation-create", "name"), ("action-create", "text"), ("action-add-update", "note")],
)
def test_a_null_character_is_a_form_error(
    secretary_client: Client, world_a: World, name: str, field: str
) -> None:
    """PostgreSQL cannot store NUL in text; the form must refuse it before the database does."""
    spec = GOVERNANCE[name]
    path = url(world_a, name, spec.target(world_a).pk if spec.target else None)
    response = refused_form(secretary_client, path, {**spec.data(world_a), field: "Council\x00Chamber"})
    assert field_errors(response, field)


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_blank_name_is_a_form_error(secretary_client: Client, world_a: World, name: str) -> None:
    response = refused_form(
        secretary_client, url(world_a, "organisation-create"), {"name": name, "kind": "other"}
    )
    assert field_errors(response, "name")


def test_a_name_already_taken_differs_only_in_case(secretary_client: Client, world_a: World) -> None:
    response = refused_form(
        secretary_client,
        url(world_a, "organisation-create"),
        {"name": world_a.organisation.name.upper(), "kind": "council"},
    )
    assert field_errors(response, "name") == [governance_forms.NAME_TAKEN]


def test_unicode_names_are_kept_as_typed(secretary_client: Client, world_a: World) -> None:
    name = "Cyngor Sir Ynys Môn – Gwasanaethau 🏥"
    response = secretary_client.post(url(world_a, "organisation-create"), {"name": name, "kind": "council"})
    assert response.status_code == 302
    assert Organisation.objects.filter(partnership=world_a.partnership, name=name).exists()


def test_too_many_fields_is_refused_cleanly(secretary_client: Client, world_a: World) -> None:
    data = {f"field{n}": "x" for n in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 10)}
    with assert_db_unchanged():
        response = secretary_client.post(url(world_a, "action-bulk-update"), data)
    assert response.status_code == 400


# --- forged requests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "forged-token-0123456789abcdef0123456789abcdef0123456789abcdef01"])
@pytest.mark.parametrize(
    "name",
    [
        "organisation-create",
        "action-revise-due",
        "meeting-mark-held",
        "action-bulk-update",
        "organisation-delete",
    ],
)
def test_a_forged_form_is_refused_with_the_friendly_page(
    secretary: Any, world_a: World, name: str, token: str | None
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretary)
    spec = GOVERNANCE[name]
    path = url(world_a, name, spec.target(world_a).pk if spec.target else None)
    data = spec.data(world_a) if spec.data else {}
    if token:
        client.cookies["csrftoken"] = "x" * 32
        data = {**data, "csrfmiddlewaretoken": token}
    with assert_db_unchanged():
        response = client.post(path, data)
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your form could not be sent" in body and "Nothing was saved" in body


def test_a_real_form_with_its_token_is_accepted(secretary: Any, world_a: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretary)
    path = url(world_a, "organisation-create")
    client.get(path)
    token = client.cookies["csrftoken"].value
    response = client.post(
        path, {"name": "Citizens Advice", "kind": "voluntary", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


# --- another partnership's ids -----------------------------------------------------------------------------

FOREIGN_IDS = [
    # url name, field, world attribute of partnership B whose pk is posted, many?
    ("person-create", "organisation", "organisation", False),
    ("body-create", "parent", "body", False),
    ("body-create", "member_organisations", "organisation", True),
    ("body-update", "parent", "body", False),
    ("bodymembership-create", "person", "person", False),
    ("meeting-create", "body", "body", False),
    ("meeting-update", "body", "body", False),
    ("attendance-update", "other_person", "other_person", False),
    ("agendaitem-update", "papers", "paper", True),
    ("paper-create", "author_organisation", "organisation", False),
    ("action-create", "body", "body", False),
    ("action-create", "lead", "person", False),
    ("action-create", "lead_organisation", "organisation", False),
    ("action-update", "lead", "person", False),
    ("action-create-for-item", "lead", "person", False),
    ("action-bulk-update", "actions", "action", True),
]


@pytest.mark.parametrize(
    ("name", "field", "attribute", "many"), FOREIGN_IDS, ids=[f"{n}.{f}" for n, f, _, _ in FOREIGN_IDS]
)
def test_another_partnerships_id_in_a_form_is_an_error(
    secretary_client: Client,
    world_a: World,
    world_b: World,
    name: str,
    field: str,
    attribute: str,
    many: bool,
) -> None:
    spec = GOVERNANCE[name]
    path = url(world_a, name, spec.target(world_a).pk if spec.target else None)
    foreign = getattr(world_b, attribute).pk
    data = {**spec.data(world_a), field: [foreign] if many else foreign}
    response = refused_form(secretary_client, path, data)
    assert field_errors(response, field), all_errors(response)
    assert str(getattr(world_b, attribute)) not in response.content.decode()


def test_a_mix_of_own_and_foreign_actions_in_bulk_changes_none(
    secretary_client: Client, world_a: World, world_b: World
) -> None:
    data = {"actions": [world_a.action.pk, world_b.action.pk], "status": "dropped"}
    refused_form(secretary_client, url(world_a, "action-bulk-update"), data)
    assert Action.objects.get(pk=world_a.action.pk).status == "open"


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "99999999999999999999", "", "[1]"])
def test_a_malformed_id_in_a_form_is_an_error(secretary_client: Client, world_a: World, value: str) -> None:
    data = {**GOVERNANCE["action-create"].data(world_a), "body": value}
    response = refused_form(secretary_client, url(world_a, "action-create"), data)
    assert field_errors(response, "body")


# --- filters, pages and redirects ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "body=abc",
        "body=-1",
        "view=nonsense",
        "lead=1.5",
        "date_from=31/02/2025",
        "date_to=yesterday",
        "q=" + "x" * 5000,
        "when=everything",
        "q=%00",
        "q=' OR 1=1 --",
    ],
)
@pytest.mark.parametrize(
    "name",
    ["action-list", "decision-list", "meeting-list", "search-results", "organisation-list", "paper-list"],
)
def test_nonsense_in_a_query_string_still_shows_the_page(
    secretary_client: Client, world_a: World, name: str, query: str
) -> None:
    response = secretary_client.get(url(world_a, name) + "?" + query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http:evil.example",
        "javascript:alert(1)",
        "\\\\evil.example",
        "/\\evil.example",
    ],
)
def test_next_never_leaves_the_site(secretary_client: Client, world_a: World, target: str) -> None:
    path = url(world_a, "organisation-create") + f"?next={target}"
    response = secretary_client.post(path, {"name": "Healthwatch", "kind": "voluntary", "next": target})
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith(("//", "/\\"))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_login_never_sends_you_off_the_site(world_a: World, target: str) -> None:
    from factories import PASSWORD, make_member

    make_member(world_a.partnership, "viewer", username="visitor", password=PASSWORD)
    response = Client().post(
        f"/login/?next={target}", {"username": "visitor", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302 and response["Location"].startswith("/")


# --- paper uploads ----------------------------------------------------------------------------------------


def _media_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _upload(client: Client, world: World, name: str, content: bytes, **data: Any) -> Any:
    fields = {
        "title": "Board pack",
        "author_organisation": "",
        **data,
        "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
    }
    return client.post(url(world, "paper-create", world.meeting.pk), fields)


def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    return buffer.getvalue()


UPLOADS = {
    "wrong type": ("minutes.exe", b"MZ\x90\x00", uploads.FILE_TYPE),
    "no extension": ("minutes", b"Minutes", uploads.FILE_TYPE),
    "double extension": ("minutes.pdf.exe", b"%PDF-1.4", uploads.FILE_TYPE),
    "empty": ("minutes.txt", b"", None),  # Django's own "The submitted file is empty."
    "not really a pdf": ("minutes.pdf", b"<html>hello</html>", uploads.FILE_UNREADABLE.format(kind="PDF")),
    "broken pdf": ("minutes.pdf", b"%PDF-1.4\n garbage", uploads.FILE_UNREADABLE.format(kind="PDF")),
    "not really a docx": (
        "minutes.docx",
        b"PK\x03\x04 nonsense",
        uploads.FILE_UNREADABLE.format(kind="DOCX"),
    ),
    "binary as text": ("minutes.txt", b"abc\x00def", uploads.FILE_UNREADABLE.format(kind="TXT")),
}


@pytest.mark.parametrize("case", list(UPLOADS))
def test_a_bad_upload_is_refused_and_nothing_is_kept(
    secretary_client: Client, world_a: World, case: str
) -> None:
    name, content, message = UPLOADS[case]
    with assert_db_unchanged():
        response = _upload(secretary_client, world_a, name, content)
    assert response.status_code == 200
    errors = field_errors(response, "file")
    assert errors and (message is None or errors == [message]), errors
    assert _media_files() == []


def test_a_zip_bomb_dressed_as_docx_is_refused(secretary_client: Client, world_a: World) -> None:
    with assert_db_unchanged():
        response = _upload(secretary_client, world_a, "minutes.docx", _docx_bomb())
    [error] = field_errors(response, "file")
    assert "unsafe" in error  # the engine's own explanation, not a generic "could not be read"
    assert _media_files() == []


@pytest.mark.django_db(transaction=True)  # the real worker commits
def test_a_windows_encoded_text_paper_is_accepted(secretary_client: Client, world_a: World) -> None:
    """Minutes saved from older Word installs are cp1252, not UTF-8: read them, do not refuse them."""
    response = _upload(secretary_client, world_a, "minutes.txt", "Café review – noted".encode("cp1252"))
    assert response.status_code == 302
    run_worker()  # the paper is read in the background, once
    assert world_a.meeting.papers.get(title="Board pack").words == 3


def test_a_paper_without_a_file_is_refused(secretary_client: Client, world_a: World) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(url(world_a, "paper-create", world_a.meeting.pk), {"title": "Pack"})
    assert field_errors(response, "file") == [uploads.FILE_REQUIRED]


def test_an_upload_over_the_limit_is_refused(secretary_client: Client, world_a: World, settings: Any) -> None:
    settings.TRACTION_MAX_UPLOAD_BYTES = 1024 * 1024
    with assert_db_unchanged():
        response = _upload(secretary_client, world_a, "minutes.txt", b"word " * (300 * 1024))
    assert field_errors(response, "file") == [uploads.FILE_TOO_BIG.format(mb=1)]
    assert _media_files() == []


@pytest.mark.django_db(transaction=True)  # the real worker commits
def test_a_large_upload_within_the_limit_is_measured(secretary_client: Client, world_a: World) -> None:
    content = b"Budget monitoring report. " * (400 * 1024)  # about 10 MB
    response = _upload(secretary_client, world_a, "budget.txt", content, title="Budget monitoring")
    assert response.status_code == 302
    run_worker()
    paper = Paper.objects.get(title="Budget monitoring")
    assert paper.words == 3 * 400 * 1024 and paper.original_filename == "budget.txt"


def test_the_same_file_twice_is_refused(secretary_client: Client, world_a: World) -> None:
    assert _upload(secretary_client, world_a, "a.txt", b"The same words.").status_code == 302
    with assert_db_unchanged():
        response = _upload(secretary_client, world_a, "b.txt", b"The same words.", title="Again")
    assert field_errors(response, "file") == [governance_forms.DUPLICATE_PAPER.format(title="Board pack")]


@pytest.mark.parametrize(
    "filename",
    [
        "../../../etc/passwd.txt",
        "..\\..\\boot.ini.txt",
        "<script>.txt",
        "a" * 300 + ".txt",
        "CON.txt",
        "minutes\x00.pdf.txt",
    ],
)
def test_a_hostile_file_name_never_reaches_the_disk(
    secretary_client: Client, world_a: World, filename: str
) -> None:
    response = _upload(secretary_client, world_a, filename, f"Words for {filename[:10]}".encode())
    if response.status_code == 200:  # refused outright: nothing stored
        assert field_errors(response, "file") and not Paper.objects.filter(title="Board pack").exists()
        assert _media_files() == []
        return
    assert response.status_code == 302
    paper = Paper.objects.get(partnership=world_a.partnership, title="Board pack")
    stored = Path(paper.file.path).resolve()
    assert stored.is_relative_to(Path(django_settings.MEDIA_ROOT).resolve())
    assert Path(paper.file.name).name == f"{paper.sha256[:32]}.txt"


def test_an_uploaded_html_paper_downloads_and_never_renders(secretary_client: Client, world_a: World) -> None:
    from django.core.files.base import ContentFile

    paper = make_paper(
        world_a.partnership,
        title="Report",
        meeting=world_a.meeting,
        original_filename="r.html",
        file=ContentFile(b"<script>alert(1)</script>", name="r.html"),
    )
    response = secretary_client.get(url(world_a, "paper-download", paper.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_paper_whose_file_has_gone_is_not_found(secretary_client: Client, world_a: World) -> None:
    from django.core.files.base import ContentFile

    paper = make_paper(world_a.partnership, title="Lost", file=ContentFile(b"words", name="lost.txt"))
    Path(paper.file.path).unlink()
    assert secretary_client.get(url(world_a, "paper-download", paper.pk)).status_code == 404


# --- deleting what others depend on ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "attribute"),
    [
        ("body-delete", "body"),
        ("organisation-delete", "organisation"),
        ("meeting-delete", "meeting"),
        ("person-delete", "person"),
    ],
)
def test_deleting_a_record_others_depend_on_explains_or_succeeds_cleanly(
    secretary_client: Client, world_a: World, name: str, attribute: str
) -> None:
    """A body with meetings cannot go: the page says why and nothing changes. Records whose dependants are
    merely unlinked (an organisation's people, a meeting's papers) are deleted with one audit event."""
    from traction.core.models import AuditEvent

    record = getattr(world_a, attribute)
    path = url(world_a, name, record.pk)
    if name == "body-delete":
        with assert_db_unchanged():
            response = secretary_client.post(path)
        assert response.status_code == 200
        assert (
            "cannot be deleted" in response.content.decode()
            and "Nothing was deleted" in response.content.decode()
        )
    else:
        before = AuditEvent.objects.count()
        assert secretary_client.post(path).status_code == 302
        assert not type(record).objects.filter(pk=record.pk).exists()
        assert AuditEvent.objects.count() == before + 1


def test_editing_an_action_cannot_move_its_due_date_without_a_revision(
    client_for: Any, world_a: World
) -> None:
    """The due date changes only through a revision with its reason; a due_date smuggled into the edit form
    (or original_due_date, status, held_over) is ignored."""
    data = {
        **GOVERNANCE["action-update"].data(world_a),
        "due_date": "2030-01-01",
        "original_due_date": "2030-01-01",
        "status": "done",
        "held_over": "9",
        "partnership": "999",
    }
    response = client_for("member").post(url(world_a, "action-update", world_a.action.pk), data)
    assert response.status_code == 302
    action = Action.objects.get(pk=world_a.action.pk)
    assert (action.due_date, action.original_due_date, action.status, action.held_over) == (
        DUE,
        DUE,
        "open",
        0,
    )
    assert action.partnership == world_a.partnership and not action.revisions.exists()


def test_a_request_declared_over_the_limit_is_refused_before_its_body_is_read(
    secretary_client: Client, world_a: World
) -> None:
    """A 300 MB upload is answered from its Content-Length: the body is never read, nothing is stored."""

    class Unread(io.BytesIO):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("the body was read")

    path = url(world_a, "paper-create", world_a.meeting.pk)
    with assert_db_unchanged():
        response = secretary_client.generic(
            "POST",
            path,
            b"",
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(300 * 1024 * 1024),
            **{"wsgi.input": Unread()},
        )
    assert response.status_code == 413
    assert "one request may carry at most 100 MB" in response.content.decode()
    assert _media_files() == []


def test_a_request_for_another_host_is_a_400_page_in_production(client: Client, settings: Any) -> None:
    """A disallowed Host header is refused with the 400 page, which must render before a user exists."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["traction.example.gov.uk"]
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize("odd", ["1" * 30, "²", "٣", "-1"])
def test_a_record_choice_that_is_not_an_id_is_the_form_refusal_not_a_500(
    client_for: Any, world_a: World, odd: str
) -> None:
    """Record choices in filters and forms refuse what is not an id; a list of them is checked before the
    database sees it (core.forms.guard_record_choices), on every form a page submits."""
    secretary, facilitator = client_for("secretary"), client_for("facilitator")
    with assert_db_unchanged():
        listing = secretary.get(url(world_a, "action-list"), {"body": odd, "lead": odd})
        action = secretary.post(
            url(world_a, "action-create"), {"body": odd, "text": "Circulate", "lead": odd}
        )
        exercise = facilitator.post(
            reverse("listening:exercise-create", kwargs={"slug": world_a.partnership.slug}),
            {"title": "Listening to carers", "facilitators": [odd]},
        )
    assert listing.status_code == action.status_code == exercise.status_code == 200
    assert "Select a valid choice" in action.content.decode()
    assert "is not a valid value" in exercise.content.decode()
