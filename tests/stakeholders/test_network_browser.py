"""Every relationship-network page in Debian's chromium: axe finds no serious or critical violation and no
script or CSP error; the answer table is filled in and sent from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_member, make_partnership, make_world
from stakeholders import kit_network as kit
from traction.core.models import Role
from traction.stakeholders.models.network import Rating, SurveyStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> tuple[World, Any, Any]:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    admin = make_member(world.partnership, Role.ADMIN, username="ada.admin", password=PASSWORD)
    me = kit.person_of(admin, world.partnership)
    closed = kit.make_survey(
        world.partnership,
        [me, world.person, world.other_person],
        SurveyStatus.CLOSED,
        k=3,
        facilitators=[admin],
    )
    kit.rate(closed, me, world.person, comment="Reliable")
    kit.rate(closed, world.person, world.other_person, frequency=4)
    kit.rate(closed, world.other_person, me, frequency=1)
    survey_open = kit.make_survey(
        world.partnership, [me, world.person, world.other_person], title="Open survey"
    )
    return world, closed, survey_open


def _pages(world: World, closed: Any, survey_open: Any) -> dict[str, str]:
    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"stakeholders:{name}", kwargs={"slug": world.partnership.slug, **kwargs})

    return {
        "home": u("stakeholders-home"),
        "surveys": u("network-survey-list"),
        "form: new survey": u("network-survey-create"),
        "survey": u("network-survey-detail", pk=closed.pk),
        "form: edit survey": u("network-survey-update", pk=survey_open.pk),
        "delete survey": u("network-survey-delete", pk=survey_open.pk),
        "form: answer": u("network-survey-answer", pk=survey_open.pk),
        "declared network": u("network-declared", pk=closed.pk),
        "declared, filtered": u("network-declared", pk=closed.pk) + "?min_frequency=2&min_trust=3",
        "results": u("network-aggregates", pk=closed.pk),
        "observed": u("network-observed"),
        "compare periods": u("network-compare"),
        "compare surveys": u("network-compare") + f"?before_survey={closed.pk}&after_survey={closed.pk}",
    }


def test_network_pages_have_no_serious_accessibility_violations(
    page: Any, scene: tuple[World, Any, Any], problems: PageProblems
) -> None:
    log_in(page, "ada.admin", PASSWORD)
    report, statuses = [], {}
    for where, path in _pages(*scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_the_answer_table_works_from_the_keyboard(
    page: Any, scene: tuple[World, Any, Any], problems: PageProblems
) -> None:
    world, _, survey_open = scene
    log_in(page, "ada.admin", PASSWORD)
    page.goto(_pages(*scene)["form: answer"])
    for label, value in (
        (f"How often you work with {world.person.name}", "3"),
        (f"Reliability: {world.person.name}", "4"),
        (f"Support of the shared mission: {world.person.name}", "3"),
        (f"Openness: {world.person.name}", "2"),
    ):
        page.get_by_label(label, exact=True).select_option(value)
    page.get_by_role("button", name="Send my ratings").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Rating.objects.filter(survey=survey_open).count() == 1
    assert not problems.all(), problems.all()
