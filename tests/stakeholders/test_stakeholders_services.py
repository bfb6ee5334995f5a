"""The stakeholder map's writes: assessments appended only, bad input refused with nothing written, another
partnership's records refused, engagement next steps and gap actions in the action log, the finding."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factories import PASSWORD, World, make_member, make_partnership, make_world
from stakeholders import kit_stakeholders as kit
from traction.core.models import AuditEvent, Role
from traction.governance.models import Action
from traction.stakeholders.findings import partnership_findings
from traction.stakeholders.models.stakeholders import Assessment, Engagement, Stakeholder
from traction.stakeholders.models.structures import BodyHistory
from traction.stakeholders.services import stakeholders as services

DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world(make_partnership(name="Riverside", slug="riverside"))


@pytest.fixture
def secretary(world: World):  # type: ignore[no-untyped-def]
    return make_member(world.partnership, Role.SECRETARY, username="sec", password=PASSWORD)


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _counts() -> tuple[int, int, int, int]:
    return (
        Assessment.objects.count(),
        Engagement.objects.count(),
        Action.objects.count(),
        AuditEvent.objects.count(),
    )


def _data(**kw: object) -> dict[str, object]:
    data: dict[str, object] = {
        "assessed_on": timezone.localdate() - DAY,
        "power": 3,
        "interest": 4,
        "stance": "neutral",
        "desired_stance": "supportive",
    }
    return {**data, **kw}


def test_an_assessment_is_appended_and_audited_and_history_may_be_added(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    stakeholder = kit.world_stakeholder(world)
    before = stakeholder.assessments.count()
    early = timezone.localdate() - 800 * DAY  # before every earlier assessment: history, allowed
    services.assessment_add(actor=secretary, stakeholder=stakeholder, data=_data(assessed_on=early))
    assert stakeholder.assessments.count() == before + 1
    assert AuditEvent.objects.filter(verb="created", object_type="assessment").exists()


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"assessed_on": timezone.localdate() + DAY}, "assessed_on"),
        ({"assessed_on": datetime.date(1999, 12, 31)}, "assessed_on"),
        ({"assessed_on": "yesterday"}, "assessed_on"),
        ({"power": 0}, "power"),
        ({"power": 6}, "power"),
        ({"interest": 9}, "interest"),
        ({"stance": "hostile"}, "stance"),
    ],
)
def test_bad_assessments_are_refused_with_nothing_written(world: World, secretary, bad, field) -> None:  # type: ignore[no-untyped-def]
    stakeholder = kit.world_stakeholder(world)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.assessment_add(actor=secretary, stakeholder=stakeholder, data=_data(**bad))
    assert field in refused.value.message_dict
    assert _counts() == before


def test_the_database_refuses_a_scale_outside_one_to_five(world: World) -> None:
    stakeholder = kit.world_stakeholder(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        kit.assess(stakeholder, timezone.localdate(), power=7)


def test_assessments_have_no_edit_or_delete_page(world: World) -> None:
    names = {
        p.name for p in __import__("traction.stakeholders.routes.stakeholders", fromlist=["x"]).urlpatterns
    }
    assert not {n for n in names if n and n.startswith("assessment-") and n != "assessment-create"}


def test_a_viewer_cannot_assess_and_nothing_is_written(world: World) -> None:
    viewer = make_member(world.partnership, Role.VIEWER, username="v", password=PASSWORD)
    stakeholder = kit.world_stakeholder(world)
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.assessment_add(actor=viewer, stakeholder=stakeholder, data=_data())
    assert _counts() == before


def test_a_future_assessment_posted_to_the_page_is_refused_with_a_message(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    stakeholder = kit.world_stakeholder(world)
    url = reverse("stakeholders:assessment-create", kwargs={"slug": "riverside", "pk": stakeholder.pk})
    before = _counts()
    tomorrow = (timezone.localdate() + DAY).isoformat()
    response = _client(secretary).post(url, kit.assessment_post(assessed_on=tomorrow))
    assert response.status_code == 200
    assert services.FUTURE in response.content.decode().replace("&#x27;", "'")
    response = _client(secretary).post(url, kit.assessment_post(power="6"))
    assert response.status_code == 200 and "power" in response.context["form"].errors
    assert _counts() == before


def test_another_partnerships_stakeholder_is_not_found(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    other = make_world(make_partnership(name="Other", slug="other"), label="Other ")
    theirs = kit.world_stakeholder(other)
    client = _client(secretary)
    for name in ("stakeholder-detail", "assessment-create", "stakeholder-action", "stakeholder-update"):
        url = reverse(f"stakeholders:{name}", kwargs={"slug": "riverside", "pk": theirs.pk})
        assert client.get(url).status_code == 404
    listing = reverse("stakeholders:engagement-list", kwargs={"slug": "riverside"})
    assert client.get(listing, {"stakeholder": theirs.pk}).status_code == 404
    assert client.get(listing, {"stakeholder": "x" * 40}).status_code == 404


def test_an_engagement_refuses_another_partnerships_stakeholder(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    other = make_world(make_partnership(name="Other", slug="other"), label="Other ")
    theirs = kit.world_stakeholder(other)
    url = reverse("stakeholders:engagement-create", kwargs={"slug": "riverside"})
    data = kit.engagement_post(world, stakeholders=[theirs.pk])
    before = _counts()
    response = _client(secretary).post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    assert _counts() == before


def test_an_engagements_next_step_is_an_action_on_its_behalf(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    stakeholder = kit.world_stakeholder(world)
    engagement = services.engagement_create(
        actor=secretary,
        partnership=world.partnership,
        data={
            "held_on": timezone.localdate(),
            "kind": "meeting",
            "title": "Meeting the residents",
            "stakeholders": [stakeholder],
            "participants": [world.person],
        },
        next_step="Send the residents the notes",
        body=world.body,
        due_date=timezone.localdate() + 14 * DAY,
        lead=world.person,
        url="/somewhere/",
    )
    action = engagement.next_step
    assert action is not None and action.body == world.body and action.lead == world.person
    assert (action.source_model, action.source_pk) == ("stakeholders.engagement", str(engagement.pk))
    # once it has one, a second next step is refused and nothing changes
    before = _counts()
    with pytest.raises(ValidationError):
        services.engagement_update(
            actor=secretary,
            engagement=engagement,
            data={"held_on": timezone.localdate(), "stakeholders": [stakeholder], "title": "x"},
            next_step="Another",
            body=world.body,
        )
    assert _counts() == before
    # the action survives the engagement's deletion
    services.engagement_delete(actor=secretary, engagement=engagement)
    assert Action.objects.filter(pk=action.pk).exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"held_on": timezone.localdate() + DAY},
        {"stakeholders": []},
    ],
)
def test_bad_engagements_are_refused_with_nothing_written(world: World, secretary, bad) -> None:  # type: ignore[no-untyped-def]
    data = {
        "held_on": timezone.localdate(),
        "title": "T",
        "kind": "meeting",
        "stakeholders": [kit.world_stakeholder(world)],
    }
    before = _counts()
    with pytest.raises(ValidationError):
        services.engagement_create(actor=secretary, partnership=world.partnership, data={**data, **bad})
    assert _counts() == before


def test_a_next_step_without_a_body_is_refused_and_nothing_is_written(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    stakeholder = kit.world_stakeholder(world)
    before = _counts()
    with pytest.raises(ValidationError):
        services.engagement_create(
            actor=secretary,
            partnership=world.partnership,
            data={"held_on": timezone.localdate(), "title": "T", "stakeholders": [stakeholder]},
            next_step="Do it",
        )
    assert _counts() == before


def test_a_gap_action_goes_into_the_action_log_for_the_stakeholder(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    stakeholder = kit.world_stakeholder(world)
    url = reverse("stakeholders:stakeholder-action", kwargs={"slug": "riverside", "pk": stakeholder.pk})
    response = _client(secretary).post(
        url, {"text": "Meet the chair", "due_date": "", "lead": world.person.pk, "body": world.body.pk}
    )
    assert response.status_code == 302
    action = Action.objects.get(source_model="stakeholders.stakeholder", source_pk=str(stakeholder.pk))
    assert action.lead == world.person
    detail = _client(secretary).get(
        reverse("stakeholders:stakeholder-detail", kwargs={"slug": "riverside", "pk": stakeholder.pk})
    )
    assert "Meet the chair" in detail.content.decode()


def test_a_gap_action_sent_twice_with_its_form_token_is_added_once(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    stakeholder = kit.world_stakeholder(world)
    url = reverse("stakeholders:stakeholder-action", kwargs={"slug": "riverside", "pk": stakeholder.pk})
    client = _client(secretary)
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', client.get(url).content.decode())
    assert token is not None
    data = {"text": "Meet the chair", "due_date": "", "body": world.body.pk, "form_token": token.group(1)}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert (
        Action.objects.filter(source_model="stakeholders.stakeholder", source_pk=str(stakeholder.pk)).count()
        == 1
    )


def test_a_gap_action_refuses_another_partnerships_body_and_blank_text(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    other = make_world(make_partnership(name="Other", slug="other"), label="Other ")
    stakeholder = kit.world_stakeholder(world)
    before = _counts()
    with pytest.raises(ValidationError):
        services.gap_action_add(actor=secretary, stakeholder=stakeholder, body=other.body, text="Meet")
    with pytest.raises(ValidationError):
        services.gap_action_add(actor=secretary, stakeholder=stakeholder, body=world.body, text="  ")
    with pytest.raises(ValidationError):
        services.gap_action_add(
            actor=secretary, stakeholder=stakeholder, body=world.body, text="Meet", lead=other.person
        )
    assert _counts() == before


def test_a_gap_action_needs_a_gap_and_a_body_not_yet_abolished(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    settled = kit.make_stakeholder(world.partnership, name="Settled")
    kit.assess(settled, today - 10 * DAY, stance="supportive", desired_stance="supportive")
    unassessed = kit.make_stakeholder(world.partnership, name="Not assessed")
    stakeholder = kit.world_stakeholder(world)
    BodyHistory.objects.create(
        partnership=world.partnership,
        body=world.body,
        established_on=today - 900 * DAY,
        abolished_on=today - DAY,
    )
    before = _counts()
    for who in (settled, unassessed):
        with pytest.raises(ValidationError, match="no gap"):
            services.gap_action_add(actor=secretary, stakeholder=who, body=world.body, text="Meet")
    with pytest.raises(ValidationError, match="abolished"):
        services.gap_action_add(actor=secretary, stakeholder=stakeholder, body=world.body, text="Meet")
    assert _counts() == before


def test_the_finding_names_a_recent_move_towards_resistant_only(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    kit.world_stakeholder(world)  # neutral a year ago, resistant a month ago
    steady = kit.make_stakeholder(world.partnership, name="Steady")
    kit.assess(steady, today - 200 * DAY, stance="resistant")
    kit.assess(steady, today - 10 * DAY, stance="resistant")
    old = kit.make_stakeholder(world.partnership, name="Old move")
    kit.assess(old, today - 400 * DAY, stance="neutral")
    kit.assess(old, today - 200 * DAY, stance="resistant")
    unaware = kit.make_stakeholder(world.partnership, name="Lost touch")
    kit.assess(unaware, today - 200 * DAY, stance="neutral")
    kit.assess(unaware, today - 5 * DAY, stance="unaware")
    cooling = kit.make_stakeholder(world.partnership, name="Cooling")
    kit.assess(cooling, today - 200 * DAY, stance="leading")
    kit.assess(cooling, today - 3 * DAY, stance="supportive")
    found = partnership_findings(user=secretary, partnership=world.partnership, today=today)
    assert [f.headline for f in found] == [
        "Cooling has moved towards resistant",
        "Northmoor Residents' Association has moved towards resistant",
    ]
    assert "Assessed as supportive" in found[0].text and "after being leading" in found[0].text
    stranger = make_member(make_partnership(name="Elsewhere", slug="elsewhere"), Role.ADMIN, username="x")
    assert partnership_findings(user=stranger, partnership=world.partnership, today=today) == []


def test_the_map_and_gaps_pages_answer_a_bad_date_with_todays_and_a_message(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    kit.world_stakeholder(world)
    client = _client(secretary)
    for name in ("stakeholder-map", "stakeholder-gaps"):
        url = reverse(f"stakeholders:{name}", kwargs={"slug": "riverside"})
        for bad in ("2026-02-31", "soon", (timezone.localdate() + DAY).isoformat()):
            response = client.get(url, {"on": bad})
            assert response.status_code == 200
            assert response.context["day"] == timezone.localdate()
            assert response.context["form"].errors


def test_the_map_at_a_past_date_shows_the_position_then(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    stakeholder = kit.world_stakeholder(world)
    url = reverse("stakeholders:stakeholder-map", kwargs={"slug": "riverside"})
    then = (timezone.localdate() - 100 * DAY).isoformat()
    response = _client(secretary).get(url, {"on": then})
    [row] = response.context["rows"]
    assert row["stakeholder"]["pk"] == stakeholder.pk and row["stance"] == "Neutral"
    assert row["quadrant"] == "Keep informed"
    now = _client(secretary).get(url)
    [row] = now.context["rows"]
    assert row["stance"] == "Resistant" and row["quadrant"] == "Manage closely"
    assert 'role="img"' in now.content.decode()
    gaps = _client(secretary).get(reverse("stakeholders:stakeholder-gaps", kwargs={"slug": "riverside"}))
    assert [r["stakeholder"] for r in gaps.context["rows"]] == [stakeholder]
    assert Stakeholder.objects.count() == 1


def test_the_engagement_service_refuses_another_partnerships_records(world: World, secretary) -> None:  # type: ignore[no-untyped-def]
    other = make_world(make_partnership(name="Other", slug="other"), label="Other ")
    ours, theirs = kit.world_stakeholder(world), kit.world_stakeholder(other)
    data = {"held_on": timezone.localdate(), "title": "T", "kind": "meeting"}
    before = _counts()
    for bad in ({"stakeholders": [theirs]}, {"stakeholders": [ours], "participants": [other.person]}):
        with pytest.raises(ValidationError):
            services.engagement_create(actor=secretary, partnership=world.partnership, data={**data, **bad})
    assert _counts() == before
