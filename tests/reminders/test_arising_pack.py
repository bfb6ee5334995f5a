"""A meeting's matters-arising pack, mailed to its body's members: over HTTP as the secretary does it, through
the real worker and a real SMTP server on loopback; once per meeting and member, whatever is repeated."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from intakekit import run_worker

from factories import (
    make_action,
    make_body,
    make_body_membership,
    make_item,
    make_meeting,
    make_person,
    make_update,
)
from reminders.conftest import Inbox
from traction.core.models import AuditEvent, Partnership
from traction.governance.models import ActionStatus, Meeting, MeetingStatus
from traction.reminders.models import PackMailing, ReminderKind, ReminderOptOut, SentReminder, pack_key
from traction.reminders.selectors import PAST_MEETING
from traction.reminders.services import (
    PACK_BUSY,
    PACK_CANCELLED,
    PACK_NOBODY,
    PACK_TOO_LATE,
    pack_mailing_send,
)


def _in(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def pack(partnership_a: Partnership) -> dict[str, Any]:
    """The board meets in a week. Jo and Sam (who stopped reminder emails) have addresses; Pat has none; Kim
    sits on another body. Two open actions are carried forward; a done one and another body's are not."""
    board = make_body(partnership_a, name="Health and Wellbeing Board")
    other = make_body(partnership_a, name="Housing Working Group")
    jo = make_person(partnership_a, name="Jo Chair", email="jo@northshire.example")
    sam = make_person(partnership_a, name="Sam Member", email="sam@northshire.example")
    pat = make_person(partnership_a, name="Pat Noaddress")
    kim = make_person(partnership_a, name="Kim Elsewhere", email="kim@northshire.example")
    for person, role in ((jo, "chair"), (sam, "member"), (pat, "officer")):
        make_body_membership(partnership_a, body=board, person=person, role=role)
    make_body_membership(partnership_a, body=other, person=kim)
    ReminderOptOut.objects.create(partnership=partnership_a, person=sam)
    last = make_meeting(partnership_a, body=board, start=_in(-60), status=MeetingStatus.HELD)
    item = make_item(partnership_a, meeting=last, number="7", title="Winter plan")
    winter = make_action(
        partnership_a,
        agenda_item=item,
        lead=jo,
        text="Publish the winter plan",
        minute_reference="7/2",
        original_due_date=_in(-30).date(),
        due_date=_in(-3).date(),
        held_over=1,
    )
    make_update(partnership_a, action=winter, note="Draft circulated to the partners", on=_in(-5).date())
    make_action(
        partnership_a,
        body=board,
        lead=sam,
        text="Brief the chairs",
        due_date=_in(20).date(),
        created_at=_in(-10),
    )
    make_action(
        partnership_a,
        body=board,
        text="Book the venue",
        status=ActionStatus.DONE,
        completed_on=_in(-1).date(),
    )
    make_action(partnership_a, body=other, lead=kim, text="Count the empty homes")
    meeting = make_meeting(partnership_a, body=board, start=_in(7), location="Civic Centre")
    return {"board": board, "meeting": meeting, "jo": jo, "sam": sam, "pat": pat, "winter": winter}


def _url(meeting: Meeting, slug: str = "northshire") -> str:
    return reverse("reminders:arising-pack-send", kwargs={"slug": slug, "pk": meeting.pk})


def _token(html: str) -> str:
    found = re.search(r'name="form_token" value="([0-9a-f]{32})"', html)
    assert found, "the page has no send button"
    return found.group(1)


def _parts(message: Any) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


@pytest.mark.django_db(transaction=True)  # the real worker commits
def test_the_secretary_sends_the_pack_and_each_member_gets_it_once(
    smtp: Inbox, pack: dict[str, Any], secretary_client: Client
) -> None:
    url = _url(pack["meeting"])
    page = secretary_client.get(url).content.decode()
    assert "Civic Centre" in page and "Jo Chair, jo@northshire.example" in page
    assert "Sam Member, sam@northshire.example" in page and "Kim Elsewhere" not in page
    assert 'id="without-email"' in page and "Pat Noaddress" in page  # named so the secretary can fix it
    assert "Publish the winter plan" in page and "Book the venue" not in page  # the preview
    assert "The pack for this meeting has not been sent." in page

    response = secretary_client.post(url, {"form_token": _token(page)})
    assert response.status_code == 302 and response["Location"] == url
    assert smtp.messages == []  # queued: the worker sends it
    run_worker()

    assert sorted(m["X-Envelope-To"] for m in smtp.messages) == [
        "jo@northshire.example",
        "sam@northshire.example",
    ]
    [message] = smtp.to("sam@northshire.example")  # stopping reminders does not stop meeting papers
    assert message["Subject"] == (
        f"Health and Wellbeing Board: matters arising for the meeting on {pack['meeting'].start:%-d %B %Y}"
    )
    assert message["List-Unsubscribe"] is None
    assert message["Auto-Submitted"] == "auto-generated"  # out-of-office replies stay away
    text, html = _parts(message)
    for part in (text, html):
        assert "Dear Sam Member" in part and "Civic Centre" in part
        assert "Publish the winter plan" in part and "Brief the chairs" in part
        assert "Draft circulated to the partners" in part  # the latest update
        assert "first due" in part and "held over 1 time" in part and "7/2" in part
        assert "Book the venue" not in part and "Count the empty homes" not in part
        assert f"https://traction.example.gov.uk/p/northshire/actions/{pack['winter'].pk}/" in part
        assert "secretary sent it" in part
    assert text.index("Publish the winter plan") < text.index("Brief the chairs")  # oldest minute first
    assert '<html lang="en-GB">' in html and "<caption>" in html and "style=" not in html

    page = secretary_client.get(url).content.decode()
    assert "Sent to 2 members on" in page and "by secretary." in page
    assert "No email address, so not sent: Pat Noaddress." in page
    assert "Has the pack for this meeting: Jo Chair, Sam Member." in page

    again = secretary_client.post(url, {"form_token": _token(page)})  # sent again: nobody gets it twice
    assert again.status_code == 302
    run_worker()
    assert len(smtp.messages) == 2
    assert "Sent to 0 members on" in secretary_client.get(url).content.decode()
    assert PackMailing.objects.filter(skipped_count=2, sent_count=0).count() == 1
    rows = SentReminder.objects.filter(
        kind=ReminderKind.ARISING_PACK, period_key=f"meeting-{pack['meeting'].pk}"
    )
    assert sorted(rows.values_list("person__name", flat=True)) == ["Jo Chair", "Sam Member"]
    verbs = list(AuditEvent.objects.filter(object_type="packmailing").values_list("verb", flat=True))
    assert sorted(verbs) == ["queued", "queued", "sent", "sent"]

    matters = secretary_client.get(
        reverse("governance:body-matters-arising", kwargs={"slug": "northshire", "pk": pack["board"].pk})
    ).content.decode()
    assert f'href="{url}"' in matters and "Sent to 2 members on" in matters


def test_a_repeated_post_of_the_same_page_queues_one_mailing(
    pack: dict[str, Any], secretary_client: Client
) -> None:
    url = _url(pack["meeting"])
    token = _token(secretary_client.get(url).content.decode())
    first = secretary_client.post(url, {"form_token": token})
    second = secretary_client.post(url, {"form_token": token}, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "already been sent" in second.content.decode()
    assert PackMailing.objects.count() == 1


def test_a_second_request_while_the_first_is_being_sent_is_refused(
    pack: dict[str, Any], secretary_client: Client
) -> None:
    url = _url(pack["meeting"])
    secretary_client.post(url, {"form_token": _token(secretary_client.get(url).content.decode())})
    response = secretary_client.post(url, {})
    assert response.status_code == 200 and PACK_BUSY in response.content.decode()
    assert PackMailing.objects.count() == 1
    assert "being sent" in secretary_client.get(url).content.decode()


def test_a_refused_address_is_recorded_and_a_later_mailing_reaches_it(
    smtp: Inbox, pack: dict[str, Any], secretary_client: Client
) -> None:
    url = _url(pack["meeting"])
    smtp.refused.add("jo@northshire.example")
    secretary_client.post(url, {"form_token": _token(secretary_client.get(url).content.decode())})
    first = PackMailing.objects.get()
    pack_mailing_send(mailing_id=first.pk)  # what the worker runs
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["sam@northshire.example"]
    page = secretary_client.get(url).content.decode()
    assert "Sent to 1 member on" in page and "the mail server refused it: Jo Chair." in page

    smtp.refused.clear()
    secretary_client.post(url, {"form_token": _token(page)})
    pack_mailing_send(mailing_id=PackMailing.objects.exclude(pk=first.pk).get().pk)
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["sam@northshire.example", "jo@northshire.example"]
    assert "Sent to 1 member on" in secretary_client.get(url).content.decode()
    assert pack_mailing_send(mailing_id=first.pk) == "No mailing to send."  # a finished mailing never reruns


def test_a_body_with_no_open_actions_gets_a_pack_that_says_so(
    smtp: Inbox, partnership_a: Partnership, secretary_client: Client
) -> None:
    body = make_body(partnership_a, name="Finance Committee")
    make_body_membership(
        partnership_a, body=body, person=make_person(partnership_a, email="lee@northshire.example")
    )
    meeting = make_meeting(partnership_a, body=body, start=_in(3))
    url = _url(meeting)
    page = secretary_client.get(url).content.decode()
    assert "Finance Committee has no open actions: nothing is carried forward to this meeting." in page
    secretary_client.post(url, {"form_token": _token(page)})
    pack_mailing_send(mailing_id=PackMailing.objects.get().pk)
    [message] = smtp.messages
    for part in _parts(message):
        assert "Finance Committee has no open actions: nothing is carried forward to this meeting." in part


def test_a_pack_cannot_go_to_nobody_or_for_a_meeting_that_is_past(
    partnership_a: Partnership, pack: dict[str, Any], secretary_client: Client
) -> None:
    lonely = make_body(partnership_a, name="Estates Group")
    make_body_membership(partnership_a, body=lonely, person=make_person(partnership_a, name="Ray Nomail"))
    url = _url(make_meeting(partnership_a, body=lonely, start=_in(3)))
    page = secretary_client.get(url).content.decode()
    assert "No member of Estates Group has an email address." in page and 'name="form_token"' not in page
    response = secretary_client.post(url, {})
    assert response.status_code == 200
    assert PACK_NOBODY.format(body="Estates Group") in response.content.decode()

    past = _url(make_meeting(partnership_a, body=pack["board"], start=_in(-1)))
    page = secretary_client.get(past).content.decode()
    assert PAST_MEETING in page and 'name="form_token"' not in page
    assert PAST_MEETING in secretary_client.post(past, {}).content.decode()
    assert not PackMailing.objects.exists()


def test_a_meeting_cancelled_before_the_worker_runs_sends_nothing(
    smtp: Inbox, pack: dict[str, Any], secretary_client: Client
) -> None:
    url = _url(pack["meeting"])
    secretary_client.post(url, {"form_token": _token(secretary_client.get(url).content.decode())})
    Meeting.objects.filter(pk=pack["meeting"].pk).update(status=MeetingStatus.CANCELLED)
    assert pack_mailing_send(mailing_id=PackMailing.objects.get().pk) == PACK_CANCELLED
    assert smtp.messages == [] and PACK_CANCELLED in secretary_client.get(url).content.decode()


@pytest.mark.parametrize("change", ["held", "begun"])
def test_a_meeting_held_or_begun_before_the_worker_runs_sends_nothing(
    smtp: Inbox, pack: dict[str, Any], secretary_client: Client, change: str
) -> None:
    url = _url(pack["meeting"])
    secretary_client.post(url, {"form_token": _token(secretary_client.get(url).content.decode())})
    if change == "held":
        Meeting.objects.filter(pk=pack["meeting"].pk).update(status=MeetingStatus.HELD)
        later = None
    else:
        later = pack["meeting"].start + datetime.timedelta(minutes=5)
    assert pack_mailing_send(mailing_id=PackMailing.objects.get().pk, now=later) == PACK_TOO_LATE
    assert smtp.messages == [] and PACK_TOO_LATE in secretary_client.get(url).content.decode()


def test_members_another_sending_still_holds_are_counted_apart_from_those_who_had_it(
    smtp: Inbox, pack: dict[str, Any], secretary_client: Client
) -> None:
    """A sending that stopped part-way left a claim on Jo: a new sending within its lease does not send Jo a
    copy it may already have had, and does not say Jo had it either: it says one is waiting."""
    url = _url(pack["meeting"])
    SentReminder.objects.create(
        partnership=pack["meeting"].partnership,
        person=pack["jo"],
        kind=ReminderKind.ARISING_PACK,
        period_key=pack_key(pack["meeting"]),
        claimed_at=timezone.now(),
        recipient="jo@northshire.example",
    )
    secretary_client.post(url, {"form_token": _token(secretary_client.get(url).content.decode())})
    pack_mailing_send(mailing_id=PackMailing.objects.get().pk)  # the worker's task
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["sam@northshire.example"]
    mailing = PackMailing.objects.get()
    assert (mailing.sent_count, mailing.skipped_count, mailing.busy_count) == (1, 0, 1)
    page = secretary_client.get(url).content.decode()
    assert "had it already" not in page and "1 was being sent by an earlier sending" in page


def test_members_see_what_was_sent_but_cannot_send(
    pack: dict[str, Any], client_for: Any, secretary_client: Client
) -> None:
    url = _url(pack["meeting"])
    secretary_client.post(url, {"form_token": _token(secretary_client.get(url).content.decode())})
    member = client_for("member")
    assert member.get(url).status_code == 403
    assert member.post(url, {}).status_code == 403 and PackMailing.objects.count() == 1
    matters = member.get(
        reverse("governance:body-matters-arising", kwargs={"slug": "northshire", "pk": pack["board"].pk})
    ).content.decode()
    assert "being sent" in matters and url not in matters


def test_another_partnerships_meeting_is_not_found(
    partnership_b: Partnership, secretary_client: Client
) -> None:
    theirs = make_meeting(partnership_b, start=_in(3))
    url = _url(theirs)  # their meeting under our slug
    assert secretary_client.get(url).status_code == 404
    assert secretary_client.post(url, {}).status_code == 404
    assert secretary_client.get(_url(theirs, slug="southshire")).status_code == 404
    assert not PackMailing.objects.exists()
