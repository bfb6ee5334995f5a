"""The trust-pulse pages in Debian's chromium: axe finds no serious or critical violation and no script or
CSP error on the waves, a wave, its results, the answer form and the facilitator's forms; a member answers
from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from direction import kit_pulse as kit
from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.direction.models import PulseResponse, PulseWave, WaveStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.FACILITATOR, username="fran.facilitator", password=PASSWORD)
    make_member(world.partnership, Role.MEMBER, username="mo.member", password=PASSWORD)
    kit.world_wave(world)
    for title in ("Spring pulse", "Summer pulse"):
        wave = kit.make_wave(world.partnership, WaveStatus.PUBLISHED, k=3, title=title)
        kit.low_answers(wave, 6, groups=("council", "nhs_trust"))
        wave.responses.update(released=True)
    kit.fresh_flagged(world)
    return world


def _pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug
    open_wave = kit.world_wave(world)
    published = PulseWave.objects.get(partnership=world.partnership, title="Summer pulse")
    flagged = PulseWave.objects.get(partnership=world.partnership, title="A closed pulse")

    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"direction:{name}", kwargs={"slug": slug, **kwargs})

    return {
        "list": u("pulse-list"),
        "home": u("direction-home"),
        "wave": u("pulse-detail", pk=flagged.pk),
        "results": u("pulse-results", pk=published.pk),
        "results: closed": u("pulse-results", pk=flagged.pk),
        "form: answer": u("pulse-answer", pk=open_wave.pk),
        "form: new wave": u("pulse-create"),
        "form: edit wave": u("pulse-update", pk=open_wave.pk),
        "form: comments": u("pulse-comments", pk=flagged.pk),
        "form: follow-up": u("pulse-follow-up", pk=flagged.pk),
    }


def test_pulse_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "fran.facilitator", PASSWORD)
    report, statuses = [], {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_a_member_answers_from_the_keyboard(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "mo.member", PASSWORD)
    wave = kit.world_wave(scene)
    page.goto(reverse("direction:pulse-answer", kwargs={"slug": scene.partnership.slug, "pk": wave.pk}))
    report = describe("form: answer", axe_violations(page))
    page.get_by_label("4 Agree").first.focus()
    page.keyboard.press("Space")
    page.get_by_label(wave.items[3]["text"]).fill("70")
    page.get_by_role("button", name="Send my answers").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "your answers are recorded" in page.content()
    assert PulseResponse.objects.filter(wave=wave).get().answers == {"reliability": 4, "overall": 70}
    assert not report, report
    assert not problems.all(), problems.all()
