"""The pure ModernGov client against the fake site: the service's quirks, politeness and safety."""

from __future__ import annotations

import datetime

import pytest
from fakeserver import FakeModernGov

from traction_analysis.moderngov import (
    USER_AGENT,
    BadSiteAddress,
    ModernGovClient,
    NotTheWebService,
    Politeness,
    RedirectRefused,
    ResponseTooLarge,
    SiteError,
    SiteRefused,
    SiteTimedOut,
    SiteUnreachable,
    normalise_site,
    parse_meeting,
    parse_time,
    public_minutes_xml,
)

QUICK = Politeness(delay=0, backoff=0, timeout=5, retries=2)
YEAR_2023 = (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))


def client(server: FakeModernGov, **manners: float) -> ModernGovClient:
    return ModernGovClient(
        server.url, politeness=Politeness(**{**QUICK.__dict__, **manners}), allow_private=True
    )


def test_committees_keep_deleted_and_expired_flags_and_unescape_titles(moderngov: FakeModernGov) -> None:
    committees = {c.id: c for c in client(moderngov).committees()}
    assert committees["101"].title == "Health and Wellbeing Board" and committees["101"].category == "Boards"
    assert committees["103"].title == "Adults & Health Scrutiny Committee"  # escaped twice at the source
    assert committees["104"].deleted and committees["104"].expired
    assert committees["105"].expired and not committees["105"].deleted and committees["105"].category == ""


def test_meetings_are_asked_for_with_day_first_dates(moderngov: FakeModernGov) -> None:
    meetings = client(moderngov).meetings("101", *YEAR_2023)
    assert [m.id for m in meetings] == ["2001", "2002", "2003", "2004", "2005"]
    assert meetings[0].date == datetime.date(2023, 1, 19) and meetings[0].time == datetime.time(10, 0)
    assert meetings[1].status == "Cancelled"
    [logged] = moderngov.requests("GetMeetings")
    assert logged.query == {"lCommitteeId": "101", "sFromDate": "01/01/2023", "sToDate": "31/12/2023"}


def test_one_meeting_where_a_list_is_expected(moderngov: FakeModernGov) -> None:
    [only] = client(moderngov).meetings("102", *YEAR_2023)
    assert (only.id, only.time) == ("2101", datetime.time(14, 0))


def test_a_meeting_with_every_quirk(moderngov: FakeModernGov) -> None:
    record, xml = client(moderngov).meeting("2001")
    assert (record.id, record.date, record.time, record.finish_time) == (
        "2001",
        datetime.date(2023, 1, 19),
        datetime.time(10, 0),
        datetime.time(12, 30),
    )
    assert record.location == "Committee Room 1 & 2, Town Hall"
    assert record.minutes_published is True
    by_id = {item.id: item for item in record.items}
    assert by_id["5000"].heading and by_id["5008"].heading  # numbered 0; no title
    assert by_id["5003"].number == "3"  # the service's leading space is gone
    assert by_id["5005"].title == "Joint Health & Wellbeing Strategy 2023-2028"  # escaped twice
    assert "&lt; 2% of total spend" in by_id["5004"].minutes_html  # one level left for the HTML parser
    assert by_id["5005"].decision and [d.id for d in by_id["5005"].documents] == ["7002", "7003"]
    restricted = by_id["5007"]
    assert restricted.restricted and restricted.title == "Home care contract award"
    assert (restricted.minutes_html, restricted.documents) == ("", ())
    assert "Acme" not in record.minutes_text and b"Acme" in xml
    assert b"Acme" not in public_minutes_xml(xml)
    people = {a.member_id: a for a in record.attendees}
    assert people["301"].attendance == "Present" and people["301"].role == "Chair"
    assert people["304"].name == "Sarah Jones"  # given as child elements, not attributes


def test_a_cancelled_meeting_has_no_items(moderngov: FakeModernGov) -> None:
    record, _ = client(moderngov).meeting("2002")
    assert record.cancelled and record.items == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.00 am", datetime.time(10, 0)),
        ("2.00 pm", datetime.time(14, 0)),
        ("12.30 pm", datetime.time(12, 30)),
        ("12.15 am", datetime.time(0, 15)),
        ("6pm", datetime.time(18, 0)),
        ("12 noon", datetime.time(12, 0)),
        ("14:30", datetime.time(14, 30)),
        ("", None),
        ("tbc", None),
        ("13.00 pm", None),
    ],
)
def test_times_as_councils_write_them(text: str, expected: datetime.time | None) -> None:
    assert parse_time(text) == expected


def test_every_request_says_who_is_asking(moderngov: FakeModernGov) -> None:
    mg = client(moderngov)
    mg.committees()
    mg.meeting("2001")
    assert {entry.user_agent for entry in moderngov.requests()} == {USER_AGENT}
    assert USER_AGENT.startswith("Traction/") and "importer" in USER_AGENT
    assert mg.requests == 2


def test_requests_are_spaced_by_the_delay(moderngov: FakeModernGov) -> None:
    mg = client(moderngov, delay=0.2)
    for _ in range(3):
        mg.committees()
    times = [entry.at for entry in moderngov.requests()]
    assert all(later - earlier >= 0.19 for earlier, later in zip(times, times[1:], strict=False))


def test_a_server_error_is_retried_then_succeeds(moderngov: FakeModernGov) -> None:
    moderngov.switches.errors["GetMeeting:2001"] = [500, 503]
    mg = client(moderngov)
    record, _ = mg.meeting("2001")
    assert record.id == "2001" and len(moderngov.requests("GetMeeting")) == 3


def test_a_server_error_that_persists_is_reported_after_the_retries(moderngov: FakeModernGov) -> None:
    moderngov.switches.errors["GetMeeting:2001"] = [500] * 10
    with pytest.raises(SiteError, match="HTTP 500"):
        client(moderngov).meeting("2001")
    assert len(moderngov.requests("GetMeeting")) == 3  # the first try and two retries


def test_backoff_doubles(moderngov: FakeModernGov) -> None:
    waits: list[float] = []
    moderngov.switches.errors["GetCommittees"] = [502, 502, 502]
    mg = ModernGovClient(
        moderngov.url,
        politeness=Politeness(delay=0, backoff=1.5, retries=3),
        sleep=waits.append,
        allow_private=True,
    )
    mg.committees()
    assert waits == [1.5, 3.0, 6.0]


def test_a_slow_answer_within_the_timeout_is_waited_for(moderngov: FakeModernGov) -> None:
    moderngov.switches.slow["GetCommittees"] = 0.5
    assert len(client(moderngov, timeout=3).committees()) == 5


def test_a_site_slower_than_the_timeout_is_retried_then_reported(moderngov: FakeModernGov) -> None:
    moderngov.switches.slow["GetCommittees"] = 1.0
    with pytest.raises(SiteTimedOut):
        client(moderngov, timeout=0.2, retries=1).committees()
    assert len(moderngov.requests("GetCommittees")) == 2


def test_a_site_that_refuses_bots_is_not_retried(moderngov: FakeModernGov) -> None:
    moderngov.switches.refuse = True
    with pytest.raises(SiteRefused, match="HTTP 403"):
        client(moderngov).committees()
    assert len(moderngov.requests()) == 1


def test_a_site_with_the_service_turned_off(moderngov: FakeModernGov) -> None:
    moderngov.switches.turned_off = True
    with pytest.raises(NotTheWebService):
        client(moderngov).committees()


def test_a_redirect_to_another_host_is_refused(moderngov: FakeModernGov) -> None:
    moderngov.switches.redirect_to = "http://elsewhere.invalid/mgWebService.asmx/GetCommittees"
    with pytest.raises(RedirectRefused, match="elsewhere.invalid"):
        client(moderngov).committees()


def test_a_redirect_on_the_same_host_is_followed(moderngov: FakeModernGov) -> None:
    mg = client(moderngov)
    moderngov.switches.redirects["GetMeeting:9999"] = mg.url("GetMeeting", lMeetingId="2001")
    record, _ = mg.meeting("9999")
    assert record.id == "2001" and [e.key for e in moderngov.requests()] == [
        "GetMeeting:9999",
        "GetMeeting:2001",
    ]


def test_an_answer_over_the_size_cap_is_refused(moderngov: FakeModernGov) -> None:
    with pytest.raises(ResponseTooLarge):
        client(moderngov, max_bytes=1000).meeting("2001")


def test_an_unreachable_site() -> None:
    with pytest.raises(SiteUnreachable):
        ModernGovClient("http://127.0.0.1:9", politeness=QUICK, allow_private=True).committees()


def test_entities_are_never_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b"<meeting><meetingid>1</meetingid><meetingdate>01/01/2023</meetingdate>"
        b"<meetinglocation>&b;</meetinglocation></meeting>"
    )
    record = parse_meeting(bomb)
    assert "aaaa" not in record.location


@pytest.mark.parametrize(
    ("entered", "site"),
    [
        ("https://democracy.example.gov.uk", "https://democracy.example.gov.uk"),
        ("democracy.example.gov.uk/mgListCommittees.aspx?x=1", "https://democracy.example.gov.uk"),
        ("HTTP://Democracy.Example.gov.uk:8080/", "http://democracy.example.gov.uk:8080"),
    ],
)
def test_the_site_is_its_scheme_and_host(entered: str, site: str) -> None:
    assert normalise_site(entered) == site


@pytest.mark.parametrize(
    "bad", ["ftp://example.gov.uk", "https://", "https://user:pw@example.gov.uk", "", "http://a b"]
)
def test_bad_site_addresses(bad: str) -> None:
    with pytest.raises(BadSiteAddress):
        normalise_site(bad)
