"""Pair-listening sessions: a plan of pairs across organisations, a keyboard timer, nothing said stored."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_organisation, make_person
from traction.core.models import Role
from traction.workshop.models import Awayday
from traction.workshop.pairing import repeated_pairs


def test_a_plan_pairs_across_organisations_without_repeats(world_a: World, client_for: Any) -> None:
    p = world_a.partnership
    council, nhs = make_organisation(p, name="Council"), make_organisation(p, name="NHS")
    people = [make_person(p, name=f"C{i}", organisation=council) for i in range(3)] + [
        make_person(p, name=f"N{i}", organisation=nhs) for i in range(3)
    ]
    client = client_for(Role.FACILITATOR)
    response = client.post(
        reverse("workshop:awayday-create", kwargs={"slug": p.slug}),
        {
            "title": "Spring awayday",
            "date": "2025-06-10",
            "rounds": "3",
            "turn_minutes": "4",
            "participants": [x.pk for x in people],
        },
    )
    assert response.status_code == 302
    awayday = Awayday.objects.get()
    plan = [[tuple(pair) for pair in round_] for round_ in awayday.plan]
    assert len(plan) == 3 and repeated_pairs(plan) == 0
    organisation = {x.pk: x.organisation_id for x in people}
    assert all(organisation[a] != organisation[b] for round_ in plan for a, b in round_)
    assert {f.name for f in Awayday._meta.get_fields()}.isdisjoint({"notes", "text", "content"})

    page = (
        client_for(Role.MEMBER)
        .get(reverse("workshop:awayday-detail", kwargs={"slug": p.slug, "pk": awayday.pk}))
        .content.decode()
    )
    assert 'data-turn-seconds="240"' in page and 'data-rounds="3"' in page
    assert "Nothing said in the pairs is written down or stored" in page
    assert re.search(r'<script src="[^"]*workshop/timer\.js"', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "no inline script"
    assert 'aria-keyshortcuts="Space"' in page and "<button" in page


def test_a_plan_needs_two_people(world_a: World, client_for: Any) -> None:
    client = client_for(Role.FACILITATOR)
    with assert_db_unchanged():
        response = client.post(
            reverse("workshop:awayday-create", kwargs={"slug": world_a.partnership.slug}),
            {
                "title": "Alone",
                "date": "",
                "rounds": "2",
                "turn_minutes": "5",
                "participants": [world_a.person.pk],
            },
        )
    assert response.status_code == 200 and "at least two" in response.content.decode()
