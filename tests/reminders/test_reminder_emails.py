"""Reminder emails end to end: settings and people in the database, the digest sent through a real SMTP server
on loopback, read back as it arrived; once per period, after a crash, and never across partnerships."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from factories import make_action, make_body, make_item, make_meeting, make_member, make_person
from reminders.conftest import Inbox
from traction.core.models import AuditEvent, Partnership, Role
from traction.governance.models import Action, ActionStatus, Person
from traction.reminders.emails import unsubscribe_token
from traction.reminders.models import ReminderKind, ReminderOptOut, ReminderSettings, SentReminder
from traction.reminders.services import reminders_send_due

# A Monday morning, London time.
NOW = timezone.make_aware(datetime.datetime(2026, 3, 2, 8, 0))
TODAY = NOW.date()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def _enable(partnership: Partnership, **kw: Any) -> ReminderSettings:
    return ReminderSettings.objects.create(
        partnership=partnership, enabled=True, **{"cadence": "daily", "days_ahead": 14, **kw}
    )


@pytest.fixture
def scene(partnership_a: Partnership) -> dict[str, Any]:
    """Jo leads an overdue action (minuted at a meeting), one due in a week, one far off and one done."""
    jo = make_person(partnership_a, name="Jo Lead", email="jo@northshire.example")
    body = make_body(partnership_a, name="Health and Wellbeing Board")
    meeting = make_meeting(partnership_a, body=body)
    item = make_item(partnership_a, meeting=meeting, number="7", title="Winter plan")
    overdue = make_action(
        partnership_a,
        agenda_item=item,
        lead=jo,
        text="Publish the winter plan",
        due_date=days(-3),
        minute_reference="7/2",
    )
    soon = make_action(partnership_a, body=body, lead=jo, text="Brief the chairs", due_date=days(7))
    make_action(partnership_a, body=body, lead=jo, text="Review the strategy", due_date=days(40))
    make_action(
        partnership_a,
        body=body,
        lead=jo,
        text="Book the venue",
        due_date=days(2),
        status=ActionStatus.DONE,
        completed_on=TODAY,
    )
    return {"jo": jo, "body": body, "meeting": meeting, "overdue": overdue, "soon": soon}


def _parts(message: Any) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_the_owner_digest_arrives_with_their_due_and_overdue_actions(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any]
) -> None:
    _enable(partnership_a)
    report = reminders_send_due(now=NOW)

    [message] = smtp.to("jo@northshire.example")
    assert len(smtp.messages) == 1 and len(report.sent) == 1
    assert message["From"] == "traction@northshire.example"
    assert "Northshire Health and Care Partnership" in message["Subject"]
    text, html = _parts(message)
    for part in (text, html):
        assert "Publish the winter plan" in part and "Brief the chairs" in part
        assert "Review the strategy" not in part and "Book the venue" not in part
        assert "Health and Wellbeing Board" in part and "7/2" in part
        assert str(scene["meeting"]) in part
        assert f"https://traction.example.gov.uk/p/northshire/actions/{scene['overdue'].pk}/" in part
    assert text.index("Publish the winter plan") < text.index("Brief the chairs")  # overdue first
    assert '<html lang="en-GB">' in html and "<caption>Overdue actions you lead</caption>" in html
    assert "<h1>" in html and "<img" not in html and "style=" not in html

    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://traction.example.gov.uk/reminders/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in text and unsubscribe.strip("<>") in html

    [row] = SentReminder.objects.all()
    assert (row.person, row.kind, row.period_key, row.recipient) == (
        scene["jo"],
        ReminderKind.OWNER_DIGEST,
        "2026-03-02",
        "jo@northshire.example",
    )
    assert row.sent_at is not None and row.message_id == message["Message-ID"]
    assert sorted(row.actions) == sorted([scene["overdue"].pk, scene["soon"].pk])


def test_a_second_run_in_the_same_period_sends_nothing_and_the_next_period_sends_again(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any]
) -> None:
    _enable(partnership_a)
    reminders_send_due(now=NOW)
    again = reminders_send_due(now=NOW + datetime.timedelta(hours=5))
    assert len(smtp.messages) == 1 and again.skipped == 1 and not again.sent
    reminders_send_due(now=NOW + datetime.timedelta(days=1))
    assert len(smtp.messages) == 2
    assert SentReminder.objects.filter(sent_at__isnull=False).count() == 2


def test_weekly_reminders_go_once_a_week_from_the_chosen_day(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any]
) -> None:
    _enable(partnership_a, cadence="weekly", weekday=2)  # Wednesday
    reminders_send_due(now=NOW)  # Monday: not yet
    assert smtp.messages == []
    reminders_send_due(now=NOW + datetime.timedelta(days=3))  # Thursday: the run missed Wednesday
    reminders_send_due(now=NOW + datetime.timedelta(days=4))
    assert len(smtp.messages) == 1
    assert SentReminder.objects.get().period_key == "2026-W10"


def test_nothing_is_sent_when_reminders_are_off_or_to_people_without_an_address(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any]
) -> None:
    make_action(partnership_a, lead=make_person(partnership_a, name="No Address"), due_date=days(1))
    ReminderSettings.objects.create(partnership=partnership_a, enabled=False)
    reminders_send_due(now=NOW)
    assert smtp.messages == []
    ReminderSettings.objects.filter(partnership=partnership_a).update(enabled=True, cadence="daily")
    reminders_send_due(now=NOW)
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["jo@northshire.example"]


def test_a_claim_left_by_a_stopped_worker_is_sent_after_its_lease_and_not_before(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any], settings: Any
) -> None:
    settings.TRACTION_REMINDER_LEASE_SECONDS = 900
    _enable(partnership_a)
    claim = SentReminder.objects.create(
        partnership=partnership_a,
        person=scene["jo"],
        kind=ReminderKind.OWNER_DIGEST,
        period_key="2026-03-02",
        claimed_at=NOW - datetime.timedelta(minutes=5),
    )
    in_flight = reminders_send_due(now=NOW)
    assert smtp.messages == [] and in_flight.busy == 1  # its worker may still be sending it
    assert in_flight.skipped == 0

    later = NOW + datetime.timedelta(minutes=20)
    reminders_send_due(now=later)
    [message] = smtp.messages
    claim.refresh_from_db()
    assert claim.sent_at is not None and later <= claim.claimed_at < later + datetime.timedelta(minutes=1)
    assert claim.message_id == message["Message-ID"]
    reminders_send_due(now=later + datetime.timedelta(hours=1))
    assert len(smtp.messages) == 1


def test_a_mail_the_server_refuses_releases_its_claim_for_the_next_run(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any], settings: Any
) -> None:
    _enable(partnership_a)
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there
    failed = reminders_send_due(now=NOW)
    assert failed.failed == 1 and not SentReminder.objects.exists()
    settings.EMAIL_PORT = port
    reminders_send_due(now=NOW)
    assert len(smtp.messages) == 1


def test_the_unsubscribe_link_stops_the_reminders_without_signing_in(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any]
) -> None:
    _enable(partnership_a)
    reminders_send_due(now=NOW)
    path = urlsplit(str(smtp.messages[0]["List-Unsubscribe"]).strip().strip("<>")).path
    anonymous = Client(enforce_csrf_checks=True)  # a mail client's one-click POST carries no CSRF token

    page = anonymous.get(path)
    assert page.status_code == 200 and b"Stop reminder emails" in page.content
    assert not ReminderOptOut.objects.exists()  # looking is not unsubscribing (link scanners GET)

    done = anonymous.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and b"Done" in done.content
    assert ReminderOptOut.objects.get().person == scene["jo"]
    assert AuditEvent.objects.filter(verb="opted out", actor=None).count() == 1
    assert anonymous.post(path).status_code == 200  # a second click changes nothing
    assert ReminderOptOut.objects.count() == 1

    reminders_send_due(now=NOW + datetime.timedelta(days=1))
    assert len(smtp.messages) == 1


@pytest.mark.parametrize("token", ["forged:not-a-signature", "x"])
def test_a_forged_unsubscribe_token_is_not_found(partnership_a: Partnership, token: str) -> None:
    person = make_person(partnership_a, email="a@example.org")
    altered = unsubscribe_token(person).replace(":", ":x", 1)
    for bad in (token, altered):
        assert Client().post(f"/reminders/unsubscribe/{bad}/").status_code == 404
    assert not ReminderOptOut.objects.exists()


def test_a_member_stops_and_restarts_their_own_reminders(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any]
) -> None:
    _enable(partnership_a)
    user = make_member(partnership_a, Role.MEMBER, username="jo", password="a-long-password-1")
    Person.objects.filter(pk=scene["jo"].pk).update(user=user)
    client = Client()
    client.force_login(user)
    url = "/p/northshire/reminders/mine/"
    assert b"reminders on" in client.get(url).content
    assert client.post(url, {"receive": "no"}).status_code == 302
    reminders_send_due(now=NOW)
    assert smtp.messages == []
    assert b"you stopped them" in client.get(url).content
    assert client.post(url, {"receive": "yes"}).status_code == 302
    assert not ReminderOptOut.objects.exists()
    reminders_send_due(now=NOW)
    assert len(smtp.messages) == 1
    assert list(AuditEvent.objects.filter(actor=user).values_list("verb", flat=True).order_by("pk")) == [
        "opted out",
        "opted in",
    ]
    assert client.post(url, {"receive": "maybe"}).status_code == 400


def test_another_partnerships_people_and_actions_are_never_mixed_in(
    smtp: Inbox, partnership_a: Partnership, partnership_b: Partnership, scene: dict[str, Any]
) -> None:
    _enable(partnership_a)
    theirs = make_person(partnership_b, name="Jo Lead", email="jo@southshire.example")
    make_action(partnership_b, lead=theirs, text="Southshire secret plan", due_date=days(1))
    reminders_send_due(now=NOW)
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["jo@northshire.example"]

    _enable(partnership_b)
    reminders_send_due(now=NOW)
    [ours] = smtp.to("jo@northshire.example")
    [other] = smtp.to("jo@southshire.example")
    assert "Southshire secret plan" not in ours.as_string()
    other_text, _ = _parts(other)
    assert "Southshire secret plan" in other_text and "winter plan" not in other_text
    assert "/p/southshire/actions/" in other_text and "/p/northshire/" not in other_text
    assert SentReminder.objects.filter(partnership=partnership_b).get().person == theirs


def test_the_command_sends_now_or_queues_for_the_worker(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any]
) -> None:
    from django_tasks_db.models import DBTaskResult

    _enable(partnership_a)
    call_command("send_reminders")
    assert DBTaskResult.objects.filter(task_path="traction.reminders.tasks.send_due_reminders").count() == 1
    assert smtp.messages == []
    call_command("send_reminders", "--now")
    assert len(smtp.messages) == 1


def test_the_settings_page_saves_the_settings_for_a_secretary(
    secretary_client: Client, partnership_a: Partnership
) -> None:
    url = "/p/northshire/reminders/settings/"
    assert secretary_client.get(url).status_code == 200
    bad = secretary_client.post(url, {"cadence": "weekly", "weekday": "0", "days_ahead": "0"})
    assert bad.status_code == 200 and "Enter a whole number of days from 1 to 60." in bad.content.decode()
    assert not ReminderSettings.objects.exists()
    response = secretary_client.post(
        url, {"enabled": "on", "cadence": "weekly", "weekday": "4", "days_ahead": "21"}
    )
    assert response.status_code == 302
    stored = ReminderSettings.objects.get(partnership=partnership_a)
    assert (stored.enabled, stored.cadence, stored.weekday, stored.days_ahead) == (True, "weekly", 4, 21)
    assert AuditEvent.objects.filter(object_type="remindersettings", verb="created").exists()


def test_erasing_a_person_blanks_their_address_in_the_record_of_sent_reminders(
    smtp: Inbox, partnership_a: Partnership, scene: dict[str, Any], users: dict[str, Any]
) -> None:
    from traction.privacy.services import person_erase

    _enable(partnership_a)
    reminders_send_due(now=NOW)
    person_erase(actor=users[Role.ADMIN], person=scene["jo"])
    row = SentReminder.objects.get()
    assert row.recipient == "" and row.person_id == scene["jo"].pk and row.sent_at is not None
    assert Action.objects.filter(lead=scene["jo"]).count() == 4


def test_a_secretary_receives_the_weekly_summary_of_what_is_owed(
    smtp: Inbox, partnership_a: Partnership, partnership_b: Partnership, scene: dict[str, Any]
) -> None:
    _enable(partnership_a, cadence="daily", weekday=0)
    secretary = make_member(partnership_a, Role.SECRETARY, username="sec", password="a-long-password-1")
    make_person(partnership_a, name="Sam Secretary", email="sam@northshire.example", user=secretary)
    member = make_member(partnership_a, Role.MEMBER, username="mem", password="a-long-password-1")
    make_person(partnership_a, name="Mo Member", email="mo@northshire.example", user=member)
    quiet = make_body(partnership_a, name="Audit Committee")
    make_action(partnership_a, body=quiet, text="Appoint the auditors", due_date=days(50))
    make_action(partnership_b, text="Southshire secret plan", due_date=days(-1))

    reminders_send_due(now=NOW)
    [summary] = smtp.to("sam@northshire.example")
    assert smtp.to("mo@northshire.example") == []
    assert "what is owed" in summary["Subject"]
    assert summary["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = _parts(summary)
    for part in (text, html):
        assert "Health and Wellbeing Board" in part and "Audit Committee" in part
        assert "Publish the winter plan" in part and "Brief the chairs" in part and "Jo Lead" in part
        assert "Appoint the auditors" not in part and "Review the strategy" not in part
        assert "Southshire" not in part
        body_url = f"https://traction.example.gov.uk/p/northshire/bodies/{scene['body'].pk}/matters-arising/"
        assert body_url in part
    assert "<caption>Overdue</caption>" in html and '<html lang="en-GB">' in html
    row = SentReminder.objects.get(kind=ReminderKind.OWED_SUMMARY)
    assert row.period_key == "2026-W10" and sorted(row.actions) == sorted(
        [scene["overdue"].pk, scene["soon"].pk]
    )

    reminders_send_due(now=NOW + datetime.timedelta(days=1))  # daily digests go on; the summary is weekly
    assert len(smtp.to("sam@northshire.example")) == 1
    assert len(smtp.to("jo@northshire.example")) == 2
