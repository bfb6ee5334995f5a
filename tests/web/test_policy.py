"""The permission policy: the table, who it applies to, and the one way in to every object."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from factories import World, instance_in, make_member, make_user
from traction.core import policy
from traction.core.models import AuditEvent, Membership, Role
from traction.governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    DueDateRevision,
    Meeting,
    Organisation,
    Paper,
    Person,
    TopicConfirmation,
)

ROLES = tuple(Role.values)
TENANT_MODELS = (
    Membership,
    AuditEvent,
    Organisation,
    Person,
    Body,
    BodyMembership,
    Meeting,
    Attendance,
    AgendaItem,
    Paper,
    Action,
    DueDateRevision,
    ActionUpdate,
    TopicConfirmation,
)
TABLE = [
    (role, object_type, action)
    for role in ROLES
    for object_type in policy.OBJECT_TYPES
    for action in policy.ACTIONS
]


def _id(value: Any) -> str:
    return value.__name__ if isinstance(value, type) else str(value)


# --- the table itself ---------------------------------------------------------------------------------


def test_the_table_has_a_row_for_every_role_and_no_other() -> None:
    assert set(policy.PERMISSIONS) == set(Role.values)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_covers_every_object_type_with_known_actions_only(role: str) -> None:
    row = policy.PERMISSIONS[role]
    assert set(row) == set(policy.OBJECT_TYPES)
    for object_type, actions in row.items():
        assert actions <= set(policy.ACTIONS), (role, object_type, actions)


@pytest.mark.parametrize("role", ROLES)
def test_nobody_may_write_the_audit_trail(role: str) -> None:
    assert policy.PERMISSIONS[role]["auditevent"] <= {"view"}


@pytest.mark.parametrize("role", ROLES)
def test_every_member_may_see_their_partnership(role: str) -> None:
    assert "view" in policy.PERMISSIONS[role]["partnership"]
    assert not policy.PERMISSIONS[role]["partnership"] & {"add", "delete"}


# --- allowed(): the table applied to members, and nothing to anyone else ---------------------------------


@pytest.mark.parametrize(("role", "object_type", "action"), TABLE)
def test_allowed_follows_the_table(
    users: dict[str, Any], partnership_a: Any, role: str, object_type: str, action: str
) -> None:
    expected = action in policy.PERMISSIONS[role][object_type]
    assert (
        policy.allowed(user=users[role], partnership=partnership_a, action=action, object_type=object_type)
        is expected
    )


@pytest.mark.parametrize("action", ["publish", "", "VIEW", "view ", "Change", "approve", "*", "all", None])
@pytest.mark.parametrize("role", ROLES)
def test_unknown_action_is_refused(users: dict[str, Any], partnership_a: Any, role: str, action: Any) -> None:
    for object_type in policy.OBJECT_TYPES:
        assert not policy.allowed(
            user=users[role], partnership=partnership_a, action=action, object_type=object_type
        )
        with pytest.raises(PermissionDenied):
            policy.require(
                user=users[role], partnership=partnership_a, action=action, object_type=object_type
            )


@pytest.mark.parametrize(
    "object_type", ["", "user", "Organisation", "organisations", "secret", "diaryentry", "*", None]
)
@pytest.mark.parametrize("role", ROLES)
def test_unknown_object_type_is_refused(
    users: dict[str, Any], partnership_a: Any, role: str, object_type: Any
) -> None:
    for action in policy.ACTIONS:
        assert not policy.allowed(
            user=users[role], partnership=partnership_a, action=action, object_type=object_type
        )


@pytest.fixture(params=["outsider", "anonymous", "superuser", "no-membership"])
def stranger(request: pytest.FixtureRequest, outsider: Any, db: None) -> Any:
    """Someone who is not a member of partnership A, however powerful elsewhere."""
    return {
        "outsider": lambda: outsider,
        "anonymous": AnonymousUser,
        "superuser": lambda: make_user(username="root", is_superuser=True, is_staff=True),
        "no-membership": make_user,
    }[request.param]()


def test_a_non_member_gets_nothing(stranger: Any, world_a: World) -> None:
    partnership = world_a.partnership
    assert policy.role_of(user=stranger, partnership=partnership) is None
    for object_type in policy.OBJECT_TYPES:
        for action in policy.ACTIONS:
            assert not policy.allowed(
                user=stranger, partnership=partnership, action=action, object_type=object_type
            )
    for model in TENANT_MODELS:
        assert not policy.permitted(
            user=stranger, partnership=partnership, action="view", model=model
        ).exists()
        with pytest.raises(Http404):
            policy.get_permitted(
                user=stranger,
                partnership=partnership,
                action="view",
                model=model,
                pk=instance_in(world_a, model).pk,
            )
    with pytest.raises(Http404):
        policy.partnership_for(user=stranger, slug=partnership.slug)


def test_membership_elsewhere_gives_nothing_here(
    outsider: Any, partnership_a: Any, partnership_b: Any
) -> None:
    assert policy.role_of(user=outsider, partnership=partnership_b) == Role.ADMIN
    assert policy.role_of(user=outsider, partnership=partnership_a) is None
    assert list(policy.partnerships_of(user=outsider)) == [partnership_b]


def test_partnerships_of_lists_only_the_users_own(
    users: dict[str, Any], partnership_a: Any, partnership_b: Any
) -> None:
    both = make_member(partnership_a, Role.VIEWER)
    Membership.objects.create(partnership=partnership_b, user=both, role=Role.SECRETARY)
    assert set(policy.partnerships_of(user=both)) == {partnership_a, partnership_b}
    assert list(policy.partnerships_of(user=users[Role.ADMIN])) == [partnership_a]
    assert not policy.partnerships_of(user=AnonymousUser()).exists()


def test_a_role_is_per_partnership(partnership_a: Any, partnership_b: Any) -> None:
    user = make_member(partnership_a, Role.VIEWER)
    Membership.objects.create(partnership=partnership_b, user=user, role=Role.SECRETARY)
    assert not policy.allowed(user=user, partnership=partnership_a, action="add", object_type="meeting")
    assert policy.allowed(user=user, partnership=partnership_b, action="add", object_type="meeting")


# --- child records: writing one is changing its parent -----------------------------------------------------


def test_every_tenant_model_maps_to_an_object_type_in_the_table() -> None:
    from django.apps import apps

    tenant = [
        m
        for label in ("core", "governance")
        for m in apps.get_app_config(label).get_models()
        if any(f.name == "partnership" for f in m._meta.concrete_fields)
    ]
    unmapped = [m.__name__ for m in tenant if policy.object_type_of(m) not in policy.OBJECT_TYPES]
    assert not unmapped, f"models outside the permission table: {unmapped}"
    assert set(tenant) == set(TENANT_MODELS), "a new tenant model needs adding to the test matrices"


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        (Attendance, "meeting"),
        (BodyMembership, "body"),
        (DueDateRevision, "action"),
        (ActionUpdate, "action"),
    ],
    ids=_id,
)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_a_child_write_needs_change_on_its_parent(
    users: dict[str, Any], partnership_a: Any, role: str, action: str, model: type, parent: str
) -> None:
    expected = "change" in policy.PERMISSIONS[role][parent]

    def call() -> None:
        policy.require_write(user=users[role], partnership=partnership_a, action=action, model=model)

    if expected:
        call()
    else:
        with pytest.raises(PermissionDenied):
            call()


def test_a_member_may_report_progress_but_not_take_the_register(member: Any, partnership_a: Any) -> None:
    policy.require_write(user=member, partnership=partnership_a, action="add", model=ActionUpdate)
    policy.require_write(user=member, partnership=partnership_a, action="add", model=DueDateRevision)
    with pytest.raises(PermissionDenied):
        policy.require_write(user=member, partnership=partnership_a, action="add", model=Attendance)


# --- permitted() and get_permitted(): lists and detail pages cannot disagree -------------------------------


@pytest.mark.parametrize("model", TENANT_MODELS, ids=_id)
@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_exactly_this_partnerships_records_when_viewing_is_allowed(
    users: dict[str, Any], world_a: World, world_b: World, role: str, model: type
) -> None:
    listed = set(
        policy.permitted(user=users[role], partnership=world_a.partnership, action="view", model=model)
    )
    own = instance_in(world_a, model)
    if "view" in policy.PERMISSIONS[role][policy.object_type_of(model)]:
        assert own in listed
        assert (
            policy.get_permitted(
                user=users[role], partnership=world_a.partnership, action="view", model=model, pk=own.pk
            )
            == own
        )
    else:
        assert not listed
        with pytest.raises(Http404):
            policy.get_permitted(
                user=users[role], partnership=world_a.partnership, action="view", model=model, pk=own.pk
            )
    assert all(obj.partnership_id == world_a.partnership.pk for obj in listed)
    assert instance_in(world_b, model) not in listed


@pytest.mark.parametrize("model", TENANT_MODELS, ids=_id)
@pytest.mark.parametrize("role", ROLES)
def test_another_partnerships_object_is_not_found_for_every_role(
    users: dict[str, Any], world_a: World, world_b: World, role: str, model: type
) -> None:
    theirs = instance_in(world_b, model)
    for action in policy.ACTIONS:
        with pytest.raises(Http404):
            policy.get_permitted(
                user=users[role], partnership=world_a.partnership, action=action, model=model, pk=theirs.pk
            )
        with pytest.raises(Http404):
            policy.get_permitted(
                user=users[role], partnership=world_b.partnership, action=action, model=model, pk=theirs.pk
            )


BAD_PKS = [
    "abc",
    "",
    " ",
    "1.0",
    "1e3",
    "0x1",
    "-1",
    "0",
    "1 OR 1=1",
    "1;DROP TABLE x",
    "%00",
    "١٢",
    "9" * 30,
    2**70,
    -(2**70),
    None,
    1.5,
    [1],
    {"pk": 1},
    b"1",
]


@pytest.mark.parametrize("pk", BAD_PKS, ids=repr)
def test_a_malformed_or_absent_pk_is_not_found(secretary: Any, world_a: World, pk: Any) -> None:
    with pytest.raises(Http404):
        policy.get_permitted(
            user=secretary, partnership=world_a.partnership, action="view", model=Meeting, pk=pk
        )


def test_a_pk_as_text_finds_the_object(secretary: Any, world_a: World) -> None:
    meeting = world_a.meeting
    assert (
        policy.get_permitted(
            user=secretary, partnership=world_a.partnership, action="view", model=Meeting, pk=str(meeting.pk)
        )
        == meeting
    )


@pytest.mark.parametrize("role", ROLES)
def test_get_permitted_for_a_write_refuses_with_404_when_the_role_may_not(
    users: dict[str, Any], world_a: World, role: str
) -> None:
    may = "delete" in policy.PERMISSIONS[role]["meeting"]

    def call() -> Meeting:
        return policy.get_permitted(
            user=users[role],
            partnership=world_a.partnership,
            action="delete",
            model=Meeting,
            pk=world_a.meeting.pk,
        )

    if may:
        assert call() == world_a.meeting
    else:
        with pytest.raises(Http404):
            call()


# --- partnership_for(): the slug in the URL --------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_members_reach_their_partnership_by_slug(
    users: dict[str, Any], partnership_a: Any, role: str
) -> None:
    assert policy.partnership_for(user=users[role], slug="northshire") == partnership_a


@pytest.mark.parametrize("slug", ["southshire", "nowhere", "", "NORTHSHIRE", "northshire/", "../northshire"])
@pytest.mark.parametrize("role", ROLES)
def test_any_other_slug_is_not_found(users: dict[str, Any], partnership_b: Any, role: str, slug: str) -> None:
    with pytest.raises(Http404):
        policy.partnership_for(user=users[role], slug=slug)


def test_a_removed_membership_takes_effect_on_the_next_request(partnership_a: Any) -> None:
    from django.contrib.auth import get_user_model

    user = make_member(partnership_a, Role.SECRETARY)
    assert policy.allowed(user=user, partnership=partnership_a, action="add", object_type="meeting")
    Membership.objects.filter(user=user).delete()
    fresh = get_user_model().objects.get(pk=user.pk)  # each request loads the user afresh
    assert not policy.allowed(user=fresh, partnership=partnership_a, action="view", object_type="meeting")
