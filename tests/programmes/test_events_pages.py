"""Events over HTTP and through the services: the default agenda, the table plan (generate, confirm, move),
the invitation check, the outputs that land in the action log and link back, the 30- and 90-day figures, and
bad input refused with nothing written."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_organisation, make_person
from programmes import kit_events as kit
from traction.core import policy
from traction.core.models import Role
from traction.direction.models import Principle
from traction.governance.models import Action, ActionStatus, AgendaItem
from traction.programmes.forms.events import CONFIRM_NEEDED
from traction.programmes.forms.programmes import DATE_RANGE
from traction.programmes.models.events import DEFAULT_STAGES, Event, EventTable, Invitation
from traction.programmes.selectors import events as selectors
from traction.programmes.services import events as services
from traction.stakeholders.models.stakeholders import Assessment, Stakeholder
from traction_analysis.programmes.follow_through import ActionFact, standings

pytestmark = pytest.mark.django_db


def u(w: World, name: str, **kw: Any) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": w.partnership.slug, **kw})


def text_of(response: Any) -> str:
    return " ".join(response.content.decode().split())


def test_a_new_event_gets_the_five_stage_agenda(world_a: World, secretary_client: Any) -> None:
    response = secretary_client.post(u(world_a, "event-create"), kit.event_data(world_a, title="Whole day"))
    assert response.status_code == 302
    event = Event.objects.get(title="Whole day")
    assert [s.title for s in event.stages.all()] == [title for title, _, _ in DEFAULT_STAGES]
    page = text_of(secretary_client.get(u(world_a, "event-detail", pk=event.pk)))
    assert selectors.NO_ACTIONS in page and "Ideal future scenarios" in page


def test_a_date_out_of_range_is_refused(world_a: World, secretary_client: Any) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "event-create"), kit.event_data(world_a, title="Far off", date="9999-12-20")
        )
    assert response.status_code == 200 and DATE_RANGE in text_of(response)


def test_another_partnerships_body_is_refused(world_a: World, world_b: World, secretary_client: Any) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "event-create"), kit.event_data(world_a, body=world_b.body.pk)
        )
    assert response.status_code == 200 and "Select a valid choice" in text_of(response)


def test_a_meeting_of_another_body_is_refused(world_a: World, secretary_client: Any) -> None:
    from factories import make_meeting

    other = make_meeting(world_a.partnership, body=world_a.sub_body)
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "event-create"), kit.event_data(world_a, meeting=other.pk)
        )
    assert "Choose a meeting of the event&#x27;s body." in response.content.decode()


def test_inviting_another_partnerships_person_or_someone_twice_writes_nothing(
    world_a: World, world_b: World, secretary_client: Any
) -> None:
    event = kit.world_event(world_a)
    url = u(world_a, "event-invitations", pk=event.pk)
    group = kit.world_group(world_a).pk
    with assert_db_unchanged():
        response = secretary_client.post(
            url, {"group": group, "people": [world_a.other_person.pk, world_b.person.pk]}
        )
    assert response.status_code == 200
    with assert_db_unchanged():
        response = secretary_client.post(
            url, {"group": group, "people": [world_a.other_person.pk, world_a.person.pk]}
        )
    assert "Already invited to this event: Alex Director. Nobody was added." in text_of(response)
    response = secretary_client.post(url, {"group": group, "people": [world_a.other_person.pk]})
    assert response.status_code == 302 and event.invitations.count() == 3


def test_a_move_to_a_full_table_or_another_events_table_is_refused(
    world_a: World, secretary_client: Any
) -> None:
    event = kit.world_event(world_a)
    invitation = kit.world_invitation(world_a)
    small = EventTable.objects.create(partnership=world_a.partnership, event=event, number=3, capacity=2)
    for name in ("Jo Carer", "Lee Youth"):
        kit.invite(event, make_person(world_a.partnership, name=name), "Residents").__class__.objects.filter(
            person__name=name
        ).update(table=small)
    url = u(world_a, "invitation-move", pk=invitation.pk)
    with assert_db_unchanged():
        response = secretary_client.post(url, {"table": small.pk})
    assert "Table 3 is full (2 seats). Nobody was moved." in text_of(response)
    elsewhere = EventTable.objects.create(
        partnership=world_a.partnership, event=kit.fresh_event(world_a), number=1, capacity=8
    )
    with assert_db_unchanged():
        response = secretary_client.post(url, {"table": elsewhere.pk})
    assert "Choose a table of this event." in text_of(response)


def test_the_plan_is_made_and_replaced_only_with_confirmation(world_a: World, secretary_client: Any) -> None:
    event = kit.world_event(world_a)
    kit.invite(event, make_person(world_a.partnership, name="Leader"), "NHS leaders")
    kit.invite(event, world_a.other_person, "Councillors")
    url = u(world_a, "event-tables", pk=event.pk)
    with assert_db_unchanged():
        response = secretary_client.post(url, {"tables": 2, "capacity": 8, "seed": 1})
    assert CONFIRM_NEEDED in response.content.decode().replace("&#x27;", "'")
    response = secretary_client.post(url, {"tables": 2, "capacity": 8, "seed": 1, "confirm": "on"})
    assert response.status_code == 302
    tables, unseated = selectors.seated_tables(event)
    assert not unseated and [len(t.guests) for t in tables] == [2, 2]
    assert all(not t.problem for t in tables)


def test_an_impossible_plan_is_said_plainly_and_nothing_changes(
    world_a: World, secretary_client: Any
) -> None:
    event = kit.world_event(world_a)
    for n in range(5):
        kit.invite(event, make_person(world_a.partnership, name=f"Councillor {n}"), "Councillors")
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "event-tables", pk=event.pk), {"tables": 2, "capacity": 8, "seed": 0, "confirm": "on"}
        )
    assert "The Councillors group is 6 of 7 guests" in text_of(response)


def test_a_table_that_breaks_the_rule_is_flagged(world_a: World, secretary_client: Any) -> None:
    event = kit.world_event(world_a)
    Invitation.objects.filter(event=event, person__name="Pat Resident").update(table=None)
    kit.invite(event, world_a.other_person, "Councillors")
    event.invitations.update(table=kit.world_table(world_a))
    Invitation.objects.filter(event=event, person__name="Pat Resident").update(table=None)
    page = text_of(secretary_client.get(u(world_a, "event-tables", pk=event.pk)))
    assert "More than half of this table (2 of 2) is one group: Councillors. Move someone." in page
    assert "Coming but not seated" in page


def test_the_invitation_check_uses_the_organisations_without_a_map(
    world_a: World, secretary_client: Any
) -> None:
    event = kit.world_event(world_a)
    make_organisation(world_a.partnership, name="Northshire Carers")
    source, gaps = selectors.invitation_check(event)
    assert source == "organisations"
    assert [g.name for g in gaps] == ["Northshire Carers"]  # the County Council has Alex invited
    page = text_of(secretary_client.get(u(world_a, "event-check", pk=event.pk)))
    assert "Northshire Carers" in page and "holds no assessment yet" in page


def test_the_invitation_check_uses_the_stakeholder_map(world_a: World) -> None:
    event = kit.world_event(world_a)
    p = world_a.partnership
    carers = make_organisation(p, name="Northshire Carers")
    day = datetime.date(2025, 1, 10)

    def stakeholder(name: str, power: int, **kw: Any) -> None:
        s = Stakeholder.objects.create(partnership=p, name=name, **kw)
        Assessment.objects.create(
            partnership=p,
            stakeholder=s,
            assessed_on=day,
            power=power,
            interest=3,
            stance="neutral",
            desired_stance="supportive",
        )

    stakeholder("Carers", 4, organisation=carers)
    stakeholder("Alex", 5, kind="person", person=world_a.person)
    stakeholder("Sam", 3, kind="person", person=world_a.other_person)
    stakeholder("A small charity", 2, organisation=make_organisation(p, name="Small charity"))
    Invitation.objects.filter(event=event, person=world_a.person).update(status="declined")
    source, gaps = selectors.invitation_check(event)
    assert source == "map"
    assert [(g.name, g.reason) for g in gaps] == [
        ("Alex", "invited but not coming"),
        ("Carers", "not invited"),
        ("Sam", "not invited"),
    ]


def test_decisions_and_actions_land_in_the_log_and_link_back(
    world_a: World, secretary: Any, secretary_client: Any
) -> None:
    event = kit.world_event(world_a)
    response = secretary_client.post(
        u(world_a, "event-decision", pk=event.pk),
        {
            "title": "A residents' panel",
            "resolution": "Agreed to set up a panel.",
            **kit.actions_data(world_a),
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="A residents' panel")
    assert item.meeting == event.meeting and item.outcome == "decided"
    action = Action.objects.get(text="Set up the residents' panel")
    assert (action.body, action.lead, action.agenda_item) == (event.body, world_a.person, item)
    assert (action.source_model, action.source_pk) == ("programmes.event", str(event.pk))
    assert action.source_url == u(world_a, "event-detail", pk=event.pk)
    secretary_client.post(
        u(world_a, "event-actions", pk=event.pk),
        kit.actions_data(world_a, action_1="Map the community assets", due_1=""),
    )
    assert [a.text for a in selectors.event_actions(event, user=secretary).order_by("id")] == [
        "Set up the residents' panel",
        "Map the community assets",
    ]
    outputs = text_of(secretary_client.get(u(world_a, "event-outputs", pk=event.pk)))
    assert "Map the community assets" in outputs and "A residents&#x27; panel" in outputs


def test_the_event_page_shows_only_the_log_entries_the_user_may_see(
    world_a: World, secretary: Any, secretary_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = kit.world_event(world_a)
    secretary_client.post(
        u(world_a, "event-decision", pk=event.pk),
        {"title": "A residents' panel", "resolution": "Agreed.", **kit.actions_data(world_a)},
    )
    table = dict(policy.PERMISSIONS[Role.SECRETARY])
    monkeypatch.setitem(
        policy.PERMISSIONS, Role.SECRETARY, table | {"action": frozenset(), "agendaitem": frozenset()}
    )
    page = text_of(secretary_client.get(u(world_a, "event-detail", pk=event.pk)))
    assert "Set up the residents" not in page and "A residents&#x27; panel" not in page
    assert list(selectors.event_actions(event, user=secretary)) == []


def test_an_action_without_an_owner_or_an_event_without_a_meeting_is_refused(
    world_a: World, secretary_client: Any
) -> None:
    event = kit.world_event(world_a)
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "event-actions", pk=event.pk), kit.actions_data(world_a, owner_1="")
        )
    assert "Choose who owns this action." in text_of(response)
    Event.objects.filter(pk=event.pk).update(meeting=None)
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "event-decision", pk=event.pk),
            {"title": "A panel", "resolution": "Agreed.", **kit.actions_data(world_a)},
        )
    assert "before recording decisions" in text_of(response)


def test_a_statement_becomes_a_draft_principle_once(world_a: World, secretary_client: Any) -> None:
    statement = kit.world_commonground(world_a)
    url = u(world_a, "commonground-principle", pk=statement.pk)
    assert secretary_client.post(url).status_code == 302
    statement.refresh_from_db()
    assert statement.principle is not None and statement.principle.status == "draft"
    with assert_db_unchanged():
        secretary_client.post(url)
    assert Principle.objects.count() == 1


def test_the_figures_at_30_and_90_days(world_a: World, secretary: Any) -> None:
    held = datetime.date(2025, 1, 10)
    day = datetime.timedelta(days=1)
    facts = [
        ActionFact(ActionStatus.DONE, held + 20 * day, held + 15 * day),  # done by 30
        ActionFact(ActionStatus.DONE, held + 20 * day, held + 60 * day),  # overdue at 30, done by 90
        ActionFact(ActionStatus.OPEN, held + 120 * day, None),  # open at both
        ActionFact(ActionStatus.OPEN, held + 40 * day, None),  # open at 30, overdue at 90
        ActionFact(ActionStatus.DROPPED, held + 10 * day, None),  # left out
    ]
    at30, at90 = standings(facts, held_on=held, today=held + 100 * day)
    assert (at30.done, at30.open, at30.overdue) == (1, 2, 1)
    assert (at90.done, at90.open, at90.overdue) == (2, 1, 1)
    early30, early90 = standings(facts, held_on=held, today=held + 45 * day)
    assert early30.reached and not early90.reached


def test_the_event_page_shows_the_figures(world_a: World, secretary: Any, secretary_client: Any) -> None:
    event = kit.world_event(world_a)
    services.event_actions_record(
        actor=secretary,
        event=event,
        actions=[services.ActionSpec(text="Write to every school", lead=world_a.person, due_date=event.date)],
    )
    page = text_of(secretary_client.get(u(world_a, "event-detail", pk=event.pk)))
    assert "Actions recorded from the event, 30 and 90 days after it" in page
    assert selectors.NO_ACTIONS not in page


def test_a_group_with_invitations_stays_and_an_event_goes_whole(
    world_a: World, secretary_client: Any
) -> None:
    event = kit.world_event(world_a)
    group = kit.world_group(world_a)
    with assert_db_unchanged():
        response = secretary_client.post(u(world_a, "eventgroup-delete", pk=group.pk))
    assert "cannot be deleted" in text_of(response)
    response = secretary_client.post(u(world_a, "event-delete", pk=event.pk))
    assert response.status_code == 302 and not Invitation.objects.filter(event_id=event.pk).exists()


def test_an_event_without_actions_a_month_on_is_a_finding(world_a: World, secretary: Any) -> None:
    from traction.programmes.findings import HEADLINE, partnership_findings

    event = kit.world_event(world_a)
    p = world_a.partnership
    assert (
        partnership_findings(user=secretary, partnership=p, today=event.date + datetime.timedelta(days=20))
        == []
    )
    [finding] = partnership_findings(
        user=secretary, partnership=p, today=event.date + datetime.timedelta(days=31)
    )
    assert finding.headline == HEADLINE and finding.url == u(world_a, "event-detail", pk=event.pk)
    services.event_actions_record(
        actor=secretary,
        event=event,
        actions=[services.ActionSpec(text="Write up the day", lead=world_a.person)],
    )
    assert (
        partnership_findings(user=secretary, partnership=p, today=event.date + datetime.timedelta(days=31))
        == []
    )


def test_the_home_page_lists_the_events(world_a: World, secretary_client: Any) -> None:
    kit.world_event(world_a)
    page = text_of(secretary_client.get(u(world_a, "programmes-home")))
    assert kit.TITLE in page and "2 invited" in page
