"""Conditional requests: the validators (ETag, Last-Modified) of each answer taken in are kept and sent back;
an answer the site says is unchanged (304) is neither read nor written, and the run counts the requests
saved. A meeting that failed, is missing here or is due to be marked held is read in full; a site that sends
no validators, or ignores them, works as before."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from fakeserver import FakeModernGov

from factories import World
from traction.cli import main
from traction.core.models import AuditEvent
from traction.governance.models import AgendaItem, Meeting, MeetingStatus
from traction.imports.models import ImportedRecord, ImportRun, ImportSource, RunStatus, SiteAnswer
from traction.imports.services import (
    importrun_create,
    importrun_execute,
    importsource_choose,
    importsource_create,
)
from traction_analysis.moderngov import ModernGovClient, Politeness, SiteError, Validators

HWB = {"id": "101", "title": "Health and Wellbeing Board", "category": "Boards"}
SINCE, UNTIL = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)
MEETINGS = ["2001", "2002", "2003", "2004", "2005"]  # the board's 2023 meetings in the fixtures


def _source(server: FakeModernGov, world: World, actor: Any) -> ImportSource:
    source = importsource_create(actor=actor, partnership=world.partnership, site=server.url)
    return importsource_choose(actor=actor, source=source, committees=[HWB], since=SINCE, until=UNTIL)


def _run(source: ImportSource, actor: Any) -> ImportRun:
    source.refresh_from_db()
    return importrun_execute(run=importrun_create(actor=actor, source=source, since=SINCE))


def _written() -> dict[str, Any]:
    """What an import writes for meetings: the record, the id mapping with its times, the kept validators,
    and the audit trail less the run's own entries."""
    from dbstate import db_state

    state = {
        label: rows
        for label, rows in db_state().items()
        if label != "core.AuditEvent" and not label.startswith(("imports.", "django_tasks_database."))
    }
    state["mapping"] = list(ImportedRecord.objects.order_by("pk").values_list())
    state["answers"] = list(SiteAnswer.objects.order_by("pk").values_list())
    state["audit"] = list(
        AuditEvent.objects.exclude(verb__in=["queued import", "ran import"]).order_by("pk").values_list("pk")
    )
    return state


def _meeting_requests(server: FakeModernGov, since: int = 0) -> dict[str, tuple[bool, int]]:
    """GetMeeting requests after the first ``since`` logged: meeting id -> (conditional, status)."""
    return {
        entry.query["lMeetingId"]: (entry.conditional, entry.status)
        for entry in server.requests()[since:]
        if entry.method == "GetMeeting"
    }


def _meetings() -> dict[str, Meeting]:
    rows = ImportedRecord.objects.filter(kind="meeting")
    return {row.external_id: Meeting.objects.get(pk=row.object_id) for row in rows}


# --- the client ----------------------------------------------------------------------------------------


def _client(server: FakeModernGov) -> ModernGovClient:
    return ModernGovClient(
        server.url, politeness=Politeness(delay=0, backoff=0, timeout=5), allow_private=True
    )


def test_the_client_sends_the_validators_back_and_reads_a_304_as_not_modified(
    moderngov: FakeModernGov,
) -> None:
    client = _client(moderngov)
    first = client.meeting_answer("2001")
    assert first.data and first.validators.etag.startswith('"') and first.validators.last_modified
    again = client.meeting_answer("2001", first.validators)
    assert again.not_modified and again.data is None and again.validators == first.validators
    assert (client.requests, client.not_modified) == (2, 1)
    [_, asked] = moderngov.requests()
    assert (asked.if_none_match, asked.if_modified_since) == (
        first.validators.etag,
        first.validators.last_modified,
    )
    assert asked.status == 304


def test_without_an_etag_the_client_asks_if_modified_since(moderngov: FakeModernGov) -> None:
    moderngov.switches.etags = False
    client = _client(moderngov)
    first = client.meeting_answer("2001")
    assert first.validators.etag == "" and first.validators.last_modified
    assert client.meeting_answer("2001", first.validators).not_modified
    assert moderngov.requests()[-1].if_modified_since == first.validators.last_modified
    moderngov.change("GetMeeting:2001", "Declarations of interest<", "Declarations of interests<")
    changed = client.meeting_answer("2001", first.validators)
    assert changed.data and b"Declarations of interests<" in changed.data
    assert changed.validators.last_modified != first.validators.last_modified


def test_a_site_that_ignores_the_conditions_answers_in_full(moderngov: FakeModernGov) -> None:
    moderngov.switches.ignore_conditions = True
    client = _client(moderngov)
    first = client.meeting_answer("2001")
    again = client.meeting_answer("2001", first.validators)
    assert again.data == first.data and client.not_modified == 0
    assert moderngov.requests()[-1].conditional


def test_a_304_to_a_request_that_was_not_conditional_is_an_error(moderngov: FakeModernGov) -> None:
    """A broken site answers 304 whatever was asked (the fake site answers 304 only to a condition that
    holds, so its answer is replaced here)."""
    import urllib.error

    client = _client(moderngov)

    def not_modified(*args: Any, **kwargs: Any) -> Any:
        raise urllib.error.HTTPError(client.meeting_url("2001"), 304, "Not Modified", None, None)  # type: ignore[arg-type]

    client._opener.open = not_modified  # type: ignore[method-assign]
    with pytest.raises(SiteError, match="not conditional"):
        client.fetch("GetMeeting", Validators(), lMeetingId="2001")


# --- the import ----------------------------------------------------------------------------------------


def test_a_second_run_against_an_unchanged_site_saves_requests_and_writes_nothing(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    first = _run(source, secretary)
    assert first.status == RunStatus.SUCCEEDED and first.requests_saved == 0
    assert SiteAnswer.objects.filter(source=source).count() == 1 + len(MEETINGS)  # the list and each meeting
    before, logged = _written(), len(moderngov.requests())

    again = _run(source, secretary)

    assert again.status == RunStatus.SUCCEEDED
    assert again.requests == 1 + len(MEETINGS) and again.requests_saved == 1 + len(MEETINGS)
    assert again.counts == {"meeting": {"unchanged": len(MEETINGS)}}
    assert _meeting_requests(moderngov, logged) == {ident: (True, 304) for ident in MEETINGS}
    assert [e.status for e in moderngov.requests("GetMeetings")] == [200, 304]
    assert _written() == before


def test_a_changed_meeting_is_read_and_updated(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    _run(source, secretary)
    moderngov.change("GetMeeting:2001", "Declarations of interest<", "Declarations of new interests<")
    logged = len(moderngov.requests())

    again = _run(source, secretary)

    assert again.status == RunStatus.SUCCEEDED
    assert again.counts["meeting"] == {"unchanged": len(MEETINGS) - 1, "updated": 1}
    assert again.requests_saved == len(MEETINGS)  # the list and the four unchanged meetings
    asked = _meeting_requests(moderngov, logged)
    assert asked["2001"] == (True, 200)
    assert AgendaItem.objects.filter(
        meeting=_meetings()["2001"], title="Declarations of new interests"
    ).exists()
    # The new validators are kept: the run after saves it too.
    assert _run(source, secretary).requests_saved == 1 + len(MEETINGS)


@pytest.mark.parametrize("switch", ["no validators", "ignores them"])
def test_a_site_without_validators_or_ignoring_them_works_as_before(
    moderngov: FakeModernGov, world_a: World, secretary: Any, switch: str
) -> None:
    if switch == "no validators":
        moderngov.switches.etags = moderngov.switches.last_modified = False
    else:
        moderngov.switches.ignore_conditions = True
    source = _source(moderngov, world_a, secretary)
    assert _run(source, secretary).counts["meeting"] == {"created": len(MEETINGS)}
    before = _written()
    moderngov.change("GetMeeting:2005", "Date of next meeting<", "Date and place of next meeting<")

    again = _run(source, secretary)

    assert again.status == RunStatus.SUCCEEDED and again.requests_saved == 0
    assert again.counts["meeting"] == {"unchanged": len(MEETINGS) - 1, "updated": 1}
    assert {status for _, status in _meeting_requests(moderngov).values()} == {200}
    if switch == "no validators":
        assert not SiteAnswer.objects.exists() and not any(e.conditional for e in moderngov.requests())
    after = _written()
    assert after["mapping"] != before["mapping"]  # meeting 2005's new hash
    assert AgendaItem.objects.filter(
        meeting=_meetings()["2005"], title="Date and place of next meeting"
    ).exists()


def test_a_meeting_that_failed_is_read_in_full_until_imported(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    _run(source, secretary)
    # The council edits meeting 2004, and the site fails while it is read: the old validators are dropped.
    moderngov.change("GetMeeting:2004", "There were no apologies.", "Apologies were received from Dr Patel.")
    moderngov.switches.errors["GetMeeting:2004"] = [500] * 10
    failed = _run(source, secretary)
    assert failed.status == RunStatus.PARTIAL and [f["meeting_id"] for f in failed.failures] == ["2004"]
    assert not SiteAnswer.objects.filter(url__endswith="lMeetingId=2004").exists()
    moderngov.switches.errors.clear()
    logged = len(moderngov.requests())

    healed = _run(source, secretary)

    assert healed.status == RunStatus.SUCCEEDED and healed.counts["meeting"]["updated"] == 1
    assert _meeting_requests(moderngov, logged)["2004"] == (False, 200)
    assert healed.submitted_for_review == 1  # its changed minutes


def test_a_meeting_whose_record_is_missing_is_read_in_full(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    _run(source, secretary)
    _meetings()["2003"].delete()  # deleted here by a person
    logged = len(moderngov.requests())

    again = _run(source, secretary)

    assert _meeting_requests(moderngov, logged)["2003"] == (False, 200)
    assert again.counts["meeting"] == {"unchanged": len(MEETINGS) - 1, "created": 1}
    assert "2003" in _meetings()


def test_a_scheduled_meeting_whose_date_has_passed_is_read_and_marked_held(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    _run(source, secretary)
    Meeting.objects.filter(pk=_meetings()["2001"].pk).update(status=MeetingStatus.SCHEDULED)  # imported ahead
    logged = len(moderngov.requests())

    _run(source, secretary)

    assert _meeting_requests(moderngov, logged)["2001"] == (False, 200)
    assert _meetings()["2001"].status == MeetingStatus.HELD


def test_minutes_not_yet_sent_for_review_are_read_again(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, None)
    assert _run(source, None).submitted_for_review == 0  # no user: the minutes wait
    logged = len(moderngov.requests())

    again = _run(source, secretary)

    assert again.submitted_for_review == 4
    asked = _meeting_requests(moderngov, logged)
    # The meetings with minutes are read in full; the cancelled one, with none, was taken in whole before.
    assert {ident: asked[ident] for ident in ["2001", "2003", "2004", "2005"]} == dict.fromkeys(
        ["2001", "2003", "2004", "2005"], (False, 200)
    )
    assert asked["2002"] == (True, 304)


def test_another_partnership_keeps_its_own_validators(
    moderngov: FakeModernGov, world_a: World, world_b: World, secretary: Any
) -> None:
    _run(_source(moderngov, world_a, secretary), secretary)
    kept = list(SiteAnswer.objects.filter(partnership=world_a.partnership).values_list())
    other = _source(moderngov, world_b, None)
    result = _run(other, None)
    assert result.requests_saved == 0 and result.counts["meeting"] == {"created": len(MEETINGS)}
    assert not any(e.conditional for e in moderngov.requests()[-len(MEETINGS) - 1 :])
    assert set(SiteAnswer.objects.filter(source=other).values_list("partnership", flat=True)) == {
        world_b.partnership.pk
    }
    assert list(SiteAnswer.objects.filter(partnership=world_a.partnership).values_list()) == kept


# --- where it shows ------------------------------------------------------------------------------------


def test_the_run_page_and_the_command_line_show_the_requests_saved(
    moderngov: FakeModernGov,
    world_a: World,
    secretary: Any,
    client_for: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [
        "import",
        "moderngov",
        moderngov.url,
        "--committee",
        "Health and Wellbeing Board",
        "--since",
        "2023-01-01",
        "--until",
        "2023-12-31",
        "--partnership",
        world_a.partnership.slug,
        "--user",
        "secretary",
    ]
    assert main(argv) == 0
    assert "(0 saved: answered not modified)" in capsys.readouterr().out
    assert main(argv) == 0
    out = capsys.readouterr().out
    # GetCommittees (to find the committee by name), the list and five meetings; all but the first saved.
    assert "7 requests to the site (6 saved: answered not modified)" in out
    assert "meeting 2001: unchanged (not sent again)" in out
    run = ImportRun.objects.filter(partnership=world_a.partnership).order_by("-pk").first()
    assert run is not None and run.requests_saved == 6
    page = client_for("secretary").get(
        reverse("imports:run-detail", kwargs={"slug": world_a.partnership.slug, "pk": run.pk})
    )
    text = page.content.decode()
    assert "Requests saved" in text and "6 (answered “not modified”: nothing read again)" in text
