"""The demo at the size of a large partnership (``load_demo --scale N --years Y``), as benchmarks load it."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from traction.core.models import Membership, Partnership
from traction.governance.demo import DemoError, load_demo
from traction.governance.demo.loader import demo_specs
from traction.governance.demo.riverside import RIVERSIDE
from traction.governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    BodyMembership,
    Meeting,
    MeetingStatus,
    Person,
)

TODAY = datetime.date(2026, 3, 18)
pytestmark = pytest.mark.django_db


def _sizes(slug: str) -> dict[str, int]:
    scope = {"partnership__slug": slug}
    return {
        "bodies": Body.objects.filter(**scope).count(),
        "people": Person.objects.filter(**scope).count(),
        "seats": BodyMembership.objects.filter(**scope).count(),
        "meetings": Meeting.objects.filter(**scope).count(),
        "items": AgendaItem.objects.filter(**scope).count(),
        "actions": Action.objects.filter(**scope).count(),
        "updates": ActionUpdate.objects.filter(action__partnership__slug=slug).count(),
    }


def _copies(slug: str = "riverside") -> Any:
    return Body.objects.filter(partnership__slug=slug, name__contains=" — ", name__endswith=" locality")


def test_scale_repeats_every_body_per_locality_with_its_own_people_and_years() -> None:
    call_command("load_demo", "--scale", "3", "--years", "2", stdout=StringIO())
    today = timezone.localdate()
    riverside = Partnership.objects.get(slug="riverside")
    bodies = Body.objects.filter(partnership=riverside)
    assert _copies().count() == 2 * len(RIVERSIDE.bodies)
    board = bodies.get(name="Riverside Health and Wellbeing Board")
    northern = bodies.get(name="Riverside Health and Wellbeing Board — Northern locality")
    # a locality's sub-bodies report to that locality's copy of their parent
    children = bodies.filter(name__endswith="— Northern locality", parent__isnull=False)
    assert children.exists()
    assert all(child.parent.name.endswith("— Northern locality") for child in children)
    assert not bodies.filter(parent=board, name__endswith="locality").exists()
    # each copy has its own members, none of them an original person, with the same roles as the original
    original_seats = sorted(BodyMembership.objects.filter(body=board).values_list("role", flat=True))
    copy_seats = BodyMembership.objects.filter(body=northern)
    assert sorted(copy_seats.values_list("role", flat=True)) == original_seats
    originals = set(BodyMembership.objects.filter(body=board).values_list("person__name", flat=True))
    assert not originals & set(copy_seats.values_list("person__name", flat=True))
    names = Person.objects.filter(partnership=riverside).values("name").annotate(n=Count("id"))
    assert all(row["n"] == 1 for row in names)  # every person has a name of their own
    # the demo's users stay the original people, and nobody else is a member
    assert Membership.objects.filter(partnership=riverside).count() == len(RIVERSIDE.users)
    # two years of history, at the copies as at the originals: held meetings, resolutions, actions, updates
    first = Meeting.objects.filter(body=northern).order_by("start").first()
    assert first is not None
    assert today - relativedelta(years=2, weeks=4) <= first.start.date() < today - relativedelta(years=1)
    held = Meeting.objects.filter(body__in=_copies(), status=MeetingStatus.HELD)
    assert AgendaItem.objects.filter(meeting__in=held).exclude(resolution="").exists()
    assert Action.objects.filter(body__in=_copies()).exclude(updates=None).exists()


def test_sizes_grow_with_scale_and_years_and_are_the_same_every_time() -> None:
    load_demo(today=TODAY)
    plain = _sizes("riverside")
    load_demo(today=TODAY, scale=2, years=3, reset=True)
    scaled = _sizes("riverside")
    assert scaled["bodies"] == plain["bodies"] + len(RIVERSIDE.bodies)
    spec_bodies = [body.name for body in RIVERSIDE.bodies]
    assert BodyMembership.objects.filter(body__in=_copies()).count() == (
        BodyMembership.objects.filter(body__partnership__slug="riverside", body__name__in=spec_bodies).count()
    )
    for name in ("meetings", "items", "actions", "updates"):
        assert scaled[name] > 3 * plain[name], name
    items = AgendaItem.objects.filter(partnership__slug="riverside").order_by(
        "meeting__start", "meeting__body__name", "order"
    )
    titles = list(items.values_list("title", "outcome"))
    load_demo(today=TODAY, scale=2, years=3, reset=True)
    assert _sizes("riverside") == scaled
    assert list(items.values_list("title", "outcome")) == titles


def test_the_plain_demo_is_unchanged_by_default() -> None:
    assert demo_specs() == demo_specs(1, None)
    assert demo_specs()[0] is RIVERSIDE


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--scale", "0"), "The scale must be between 1 and 200, not 0."),
        (("--scale", "2", "--years", "40"), "The history must be between 1 and 15 years, not 40."),
    ],
)
def test_command_refuses_a_bad_scale_and_touches_nothing(arguments: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("load_demo", *arguments, stdout=StringIO())
    assert not Partnership.objects.exists()


def test_a_bad_scale_is_a_demo_error() -> None:
    with pytest.raises(DemoError):
        load_demo(today=TODAY, scale=201)
