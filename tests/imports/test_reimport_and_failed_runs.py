"""What a re-import must not destroy, and a run that must not be left 'running' when the site breaks oddly."""

from __future__ import annotations

import datetime
import ssl
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from fakeserver import FakeModernGov

from factories import World
from traction.governance.models import Action, AgendaItem
from traction.imports.models import ImportedRecord, ImportRun, ImportSource, RecordKind, RunStatus
from traction.imports.services import (
    ALREADY_RUNNING,
    client_for,
    importrun_create,
    importrun_execute,
    importsource_choose,
    importsource_create,
)

HWB = {"id": "101", "title": "Health and Wellbeing Board", "category": "Boards"}
SINCE, UNTIL = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)


def _source(server: FakeModernGov, world: World, actor: Any) -> ImportSource:
    source = importsource_create(actor=actor, partnership=world.partnership, site=server.url)
    return importsource_choose(actor=actor, source=source, committees=[HWB], since=SINCE, until=UNTIL)


def _run(source: ImportSource, actor: Any, **kwargs: Any) -> ImportRun:
    source.refresh_from_db()
    return importrun_execute(run=importrun_create(actor=actor, source=source, since=SINCE), **kwargs)


def _without_item(server: FakeModernGov, meeting_key: str, fixture: str, item_id: str) -> None:
    xml = server.fixture(fixture).decode()
    start = xml.index(f"    <agendaitem>\n      <agendaitemid>{item_id}")
    end = xml.index("</agendaitem>", start) + len("</agendaitem>\n")
    server.switches.overrides[meeting_key] = (xml[:start] + xml[end:]).encode()


def test_an_item_removed_at_the_source_keeps_what_a_person_recorded_on_it(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    _run(source, secretary)
    mapping = ImportedRecord.objects.get(source=source, kind=RecordKind.ITEM, external_id="5302")
    item = AgendaItem.objects.get(pk=mapping.object_id)
    # A person recorded the decision on it (by review or by hand) and an action hangs off it.
    AgendaItem.objects.filter(pk=item.pk).update(outcome="decided", resolution="Agreed to meet in June.")
    action = Action.objects.create(
        partnership=world_a.partnership, body=item.meeting.body, agenda_item=item, text="Book the room"
    )
    _without_item(moderngov, "GetMeeting:2005", "meeting_2005.xml", "5302")

    result = _run(source, secretary)

    assert result.status == RunStatus.SUCCEEDED, result.failures
    item.refresh_from_db()
    assert (item.outcome, item.resolution) == ("decided", "Agreed to meet in June.")
    action.refresh_from_db()
    assert action.agenda_item_id == item.pk
    assert result.counts["item"].get("removed", 0) == 0
    assert result.counts["item"]["kept (recorded by a person)"] == 1
    # No longer the council's item: a later run leaves it alone and counts nothing for it.
    assert not ImportedRecord.objects.filter(source=source, kind=RecordKind.ITEM, external_id="5302").exists()
    again = _run(source, secretary)
    assert "kept (recorded by a person)" not in again.counts.get("item", {})
    assert AgendaItem.objects.filter(pk=item.pk).exists()


class _DroppedTLS:
    """The site's TLS connection dropped in the middle of an answer: the client raises ssl.SSLError,
    which is an OSError, not one of the client's own errors."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.site = real.site

    @property
    def requests(self) -> int:
        return int(self.real.requests)

    def meetings_answer(self, *args: Any, **kwargs: Any) -> Any:
        raise ssl.SSLEOFError(8, "EOF occurred in violation of protocol")

    def __getattr__(self, name: str) -> Any:  # everything else as the real client
        return getattr(self.real, name)


def test_an_unexpected_failure_marks_the_run_failed_and_does_not_block_the_next(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    result = _run(source, secretary, client=_DroppedTLS(client_for(source)))  # type: ignore[arg-type]

    result.refresh_from_db()
    assert result.status == RunStatus.FAILED
    assert "EOF occurred in violation of protocol" in result.error
    assert result.finished_at is not None
    # The next run may start at once: the failed one does not hold the site for hours.
    assert _run(source, secretary).status == RunStatus.SUCCEEDED


@pytest.mark.django_db(transaction=True)
def test_two_runs_queued_at_the_same_moment_make_one(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    """Two people press 'Run import' together: the second waits for the first and is refused, on PostgreSQL
    too, where no unfinished run exists yet to lock."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time (BEGIN IMMEDIATE); the race needs PostgreSQL")
    source = _source(moderngov, world_a, secretary)
    outcome: list[str] = []

    def second() -> None:
        try:
            importrun_create(actor=secretary, source=ImportSource.objects.get(pk=source.pk), since=SINCE)
            outcome.append("queued")
        except ValidationError as error:
            outcome.append(" ".join(error.messages))
        finally:
            connections.close_all()

    with transaction.atomic():
        importrun_create(actor=secretary, source=source, since=SINCE)
        other = threading.Thread(target=second)
        other.start()
        other.join(timeout=1.5)  # it must wait for this transaction, not slip past it
    other.join(timeout=30)
    assert outcome == [ALREADY_RUNNING]
    assert ImportRun.objects.filter(source=source).count() == 1


def test_the_command_line_names_a_user_who_may_not_import(
    moderngov: FakeModernGov, world_a: World, users: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from traction.cli import main

    member = users["member"].get_username()
    status = main(
        [
            "import",
            "moderngov",
            moderngov.url,
            "--committee",
            HWB["title"],
            "--since",
            "2023-01-01",
            "--partnership",
            world_a.partnership.slug,
            "--user",
            member,
        ]
    )
    assert status == 1
    err = capsys.readouterr().err
    assert member in err and "may not import" in err
    assert not ImportSource.objects.filter(partnership=world_a.partnership).exists()


def test_the_command_line_refuses_an_address_the_web_form_refuses(
    world_a: World, capsys: pytest.CaptureFixture[str]
) -> None:
    from traction.cli import main
    from traction_analysis.moderngov import BadSiteAddress

    status = main(
        [
            "import",
            "moderngov",
            "https://democracy..example.gov.uk",
            "--committee",
            HWB["title"],
            "--since",
            "2023-01-01",
            "--partnership",
            world_a.partnership.slug,
        ]
    )  # a typed double dot
    assert status == 1
    assert BadSiteAddress.message in capsys.readouterr().err
    assert not ImportSource.objects.exists()


def test_a_scheduled_meeting_whose_date_has_passed_becomes_held(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    """Imported while still to come, the meeting is scheduled; once its date has passed a later run marks it
    held, even when the council's answer for it has not changed."""
    from traction.governance.models import Meeting, MeetingStatus

    source = _source(moderngov, world_a, secretary)
    _run(source, secretary)
    mapping = ImportedRecord.objects.get(source=source, kind=RecordKind.MEETING, external_id="2001")
    Meeting.objects.filter(pk=mapping.object_id).update(
        status=MeetingStatus.SCHEDULED
    )  # as imported beforehand

    result = _run(source, secretary)

    assert Meeting.objects.get(pk=mapping.object_id).status == MeetingStatus.HELD
    assert result.counts["meeting"] == {"unchanged": 4, "updated": 1}


def test_a_connection_dropped_while_listing_committees_is_a_message(
    client_for: Any, world_a: World, moderngov: FakeModernGov, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TLS connection dropped mid-answer (ssl.SSLError, an OSError the client does not wrap): the page
    says the committees could not be listed, as for any site that cannot be read."""
    from django.urls import reverse

    from traction_analysis.moderngov import ModernGovClient

    source = ImportSource.objects.create(partnership=world_a.partnership, site=moderngov.url)

    def dropped(self: Any) -> Any:
        raise ssl.SSLEOFError(8, "EOF occurred in violation of protocol")

    monkeypatch.setattr(ModernGovClient, "committees", dropped)
    response = client_for("admin").get(
        reverse("imports:source-committees", kwargs={"slug": world_a.partnership.slug, "pk": source.pk})
    )
    assert response.status_code == 200
    assert "could not be listed" in response.content.decode()
