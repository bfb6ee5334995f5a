"""The declared network's tables are written in one pass in Python (tens of thousands of rows are too many
for the template engine): they hold every rating and every person, say what the template said, and escape
every name and comment."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from factories import World, make_organisation, make_person
from stakeholders import kit_network as kit
from traction.stakeholders.models.network import SurveyStatus

pytestmark = pytest.mark.django_db


def _rows(page: str, caption: str) -> list[str]:
    table = page.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1])


def test_the_declared_tables_hold_every_rating_and_person_escaped(
    world_a: World, users: Any, client_for: Any
) -> None:
    council = make_organisation(world_a.partnership, name="Vale & <Hill> Council")
    odd = make_person(world_a.partnership, name='Ann "<b>" Lee', organisation=council)
    alone = make_person(world_a.partnership, name="Bo Nobody")
    survey = kit.make_survey(
        world_a.partnership,
        [world_a.person, world_a.other_person, odd, alone],
        SurveyStatus.CLOSED,
        facilitators=[users["facilitator"]],
    )
    kit.rate(survey, odd, world_a.person, frequency=4, comment="<script>alert(1)</script>")
    kit.rate(survey, world_a.person, odd, frequency=2, reliability=1, mission=2, openness=4)
    kit.rate(survey, world_a.other_person, odd, frequency=0)
    response = client_for("facilitator").get(
        reverse("stakeholders:network-declared", kwargs={"slug": survey.partnership.slug, "pk": survey.pk})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page and "<b>" not in page and "<Hill>" not in page

    ratings = _rows(page, "Every rating in the survey")
    assert len(ratings) == 3
    mine = next(r for r in ratings if "&lt;script&gt;" in r)
    assert mine.startswith('<th scope="row">Ann &quot;&lt;b&gt;&quot; Lee</th>')
    assert "<td>Daily</td>" in mine and "&lt;script&gt;alert(1)&lt;/script&gt;" in mine
    theirs = next(r for r in ratings if r.startswith(f'<th scope="row">{world_a.person.name}</th>'))
    assert '<td>Monthly</td><td class="numeric">1</td><td class="numeric">2</td>' in theirs
    assert theirs.endswith("<td>—</td>")
    assert any("<td>Never</td>" in r for r in ratings)

    people = _rows(page, "Measures by person (filtered network)")
    measured = response.context["measures"]
    assert len(people) == len(measured.people) == 4
    by_name = {re.match(r'<th scope="row">(.*?)</th>', r).group(1): r for r in people}  # type: ignore[union-attr]
    ann = by_name["Ann &quot;&lt;b&gt;&quot; Lee"]
    assert "<td>Vale &amp; &lt;Hill&gt; Council</td>" in ann
    figures = measured.by_key[odd.pk]
    assert f'<td class="numeric">{figures.in_degree}</td><td class="numeric">{figures.out_degree}</td>' in ann
    assert f'<td class="numeric">{figures.betweenness:.3f}</td>' in ann
    assert by_name["Bo Nobody"].endswith(
        '<td>—</td><td class="numeric">0</td><td class="numeric">0</td>'
        '<td class="numeric">0.000</td><td class="numeric">0.000</td>'
        '<td class="numeric">Isolated</td>'
    )
