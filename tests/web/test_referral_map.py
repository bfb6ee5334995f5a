"""The referral map on the diagnosis overview: which body passed which topic to which, and whether each was
decided, is still open or died; computed with a fixed number of queries; shown as a table with links to the
items and as an SVG with a title and description."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from factories import World, make_body, make_item, make_meeting
from traction.core.models import Partnership
from traction.diagnosis import views as diagnosis_views
from traction.diagnosis.models import DiagnosisSettings
from traction.diagnosis.referrals import ReferralMap, referral_map_for
from traction.governance.models import AgendaItem, Body
from traction_analysis.signals import Period, SignalParams

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2025, 7, 15)
YEAR_2024 = Period(datetime.date(2024, 1, 1), datetime.date(2025, 1, 1))


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with mock.patch.object(diagnosis_views.DiagnosisView, "today", lambda self: TODAY):
        yield


class Record:
    """Bodies and a helper that puts an item on a held meeting of a body on a day. A label names another set
    of bodies, with topics of their own."""

    def __init__(self, partnership: Partnership, label: str = "") -> None:
        self.p = partnership
        self.suffix = f"-{label.strip().lower()}" if label else ""
        self.board = make_body(partnership, name=f"{label}Partnership Board")
        self.scrutiny = make_body(partnership, name=f"{label}Scrutiny Committee")
        self.cabinet = make_body(partnership, name=f"{label}Cabinet")
        self.meetings: dict[tuple[int, datetime.date], Any] = {}

    def item(self, body: Body, day: str, topic: str, outcome: str) -> AgendaItem:
        date = datetime.date.fromisoformat(day)
        if (body.pk, date) not in self.meetings:
            self.meetings[body.pk, date] = make_meeting(
                self.p,
                body=body,
                status="held",
                start=datetime.datetime.combine(date, datetime.time(10), tzinfo=LONDON),
            )
        topic = topic + self.suffix if topic else ""
        return make_item(
            self.p,
            meeting=self.meetings[body.pk, date],
            topic=topic,
            outcome=outcome,
            title=f"{topic} at {body.name}",
        )


def build(record: Record) -> dict[str, AgendaItem]:
    b, s, c = record.board, record.scrutiny, record.cabinet
    items = {
        # referred, taken up by Scrutiny, decided by Cabinet: decided.
        "housing": record.item(b, "2024-03-05", "housing", "referred"),
        "housing_at_scrutiny": record.item(s, "2024-04-10", "housing", "noted"),
        "housing_decided": record.item(c, "2024-06-20", "housing", "decided"),
        # referred, passed on again by Scrutiny, noted by Cabinet, never decided: open on both edges.
        "parking": record.item(b, "2024-03-05", "parking", "referred"),
        "parking_at_scrutiny": record.item(s, "2024-04-10", "parking", "referred"),
        "parking_at_cabinet": record.item(c, "2024-05-15", "parking", "noted"),
        # referred and never seen again: died.
        "libraries": record.item(b, "2024-03-05", "libraries", "referred"),
        # referred, back at the same body only: still open, and no other body.
        "parks": record.item(b, "2024-03-05", "parks", "referred"),
        "parks_again": record.item(b, "2024-05-01", "parks", "noted"),
        # referred, next elsewhere only after the six months: died (within six months nobody had it).
        "transport": record.item(b, "2024-03-05", "transport", "referred"),
        "transport_late": record.item(s, "2024-11-20", "transport", "noted"),
        # referred, taken up within the window, decided long after it: decided in the end.
        "waste": record.item(b, "2024-03-05", "waste", "referred"),
        "waste_at_scrutiny": record.item(s, "2024-04-01", "waste", "noted"),
        "waste_decided": record.item(c, "2025-01-10", "waste", "decided"),
        # procedural items and items with no topic are not referrals or passages.
        "no_topic": record.item(b, "2024-03-05", "", "referred"),
        "procedural": record.item(s, "2024-04-10", "libraries", "procedural"),
    }
    # a referral before the period is not on the map, even when its topic moves in the period.
    record.item(b, "2023-12-01", "heritage", "referred")
    record.item(s, "2024-02-01", "heritage", "noted")
    return items


def statuses(found: ReferralMap) -> dict[tuple[str, str | None], dict[str, str]]:
    return {
        (e.source.name, e.target.name if e.target else None): {p.topic: p.status for p in e.passages}
        for e in found.edges
    }


def test_edges_topics_and_what_became_of_them(viewer: Any, partnership_a: Partnership) -> None:
    record = Record(partnership_a)
    build(record)
    found = referral_map_for(
        user=viewer, partnership=partnership_a, period=YEAR_2024, as_of=TODAY, params=SignalParams()
    )
    assert statuses(found) == {
        ("Partnership Board", "Scrutiny Committee"): {
            "housing": "decided",
            "parking": "open",
            "waste": "decided",
        },
        ("Partnership Board", None): {"libraries": "died", "parks": "open", "transport": "died"},
        ("Scrutiny Committee", "Cabinet"): {"parking": "open"},
    }
    edge = found.edges[0]
    assert (edge.topics, edge.decided, edge.open, edge.died) == (3, 2, 1, 0)
    assert found.referrals == 7 and (found.total("decided"), found.total("open"), found.total("died")) == (
        2,
        3,
        2,
    )


def test_the_stops_name_the_items_behind_each_passage(viewer: Any, partnership_a: Partnership) -> None:
    record = Record(partnership_a)
    items = build(record)
    found = referral_map_for(
        user=viewer, partnership=partnership_a, period=YEAR_2024, as_of=TODAY, params=SignalParams()
    )
    housing = next(p for e in found.edges for p in e.passages if p.topic == "housing")
    assert [s.item for s in housing.referred] == [items["housing"].pk]
    assert housing.arrived is not None and housing.arrived.item == items["housing_at_scrutiny"].pk
    assert housing.decided_at is not None and housing.decided_at.item == items["housing_decided"].pk
    assert housing.decided_at.day == datetime.date(2024, 6, 20)


def test_the_window_is_the_partnerships_parcel_months(viewer: Any, partnership_a: Partnership) -> None:
    record = Record(partnership_a)
    build(record)
    longer = referral_map_for(
        user=viewer,
        partnership=partnership_a,
        period=YEAR_2024,
        as_of=TODAY,
        params=SignalParams(parcel_months=12),
    )
    assert statuses(longer)[("Partnership Board", "Scrutiny Committee")]["transport"] == "open"
    assert "transport" not in statuses(longer)[("Partnership Board", None)]
    shorter = referral_map_for(
        user=viewer,
        partnership=partnership_a,
        period=YEAR_2024,
        as_of=TODAY,
        params=SignalParams(parcel_months=1),
    )
    # Scrutiny took parking up on 10 April: more than a month after 5 March, too late.
    assert statuses(shorter)[("Partnership Board", None)]["parking"] == "died"
    assert "parking" not in statuses(shorter).get(("Partnership Board", "Scrutiny Committee"), {})
    assert statuses(shorter)[("Partnership Board", "Scrutiny Committee")]["waste"] == "decided"  # 1 April
    assert statuses(shorter)[("Partnership Board", None)]["libraries"] == "died"


def test_a_window_still_running_is_open_not_died(viewer: Any, partnership_a: Partnership) -> None:
    record = Record(partnership_a)
    record.item(record.board, "2025-05-06", "roads", "referred")
    period = Period(datetime.date(2025, 4, 1), datetime.date(2025, 7, 1))
    found = referral_map_for(
        user=viewer, partnership=partnership_a, period=period, as_of=TODAY, params=SignalParams()
    )
    assert statuses(found) == {("Partnership Board", None): {"roads": "open"}}


def test_a_topic_referred_twice_along_one_edge_is_one_topic(viewer: Any, partnership_a: Partnership) -> None:
    record = Record(partnership_a)
    first = record.item(record.board, "2024-03-05", "care", "referred")
    record.item(record.scrutiny, "2024-04-01", "care", "noted")
    second = record.item(record.board, "2024-05-07", "care", "referred")
    record.item(record.scrutiny, "2024-06-03", "care", "noted")
    found = referral_map_for(
        user=viewer, partnership=partnership_a, period=YEAR_2024, as_of=TODAY, params=SignalParams()
    )
    [edge] = found.edges
    assert edge.topics == 1 and [s.item for s in edge.passages[0].referred] == [first.pk, second.pk]


def test_the_queries_do_not_grow_with_the_record(
    viewer: Any, partnership_a: Partnership, django_assert_max_num_queries: Any
) -> None:
    def run() -> ReferralMap:
        return referral_map_for(
            user=viewer, partnership=partnership_a, period=YEAR_2024, as_of=TODAY, params=SignalParams()
        )

    build(Record(partnership_a))
    with django_assert_max_num_queries(4):
        small = run()
    for label in ("North ", "South ", "East "):
        build(Record(partnership_a, label))
    with django_assert_max_num_queries(4):
        large = run()
    assert len(large.edges) == 4 * len(small.edges)


def test_another_partnerships_referrals_are_not_on_the_map(
    viewer: Any, partnership_a: Partnership, partnership_b: Partnership
) -> None:
    build(Record(partnership_b, "Southshire "))
    found = referral_map_for(
        user=viewer, partnership=partnership_a, period=YEAR_2024, as_of=TODAY, params=SignalParams()
    )
    assert found.edges == ()


# --- on the overview --------------------------------------------------------------------------------------


def overview(client: Any, partnership: Partnership) -> str:
    path = reverse("diagnosis:overview", kwargs={"slug": partnership.slug})
    response = client.get(path + "?period=year&from=2024-01-01")
    assert response.status_code == 200
    return response.content.decode()


def test_the_overview_shows_the_map_as_a_table_with_links_to_the_items(
    client_for: Any, partnership_a: Partnership
) -> None:
    items = build(Record(partnership_a))
    html = overview(client_for("viewer"), partnership_a)
    table = re.search(r'<table class="table" id="referral-table">.*?</table>', html, re.S)
    assert table is not None
    rows = re.findall(
        r'<tr data-edge="[^"]+"><th scope="row">([^<]+)</th><td>(.*?)</td>\s*'
        r'<td class="numeric"><a href="#edge-\d+">(\d+)<.*?<td class="numeric">(\d+)</td>'
        r'<td class="numeric">(\d+)</td><td class="numeric">(\d+)</td>',
        table.group(0),
        re.S,
    )
    assert [(r[0], re.sub("<[^>]+>", "", r[1]), *map(int, r[2:])) for r in rows] == [
        ("Partnership Board", "Scrutiny Committee", 3, 2, 1, 0),
        ("Partnership Board", "No other body", 3, 0, 1, 2),
        ("Scrutiny Committee", "Cabinet", 1, 0, 1, 0),
    ]
    meeting = items["housing"].meeting_id
    detail = reverse("governance:meeting-detail", kwargs={"slug": partnership_a.slug, "pk": meeting})
    assert f'href="{detail}#item-{items["housing"].pk}" data-item="{items["housing"].pk}"' in html
    assert f'data-item="{items["housing_decided"].pk}"' in html
    topics = re.search(r'<table class="table" id="referred-topics">.*?</table>', html, re.S)
    assert topics is not None and topics.group(0).count('<tbody id="edge-') == 3
    libraries = re.search(r'<tr data-topic="libraries">.*?</tr>', topics.group(0), re.S)
    assert libraries is not None and "No other body within the window" in libraries.group(0)
    assert 'data-status="died"' in libraries.group(0)
    housing = re.search(r'<tr data-topic="housing">.*?</tr>', topics.group(0), re.S)
    assert housing is not None and "Scrutiny Committee: <a " in housing.group(0)


def test_the_map_svg_is_named_for_screen_readers_and_needs_no_inline_style(
    client_for: Any, partnership_a: Partnership
) -> None:
    build(Record(partnership_a))
    html = overview(client_for("viewer"), partnership_a)
    [svg] = re.findall(r'<svg[^>]*class="referral-map".*?</svg>', html, re.S)
    assert (
        'role="img"' in svg
        and '<title id="referral-svg-title">' in svg
        and '<desc id="referral-svg-desc">' in svg
    )
    assert svg.count("<path ") == 3 and "Partnership Board to no other body: 3 topics, 0 decided" in svg
    assert "style=" not in html and "<style" not in html and "<script" not in svg


def test_the_partnerships_window_is_used_on_the_page(client_for: Any, partnership_a: Partnership) -> None:
    items = build(Record(partnership_a))
    DiagnosisSettings.objects.create(partnership=partnership_a, parcel_months=12)
    html = overview(client_for("viewer"), partnership_a)
    assert "within 12 months" in html
    title = items["transport_late"].title  # a topic is named by its latest item's title, not its key
    assert re.search(
        rf'data-topic="transport"><th scope="row">{re.escape(title)}</th>.*?data-status="open"', html, re.S
    )


def test_no_referrals_says_so(client_for: Any, world_a: World) -> None:
    html = overview(client_for("viewer"), world_a.partnership)
    assert "No item with a topic was referred in this period." in html
    assert 'id="referral-table"' not in html


def test_the_overview_with_its_map_makes_a_bounded_number_of_queries(
    client_for: Any, partnership_a: Partnership, django_assert_max_num_queries: Any
) -> None:
    """The signals (at most eleven), the thresholds (one), the map (three), the page's own, and the findings
    about the partnership (at most four for health checks and pulses with their follow-ups, two for
    commissioning's settings and stalled strategies)."""
    build(Record(partnership_a))
    client = client_for("viewer")
    with django_assert_max_num_queries(11 + 1 + 3 + 10 + 6):
        overview(client, partnership_a)
    for label in ("North ", "South "):
        build(Record(partnership_a, label))
    with django_assert_max_num_queries(11 + 1 + 3 + 10 + 6):
        html = overview(client, partnership_a)
    assert html.count("<tr data-edge=") == 9
