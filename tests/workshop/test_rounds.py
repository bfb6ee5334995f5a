"""Agreement rounds: positions hidden until the reveal, numbered re-polls, blocks followed up, and closing
records the decision and its actions in the governance record."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_body, make_meeting, make_member
from traction.core.models import AuditEvent, Role
from traction.governance.models import Action, AgendaItem
from traction.workshop import services
from traction.workshop.models import AgreementRound, Position, RoundStatus

from . import kit


def _open(world: World, users: dict[str, Any], **kw: Any) -> AgreementRound:
    round_ = kit.make_round(world, **kw)
    return services.round_open(actor=users[Role.FACILITATOR], round_=round_)


def _url(name: str, round_: AgreementRound) -> str:
    return reverse(f"workshop:{name}", kwargs={"slug": round_.partnership.slug, "pk": round_.pk})


def test_positions_stay_hidden_until_the_reveal(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    round_ = _open(world_a, users, anonymous=False)
    services.position_take(actor=users[Role.MEMBER], round_=round_, value="8", comment="Not without a budget")
    services.position_take(actor=users[Role.SECRETARY], round_=round_, value="1")
    for role in (Role.FACILITATOR, Role.MEMBER, Role.ADMIN):
        page = client_for(role).get(_url("round-detail", round_)).content.decode()
        assert "Wholehearted endorsement" not in page and "Not without a budget" not in page
        assert "Positions stay hidden" in page
    assert services.round_results(round_) == []
    services.round_reveal(actor=users[Role.FACILITATOR], round_=round_)
    page = client_for(Role.MEMBER).get(_url("round-detail", round_)).content.decode()
    assert "Wholehearted endorsement" in page and "Not without a budget" in page
    results = {label: n for _, label, n in services.round_results(AgreementRound.objects.get(pk=round_.pk))}
    assert results["Block"] == 1 and results["Wholehearted endorsement"] == 1 and sum(results.values()) == 2


def test_an_anonymous_round_stores_no_value_against_anyone(world_a: World, users: dict[str, Any]) -> None:
    round_ = _open(world_a, users, anonymous=True, scale="simple")
    services.position_take(actor=users[Role.MEMBER], round_=round_, value="disagree")
    assert list(Position.objects.values_list("value", flat=True)) == [""]
    event = AuditEvent.objects.filter(object_type="position").get()
    assert "disagree" not in str(event.changes)
    with assert_db_unchanged(), pytest.raises(ValidationError, match="cannot be changed"):
        services.position_take(actor=users[Role.MEMBER], round_=round_, value="agree")
    services.round_reveal(actor=users[Role.FACILITATOR], round_=round_)
    assert {v: n for v, _, n in services.round_results(AgreementRound.objects.get(pk=round_.pk))} == {
        "agree": 0,
        "abstain": 0,
        "disagree": 1,
        "block": 0,
    }


def test_named_or_anonymous_is_fixed_once_open(world_a: World, users: dict[str, Any]) -> None:
    round_ = _open(world_a, users)
    with assert_db_unchanged(), pytest.raises(ValidationError):
        services.round_update(actor=users[Role.FACILITATOR], round_=round_, data={"anonymous": False})


def test_who_may_take_a_position(world_a: World, users: dict[str, Any]) -> None:
    round_ = _open(world_a, users)
    for role in (Role.FACILITATOR, Role.VIEWER):
        with assert_db_unchanged(), pytest.raises(PermissionDenied):
            services.position_take(actor=users[role], round_=round_, value="1")
    with assert_db_unchanged(), pytest.raises(ValidationError):
        services.position_take(actor=users[Role.MEMBER], round_=round_, value="9")
    draft = kit.make_round(world_a)
    with assert_db_unchanged(), pytest.raises(ValidationError, match="not open"):
        services.position_take(actor=users[Role.MEMBER], round_=draft, value="1")


def test_every_block_becomes_a_follow_up_action(world_a: World, users: dict[str, Any]) -> None:
    round_ = _open(world_a, users, anonymous=True)
    services.position_take(actor=users[Role.MEMBER], round_=round_, value="8")
    services.position_take(actor=users[Role.SECRETARY], round_=round_, value="8")
    services.position_take(actor=users[Role.ADMIN], round_=round_, value="2")
    assert not Action.objects.filter(provenance__agreement_round=round_.pk).exists()  # nothing shows before
    services.round_reveal(actor=users[Role.FACILITATOR], round_=round_)
    follow_ups = Action.objects.filter(provenance__agreement_round=round_.pk)
    assert follow_ups.count() == 2 and set(round_.follow_ups.all()) == set(follow_ups)
    assert all(a.body == world_a.body and "block" in a.text.lower() for a in follow_ups)
    assert all(users[Role.MEMBER].username not in a.text for a in follow_ups)  # anonymous: nobody named
    assert AuditEvent.objects.filter(object_type="action", verb="created").count() == 2


def test_closing_records_the_decision_and_its_actions(world_a: World, users: dict[str, Any]) -> None:
    round_ = _open(world_a, users)
    services.position_take(actor=users[Role.MEMBER], round_=round_, value="1")
    with pytest.raises(ValidationError, match="Reveal"):
        services.round_close(
            actor=users[Role.FACILITATOR], round_=round_, meeting=world_a.meeting, resolution="Agreed"
        )
    services.round_reveal(actor=users[Role.FACILITATOR], round_=round_)
    elsewhere = make_meeting(world_a.partnership, body=make_body(world_a.partnership))
    with assert_db_unchanged(), pytest.raises(ValidationError):
        services.round_close(
            actor=users[Role.FACILITATOR], round_=round_, meeting=elsewhere, resolution="Agreed"
        )
    item = services.round_close(
        actor=users[Role.FACILITATOR],
        round_=round_,
        meeting=world_a.meeting,
        resolution="The board agreed the picture.",
        actions=[("Circulate the agreed picture", datetime.date(2025, 6, 30))],
    )
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED and round_.decision == item
    assert item.outcome == "decided" and item.meeting == world_a.meeting
    assert item.provenance["tree"] == round_.tree_id and item.provenance["round_number"] == 1
    [action] = item.actions.all()
    assert (action.text, action.due_date, action.body) == (
        "Circulate the agreed picture",
        datetime.date(2025, 6, 30),
        world_a.body,
    )
    assert AgendaItem.objects.filter(pk=item.pk, resolution="The board agreed the picture.").exists()


def test_a_re_poll_is_the_next_round_and_keeps_the_history(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    first = _open(world_a, users)
    with pytest.raises(ValidationError):
        services.round_repoll(actor=users[Role.FACILITATOR], round_=first, proposal="Amended")
    services.round_reveal(actor=users[Role.FACILITATOR], round_=first)
    second = services.round_repoll(actor=users[Role.FACILITATOR], round_=first, proposal="Amended proposal")
    assert (second.number, second.previous, second.status) == (2, first, RoundStatus.DRAFT)
    with pytest.raises(ValidationError, match="round 2"):
        services.round_repoll(actor=users[Role.FACILITATOR], round_=first, proposal="Again")
    assert services.round_history(second) == [first, second] == services.round_history(first)
    page = client_for(Role.MEMBER).get(_url("round-detail", second)).content.decode()
    assert "Round 1" in page and "Round 2 (this one)" in page


def test_the_whole_flow_over_http(world_a: World, users: dict[str, Any], client_for: Any) -> None:
    facilitator, member = client_for(Role.FACILITATOR), client_for(Role.MEMBER)
    slug = world_a.partnership.slug
    response = facilitator.post(
        reverse("workshop:round-create", kwargs={"slug": slug}),
        {
            "title": "This picture is right",
            "proposal": "The picture is right.",
            "scale": "simple",
            "anonymous": "",
            "body": world_a.body.pk,
            "tree": kit.world_tree(world_a).pk,
            "picture": "",
        },
    )
    round_ = AgreementRound.objects.get()
    assert response.status_code == 302 and not round_.anonymous
    assert facilitator.post(_url("round-open", round_)).status_code == 302
    assert (
        member.post(_url("position-take", round_), {"value": "block", "comment": "Too vague"}).status_code
        == 302
    )
    extra = make_member(world_a.partnership, Role.MEMBER)
    services.position_take(actor=extra, round_=round_, value="agree")
    assert facilitator.post(_url("round-reveal", round_)).status_code == 302
    response = facilitator.post(
        _url("round-close", round_),
        {
            "meeting": world_a.meeting.pk,
            "resolution": "Agreed with one block followed up.",
            "actions": "Meet the blocker | 2025-06-01\nRedraw the picture",
        },
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED and round_.decision.actions.count() == 2
    assert round_.follow_ups.count() == 1
    bad = facilitator.post(
        _url("round-close", round_),
        {"meeting": world_a.meeting.pk, "resolution": "x", "actions": "Bad | 31/13/2025"},
    )
    assert bad.status_code == 200 and "Line 1" in bad.content.decode()


def test_an_anonymous_block_reason_is_kept_apart_from_who_gave_it(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    round_ = _open(world_a, users, anonymous=True)
    services.position_take(actor=users[Role.MEMBER], round_=round_, value="8", comment="Needs a budget line")
    assert list(Position.objects.values_list("value", "comment")) == [("", "")]
    assert (
        "Needs a budget line"
        not in client_for(Role.FACILITATOR).get(_url("round-detail", round_)).content.decode()
    )
    services.round_reveal(actor=users[Role.FACILITATOR], round_=round_)
    [follow_up] = AgreementRound.objects.get(pk=round_.pk).follow_ups.all()
    assert "Needs a budget line" in follow_up.text
    assert "Needs a budget line" in client_for(Role.MEMBER).get(_url("round-detail", round_)).content.decode()
