"""The rules of localities, successions and bodies' histories, through the services: bad input is refused
with a plain message and nothing is written (no row, no link, no audit event); good input is written with
its audit event."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factories import World, make_body
from stakeholders import kit_structures as kit
from traction.core.models import AuditEvent
from traction.governance.models import Organisation
from traction.stakeholders.models import structures as models
from traction.stakeholders.models.structures import BodyHistory, Locality, Succession
from traction.stakeholders.services import structures as services
from traction_analysis.stakeholders import structures as pure

pytestmark = pytest.mark.django_db
D = datetime.date


def _state() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (
            Locality,
            Succession,
            BodyHistory,
            Succession.predecessors.through,
            Succession.successors.through,
            BodyHistory.localities.through,
            AuditEvent,
        )
    ]


@contextmanager
def refused(*messages: str) -> Iterator[None]:
    """The call inside raises a ValidationError carrying every one of ``messages``; nothing is written."""
    before = _state()
    with pytest.raises(ValidationError) as caught:
        yield
    said = " ".join(str(m) for m in caught.value.messages)
    for message in messages:
        assert message in said, said
    assert _state() == before


def orgs(w: World, *names: str) -> list[Organisation]:
    return [kit.organisation(w, n) for n in names]


def merger(w: World, **kw: Any) -> dict[str, Any]:
    return {
        "kind": "merger",
        "effective_on": D(2025, 4, 1),
        "predecessors": orgs(w, "A Council", "B Council"),
        "successors": orgs(w, "AB Council"),
        "note": "",
        **kw,
    }


# --- localities ----------------------------------------------------------------------------------------


def test_a_locality_is_stored_with_its_code_in_capitals_and_audited(world_a: World, secretary: Any) -> None:
    locality = services.locality_create(
        actor=secretary,
        partnership=world_a.partnership,
        data={"name": "North Riverside", "gss_code": " e06000901 ", "description": ""},
    )
    assert locality.gss_code == "E06000901"
    assert AuditEvent.objects.filter(object_type="locality", verb="created").count() == 1


@pytest.mark.parametrize("code", ["E0600090", "X06000901", "E06-00901", "E060009011", "", "E0600090A"])
def test_a_malformed_gss_code_is_refused(world_a: World, secretary: Any, code: str) -> None:
    with refused(models.GSS_INVALID if code else ""):
        services.locality_create(
            actor=secretary, partnership=world_a.partnership, data={"name": "Somewhere", "gss_code": code}
        )


def test_a_gss_code_is_unique_in_a_partnership_but_not_across(
    world_a: World, world_b: World, secretary: Any, outsider: Any
) -> None:
    kit.world_locality(world_a)
    with refused(models.GSS_TAKEN):
        services.locality_create(
            actor=secretary, partnership=world_a.partnership, data={"name": "Again", "gss_code": "E06000901"}
        )
    services.locality_create(
        actor=outsider, partnership=world_b.partnership, data={"name": "Theirs", "gss_code": "E06000901"}
    )


def test_a_member_cannot_write_a_locality(world_a: World, member: Any) -> None:
    before = _state()
    with pytest.raises(PermissionDenied):
        services.locality_create(
            actor=member, partnership=world_a.partnership, data={"name": "X", "gss_code": "E06000909"}
        )
    assert _state() == before


# --- successions ---------------------------------------------------------------------------------------


def test_a_merger_of_six_into_one_is_one_event(world_a: World, secretary: Any) -> None:
    six = orgs(world_a, *(f"Council {n}" for n in range(6)))
    succession = services.succession_create(
        actor=secretary,
        partnership=world_a.partnership,
        data=merger(world_a, predecessors=six, successors=orgs(world_a, "Unitary")),
    )
    assert succession.predecessors.count() == 6 and succession.successors.count() == 1
    assert AuditEvent.objects.filter(object_type="succession").count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda w: {"successors": orgs(w, "A Council")}, "An organisation cannot succeed itself: A Council."),
        (lambda w: {"kind": "abolition"}, pure.ABOLITION_WITH_SUCCESSORS),
        (lambda w: {"successors": []}, pure.MERGER_ONE_SUCCESSOR.format(count=0)),
        (lambda w: {"successors": orgs(w, "X", "Y")}, pure.MERGER_ONE_SUCCESSOR.format(count=2)),
        (lambda w: {"predecessors": orgs(w, "A Council")}, pure.MERGER_PREDECESSORS),
        (lambda w: {"predecessors": []}, pure.NO_PREDECESSOR),
        (lambda w: {"kind": "split"}, pure.SPLIT_ONE_PREDECESSOR.format(count=2)),
        (lambda w: {"kind": "renaming"}, pure.RENAMING_ONE_EACH),
        (lambda w: {"effective_on": D(1700, 1, 1)}, services.OUT_OF_RANGE),
        (lambda w: {"effective_on": D(2200, 1, 1)}, services.OUT_OF_RANGE),
    ],
)
def test_a_malformed_succession_is_refused(
    world_a: World, secretary: Any, change: Callable[[World], dict[str, Any]], message: str
) -> None:
    data = merger(world_a, **change(world_a))
    with refused(message):
        services.succession_create(actor=secretary, partnership=world_a.partnership, data=data)


def test_an_organisation_already_succeeded_cannot_be_a_predecessor_again(
    world_a: World, secretary: Any
) -> None:
    services.succession_create(actor=secretary, partnership=world_a.partnership, data=merger(world_a))
    later = merger(world_a, effective_on=D(2026, 1, 1), predecessors=orgs(world_a, "A Council", "C"))
    with refused("A Council was already succeeded on 1 April 2025"):
        services.succession_create(actor=secretary, partnership=world_a.partnership, data=later)
    # the merged council may itself merge later
    services.succession_create(
        actor=secretary,
        partnership=world_a.partnership,
        data=merger(
            world_a,
            effective_on=D(2026, 1, 1),
            predecessors=orgs(world_a, "AB Council", "C"),
            successors=orgs(world_a, "ABC Council"),
        ),
    )


def test_an_organisation_of_another_partnership_is_refused(
    world_a: World, world_b: World, secretary: Any
) -> None:
    data = merger(world_a, successors=[world_b.organisation])
    with refused("Choose organisations of this partnership."):
        services.succession_create(actor=secretary, partnership=world_a.partnership, data=data)


def test_editing_a_succession_keeps_the_rules(world_a: World, secretary: Any) -> None:
    succession = services.succession_create(
        actor=secretary, partnership=world_a.partnership, data=merger(world_a)
    )
    with refused(pure.ABOLITION_WITH_SUCCESSORS):
        services.succession_update(actor=secretary, succession=succession, data={"kind": "abolition"})
    services.succession_update(
        actor=secretary, succession=succession, data={"kind": "abolition", "successors": []}
    )
    assert Succession.objects.get().successors.count() == 0


# --- bodies' histories ---------------------------------------------------------------------------------


def history(w: World, body: Any, actor: Any, **data: Any) -> BodyHistory:
    return services.body_history_create(actor=actor, body=body, data=data)


def test_a_body_cannot_be_established_after_it_first_met(world_a: World, secretary: Any) -> None:
    with refused("The body met on 10 March 2025, before that date."):
        history(world_a, world_a.body, secretary, established_on=D(2025, 4, 1))
    history(world_a, world_a.body, secretary, established_on=D(2013, 4, 1))
    assert AuditEvent.objects.filter(object_type="bodyhistory", verb="created").count() == 1


def test_a_body_cannot_be_abolished_before_it_last_met(world_a: World, secretary: Any) -> None:
    with refused("The body met on 10 March 2025, after that date."):
        history(world_a, world_a.body, secretary, established_on=D(2013, 4, 1), abolished_on=D(2025, 3, 1))


def test_abolished_before_established_is_refused(world_a: World, secretary: Any) -> None:
    with refused(models.ABOLISHED_BEFORE_ESTABLISHED):
        history(
            world_a,
            kit.fresh_body(world_a),
            secretary,
            established_on=D(2020, 1, 1),
            abolished_on=D(2019, 1, 1),
        )


def test_a_body_is_not_replaced_by_itself_nor_without_being_abolished(world_a: World, secretary: Any) -> None:
    body = kit.fresh_body(world_a)
    with refused(models.REPLACED_BY_ITSELF):
        history(
            world_a,
            body,
            secretary,
            established_on=D(2020, 1, 1),
            abolished_on=D(2024, 1, 1),
            replaced_by=body,
        )
    with refused(models.REPLACED_WITHOUT_ABOLITION):
        history(world_a, body, secretary, established_on=D(2020, 1, 1), replaced_by=world_a.body)


def test_the_replacement_must_exist_on_the_day_and_outlive_the_body(world_a: World, secretary: Any) -> None:
    old, gone, late = (kit.fresh_body(world_a) for _ in range(3))
    history(world_a, gone, secretary, established_on=D(2010, 1, 1), abolished_on=D(2023, 1, 1))
    history(world_a, late, secretary, established_on=D(2025, 1, 1))
    data = {"established_on": D(2015, 1, 1), "abolished_on": D(2024, 4, 1)}
    with refused(f"{gone.name} was abolished on 1 January 2023, before this body"):
        history(world_a, old, secretary, replaced_by=gone, **data)
    with refused(f"{late.name} was established on 1 January 2025, after this body was abolished"):
        history(world_a, old, secretary, replaced_by=late, **data)
    history(world_a, old, secretary, replaced_by=world_a.body, **data)  # no history: it always existed


def test_a_replacement_cannot_be_moved_out_of_the_day_it_took_over(world_a: World, secretary: Any) -> None:
    new, old = kit.fresh_body(world_a), kit.fresh_body(world_a)
    new_history = history(world_a, new, secretary, established_on=D(2024, 4, 1))
    history(
        world_a, old, secretary, established_on=D(2015, 1, 1), abolished_on=D(2024, 4, 1), replaced_by=new
    )
    with refused(f"This body replaces {old.name}, abolished on 1 April 2024"):
        services.body_history_update(
            actor=secretary, history=new_history, data={"established_on": D(2024, 5, 1)}
        )


def test_a_body_has_one_history_and_its_localities_are_this_partnerships(
    world_a: World, world_b: World, secretary: Any
) -> None:
    kit.world_history(world_a)
    with refused(services.HISTORY_EXISTS):
        history(world_a, world_a.sub_body, secretary, established_on=D(2020, 1, 1))
    theirs = Locality.objects.create(partnership=world_b.partnership, name="Theirs", gss_code="E06000999")
    with refused("Choose a record from this partnership."):
        history(
            world_a,
            make_body(world_a.partnership),
            secretary,
            established_on=D(2020, 1, 1),
            localities=[theirs],
        )
