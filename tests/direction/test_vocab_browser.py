"""The diagnosis pages that show the work-avoidance vocabulary, in Debian's chromium: the overview's findings
about the partnership and a body's findings with their family; axe finds no serious or critical violation,
and there is no script or CSP error."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse
from django.utils import timezone

from direction.kit_vocab import follow_up, follow_up_action, make_run, make_wave
from factories import (
    PASSWORD,
    World,
    make_body,
    make_item,
    make_meeting,
    make_member,
    make_partnership,
    make_world,
)
from traction.core.models import Role
from traction.governance.models import Body

pytestmark = pytest.mark.django_db(transaction=True)

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.VIEWER, username="val.viewer", password=PASSWORD)
    today = timezone.localdate()
    follow_up(make_run(world.partnership, title="Spring health check"))
    wave = make_wave(world.partnership, title="Trust pulse, wave 2")
    follow_up(wave, action=follow_up_action(world.partnership, due=today - datetime.timedelta(days=20)))
    body = make_body(world.partnership, name="Noting Board")
    for n, days in enumerate((70, 50, 30) * 4):
        start = datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time(10), LONDON)
        meeting = make_meeting(world.partnership, body=body, status="held", start=start)
        make_item(
            world.partnership, meeting=meeting, topic=f"topic-{n}", outcome="decided" if n < 2 else "noted"
        )
    return world


def _pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug
    today = timezone.localdate()
    period = urlencode({"period": "custom", "from": today - datetime.timedelta(days=90), "to": today})
    pk = Body.objects.get(partnership=world.partnership, name="Noting Board").pk
    return {
        "overview": reverse("diagnosis:overview", kwargs={"slug": slug}) + "?" + period,
        "body profile": reverse("diagnosis:body-profile", kwargs={"slug": slug, "pk": pk}) + "?" + period,
    }


def test_the_vocabulary_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "val.viewer", PASSWORD)
    report, statuses, text = [], {}, {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        text[where] = page.content()
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    assert "Findings about the partnership" in text["overview"] and "Spring health check" in text["overview"]
    assert 'Family: <a href="#family-diversion">diversion of attention</a>' in text["body profile"]
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()
