"""Decisions and actions recorded on behalf of a workflow object (``traction.governance.workflows``): the
policy decides who may, the records belong to the workflow's partnership and link back to it, and the
records and their audit trail are written together or not at all."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dbstate import assert_refused
from factories import World
from traction.core import policy
from traction.core.models import AuditEvent, Role
from traction.governance.models import Action, AgendaItem
from traction.governance.workflows import ActionSpec, actions_record, decision_record
from traction.workshop.models import AgreementRound
from workshop import kit

URL = "/somewhere/round/1/"
DUE = datetime.date(2025, 6, 30)


def _decide(actor: Any, round_: AgreementRound, **kw: Any) -> AgendaItem:
    kw.setdefault("meeting", round_.body.meetings.first())
    kw.setdefault(
        "actions",
        [ActionSpec("Circulate the agreed picture", DUE, {"step": 1}), ActionSpec("Redraw the picture")],
    )
    return decision_record(
        actor=actor,
        source=round_,
        title="Agreement round: the picture",
        resolution="  The board agreed the picture. ",
        url=URL,
        **kw,
    )


@pytest.mark.parametrize("role", list(Role.values))
def test_whoever_may_change_the_workflow_object_may_record_for_it(
    world_a: World, users: dict[str, Any], role: str
) -> None:
    round_ = kit.fresh_revealed(world_a)
    if "change" in policy.PERMISSIONS[role]["agreementround"]:
        item = _decide(users[role], round_)
        assert item.outcome == "decided" and item.actions.count() == 2
    else:  # the secretary may add agenda items directly, but not on behalf of a round they cannot change
        assert_refused(lambda: _decide(users[role], round_), exception=PermissionDenied)
        assert_refused(
            lambda: actions_record(
                actor=users[role], source=round_, body=world_a.body, actions=[ActionSpec("Follow up")]
            ),
            exception=PermissionDenied,
        )


def test_a_workflow_not_in_the_table_may_record_nothing(world_a: World, users: dict[str, Any]) -> None:
    tree = kit.world_tree(world_a)  # the facilitator may change it, but it records no decisions
    assert "problemtree" not in policy.ON_BEHALF_OF
    assert_refused(
        lambda: decision_record(
            actor=users[Role.FACILITATOR],
            source=tree,
            meeting=world_a.meeting,
            title="A tree's decision",
            resolution="Agreed",
        ),
        exception=PermissionDenied,
    )


def test_a_meeting_or_body_of_another_partnership_is_refused(
    world_a: World, world_b: World, users: dict[str, Any]
) -> None:
    round_ = kit.fresh_revealed(world_a)
    facilitator = users[Role.FACILITATOR]
    assert_refused(lambda: _decide(facilitator, round_, meeting=world_b.meeting), exception=ValidationError)
    assert_refused(
        lambda: actions_record(
            actor=facilitator, source=round_, body=world_b.body, actions=[ActionSpec("Follow up")]
        ),
        exception=ValidationError,
    )


def test_the_records_name_their_source_and_link_back(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    round_ = kit.fresh_revealed(world_a)
    item = _decide(users[Role.FACILITATOR], round_)
    label = f"agreement round {round_.pk}: {round_}"
    for record in (item, *item.actions.all()):
        assert (record.source_model, record.source_pk, record.source_label, record.source_url) == (
            "workshop.agreementround",
            str(round_.pk),
            label,
            URL,
        )
    assert item.resolution == "The board agreed the picture."
    assert item.order == world_a.item.order + 1  # at the end of the agenda
    assert item.actions.get(due_date=DUE).provenance == {"step": 1}
    slug = world_a.partnership.slug
    meeting_page = client_for(Role.VIEWER).get(
        reverse("governance:meeting-detail", kwargs={"slug": slug, "pk": item.meeting_id})
    )
    action_page = client_for(Role.VIEWER).get(
        reverse("governance:action-detail", kwargs={"slug": slug, "pk": item.actions.first().pk})
    )
    for page in (meeting_page, action_page):
        assert f'<a href="{URL}">{label}</a>' in page.content.decode()


def test_one_audit_trail_names_the_source(world_a: World, users: dict[str, Any]) -> None:
    round_ = kit.fresh_revealed(world_a)
    AuditEvent.objects.all().delete()
    item = _decide(users[Role.FACILITATOR], round_)
    events = AuditEvent.objects.order_by("pk")
    assert [(e.object_type, e.object_id) for e in events] == [
        ("agendaitem", str(item.pk)),
        *(("action", str(a.pk)) for a in item.actions.order_by("pk")),
    ]
    for event in events:
        assert event.actor == users[Role.FACILITATOR]
        assert event.changes["from"] == [None, f"agreement round {round_.pk}: {round_}"]
        assert not {"source_model", "source_url"} & set(event.changes)


def test_a_failure_rolls_back_the_decision_its_actions_and_their_audit(
    world_a: World, users: dict[str, Any]
) -> None:
    round_ = kit.fresh_revealed(world_a)
    before_meeting = world_a.meeting.date - datetime.timedelta(days=1)
    assert_refused(
        lambda: _decide(
            users[Role.FACILITATOR],
            round_,
            actions=[
                ActionSpec("A good action", DUE),
                ActionSpec("Due before the meeting it came from", before_meeting),
            ],
        ),
        exception=ValidationError,
    )
    assert_refused(
        lambda: decision_record(
            actor=users[Role.FACILITATOR],
            source=round_,
            meeting=world_a.meeting,
            title="Nothing agreed",
            resolution="  ",
        ),
        exception=ValidationError,
    )


def test_actions_alone_are_recorded_without_a_decision(world_a: World, users: dict[str, Any]) -> None:
    round_ = kit.fresh_revealed(world_a)
    [action] = actions_record(
        actor=users[Role.ADMIN],
        source=round_,
        body=world_a.body,
        actions=[ActionSpec("Follow up the block", provenance={"block": 1})],
    )
    assert action.agenda_item is None and action.source_pk == str(round_.pk)
    assert Action.objects.filter(source_model="workshop.agreementround").count() == 1


def test_an_agreement_round_records_its_decision_and_follow_ups_through_the_service(
    world_a: World, users: dict[str, Any]
) -> None:
    from traction.workshop import services as workshop

    facilitator, round_ = users[Role.FACILITATOR], kit.make_round(world_a, anonymous=False)
    workshop.round_open(actor=facilitator, round_=round_)
    workshop.position_take(actor=users[Role.MEMBER], round_=round_, value="8", comment="Not yet")
    workshop.round_reveal(actor=facilitator, round_=round_)
    item = workshop.round_close(
        actor=facilitator,
        round_=round_,
        meeting=world_a.meeting,
        resolution="Agreed",
        actions=[("Circulate the picture", DUE)],
    )
    page = reverse("workshop:round-detail", kwargs={"slug": world_a.partnership.slug, "pk": round_.pk})
    records = [item, *item.actions.all(), *round_.follow_ups.all()]
    assert len(records) == 3 and {(r.source_pk, r.source_url) for r in records} == {(str(round_.pk), page)}
    froms = AuditEvent.objects.filter(verb="created", object_type__in=["agendaitem", "action"])
    assert {tuple(e.changes["from"]) for e in froms} == {(None, f"agreement round {round_.pk}: {round_}")}
    assert froms.count() == 3


def test_the_in_app_permissions_page_shows_confidentiality_and_workflows(
    world_a: World, client_for: Any
) -> None:
    page = client_for(Role.VIEWER).get(
        reverse("core:permission-table", kwargs={"slug": world_a.partnership.slug})
    )
    html = page.content.decode()
    assert "its exercise&#x27;s facilitators" in html and "whoever may change the agreementround" in html


def test_records_a_round_wrote_before_sources_were_kept_are_given_theirs(
    world_a: World, users: dict[str, Any]
) -> None:
    import importlib

    from django.apps import apps

    backfill = importlib.import_module(
        "traction.governance.migrations.0007_workflow_source_backfill"
    ).backfill
    round_ = kit.fresh_revealed(world_a)
    item = _decide(users[Role.FACILITATOR], round_, provenance={"agreement_round": round_.pk})
    expected = AgendaItem.objects.values_list("source_model", "source_pk", "source_label").get(pk=item.pk)
    AgendaItem.objects.filter(pk=item.pk).update(
        source_model=None, source_pk=None, source_label=None, source_url=None
    )
    backfill(apps, None)
    item.refresh_from_db()
    assert (item.source_model, item.source_pk, item.source_label) == expected
    assert item.source_url == reverse(
        "workshop:round-detail", kwargs={"slug": world_a.partnership.slug, "pk": round_.pk}
    )
    assert (
        world_a.item.source_model is None and AgendaItem.objects.get(pk=world_a.item.pk).source_model is None
    )
