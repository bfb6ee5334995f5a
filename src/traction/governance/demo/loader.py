"""Load, or reload, the demo partnerships and their users in one transaction.

The governance record is built here; every other app adds its own demo data through a hook. An app with
demo data has a ``demo`` module defining ``load(*, today) -> Counter[str]`` (create its records in the
demo partnerships, return what it made) and, when its records would block deleting a partnership,
``remove(*, slugs)``. The loader finds these modules through the app registry, so governance imports no
app above it: hooks load in ``INSTALLED_APPS`` order (an app after the apps it builds on) and are removed
in the reverse order.
"""

from __future__ import annotations

import datetime
import importlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from traction.core.audit import audit_record
from traction.core.models import Membership, Partnership
from traction.governance.demo.builder import PartnershipBuilder
from traction.governance.demo.northgate import NORTHGATE
from traction.governance.demo.riverside import RIVERSIDE
from traction.governance.demo.scale import SCALED_YEARS, scaled
from traction.governance.demo.spec import PartnershipSpec
from traction.governance.models import Action, AgendaItem, Meeting

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # the user model settings name

DEMO_PASSWORD = "traction-demo-2026"
# Demo users carry this address, so --reset can tell them from a real account that shares a name.
DEMO_EMAIL_DOMAIN = "demo.traction.invalid"
SPECS: tuple[PartnershipSpec, ...] = (RIVERSIDE, NORTHGATE)
DEMO_SLUGS = tuple(spec.slug for spec in SPECS)
DEMO_USERNAMES = tuple(user.username for spec in SPECS for user in spec.users)
USERNAME_TAKEN = "A user called {username!r} already exists and is not a demo user; the demo was not loaded."
EDITOR_ROLES = ("secretary", "member")


class DemoError(Exception):
    """The demo cannot be loaded without touching records that are not the demo's."""


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    partnership: str


@dataclass(frozen=True)
class DemoSummary:
    created: bool  # False when the demo was already there and left alone
    counts: dict[str, int]
    users: tuple[DemoUser, ...]
    password: str = DEMO_PASSWORD


def _demo_users() -> tuple[DemoUser, ...]:
    return tuple(DemoUser(u.username, u.role, spec.name) for spec in SPECS for u in spec.users)


def _existing_counts() -> dict[str, int]:
    scope = {"partnership__slug__in": DEMO_SLUGS}
    return {
        "partnerships": Partnership.objects.filter(slug__in=DEMO_SLUGS).count(),
        "meetings": Meeting.objects.filter(**scope).count(),
        "agenda items": AgendaItem.objects.filter(**scope).count(),
        "actions": Action.objects.filter(**scope).count(),
    }


def demo_hooks() -> list[ModuleType]:
    """Each installed app's ``demo`` module that defines ``load``, in ``INSTALLED_APPS`` order."""
    hooks = []
    own = apps.get_containing_app_config(__name__)
    for config in apps.get_app_configs():
        if config is own:
            continue  # this app: its demo is the one built here
        name = f"{config.name}.demo"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        if hasattr(module, "load"):
            hooks.append(module)
    return hooks


def _remove(hooks: Iterable[ModuleType]) -> None:
    for hook in reversed(list(hooks)):
        if hasattr(hook, "remove"):
            hook.remove(slugs=DEMO_SLUGS)
    # Meetings and actions PROTECT their body, which blocks the cascade from the partnership: go first.
    for model in (Action, Meeting):
        model.objects.filter(partnership__slug__in=DEMO_SLUGS).delete()
    Partnership.objects.filter(slug__in=DEMO_SLUGS).delete()
    get_user_model().objects.filter(
        username__in=DEMO_USERNAMES, email__endswith=f"@{DEMO_EMAIL_DOMAIN}"
    ).delete()


def _create_users(spec: PartnershipSpec, password_hash: str) -> dict[str, User]:
    """The spec's users, keyed by the person each one is in the record."""
    User = get_user_model()
    taken = User.objects.filter(username__in=[u.username for u in spec.users]).values_list(
        "username", flat=True
    )
    for username in taken:
        raise DemoError(USERNAME_TAKEN.format(username=username))
    people = {person.key: person for person in spec.people}
    users = {}
    for user_spec in spec.users:
        first, _, last = people[user_spec.person].name.rpartition(" ")
        users[user_spec.person] = User.objects.create(
            username=user_spec.username,
            password=password_hash,
            first_name=first.split(" ")[-1],
            last_name=last,
            email=f"{user_spec.username}@{DEMO_EMAIL_DOMAIN}",
        )
    return users


def _load_one(spec: PartnershipSpec, today: datetime.date, password_hash: str) -> Counter[str]:
    users = _create_users(spec, password_hash)
    roles = {u.person: u.role for u in spec.users}
    editors = [users[key] for key, role in roles.items() if role in EDITOR_ROLES]
    partnership, counts = PartnershipBuilder(spec, today=today, users=users, editors=editors).build()
    Membership.objects.bulk_create(
        [Membership(partnership=partnership, user=user, role=roles[key]) for key, user in users.items()]
    )
    counts.update({"partnerships": 1, "users": len(users), "memberships": len(users)})
    audit_record(
        actor=None,
        partnership=partnership,
        verb="loaded demo",
        instance=partnership,
        changes={
            "demo": [None, {name: counts[name] for name in sorted(counts)}],
            "as of": [None, today.isoformat()],
        },
    )
    return counts


def demo_specs(scale: int = 1, years: int | None = None) -> tuple[PartnershipSpec, ...]:
    """The demo partnerships' specs; with ``scale`` or ``years``, at the size of a large partnership
    (``scale`` copies of every body, ``years`` years of history: see ``demo/scale.py``)."""
    if scale == 1 and years is None:
        return SPECS
    try:
        return tuple(scaled(spec, scale, SCALED_YEARS if years is None else years) for spec in SPECS)
    except ValueError as exc:
        raise DemoError(str(exc)) from exc


def load_demo(
    *, reset: bool = False, today: datetime.date | None = None, scale: int = 1, years: int | None = None
) -> DemoSummary:
    """Create the demo partnerships and users, unless they exist; ``reset`` replaces them.

    Only the demo partnerships and demo users are ever removed. Dates are relative to ``today``.
    ``scale`` and ``years`` make it the record of a large partnership (``demo_specs``).
    """
    today = today or timezone.localdate()
    specs = demo_specs(scale, years)  # a bad scale fails before anything is touched
    hooks = demo_hooks()
    with transaction.atomic():
        if reset:
            _remove(hooks)
        elif Partnership.objects.filter(slug__in=DEMO_SLUGS).exists():
            return DemoSummary(created=False, counts=_existing_counts(), users=_demo_users())
        validate_password(DEMO_PASSWORD)
        password_hash = make_password(DEMO_PASSWORD)  # hashed once: every demo user shares it
        counts: Counter[str] = Counter()
        for spec in specs:
            counts.update(_load_one(spec, today, password_hash))
        for hook in hooks:
            counts.update(hook.load(today=today))
    return DemoSummary(created=True, counts=dict(counts), users=_demo_users())
