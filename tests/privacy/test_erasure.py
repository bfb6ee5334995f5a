"""Erasing a person: a token replaces them everywhere they are named, every figure stays the same, the account
leaves the partnership, the audit trail keeps no trace of the name, and only admins may do it."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from dbstate import assert_db_unchanged
from factories import MEETING_START, World, make_action, make_attendance, make_meeting, make_membership
from listening import kit
from traction.core.models import AuditEvent, Membership, Role
from traction.core.services import record_update
from traction.diagnosis.selectors import signals_for_partnership
from traction.governance.models import Action, Attendance, Person
from traction.intake.models import Proposal, Review
from traction.listening.models import NameToken
from traction.privacy import services
from traction.privacy.services import ERASE_YOURSELF, TOKEN_PREFIX
from traction.stakeholders.models.stakeholders import Stakeholder
from traction_analysis.signals import Period

pytestmark = pytest.mark.django_db
NAME = "Alex Director"


@pytest.fixture
def admin(users: dict[str, Any]) -> Any:
    return users[Role.ADMIN]


@pytest.fixture
def named(world_a: World, admin: Any) -> Person:
    """The world's person, named in free text, a stakeholder, a name key and the audit, has an account."""
    p = world_a.partnership
    person = world_a.person
    user = make_membership(p, role=Role.MEMBER).user
    user.first_name, user.last_name, user.email = "Alex", "Director", "alex@example.org"
    user.save()
    record_update(actor=admin, instance=person, data={"email": "alex.director@example.org", "user": user})
    make_action(
        p,
        body=world_a.body,
        text=f"{NAME} to write to the trusts",
        lead=person,
        due_date=world_a.action.due_date,
    )
    Stakeholder.objects.create(partnership=p, name=NAME, person=person)
    exercise = kit.make_exercise(p)
    NameToken.objects.create(partnership=p, exercise=exercise, kind="person", token="[P1]", name=NAME.lower())
    for day in (3, 10):
        meeting = make_meeting(p, body=world_a.body, start=MEETING_START + datetime.timedelta(days=day))
        make_attendance(p, meeting=meeting, person=person, status="present")
    return person


def _figures(user: Any, world: World) -> Any:
    signals = signals_for_partnership(
        user=user,
        partnership=world.partnership,
        period=Period(datetime.date(2024, 1, 1), datetime.date(2026, 1, 1)),
        as_of=datetime.date(2025, 12, 31),
    )
    attendance = sorted(
        Attendance.objects.filter(partnership=world.partnership).values_list("meeting", "person", "status")
    )
    leads = sorted(Action.objects.filter(partnership=world.partnership).values_list("pk", "lead", "status"))
    return signals, attendance, leads


def test_erasure_replaces_the_person_by_a_token_everywhere_and_the_figures_stay(
    world_a: World, admin: Any, named: Person
) -> None:
    before = _figures(admin, world_a)
    user_id = named.user_id

    token = services.person_erase(actor=admin, person=named)

    assert token.startswith(TOKEN_PREFIX) and len(token) == len(TOKEN_PREFIX) + 4
    assert _figures(admin, world_a) == before
    named.refresh_from_db()
    assert (named.name, named.role_title, named.email, named.user_id) == (token, "", "", None)
    assert named.organisation_id == world_a.organisation.pk
    assert Action.objects.get(text__startswith=token).text == f"{token} to write to the trusts"
    assert Stakeholder.objects.get(person=named).name == token
    assert NameToken.objects.get(token="[P1]").name == token
    user = get_user_model().objects.get(pk=user_id)
    assert not user.is_active and not user.has_usable_password() and user.email == ""
    assert "alex" not in user.username.lower()
    assert not Membership.objects.filter(user=user).exists()
    trail = json.dumps(list(AuditEvent.objects.values("object_repr", "changes")), ensure_ascii=False)
    for word in (NAME, "alex.director@example.org", "alex@example.org"):
        assert word.lower() not in trail.lower(), word
    erased = AuditEvent.objects.get(verb="erased")
    assert erased.object_repr == token and erased.actor == admin


def test_erasure_reaches_what_the_review_of_minutes_proposed_corrected_and_accepted(
    world_a: World, admin: Any, named: Person, world_b: World
) -> None:
    """An action's owner is a name in a proposal's JSON (as read, as corrected, as accepted), not a person."""

    def item(owner: str) -> dict[str, Any]:
        return {
            "number": "5",
            "title": "Joint strategy",
            "outcome": "decided",
            "actions": [
                {"text": f"{owner} to send the plan", "owner": owner, "source": {"page": 1, "line": 4}}
            ],
            "evidence": [f"Action: {owner}"],
        }

    def proposal(world: World) -> Proposal:
        review = Review.objects.create(
            partnership=world.partnership,
            body=world.body,
            document_title="minutes.pdf",
            origin={"kind": "upload", "document": 1},
            origin_key="upload-1",
        )
        return Proposal.objects.create(
            partnership=world.partnership,
            review=review,
            original=item(NAME),
            draft=item(NAME.upper()),
            final=item("Alex Director, Chair"),
        )

    ours, theirs = proposal(world_a), proposal(world_b)

    token = services.person_erase(actor=admin, person=named)

    ours.refresh_from_db()
    stored = json.dumps([ours.original, ours.draft, ours.final])
    assert "alex" not in stored.lower()
    assert ours.original == item(token) and ours.draft == item(token)
    assert ours.final["actions"][0]["owner"] == f"{token}, Chair"
    theirs.refresh_from_db()
    assert theirs.original == item(NAME), "another partnership's record is not touched"
    assert AuditEvent.objects.get(verb="erased").changes["proposals"] == 1


def test_an_account_in_another_partnership_only_leaves_this_one(
    world_a: World, partnership_b: Any, admin: Any, named: Person
) -> None:
    Membership.objects.create(partnership=partnership_b, user=named.user, role=Role.VIEWER)
    user_id = named.user_id
    services.person_erase(actor=admin, person=named)
    user = get_user_model().objects.get(pk=user_id)
    assert user.is_active and user.email == "alex@example.org"
    assert list(Membership.objects.filter(user=user).values_list("partnership", flat=True)) == [
        partnership_b.pk
    ]


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.MEMBER, Role.FACILITATOR, Role.VIEWER])
def test_only_admins_may_erase(users: dict[str, Any], named: Person, role: str) -> None:
    with pytest.raises(PermissionDenied), assert_db_unchanged():
        services.person_erase(actor=users[role], person=named)


def test_an_admin_cannot_erase_themselves_or_erase_twice(world_a: World, admin: Any, named: Person) -> None:
    record_update(actor=admin, instance=world_a.other_person, data={"user": admin})
    with pytest.raises(ValidationError, match=ERASE_YOURSELF), assert_db_unchanged():
        services.person_erase(actor=admin, person=world_a.other_person)
    services.person_erase(actor=admin, person=named)
    with pytest.raises(ValidationError, match="already been erased"), assert_db_unchanged():
        services.person_erase(actor=admin, person=Person.objects.get(pk=named.pk))


def test_the_confirmation_page_names_what_will_change_and_the_post_erases(
    client_for: Any, world_a: World, named: Person
) -> None:
    client = client_for("admin")
    url = f"/p/{world_a.partnership.slug}/privacy/people/{named.pk}/erase/"
    page = client.get(url).content.decode()
    assert "Attendance" in page and "uploaded documents" in page and "cannot be undone" in page
    response = client.post(url)
    assert response.status_code == 302
    assert Person.objects.get(pk=named.pk).name.startswith(TOKEN_PREFIX)


def test_a_reimport_does_not_bring_the_name_back(world_a: World, admin: Any, named: Person) -> None:
    from traction.imports.models import ImportedRecord, ImportSource, RecordKind

    source = ImportSource.objects.create(
        partnership=world_a.partnership, site="https://democracy.example.gov.uk"
    )
    mapping = ImportedRecord.objects.create(
        partnership=world_a.partnership,
        source=source,
        kind=RecordKind.MEMBER,
        external_id="77",
        object_id=named.pk,
    )
    services.person_erase(actor=admin, person=named)
    mapping.refresh_from_db()
    assert mapping.data == {"erased": True}


def test_erasure_forgets_the_addresses_of_failed_sign_ins(
    settings: Any, world_a: World, admin: Any, named: Person
) -> None:
    from axes.models import AccessAttempt, AccessFailureLog

    settings.AXES_ENABLED, settings.AXES_FAILURE_LIMIT = True, 5
    username = named.user.get_username()
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(2):
        assert client.post("/login/", {"username": username, "password": "wrong"}).status_code == 200
    failed = AuditEvent.objects.filter(partnership=world_a.partnership, verb="failed to sign in")
    assert [e.changes["ip_address"] for e in failed.all()] == ["203.0.113.9"] * 2
    assert AccessAttempt.objects.filter(username=username).exists()

    services.person_erase(actor=admin, person=named)

    assert failed.count() == 2  # the dates of the failures stay
    assert not any("ip_address" in e.changes or "203.0.113.9" in json.dumps(e.changes) for e in failed.all())
    assert not AccessAttempt.objects.filter(username=username).exists()
    assert not AccessFailureLog.objects.filter(username=username).exists()
    erased = AuditEvent.objects.get(partnership=world_a.partnership, verb="erased")
    assert erased.changes["sign-in records"] >= 3


def test_an_account_in_another_partnership_keeps_its_throttle_records(
    settings: Any, world_a: World, partnership_b: Any, admin: Any, named: Person
) -> None:
    from axes.models import AccessAttempt

    settings.AXES_ENABLED, settings.AXES_FAILURE_LIMIT = True, 5
    Membership.objects.create(partnership=partnership_b, user=named.user, role=Role.VIEWER)
    username = named.user.get_username()
    Client(REMOTE_ADDR="203.0.113.9").post("/login/", {"username": username, "password": "wrong"})

    services.person_erase(actor=admin, person=named)

    assert AccessAttempt.objects.filter(username=username).exists()  # the account lives on elsewhere
    other = AuditEvent.objects.get(partnership=partnership_b, verb="failed to sign in")
    assert other.changes["ip_address"] == "203.0.113.9"  # the other partnership's trail is its own
    here = AuditEvent.objects.get(partnership=world_a.partnership, verb="failed to sign in")
    assert "ip_address" not in here.changes
