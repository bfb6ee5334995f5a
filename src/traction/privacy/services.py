"""Erasure of a person (UK GDPR right to erasure) and the subject-access export, both for admins only.

Erasure keeps the person's row and every record that points at it, so every count and figure stays the same
(attendance, actions led, enrolments, ratings…), and replaces what names them by a token such as "Erased
person 7F3A": the person's name, role and email; a stakeholder that is them; the words naming them in action
texts and agenda items, and in what the review of uploaded minutes proposed, corrected or accepted; the name
key of listening exercises; the audit trail's before/after text; the network addresses of the account's
failed sign-ins. Their account leaves this partnership, and is itself anonymised when it belongs to no other
(with the sign-in throttle's records of its username). The erasure's own audit event names the token only.
Uploaded documents (papers, minutes) are not rewritten: the confirmation page says how many there are.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django_otp import devices_for_user

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import AuditEvent, Membership, Partnership, Role
from traction.core.services import LAST_ADMIN
from traction.governance.models import Action, ActionUpdate, AgendaItem, Person
from traction.intake.models import Proposal
from traction.privacy.models import PersonalData

ERASE_YOURSELF = "You cannot erase yourself: ask another admin."
ALREADY_ERASED = "This person has already been erased."
TOKEN_PREFIX = "Erased person "
# Free text of the record that may name a person: the words are replaced where the whole name appears.
FREE_TEXT: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (Action, ("text",)),
    (ActionUpdate, ("note",)),
    (AgendaItem, ("title", "resolution")),
)
# What the reading of uploaded minutes proposed, as the review screen keeps it (JSON: the words as extracted,
# a secretary's unsaved corrections, what was accepted): an action's owner is a name there, not a person.
FREE_JSON: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (Proposal, ("original", "draft", "final")),
)


def is_erased(person: Person) -> bool:
    return person.name.startswith(TOKEN_PREFIX) and not person.email and person.user_id is None


def _new_token(partnership: Partnership) -> str:
    while True:
        token = f"{TOKEN_PREFIX}{secrets.token_hex(2).upper()}"
        if not Person.objects.filter(partnership=partnership, name=token).exists():
            return token


@transaction.atomic
def person_erase(*, actor: Any, person: Person) -> str:
    """Replace the person by a token everywhere they are named; returns the token."""
    partnership = person.partnership
    policy.require(user=actor, partnership=partnership, action="delete", object_type="personaldata")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if is_erased(person):
        raise ValidationError(ALREADY_ERASED)
    if person.user_id is not None and person.user_id == actor.pk:
        raise ValidationError(ERASE_YOURSELF)
    token = _new_token(partnership)
    names = _names_of(person)
    # The account's username and full name are looked for in the audit trail only (where accounts appear):
    # a username may be an ordinary word ("finance") that free text uses for something else.
    replace, replace_in_audit = _replacer(names, token), _replacer([*names, *_account_names(person)], token)
    counts = {
        "free text": _rewrite_free_text(partnership, replace),
        "proposals": _rewrite_free_json(partnership, replace),
        "stakeholders": _rename_stakeholders(person, token),
        "name keys": _rewrite_name_keys(partnership, names, token),
        "sign-in records": _forget_sign_ins(person),
        "account": _release_account(person),
    }
    _forget_import_name(person)
    counts["reminder emails"] = _forget_reminders(person)
    Person.objects.filter(pk=person.pk).update(name=token, role_title="", email="", user=None)
    counts["audit events"] = _scrub_audit(partnership, replace_in_audit)
    person.refresh_from_db()
    audit_record(actor=actor, partnership=partnership, verb="erased", instance=person, changes=counts)
    return token


def _names_of(person: Person) -> list[str]:
    """Every string that names the person, longest first (so "Jo Bloggs, Chair" goes before "Jo Bloggs")."""
    names = {person.name, str(person), person.email}
    return sorted((n for n in names if len(n.strip()) >= 3), key=len, reverse=True)


def _account_names(person: Person) -> list[str]:
    """How the audit trail names an account that erasure anonymises (one in no other partnership)."""
    user = person.user
    if user is None or _has_other_partnerships(user, person.partnership):
        return []
    names = {user.get_username(), user.get_full_name(), user.email}
    return sorted((n for n in names if len(n.strip()) >= 3), key=len, reverse=True)


def _replacer(names: Iterable[str], token: str) -> Callable[[str], str]:
    names = sorted(set(names), key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names), re.IGNORECASE)
    return lambda text: pattern.sub(token, text)


def _rewrite_free_text(partnership: Partnership, replace: Callable[[str], str]) -> int:
    changed = 0
    for model, fields in FREE_TEXT:
        for row in model._default_manager.filter(partnership=partnership).only("pk", *fields).iterator():
            after = {f: replace(getattr(row, f) or "") for f in fields}
            if any(after[f] != (getattr(row, f) or "") for f in fields):
                model._default_manager.filter(pk=row.pk).update(**after)
                changed += 1
    return changed


def _rewrite_free_json(partnership: Partnership, replace: Callable[[str], str]) -> int:
    changed = 0
    for model, fields in FREE_JSON:
        for row in model._default_manager.filter(partnership=partnership).only("pk", *fields).iterator():
            after = {f: _scrub(getattr(row, f), replace) for f in fields}
            if any(after[f] != getattr(row, f) for f in fields):
                model._default_manager.filter(pk=row.pk).update(**after)
                changed += 1
    return changed


def _rename_stakeholders(person: Person, token: str) -> int:
    from traction.stakeholders.models.stakeholders import Stakeholder

    return Stakeholder.objects.filter(person=person).update(name=token)


def _rewrite_name_keys(partnership: Partnership, names: list[str], token: str) -> int:
    """The listening name keys (encrypted, so compared here, not in the database) that hold the name."""
    from traction.listening.models import NameToken

    wanted = {n.casefold() for n in names}
    rows = [t for t in NameToken.objects.filter(partnership=partnership) if str(t.name).casefold() in wanted]
    for row in rows:
        row.name = token
        row.save(update_fields=["name"])
    return len(rows)


def _has_other_partnerships(user: Any, partnership: Partnership) -> bool:
    return Membership.objects.filter(user=user).exclude(partnership=partnership).exists()


def _release_account(person: Person) -> str:
    """The account leaves this partnership; one that belongs to no other partnership is anonymised."""
    user = person.user
    if user is None:
        return "none"
    membership = Membership.objects.filter(user=user, partnership=person.partnership).first()
    if membership is not None:
        _keep_an_admin(membership)
        membership.delete()
    if _has_other_partnerships(user, person.partnership):
        return "left this partnership (it belongs to others too)"
    user.username = f"erased-{secrets.token_hex(6)}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    _forget_second_factors(user)
    return "anonymised"


def _forget_sign_ins(person: Person) -> int:
    """The network addresses of the account's failed sign-ins: dropped from this partnership's audit events
    (which keep their dates), and axes' own records of the username deleted when the account is anonymised
    (one in no other partnership). Returns how many records changed."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    user = person.user
    if user is None:
        return 0
    events = AuditEvent.objects.filter(
        partnership=person.partnership,
        object_type=user._meta.model_name,
        object_id=str(user.pk),
        changes__has_key="ip_address",
    )
    changed = 0
    for event in events:
        AuditEvent.objects.filter(pk=event.pk).update(
            changes={k: v for k, v in event.changes.items() if k != "ip_address"}
        )
        changed += 1
    if not _has_other_partnerships(user, person.partnership):
        username = user.get_username()
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            changed += model.objects.filter(username=username).delete()[0]
    return changed


def _forget_second_factors(user: Any) -> None:
    """An anonymised account keeps no two-factor secret or recovery code (django-otp's devices)."""
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()


def _keep_an_admin(membership: Membership) -> None:
    Partnership.objects.select_for_update().only("pk").get(pk=membership.partnership_id)
    admins = Membership.objects.filter(partnership_id=membership.partnership_id, role=Role.ADMIN)
    if membership.role == Role.ADMIN and not admins.exclude(pk=membership.pk).exists():
        raise ValidationError(LAST_ADMIN)


def _forget_import_name(person: Person) -> None:
    """A ModernGov member mapped to this person keeps the mapping (their attendance stays theirs) but never
    brings the council's name back (``imports.importer``)."""
    from traction.imports.models import ImportedRecord, RecordKind

    ImportedRecord.objects.filter(
        partnership=person.partnership, kind=RecordKind.MEMBER, object_id=person.pk
    ).update(data={"erased": True})


def _forget_reminders(person: Person) -> int:
    """The record of reminder emails sent to the person keeps its dates and counts, not their address."""
    from traction.reminders.models import SentReminder

    return SentReminder.objects.filter(person=person).exclude(recipient="").update(recipient="")


def _scrub_audit(partnership: Partnership, replace: Callable[[str], str]) -> int:
    changed = 0
    for event in AuditEvent.objects.filter(partnership=partnership).iterator():
        repr_after, changes_after = replace(event.object_repr), _scrub(event.changes, replace)
        if repr_after != event.object_repr or changes_after != event.changes:
            AuditEvent.objects.filter(pk=event.pk).update(object_repr=repr_after[:200], changes=changes_after)
            changed += 1
    return changed


def _scrub(value: Any, replace: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, list):
        return [_scrub(v, replace) for v in value]
    if isinstance(value, dict):
        return {replace(k): _scrub(v, replace) for k, v in value.items()}
    return value


@transaction.atomic
def person_export(*, actor: Any, person: Person) -> dict[str, Any]:
    """Everything held about the person that the export may show (``selectors.personal_data``); recorded."""
    from traction.privacy.selectors import personal_data

    policy.require(user=actor, partnership=person.partnership, action="view", object_type="personaldata")
    audit_record(
        actor=actor,
        partnership=person.partnership,
        verb="exported",
        instance=PersonalData.objects.get(pk=person.pk),
        changes={"what": "subject-access export"},
    )
    return personal_data(person=person)
