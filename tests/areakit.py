"""What the API's area reads need in a world (a topic, the shared direction, a strategy, a stakeholder, a
programme), and a reader of every GET of the API as one user: the sweep the canary tests run."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from kit_indicators import add_values, make_indicator, make_outcome
from kit_portfolio import make_strategy
from kit_programmes import enrol, make_cohort, make_programme
from kit_stakeholders import assess, make_stakeholder

from apikit import api_client
from factories import World
from traction.direction.models import Principle, Status

DAY = datetime.timedelta(days=1)


def topic_of(world: World) -> str:
    return f"{world.partnership.slug}-joint-strategy"


def furnish(world: World) -> World:
    """One record of each area the API reads, linked to the world's record; called again, it adds none."""
    p, label = world.partnership, world.partnership.name
    if Principle.objects.filter(partnership=p, title=f"{label}: one front door").exists():
        return world  # other tests' kits may have made records of these areas: only ours mark the world
    world.item.topic = topic_of(world)
    world.item.save(update_fields=["topic"])
    Principle.objects.create(
        partnership=p, title=f"{label}: one front door", status=Status.AGREED, agreed_item=world.item
    )
    outcome = make_outcome(p, title=f"{label}: fewer crises")
    indicator = make_indicator(p, title=f"{label}: admissions", polarity="low", unit="per 100,000")
    add_values(indicator, [("2022/23", 1, 210.0, None, None), ("2023/24", 2, 190.0, None, None)])
    indicator.outcomes.add(outcome)
    strategy = make_strategy(p, lead_body=world.body, lead_officer=world.person, title=f"{label}: falls")
    strategy.outcomes.add(outcome)
    strategy.indicators.add(indicator)
    stakeholder = make_stakeholder(p, name=world.person.name, kind="person", person=world.person)
    assess(stakeholder, timezone.localdate() - 30 * DAY)
    programme = make_programme(p, title=f"{label}: leading together", lead=world.person)
    enrol(make_cohort(programme), world.person)
    programme.outcomes.add(outcome)
    return world


def path_ids(world: World) -> dict[str, str]:
    """The value of each path parameter of the API that names one of the world's records."""
    return {
        "{slug}": world.partnership.slug,
        "{meeting_id}": str(world.meeting.pk),
        "{action_id}": str(world.action.pk),
        "{item_id}": str(world.item.pk),
        "{key}": topic_of(world),
        "{body_id}": str(world.body.pk),
    }


def every_api_read(user: Any, world: World) -> dict[str, Any]:
    """Every GET of the API with a token of ``user``, lists at their largest page, the world's records in the
    paths (after ``furnish``), and the OpenAPI document: path → response."""
    from traction.api.api import api

    furnish(world)
    client = api_client(user, world.partnership)
    paths = [path for path, methods in api.get_openapi_schema()["paths"].items() if "get" in methods]
    answers = {}
    for template in [*paths, "/api/v1/openapi.json"]:
        path = template
        for name, value in path_ids(world).items():
            path = path.replace(name, value)
        answers[path] = client.get(path, {"limit": 100} if path.endswith("s/") else {})
    return answers
