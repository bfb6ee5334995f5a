"""A crowded cell of the stakeholder map: the chart draws what fits and a "+M more" link, which leads to the
table filtered to that cell; the table is otherwise complete, and a bad cell is a plain message."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factories import make_member, make_partnership, make_world
from stakeholders import kit_stakeholders as kit
from traction.core.models import Role
from traction_analysis.stakeholders import chart

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def viewer() -> Client:
    world = make_world(make_partnership(name="Riverside", slug="riverside"))
    on = timezone.localdate() - 10 * DAY
    for n in range(chart.CAPACITY + 7):  # 32 at power 4, interest 5
        kit.assess(kit.make_stakeholder(world.partnership, name=f"Parish {n:02d}"), on, power=4, interest=5)
    for n in range(3):
        kit.assess(kit.make_stakeholder(world.partnership, name=f"Trust {n}"), on, power=2, interest=1)
    client = Client()
    client.force_login(make_member(world.partnership, Role.VIEWER, username="vic"))
    return client


def _url() -> str:
    return reverse("stakeholders:stakeholder-map", kwargs={"slug": "riverside"})


def test_the_crowded_cell_links_to_its_rows_and_the_table_stays_complete(viewer: Client) -> None:
    response = viewer.get(_url())
    page = response.content.decode()
    assert response.status_code == 200 and len(response.context["table_rows"]) == 35
    svg = response.context["svg"]
    assert svg.count("<g>") == chart.SHOWN + 3  # 20 of the crowded cell, the other cell's 3
    [href] = re.findall(r'<a href="([^"]*)" aria-label="12 more stakeholders at power 4, interest 5', svg)
    assert ">+12 more</text></a>" in svg and href.endswith("&amp;cell=4-5#map-table")
    assert len(re.findall(r"<tr>\s*<td", page)) == 35

    href = href.replace("&amp;", "&")
    cell = viewer.get(_url() + href.split("#")[0])
    shown = cell.content.decode()
    assert cell.status_code == 200 and cell.context["cell"] == (4, 5)
    assert len(cell.context["table_rows"]) == 32 and len(cell.context["rows"]) == 35
    assert all("Parish" in row["stakeholder"]["name"] for row in cell.context["table_rows"])
    assert "32 of 35 stakeholders, at power 4 and interest 5" in shown and "Show every stakeholder" in shown
    assert len(re.findall(r"<tr>\s*<td", shown)) == 32 and "Trust 0" not in shown.split("<tbody>")[1]
    # the rows keep the numbers the chart gives them
    numbers = {row["number"] for row in cell.context["table_rows"]}
    assert numbers == {
        row["number"] for row in response.context["rows"] if "Parish" in row["stakeholder"]["name"]
    }


@pytest.mark.parametrize("bad", ["6-1", "4", "a-b", "4-5-1", "-4-5", "０-1", "4-5 ", "x" * 500])
def test_a_bad_cell_shows_the_whole_table_and_a_plain_message(viewer: Client, bad: str) -> None:
    response = viewer.get(_url(), {"cell": bad})
    assert response.status_code == 200 and response.context["cell"] is None
    assert len(response.context["table_rows"]) == 35
    assert "The cell was not understood" in response.content.decode()


def test_a_cell_with_nobody_in_it_says_so_in_the_caption(viewer: Client) -> None:
    response = viewer.get(_url(), {"cell": "1-1"})
    assert response.context["table_rows"] == [] and "0 of 35 stakeholders" in response.content.decode()
