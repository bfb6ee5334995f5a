"""Importing from the fake ModernGov site into the governance record: full, incremental, re-run, updated at
the source, failures (a meeting that fails leaves nothing of itself), and minutes sent for review."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from fakeserver import FakeModernGov

from dbstate import db_state, describe_difference
from factories import World
from traction.core.models import Partnership
from traction.governance.models import AgendaItem, Attendance, Body, Meeting, MeetingStatus, Paper, Person
from traction.imports.models import ImportedRecord, ImportRun, ImportSource, RunStatus
from traction.imports.services import (
    RECHECK_DAYS,
    importrun_create,
    importrun_execute,
    importsource_choose,
    importsource_create,
)

HWB = {"id": "101", "title": "Health and Wellbeing Board", "category": "Boards"}
SCRUTINY = {"id": "103", "title": "Adults & Health Scrutiny Committee", "category": "Scrutiny"}
SINCE, UNTIL = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)


def source_for(
    server: FakeModernGov,
    partnership: Partnership,
    actor: Any,
    *committees: dict[str, str],
    since: datetime.date = SINCE,
    until: datetime.date | None = UNTIL,
) -> ImportSource:
    source = importsource_create(actor=actor, partnership=partnership, site=server.url)
    return importsource_choose(
        actor=actor, source=source, committees=list(committees or [HWB]), since=since, until=until
    )


def run(source: ImportSource, actor: Any, **dates: datetime.date) -> ImportRun:
    source.refresh_from_db()
    return importrun_execute(run=importrun_create(actor=actor, source=source, **dates))


def record_state() -> dict[str, Any]:
    """The governance record and the id mapping: what an import writes, without the audit trail or runs."""
    state = {
        label: rows
        for label, rows in db_state().items()
        if label != "core.AuditEvent" and not label.startswith(("imports.", "django_tasks_database."))
    }
    state["imports.ImportedRecord"] = list(
        ImportedRecord.objects.order_by("pk").values_list(
            "pk", "kind", "external_id", "object_id", "source_hash", "minutes_hash"
        )
    )
    return state


def hwb_meetings(partnership: Partnership) -> dict[datetime.date, Meeting]:
    return {m.date: m for m in Meeting.objects.filter(partnership=partnership, body__name=HWB["title"])}


# --- a full import -------------------------------------------------------------------------------------


def test_a_full_import_writes_the_structure(moderngov: FakeModernGov, world_a: World, secretary: Any) -> None:
    source = source_for(moderngov, world_a.partnership, secretary)
    result = run(source, secretary)
    assert result.status == RunStatus.SUCCEEDED, result.failures
    body = Body.objects.get(partnership=world_a.partnership, name=HWB["title"])
    assert body == world_a.body  # the board already in the record, matched by name, not duplicated
    meetings = hwb_meetings(world_a.partnership)
    first = meetings[datetime.date(2023, 1, 19)]
    assert set(meetings) >= {
        datetime.date(2023, 1, 19),
        datetime.date(2023, 3, 16),
        datetime.date(2023, 5, 18),
        datetime.date(2023, 7, 20),
        datetime.date(2023, 9, 21),
    }
    assert meetings[datetime.date(2023, 3, 16)].status == MeetingStatus.CANCELLED
    assert first.status == MeetingStatus.HELD and first.duration_minutes == 150
    assert (first.start.hour, first.location) == (10, "Committee Room 1 & 2, Town Hall")
    items = list(first.items.order_by("order"))
    assert [i.number for i in items] == ["1", "2", "3", "4", "5", "6", "7"]  # two headings skipped
    strategy = items[4]
    assert strategy.title == "Joint Health & Wellbeing Strategy 2023-2028" and strategy.purpose == "decision"
    assert sorted(p.title for p in strategy.papers.all()) == [
        "Joint Health and Wellbeing Strategy 2023-2028",
        "Strategy consultation responses",
    ]
    assert strategy.provenance["source"]["papers"][0]["url"].startswith("https://democracy.example.gov.uk/")
    assert strategy.outcome == "unclear" and strategy.resolution == ""  # outcomes only through review
    assert [p.title for p in Paper.objects.filter(meeting=first)].count("Home care tender evaluation") == 0
    statuses = {a.person.name: a.status for a in Attendance.objects.filter(meeting=first)}
    assert statuses == {
        "Councillor Jane Smith": "present",
        "Dr Priya Patel": "apologies",
        "Councillor Tom Brown": "present",
        "Sarah Jones": "in_attendance",
    }
    assert not Attendance.objects.filter(meeting=meetings[datetime.date(2023, 3, 16)]).exists()  # "Expected"
    assert result.counts["meeting"] == {"created": 5}
    assert result.requests == 1 + 5  # GetMeetings, then one GetMeeting per meeting


def test_a_restricted_item_comes_in_as_its_title_only(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    run(source_for(moderngov, world_a.partnership, secretary), secretary)
    item = AgendaItem.objects.get(partnership=world_a.partnership, title="Home care contract award")
    assert item.provenance["source"]["restricted"] is True
    assert item.resolution == "" and not item.papers.exists()
    everything = str(record_state())
    assert "Acme" not in everything and "tender evaluation" not in everything


def test_a_topic_that_recurs_over_three_meetings_keeps_one_key(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    run(source_for(moderngov, world_a.partnership, secretary), secretary)
    recurring = AgendaItem.objects.filter(partnership=world_a.partnership, title="Better Care Fund Update")
    assert recurring.count() == 3
    assert {item.topic for item in recurring} == {"better-care-fund"}
    assert len({item.meeting_id for item in recurring}) == 3
    procedural = AgendaItem.objects.filter(partnership=world_a.partnership, title="Apologies for absence")
    assert {item.topic for item in procedural} == {""}


def test_minutes_go_to_the_review_queue_not_into_the_record(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    from traction.intake.models import Proposal, Review

    source = source_for(moderngov, world_a.partnership, secretary)
    result = run(source, secretary)
    reviews = Review.objects.filter(partnership=world_a.partnership)
    assert (
        result.submitted_for_review == 4 == reviews.count()
    )  # the meetings with minutes; not the cancelled one
    assert {r.origin["meeting_id"] for r in reviews} == {"2001", "2003", "2004", "2005"}
    assert {r.origin["site"] for r in reviews} == {source.site}
    proposals = Proposal.objects.filter(review__in=reviews)
    assert proposals.exists() and "Acme" not in str(list(proposals.values_list("original", flat=True)))
    assert not AgendaItem.objects.filter(
        partnership=world_a.partnership, title="Better Care Fund Update", outcome="noted"
    ).exists()


def test_minutes_are_not_sent_again_unless_they_change(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = source_for(moderngov, world_a.partnership, secretary)
    run(source, secretary)
    assert run(source, secretary, since=SINCE).submitted_for_review == 0
    moderngov.change("GetMeeting:2004", "There were no apologies.", "Apologies were received from Dr Patel.")
    again = run(source, secretary, since=SINCE)
    assert again.submitted_for_review == 1
    assert again.counts["meeting"] == {"unchanged": 4, "updated": 1}


def test_without_a_user_minutes_wait_and_the_run_says_so(moderngov: FakeModernGov, world_a: World) -> None:
    result = run(source_for(moderngov, world_a.partnership, None), None)
    assert result.status == RunStatus.SUCCEEDED and result.submitted_for_review == 0
    assert any("--user" in note for note in result.counts["notes"])
    assert ImportedRecord.objects.filter(kind="meeting").exclude(minutes_hash="").count() == 0


# --- idempotent, updated in place, incremental -------------------------------------------------------


def test_running_again_adds_nothing(moderngov: FakeModernGov, world_a: World, secretary: Any) -> None:
    source = source_for(moderngov, world_a.partnership, secretary)
    run(source, secretary)
    before = record_state()
    again = run(source, secretary, since=SINCE)
    assert again.status == RunStatus.SUCCEEDED
    assert again.counts["meeting"] == {"unchanged": 5}
    assert record_state() == before, describe_difference(before, record_state())


def test_a_change_at_the_source_is_applied_in_place(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = source_for(moderngov, world_a.partnership, secretary)
    run(source, secretary)
    meeting = hwb_meetings(world_a.partnership)[datetime.date(2023, 7, 20)]
    item_pk = meeting.items.get(number="3").pk
    moderngov.change("GetMeeting:2004", "Council Chamber, Town Hall", "Online (Microsoft Teams)")
    moderngov.change(
        "GetMeeting:2004", "Pharmaceutical Needs Assessment", "Pharmaceutical Needs Assessment 2023"
    )
    moderngov.change(
        "GetMeeting:2004",
        'memberid="302" name="Dr Priya Patel" roledescription="Board Member" attendance="Apologies"',
        'memberid="302" name="Dr Priya Patel" roledescription="Board Member" attendance="Present"',
    )
    counts = {model: model.objects.count() for model in (Meeting, AgendaItem, Person, Attendance, Paper)}
    result = run(source, secretary, since=SINCE)
    assert result.counts["meeting"] == {"unchanged": 4, "updated": 1}
    meeting.refresh_from_db()
    assert meeting.location == "Online (Microsoft Teams)"
    assert AgendaItem.objects.get(pk=item_pk).title == "Pharmaceutical Needs Assessment 2023"
    assert Attendance.objects.get(meeting=meeting, person__name="Dr Priya Patel").status == "present"
    assert counts == {model: model.objects.count() for model in counts}


def test_an_item_removed_at_the_source_is_removed(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = source_for(moderngov, world_a.partnership, secretary)
    run(source, secretary)
    xml = moderngov.fixture("meeting_2005.xml").decode()
    start = xml.index("    <agendaitem>\n      <agendaitemid>5302")
    end = xml.index("</agendaitem>", start) + len("</agendaitem>\n")
    moderngov.switches.overrides["GetMeeting:2005"] = (xml[:start] + xml[end:]).encode()
    result = run(source, secretary, since=SINCE)
    assert result.counts["item"]["removed"] == 1
    assert not AgendaItem.objects.filter(
        partnership=world_a.partnership, title="Date of next meeting"
    ).exists()


def test_incremental_runs_read_from_before_the_last_import(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = source_for(
        moderngov, world_a.partnership, secretary, since=datetime.date(2023, 6, 1), until=None
    )
    first = run(source, secretary)
    assert first.counts["meeting"] == {"created": 2}  # July and September 2023
    source.refresh_from_db()
    moderngov.log.clear()
    second = run(source, secretary)
    expected_from = source.last_import_at.date() - datetime.timedelta(days=RECHECK_DAYS)
    [asked] = moderngov.requests("GetMeetings")
    assert asked.query["sFromDate"] == expected_from.strftime("%d/%m/%Y")
    assert second.since == expected_from and second.status == RunStatus.SUCCEEDED
    earlier = run(source, secretary, since=datetime.date(2022, 11, 1))
    assert earlier.counts["meeting"] == {"created": 4, "unchanged": 2}


def test_a_future_meeting_is_scheduled(moderngov: FakeModernGov, world_a: World, secretary: Any) -> None:
    source = source_for(moderngov, world_a.partnership, secretary, until=datetime.date(2099, 12, 31))
    run(source, secretary)
    assert hwb_meetings(world_a.partnership)[datetime.date(2099, 3, 12)].status == MeetingStatus.SCHEDULED


# --- failures ------------------------------------------------------------------------------------------


def test_a_meeting_the_record_refuses_leaves_nothing_of_itself(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    result = run(source_for(moderngov, world_a.partnership, secretary, SCRUTINY), secretary)
    assert result.status == RunStatus.PARTIAL
    [failure] = result.failures
    assert failure["meeting_id"] == "2202" and failure["date"] == "2023-04-05"
    assert "number" in failure["reason"] and "40 characters" in failure["reason"]
    body = Body.objects.get(partnership=world_a.partnership, name=SCRUTINY["title"])
    assert [m.date for m in body.meetings.all()] == [datetime.date(2023, 3, 1)]
    assert not AgendaItem.objects.filter(title="Hospital discharge").exists()
    assert not ImportedRecord.objects.filter(external_id__in=["2202", "6201"]).exists()


def test_a_failure_mid_import_leaves_the_database_as_before(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = source_for(moderngov, world_a.partnership, secretary)
    run(source, secretary)
    before = record_state()
    # The council renames an item and adds one the record cannot hold, after the changes that did fit.
    moderngov.change("GetMeeting:2004", "Pharmaceutical Needs Assessment", "Pharmacy Needs Assessment")
    moderngov.change(
        "GetMeeting:2004",
        "<agendaitemnumber>3</agendaitemnumber>",
        f"<agendaitemnumber>{'3' * 41}</agendaitemnumber>",
    )
    moderngov.change("GetMeeting:2004", "Council Chamber, Town Hall", "Online")
    result = run(source, secretary, since=SINCE)
    assert result.status == RunStatus.PARTIAL and [f["meeting_id"] for f in result.failures] == ["2004"]
    assert record_state() == before, describe_difference(before, record_state())


def test_a_server_error_on_one_meeting_is_reported_and_the_rest_imported(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    moderngov.switches.errors["GetMeeting:2003"] = [500] * 10
    source = source_for(moderngov, world_a.partnership, secretary)
    result = run(source, secretary)
    assert result.status == RunStatus.PARTIAL
    [failure] = result.failures
    assert failure["meeting_id"] == "2003" and "HTTP 500" in failure["reason"]
    assert datetime.date(2023, 5, 18) not in hwb_meetings(world_a.partnership)
    moderngov.switches.errors.clear()
    healed = run(source, secretary, since=SINCE)
    assert healed.status == RunStatus.SUCCEEDED and healed.counts["meeting"] == {"created": 1, "unchanged": 4}


@pytest.mark.parametrize("switch", ["refuse", "turned_off"])
def test_a_site_that_refuses_fails_the_run_with_its_reason(
    moderngov: FakeModernGov, world_a: World, secretary: Any, switch: str
) -> None:
    setattr(moderngov.switches, switch, True)
    source = source_for(moderngov, world_a.partnership, secretary)
    before = record_state()
    result = run(source, secretary)
    assert result.status == RunStatus.FAILED and result.error
    assert "ModernGov" in result.error or "refused" in result.error
    assert record_state() == before
    source.refresh_from_db()
    assert source.last_import_at is None


def test_the_run_is_audited(moderngov: FakeModernGov, world_a: World, secretary: Any) -> None:
    from traction.core.models import AuditEvent

    run(source_for(moderngov, world_a.partnership, secretary), secretary)
    verbs = list(AuditEvent.objects.filter(actor=secretary).values_list("verb", flat=True))
    assert {"created", "chose committees", "queued import", "imported", "ran import"} <= set(verbs)
    assert verbs.count("imported") == 5  # one per meeting


def test_one_run_of_a_site_at_a_time(moderngov: FakeModernGov, world_a: World, secretary: Any) -> None:
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from traction.imports.services import ALREADY_RUNNING, STALE_AFTER, STOPPED

    source = source_for(moderngov, world_a.partnership, secretary)
    queued = importrun_create(actor=secretary, source=source)
    with pytest.raises(ValidationError, match=ALREADY_RUNNING):
        importrun_create(actor=secretary, source=source)
    ImportRun.objects.filter(pk=queued.pk).update(queued_at=timezone.now() - STALE_AFTER * 2)
    again = importrun_create(actor=secretary, source=source)  # the old one lost its worker
    queued.refresh_from_db()
    assert (queued.status, queued.error) == (RunStatus.FAILED, STOPPED)
    assert importrun_execute(run=again).status == RunStatus.SUCCEEDED


def test_a_slow_site_is_waited_for_up_to_the_timeout(
    moderngov: FakeModernGov, world_a: World, secretary: Any, settings: Any
) -> None:
    settings.TRACTION_IMPORT_TIMEOUT_SECONDS = 0.5
    settings.TRACTION_IMPORT_RETRIES = 1
    moderngov.switches.slow["GetMeeting:2001"] = 0.2  # slow, but answers in time
    moderngov.switches.slow["GetMeeting:2004"] = 1.0  # slower than the timeout, every time
    result = run(source_for(moderngov, world_a.partnership, secretary), secretary)
    assert result.status == RunStatus.PARTIAL
    [failure] = result.failures
    assert failure["meeting_id"] == "2004" and "did not answer in time" in failure["reason"]
    assert len([e for e in moderngov.requests() if e.key == "GetMeeting:2004"]) == 2  # tried, retried once
    assert datetime.date(2023, 1, 19) in hwb_meetings(world_a.partnership)
