"""Partnership admins manage who belongs and in which role; the partnership always keeps an admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from dbstate import assert_db_unchanged
from factories import World, make_member, make_user, race_trials
from traction.core import services
from traction.core.models import AuditEvent, Membership, Role


@pytest.fixture
def admin(world_a: World) -> Any:
    return make_member(world_a.partnership, Role.ADMIN, username="chief")


def _only_admin(world: World, admin: Any) -> Membership:
    Membership.objects.filter(partnership=world.partnership, role=Role.ADMIN).exclude(user=admin).delete()
    return Membership.objects.get(partnership=world.partnership, user=admin)


def test_an_admin_adds_an_existing_account_with_a_role(world_a: World, admin: Any) -> None:
    newcomer = make_user(username="newcomer")
    membership = services.membership_add(
        actor=admin, partnership=world_a.partnership, username=" newcomer ", role=Role.SECRETARY
    )
    assert (membership.user, membership.role) == (newcomer, Role.SECRETARY)
    assert AuditEvent.objects.filter(verb="created", object_type="membership").exists()


@pytest.mark.parametrize(
    ("username", "message"), [("ghost", services.UNKNOWN_USER), ("chief", services.ALREADY_IN_PARTNERSHIP)]
)
def test_an_unknown_or_existing_member_is_refused(
    world_a: World, admin: Any, username: str, message: str
) -> None:
    with assert_db_unchanged(), pytest.raises(ValidationError) as refused:
        services.membership_add(
            actor=admin, partnership=world_a.partnership, username=username, role=Role.VIEWER
        )
    assert refused.value.message_dict == {"username": [message]}


def test_the_last_admin_can_be_neither_demoted_nor_removed(world_a: World, admin: Any) -> None:
    membership = _only_admin(world_a, admin)
    for change in (
        lambda: services.membership_change_role(actor=admin, membership=membership, role=Role.VIEWER),
        lambda: services.membership_remove(actor=admin, membership=membership),
    ):
        with assert_db_unchanged(), pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.messages == [services.LAST_ADMIN]


def test_with_a_second_admin_the_first_may_step_down(world_a: World, admin: Any) -> None:
    membership = _only_admin(world_a, admin)
    make_member(world_a.partnership, Role.ADMIN, username="deputy")
    services.membership_change_role(actor=admin, membership=membership, role=Role.MEMBER)
    assert Membership.objects.get(pk=membership.pk).role == Role.MEMBER


def test_the_members_page_shows_the_refusal_to_remove_the_last_admin(
    client: Any, world_a: World, admin: Any
) -> None:
    membership = _only_admin(world_a, admin)
    client.force_login(admin)
    with assert_db_unchanged():
        response = client.post(f"/p/{world_a.partnership.slug}/access/{membership.pk}/remove/")
    assert response.status_code == 200
    assert services.LAST_ADMIN in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("trial", race_trials(5))
def test_two_admins_demoting_each_other_at_once_leave_one_admin(
    world_a: World, admin: Any, trial: int
) -> None:
    """Each change locks the partnership first: the second waits, sees the first, and is refused (as the last
    admin's demotion, or, when the first finished before it began, because its actor is no longer an
    admin)."""
    import threading

    from django.core.exceptions import PermissionDenied
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time (BEGIN IMMEDIATE); the race needs PostgreSQL")
    other = make_member(world_a.partnership, Role.ADMIN)
    mine, theirs = (Membership.objects.get(partnership=world_a.partnership, user=u) for u in (admin, other))
    start, outcomes = threading.Barrier(2), []

    def demote(actor: Any, membership: Membership) -> None:
        try:
            start.wait()
            services.membership_change_role(actor=actor, membership=membership, role=Role.MEMBER)
            outcomes.append("demoted")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        except PermissionDenied:
            outcomes.append("no longer an admin")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=demote, args=(admin, theirs)),
        threading.Thread(target=demote, args=(other, mine)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) in (sorted(["demoted", services.LAST_ADMIN]), ["demoted", "no longer an admin"])
    assert Membership.objects.filter(partnership=world_a.partnership, role=Role.ADMIN).count() == 1
