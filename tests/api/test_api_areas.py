"""The API's reads of topics, a body's signals, the shared direction, strategies, stakeholders and programmes:
what each answers, its filters and pages, and that a body's signals are the figures its diagnosis page shows.
Roles and other partnerships are in test_api_permissions.py; confidential records in the canary tests."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from test_diagnosis_views import FEW_DECISIONS, noting_board

from apikit import TokenClient, api_client
from areakit import furnish, topic_of
from factories import World, make_item
from traction.api.models import Scope
from traction.diagnosis.periods import DATE_OUT_OF_RANGE, PERIOD_DATES
from traction.governance.models import TopicConfirmation
from traction_analysis.signals import SIGNAL_NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world_a: World, secretary: Any) -> TokenClient:
    furnish(world_a)
    return api_client(secretary, world_a.partnership, Scope.READ)


def base(world: World) -> str:
    return f"/api/v1/partnerships/{world.partnership.slug}/"


def test_topics_and_the_items_under_one(api: TokenClient, world_a: World) -> None:
    key = topic_of(world_a)
    later = [make_item(world_a.partnership, meeting=world_a.meeting, topic=key) for _ in range(3)]
    make_item(world_a.partnership, meeting=world_a.meeting, topic="winter-pressures")
    TopicConfirmation.objects.create(partnership=world_a.partnership, key="winter-pressures")

    topics = api.get(base(world_a) + "topics/").json()
    assert [(t["key"], t["items"], t["confirmed"]) for t in topics["items"]] == [
        (key, 4, False),
        ("winter-pressures", 1, True),
    ]
    assert topics["items"][0]["bodies"] == [world_a.body.name] and topics["items"][0]["meetings"] == 1
    confirmed = api.get(base(world_a) + "topics/", {"confirmed": "true"}).json()
    assert confirmed["count"] == 1 and confirmed["items"][0]["key"] == "winter-pressures"

    path = base(world_a) + f"topics/{key}/items/"
    everything = api.get(path).json()
    ids = [i["id"] for i in everything["items"]]
    assert sorted(ids) == sorted([world_a.item.pk, *(i.pk for i in later)]) and everything["count"] == 4
    paged = [
        i["id"] for offset in (0, 2) for i in api.get(path, {"limit": 2, "offset": offset}).json()["items"]
    ]
    assert paged == ids
    assert everything["items"][0]["body"] == {"id": world_a.body.pk, "name": world_a.body.name}
    for missing in ("no-such-topic", "joint-strategy"):  # a confirmation without items is no topic either
        assert api.get(base(world_a) + f"topics/{missing}/items/").status_code == 404


def test_a_bodys_signals_are_the_figures_of_its_diagnosis_page(
    api: TokenClient, world_a: World, secretary_client: Any
) -> None:
    board = noting_board(world_a.partnership, "Noting board", items=10, decided=2)
    path = base(world_a) + f"bodies/{board.pk}/signals/"
    asked = api.get(path, {"period": "quarter", "from": "2025-05-20"}).json()
    assert asked["body"] == {"id": board.pk, "name": "Noting board"}
    assert asked["period"] == {
        "kind": "quarter",
        "start": "2025-04-01",
        "end": "2025-06-30",
        "label": "Apr–Jun 2025",
        "chosen_for_you": False,
    }
    signals = {s["name"]: s for s in asked["signals"]}
    assert tuple(signals) == SIGNAL_NAMES and len(asked["previous_periods"]) == 4
    decisions = signals["decision_yield"]
    assert (decisions["value"], decisions["text"], decisions["numerator"], decisions["denominator"]) == (
        0.2,
        "20%",
        2,
        10,
    )
    assert decisions["history"] == [None, None, None, None]
    unshown = [s for s in asked["signals"] if s["value"] is None]
    assert unshown and all(s["text"] == "Not enough data" and s["numerator"] is None for s in unshown)
    assert FEW_DECISIONS in [f["headline"] for f in asked["findings"]]

    page = secretary_client.get(
        reverse("diagnosis:body-profile", kwargs={"slug": world_a.partnership.slug, "pk": board.pk}),
        {"period": "quarter", "from": "2025-05-20"},
    ).content.decode()
    table = page[page.index('id="signals-table"') : page.index("</table>", page.index('id="signals-table"'))]
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td class="numeric">(.*?)</td>', table, re.S)
    assert {label: _figure(cell) for label, cell in rows} == {s["label"]: s["text"] for s in asked["signals"]}

    chosen = api.get(path).json()  # no period: the latest quarter with enough minutes there, as on the page
    assert chosen["period"]["start"] == "2025-04-01" and chosen["period"]["chosen_for_you"] is True
    assert chosen["signals"] == asked["signals"]


def _figure(cell: str) -> str:
    """A cell of the page's signals table as read: the figure, or "Not enough data"."""
    cell = re.sub(r'<span class="(visually-hidden|figure-detail)">.*?</span>', "", cell, flags=re.S)
    return re.sub(r"<[^>]+>", "", cell).strip()


def test_a_period_that_is_not_valid_is_a_400_naming_the_field(api: TokenClient, world_a: World) -> None:
    path = base(world_a) + f"bodies/{world_a.body.pk}/signals/"
    mine = api.get(path, {"period": "custom", "from": "2025-01-01"})
    assert mine.status_code == 400 and mine.json() == {"detail": {"to": [PERIOD_DATES]}}
    old = api.get(path, {"period": "year", "from": "1800-01-01"})
    assert old.status_code == 400 and old.json() == {"detail": {"from": [DATE_OUT_OF_RANGE]}}
    assert api.get(path, {"period": "fortnight"}).status_code == 422
    first = api.get(path, {"period": "year", "from": "2025-01-01"})
    assert first.status_code == 200
    again = api.get(path, {"period": "year", "from": "2025-01-01"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content


def test_the_shared_direction_and_strategies(api: TokenClient, world_a: World) -> None:
    name = world_a.partnership.name
    principles = api.get(base(world_a) + "principles/").json()["items"]
    assert [(p["title"], p["status"], p["agreed_item_id"]) for p in principles] == [
        (f"{name}: one front door", "agreed", world_a.item.pk)
    ]
    assert api.get(base(world_a) + "principles/", {"status": "draft"}).json()["count"] == 0
    (outcome,) = api.get(base(world_a) + "outcomes/").json()["items"]
    (indicator,) = api.get(base(world_a) + "indicators/").json()["items"]
    assert outcome["indicator_ids"] == [indicator["id"]] and indicator["outcome_ids"] == [outcome["id"]]
    assert indicator["latest"]["period"] == "2023/24" and indicator["latest"]["value"] == 190.0
    assert indicator["polarity"] == "low" and indicator["unit"] == "per 100,000"
    assert api.get(base(world_a) + "indicators/", {"level": "service"}).json()["count"] == 0
    (strategy,) = api.get(base(world_a) + "strategies/").json()["items"]
    assert strategy["lead_body"] == {"id": world_a.body.pk, "name": world_a.body.name}
    assert strategy["lead_officer"] == {"id": world_a.person.pk, "name": world_a.person.name}
    assert (strategy["outcome_ids"], strategy["indicator_ids"]) == ([outcome["id"]], [indicator["id"]])
    assert (strategy["phase"], strategy["pending_gates"]) == ("analyse", 0)
    assert api.get(base(world_a) + "strategies/", {"phase": "plan"}).json()["count"] == 0
    assert api.get(base(world_a) + "strategies/", {"stopped": "true"}).json()["count"] == 0


def test_stakeholders_name_people_and_nothing_more(api: TokenClient, world_a: World) -> None:
    world_a.person.email = "alex.director@example.org"
    world_a.person.save()
    response = api.get(base(world_a) + "stakeholders/")
    (stakeholder,) = response.json()["items"]
    assert stakeholder["person"] == {"id": world_a.person.pk, "name": world_a.person.name}
    assert (stakeholder["kind"], stakeholder["stance"], stakeholder["desired_stance"]) == (
        "person",
        "neutral",
        "supportive",
    )
    assert stakeholder["quadrant"] and stakeholder["assessed_on"]
    assert b"alex.director@example.org" not in response.content
    assert api.get(base(world_a) + "stakeholders/", {"kind": "organisation"}).json()["count"] == 0


def test_programmes_with_their_cohorts_and_enrolments(api: TokenClient, world_a: World) -> None:
    (programme,) = api.get(base(world_a) + "programmes/").json()["items"]
    (outcome,) = api.get(base(world_a) + "outcomes/").json()["items"]
    assert programme["title"] == f"{world_a.partnership.name}: leading together"
    assert (programme["cohorts"], programme["enrolled"], programme["outcome_ids"]) == (1, 1, [outcome["id"]])
    assert programme["lead"] == {"id": world_a.person.pk, "name": world_a.person.name}


def test_pages_of_a_selector_list_never_share_or_skip_a_record(api: TokenClient, world_a: World) -> None:
    for n in range(5):
        make_item(world_a.partnership, meeting=world_a.meeting, topic=f"topic-{n}")
    path = base(world_a) + "topics/"
    everything = [t["key"] for t in api.get(path, {"limit": 100}).json()["items"]]
    assert len(everything) == 6
    paged = [
        t["key"] for offset in (0, 4) for t in api.get(path, {"limit": 4, "offset": offset}).json()["items"]
    ]
    assert paged == everything
    assert api.get(path, {"offset": 6}).json() == {"count": 6, "limit": 50, "offset": 6, "items": []}


def test_a_day_unknown_to_the_calendar_is_a_422(api: TokenClient, world_a: World) -> None:
    path = base(world_a) + f"bodies/{world_a.body.pk}/signals/"
    assert api.get(path, {"from": "2025-02-30"}).status_code == 422
    assert api.get(path, {"period": "year", "from": datetime.date(2025, 3, 1).isoformat()}).status_code == 200
