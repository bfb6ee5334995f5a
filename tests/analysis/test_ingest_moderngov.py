"""ModernGov GetMeeting XML and its quirks."""

from __future__ import annotations

from pathlib import Path

import pytest

from traction_analysis.document import TextBlock
from traction_analysis.ingest import read

MINUTES_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "minutes"
CONFIRMED_AUDIT_COMMITTEE = {
    "body": "Audit Committee",
    "meeting_date": "2026-02-10",
    "meeting_status": "Confirmed",
}


def meeting(items: str, *, fields: str = "", wrap: bool = True, root: str = "meeting") -> bytes:
    body = f"<agendaitems>{items}</agendaitems>" if wrap else items
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><meeting><meetingdate>10/02/2026</meetingdate>'
        f"<meetingstatus>Confirmed</meetingstatus>{fields}{body}</meeting>"
    )
    return (f"<{root}>{xml.split('?>', 1)[1]}</{root}>" if root != "meeting" else xml).encode()


def item(number: str, title: str, minutes: str = "", *, display: str = "", sub: str = "") -> str:
    return (
        f"<agendaitem><agendaitemnumber>{number}</agendaitemnumber><agendaitemsubnumber>{sub}"
        f"</agendaitemsubnumber><fulldisplaynumberformat>{display}</fulldisplaynumberformat>"
        f"<agendaitemtitle>{title}</agendaitemtitle><minutesnonemptyhtmlbody>{minutes}"
        "</minutesnonemptyhtmlbody></agendaitem>"
    )


def summary(blocks: list[TextBlock]) -> list[tuple[int, str, str | None, str]]:
    return [(b.line, b.kind, b.number, b.text) for b in blocks]


def test_items_then_their_minutes_and_meeting_meta() -> None:
    xml = meeting(
        item("4", "Minutes", "&lt;p&gt;To approve the minutes.&lt;/p&gt;", display="1.")
        + item("12", "Work Programme", "&lt;p&gt;Noted.&lt;/p&gt;&lt;p&gt;No further action.&lt;/p&gt;"),
        fields="<committeetitle>Audit Committee</committeetitle>",
    )

    document = read(xml, name="meeting.xml")

    assert document.format == "moderngov"
    assert summary(document.blocks) == [
        (1, "item", "1", "1 Minutes"),
        (2, "text", None, "To approve the minutes."),
        (3, "item", "12", "12 Work Programme"),
        (4, "text", None, "Noted."),
        (5, "text", None, "No further action."),
    ]
    assert document.blocks[0].title == "Minutes"
    assert document.meta == CONFIRMED_AUDIT_COMMITTEE


def test_html_escaped_twice_is_unescaped_until_it_is_markup() -> None:
    twice = "&amp;lt;p&amp;gt;Children aged &amp;amp;lt;5 years &amp;amp;amp; carers&amp;lt;/p&amp;gt;"
    document = read(meeting(item("1", "Early years &amp;amp; childcare", twice)), name="m.xml")

    assert document.blocks[0].title == "Early years & childcare"
    # One level of escaping belongs to the minute itself: "<5" must stay text, not become a tag.
    assert document.blocks[1].text == "Children aged <5 years & carers"


def test_a_single_item_without_the_list_wrapper() -> None:
    document = read(meeting(item("1", "Apologies"), wrap=False), name="m.xml")

    assert summary(document.blocks) == [(1, "item", "1", "1 Apologies")]


def test_a_single_item_in_the_list() -> None:
    document = read(meeting(item("7", "Budget")), name="m.xml")

    assert summary(document.blocks) == [(1, "item", "7", "7 Budget")]


def test_item_zero_and_untitled_items_are_section_headings() -> None:
    xml = meeting(
        item("0", "Part A - Public items")
        + item("1", "Apologies")
        + item("5", "")
        + item("6", "Exempt report")
    )

    assert summary(read(xml, name="m.xml").blocks) == [
        (1, "heading", None, "Part A - Public items"),
        (2, "item", "1", "1 Apologies"),
        (3, "heading", None, "5"),
        (4, "item", "6", "6 Exempt report"),
    ]


def test_number_falls_back_to_item_and_sub_number() -> None:
    document = read(meeting(item("4", "Housing", sub="a")), name="m.xml")

    assert (document.blocks[0].number, document.blocks[0].text) == ("4a", "4a Housing")


def test_getmeeting_wrapper_and_committee_named_only_on_linked_documents() -> None:
    linked = (
        "<agendaitem><agendaitemnumber>1</agendaitemnumber><agendaitemtitle>Minutes</agendaitemtitle>"
        "<linkeddocuments><linkeddoc><committeetitle>Health Scrutiny</committeetitle></linkeddoc>"
        "</linkeddocuments></agendaitem>"
    )
    document = read(meeting(linked, root="getmeeting"), name="m.xml")

    assert document.meta["body"] == "Health Scrutiny"
    assert summary(document.blocks) == [(1, "item", "1", "1 Minutes")]


def test_unreadable_date_is_left_out_of_meta() -> None:
    xml = meeting(item("1", "Minutes")).replace(b"10/02/2026", b"31/02/2026")

    assert "meeting_date" not in read(xml, name="m.xml").meta


def test_wrong_extension_still_reads_as_moderngov() -> None:
    assert read(meeting(item("1", "Minutes")), name="meeting.html").format == "moderngov"


def real(name: str) -> Path:
    path = MINUTES_DIR / name
    if not path.exists():
        pytest.skip(f"{name} is absent (../shared/data/minutes)")
    return path


def test_real_meeting_with_minutes() -> None:
    document = read(real("uk-manchester-audit-committee-2026-02-10.getmeeting.xml"))

    items = [(b.number, b.title) for b in document.blocks if b.kind == "item"]
    assert items == [("1", "Minutes"), ("9", "Work Programme")]
    assert document.meta == CONFIRMED_AUDIT_COMMITTEE
    assert document.blocks[1].text.startswith("To approve the minutes of the meeting held on 25 November")


def test_real_cancelled_meeting_has_no_blocks_but_its_meta() -> None:
    document = read(real("uk-manchester-meeting-4966-2026-01-13-cancelled.getmeeting.xml"))

    assert document.blocks == []
    assert document.meta == {"meeting_date": "2026-01-13", "meeting_status": "Cancelled"}
