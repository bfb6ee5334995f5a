"""The indicator pages in Debian's chromium: axe finds no serious or critical violation, no script or CSP
error; a bad values file is refused with its rows named, from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from direction import kit_indicators as kit
from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.direction.models import IndicatorValue
from traction.direction.services import indicators as services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    secretary = make_member(world.partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    kit.world_indicator(world)
    pulled = kit.world_fingertips(world)
    url = "https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?indicator_ids=93014&child_area_type_id=502"
    services.fingertips_store(
        actor=secretary, indicator=pulled, url=url, text=kit.recorded("fingertips_93014.csv")
    )
    kit.make_indicator(
        world.partnership, title="Reablement packages started", level="service", question="how_much"
    )
    return world


def _pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug
    local, pulled = kit.world_indicator(world), kit.world_fingertips(world)

    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"direction:{name}", kwargs={"slug": slug, **kwargs})

    return {
        "home": u("direction-home"),
        "list": u("indicator-list"),
        "curve: local": u("indicator-detail", pk=local.pk),
        "curve: fingertips": u("indicator-detail", pk=pulled.pk),
        "form: new indicator": u("indicator-create"),
        "form: edit indicator": u("indicator-update", pk=pulled.pk),
        "form: upload values": u("indicator-upload", pk=local.pk),
        "delete": u("indicator-delete", pk=local.pk),
    }


def test_indicator_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "sam.secretary", PASSWORD)
    report, statuses = [], {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_a_bad_values_file_is_refused_from_the_keyboard(
    page: Any, scene: World, problems: PageProblems, tmp_path: Any
) -> None:
    bad = tmp_path / "values.csv"
    bad.write_text("period,value\nnext year,12\n", encoding="utf-8")
    log_in(page, "sam.secretary", PASSWORD)
    indicator = kit.world_indicator(scene)
    before = IndicatorValue.objects.count()
    page.goto(
        reverse("direction:indicator-upload", kwargs={"slug": scene.partnership.slug, "pk": indicator.pk})
    )
    page.get_by_label("CSV file of values").set_input_files(str(bad))
    page.get_by_role("button", name="Upload values").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Row 2: the period “next year” is not one we read" in page.content()
    assert IndicatorValue.objects.count() == before
    assert not describe("form: upload refused", axe_violations(page))
    assert not problems.all(), problems.all()
