"""The structures pages over HTTP: the chart at a date with its nested-list equivalent, a refused date, a
merger's before and after, the forms' plain refusals, and the record keeping its history: an abolished body's
profile and the partnership's diagnosis still work and still list it with its meetings."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from factories import World, make_body, make_meeting, make_member
from stakeholders import kit_structures as kit
from traction.stakeholders.models.structures import BodyHistory, Locality, Succession
from traction.stakeholders.services import structures as services

pytestmark = pytest.mark.django_db
D = datetime.date


def u(w: World, name: str, app: str = "stakeholders", **kwargs: Any) -> str:
    return reverse(f"{app}:{name}", kwargs={"slug": w.partnership.slug, **kwargs})


@pytest.fixture
def merged(world_a: World) -> World:
    """The world's working group replaced by a locality board on the merger date."""
    board = make_body(world_a.partnership, name="North Locality Board", parent=world_a.body)
    BodyHistory.objects.create(partnership=world_a.partnership, body=board, established_on=kit.MERGED_ON)
    old = kit.world_history(world_a)
    old.abolished_on, old.replaced_by = kit.MERGED_ON, board
    old.save()
    kit.world_succession(world_a)
    return world_a


def test_the_chart_at_a_date_draws_and_lists_the_bodies_existing_then(
    merged: World, client_for: Callable[[str], Client]
) -> None:
    viewer = client_for("viewer")
    before = viewer.get(u(merged, "structure-chart") + "?on=2024-03-31").content.decode()
    after = viewer.get(u(merged, "structure-chart") + "?on=2024-04-01").content.decode()
    assert 'role="img"' in before and "Structure chart on 31 March 2024" in before
    assert "<strong>Housing Working Group</strong>, serving North Riverside" in before
    assert "North Locality Board" not in before
    assert "North Locality Board" in after and "Housing Working Group" not in after


def test_a_date_that_is_not_a_date_is_refused_plainly_and_today_is_shown(
    merged: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("viewer").get(u(merged, "structure-chart") + "?on=31-31-2024")
    assert page.status_code == 200
    assert "Enter a real date" in page.content.decode()
    page = client_for("viewer").get(u(merged, "structure-chart") + "?on=1066-10-14")
    assert services.OUT_OF_RANGE in page.content.decode()


def test_a_merger_shows_the_day_before_and_the_date_side_by_side_with_what_changed(
    merged: World, client_for: Callable[[str], Client]
) -> None:
    succession = Succession.objects.get()
    page = client_for("member").get(u(merged, "succession-detail", pk=succession.pk)).content.decode()
    assert page.count('role="img"') == 2
    assert "Ended: Northmoor District Council, Southvale District Council" in page
    assert "Started: Moorvale Council" in page
    assert "Replaced: Housing Working Group by North Locality Board" in page
    assert "Edit the succession" not in page  # a member may only look


def test_the_succession_form_refuses_an_abolition_with_successors(
    merged: World, client_for: Callable[[str], Client]
) -> None:
    data = kit.succession_data(merged, kind="abolition")
    page = client_for("secretary").post(u(merged, "succession-create"), data)
    assert page.status_code == 200
    assert "An abolition has no successor" in page.content.decode()
    assert Succession.objects.count() == 1


def test_the_history_form_says_when_the_body_met(merged: World, client_for: Callable[[str], Client]) -> None:
    page = client_for("secretary").post(
        u(merged, "bodyhistory-create", pk=merged.body.pk), kit.history_data(established_on="2025-04-01")
    )
    assert "The body met on 10 March 2025, before that date." in page.content.decode()
    assert not BodyHistory.objects.filter(body=merged.body).exists()


def test_a_lower_case_gss_code_is_taken_and_a_malformed_one_refused(
    world_a: World, client_for: Callable[[str], Client]
) -> None:
    secretary = client_for("secretary")
    secretary.post(
        u(world_a, "locality-create"), {"name": "North", "gss_code": "e06000901", "description": ""}
    )
    assert Locality.objects.get().gss_code == "E06000901"
    page = secretary.post(u(world_a, "locality-create"), {"name": "South", "gss_code": "E6000902"})
    assert "9-character ONS GSS code" in page.content.decode() and Locality.objects.count() == 1


def test_the_record_keeps_the_history_of_an_abolished_body(
    world_a: World, client_for: Callable[[str], Client]
) -> None:
    """The health and wellbeing board met in March 2025 and was abolished in April; its profile pages and
    the partnership's diagnosis still show it with its meeting."""
    unitary = make_body(world_a.partnership, name="Unitary Wellbeing Board")
    BodyHistory.objects.create(partnership=world_a.partnership, body=unitary, established_on=D(2025, 4, 1))
    services.body_history_create(
        actor=make_member(world_a.partnership, "admin", username="structures-admin"),
        body=world_a.body,
        data={"established_on": D(2013, 4, 1), "abolished_on": D(2025, 4, 1), "replaced_by": unitary},
    )
    make_meeting(
        world_a.partnership, body=world_a.body, start=world_a.meeting.start - datetime.timedelta(days=60)
    )
    viewer = client_for("viewer")
    profile = viewer.get(u(world_a, "body-detail", app="governance", pk=world_a.body.pk))
    assert profile.status_code == 200
    assert u(world_a, "meeting-detail", app="governance", pk=world_a.meeting.pk) in profile.content.decode()
    for name, kwargs in (("overview", {}), ("body-profile", {"pk": world_a.body.pk})):
        page = viewer.get(u(world_a, name, app="diagnosis", **kwargs))
        assert page.status_code == 200, name
        assert world_a.body.name in page.content.decode()
    listed = viewer.get(u(world_a, "bodyhistory-list")).content.decode()
    assert "1 April 2025" in listed and "Unitary Wellbeing Board" in listed


def test_the_home_page_links_to_the_chart_and_the_latest_succession(
    merged: World, client_for: Callable[[str], Client]
) -> None:
    page = client_for("viewer").get(u(merged, "stakeholders-home")).content.decode()
    assert "See the structure chart at any date" in page
    assert u(merged, "succession-detail", pk=Succession.objects.get().pk) in page
