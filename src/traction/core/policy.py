"""The one permission table: role × object type × action, scoped to a partnership.

Every check in views, selectors and services, the permissions page of the docs and the test matrix
are all derived from ``PERMISSIONS``. An action or object type missing from the table is refused.
Objects of a partnership the user does not belong to do not exist for that user (404, not 403).
"""

from __future__ import annotations

from typing import Final, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from traction.core.ids import parse_id
from traction.core.models import Membership, Partnership, Role

ACTIONS: Final = ("view", "add", "change", "delete")
GOVERNANCE_TYPES: Final = ("organisation", "person", "body", "meeting", "agendaitem", "paper", "action")
# Uploaded source documents and the reviews of what was extracted from them (traction.intake).
INTAKE_TYPES: Final = ("sourcedocument", "review")
# Confidential listening (traction.listening): only the facilitator role, and of each record only the
# exercise's own facilitators (see CONFIDENTIAL below); admins and site staff included, nobody else.
LISTENING_TYPES: Final = ("listeningexercise", "listeningnote", "highlight", "theme")
# ModernGov sites a partnership imports from, with their runs (traction.imports).
IMPORT_TYPES: Final = ("importsource",)
# Problem trees, shared pictures, agreement rounds (positions taken in them) and awaydays (traction.workshop).
WORKSHOP_TYPES: Final = ("problemtree", "sharedpicture", "agreementround", "position", "awayday")
# Shared direction (principles, goals, outcomes, indicators) and partnership health (health-check statements,
# runs and the answers to them, trust-pulse waves and their answers) (traction.direction).
DIRECTION_TYPES: Final = ("principle", "goal", "sharedoutcome", "indicator")
HEALTH_TYPES: Final = ("healthstatement", "healthcheckrun", "healthresponse", "pulsewave", "pulseresponse")
# The commissioning cycle (traction.commissioning): strategies with their checklists, gates with their
# criteria, options appraisals (factors, options) with assessors' scores, outcome reviews, self-assessments.
COMMISSIONING_TYPES: Final = (
    "strategy",
    "gate",
    "optionsappraisal",
    "optionscore",
    "outcomereview",
    "selfassessment",
)
# Stakeholders and structural change (traction.stakeholders): the stakeholder map (stakeholders with their
# appended assessments, the engagement log), rival change options and priorities exercises (with the answers
# to them), structures over time (localities, organisations' successions, bodies' histories, dated reporting
# lines) and the relationship network (surveys and the declared ratings in them).
STAKEHOLDER_TYPES: Final = (
    "stakeholder",
    "engagement",
    "changeoption",
    "prioritiesexercise",
    "prioritiesresponse",
    "locality",
    "succession",
    "bodyhistory",
    "reportingline",
    "networksurvey",
    "rating",
)
# Development programmes and whole-system events (traction.programmes): programmes (cohorts, sessions,
# enrolment, attendance, learning objectives), the feedback given on them, action learning sets with their
# confidential notes, and future-scenario events.
PROGRAMME_TYPES: Final = ("programme", "feedbackresponse", "learningset", "setnote", "event")
# Personal data (traction.privacy): a person's subject-access export (view) and erasure (delete), admins only.
PRIVACY_TYPES: Final = ("personaldata",)
# Reminder emails (traction.reminders): the partnership's reminder settings, with the log of what was sent,
# and the mailings of a meeting's matters-arising pack to its body's members.
REMINDER_TYPES: Final = ("remindersettings", "packmailing")
OBJECT_TYPES: Final = (
    "partnership",
    "membership",
    "auditevent",
    *GOVERNANCE_TYPES,
    *INTAKE_TYPES,
    *IMPORT_TYPES,
    *LISTENING_TYPES,
    *WORKSHOP_TYPES,
    *DIRECTION_TYPES,
    *HEALTH_TYPES,
    *COMMISSIONING_TYPES,
    *STAKEHOLDER_TYPES,
    *PROGRAMME_TYPES,
    *PRIVACY_TYPES,
    *REMINDER_TYPES,
)

_ALL = frozenset(ACTIONS)
_VIEW = frozenset({"view"})
_NONE: frozenset[str] = frozenset()


def _grant(default: frozenset[str], **overrides: frozenset[str]) -> dict[str, frozenset[str]]:
    table = {object_type: _NONE for object_type in OBJECT_TYPES}
    table.update({object_type: default for object_type in GOVERNANCE_TYPES})
    table["partnership"] = _VIEW
    table.update(overrides)
    return table


PERMISSIONS: Final[dict[str, dict[str, frozenset[str]]]] = {
    Role.ADMIN: {object_type: _ALL for object_type in OBJECT_TYPES}
    | {"partnership": frozenset({"view", "change"}), "auditevent": _VIEW}
    | {"personaldata": frozenset({"view", "delete"})}
    | {"remindersettings": frozenset({"view", "add", "change"})}
    | {"packmailing": frozenset({"view", "add"})}
    | {object_type: _NONE for object_type in LISTENING_TYPES},
    # The secretary keeps the record: everything in it, and may read the audit trail.
    Role.SECRETARY: _grant(
        _ALL,
        membership=_VIEW,
        auditevent=_VIEW,
        sourcedocument=_ALL,
        review=_ALL,
        importsource=frozenset({"view", "add", "change"}),
        # The secretary sets the reminder emails (and reads what was sent); no-one deletes the settings.
        remindersettings=frozenset({"view", "add", "change"}),
        # Those who record meetings send a meeting's matters-arising pack to its body's members; everyone
        # who reads the record sees when it was sent, and by whom. A mailing is never changed or deleted.
        packmailing=frozenset({"view", "add"}),
    ),
    # Members read the record and report progress on actions (updates, status, revised dates).
    # Everyone who reads the record may open the documents it was taken from; reviews are the secretary's.
    Role.MEMBER: _grant(_VIEW, action=frozenset({"view", "change"}), sourcedocument=_VIEW, packmailing=_VIEW),
    Role.FACILITATOR: _grant(
        _VIEW, sourcedocument=_VIEW, packmailing=_VIEW, **{t: _ALL for t in LISTENING_TYPES}
    ),
    Role.VIEWER: _grant(_VIEW, sourcedocument=_VIEW, packmailing=_VIEW),
}

# Facilitators and admins run the workshop; every member sees published pictures, rounds and awayday plans;
# members and secretaries take positions in open rounds. Draft trees stay with facilitators and admins.
_WORKSHOP_READ = {"sharedpicture": _VIEW, "agreementround": _VIEW, "awayday": _VIEW}
for _role, _grants in {
    Role.SECRETARY: {**_WORKSHOP_READ, "position": frozenset({"view", "add"})},
    Role.MEMBER: {**_WORKSHOP_READ, "position": frozenset({"view", "add"})},
    Role.FACILITATOR: {t: _ALL for t in WORKSHOP_TYPES} | {"position": _VIEW},
    Role.VIEWER: {**_WORKSHOP_READ, "position": _VIEW},
}.items():
    PERMISSIONS[_role].update(_grants)

# The shared direction is part of the record: the secretary keeps it, everyone reads it. Facilitators run the
# health check and the pulse; every member answers them (once each) and reads the results, which show only
# what the anonymity service lets through.
_DIRECTION_READ = {t: _VIEW for t in DIRECTION_TYPES} | {t: _VIEW for t in HEALTH_TYPES}
_ANSWER = {"healthresponse": frozenset({"view", "add"}), "pulseresponse": frozenset({"view", "add"})}
for _role, _grants in {
    Role.SECRETARY: {**_DIRECTION_READ, **{t: _ALL for t in DIRECTION_TYPES}, **_ANSWER},
    Role.MEMBER: {**_DIRECTION_READ, **_ANSWER},
    Role.FACILITATOR: {**_DIRECTION_READ, **{t: _ALL for t in HEALTH_TYPES}, **_ANSWER},
    Role.VIEWER: _DIRECTION_READ,
}.items():
    PERMISSIONS[_role].update(_grants)

# Commissioning is kept by secretaries (and admins); every member reads it and may score the options of an
# appraisal as one of its assessors.
_COMMISSIONING_READ = {t: _VIEW for t in COMMISSIONING_TYPES}
for _role, _grants in {
    Role.SECRETARY: {t: _ALL for t in COMMISSIONING_TYPES},
    Role.MEMBER: {**_COMMISSIONING_READ, "optionscore": frozenset({"view", "add", "change"})},
    Role.FACILITATOR: _COMMISSIONING_READ,
    Role.VIEWER: _COMMISSIONING_READ,
}.items():
    PERMISSIONS[_role].update(_grants)

# The stakeholder map, options, structures and network are kept by secretaries and facilitators (and admins)
# and read by every member; members take part in priorities exercises and network surveys. Who rated whom in
# a survey is confined to its facilitators (CONFIDENTIAL); everyone else sees aggregates that pass the
# anonymity service. A dated reporting line moves the record's "reports to" with it, so only those who keep
# the governance record (secretaries and admins) write one.
_STAKEHOLDER_KEEP = {t: _ALL for t in STAKEHOLDER_TYPES} | {
    "prioritiesresponse": frozenset({"view", "add"}),
    "rating": frozenset({"view", "add"}),
}
_STAKEHOLDER_READ = {t: _VIEW for t in STAKEHOLDER_TYPES} | {"rating": _NONE}
_TAKE_PART = {"prioritiesresponse": frozenset({"view", "add"}), "rating": frozenset({"view", "add"})}
for _role, _grants in {
    Role.SECRETARY: _STAKEHOLDER_KEEP,
    Role.MEMBER: {**_STAKEHOLDER_READ, **_TAKE_PART},
    Role.FACILITATOR: {**_STAKEHOLDER_KEEP, "reportingline": _VIEW},
    Role.VIEWER: _STAKEHOLDER_READ,
}.items():
    PERMISSIONS[_role].update(_grants)

# Programmes and events are run by facilitators and secretaries (and admins) and read by every member, who
# give feedback on the sessions they attended. Action learning sets are kept by facilitators; a set's notes
# exist only for the set's members (CONFIDENTIAL), who write them.
_PROGRAMME_READ = {t: _VIEW for t in PROGRAMME_TYPES}
_FEEDBACK = {"feedbackresponse": frozenset({"view", "add"})}
_SET_NOTES = {"setnote": _ALL}
for _role, _grants in {
    Role.SECRETARY: {
        **_PROGRAMME_READ,
        "programme": _ALL,
        "event": _ALL,
        **_FEEDBACK,
        **_SET_NOTES,
    },
    Role.MEMBER: {**_PROGRAMME_READ, **_FEEDBACK, **_SET_NOTES},
    Role.FACILITATOR: {t: _ALL for t in PROGRAMME_TYPES} | {"feedbackresponse": frozenset({"view", "add"})},
    Role.VIEWER: _PROGRAMME_READ,
}.items():
    PERMISSIONS[_role].update(_grants)

# Confidential records: model name → the path from a record to the users it is confined to. Whatever the
# role allows, such a record exists only for those users (``permitted`` filters on the path), so a page, a
# list or an export cannot show it to anyone else. A model that stores words encrypted must be named here.
CONFIDENTIAL: Final[dict[str, str]] = {
    "listeningexercise": "facilitators",
    "listeningnote": "exercise__facilitators",
    "highlight": "note__exercise__facilitators",
    "theme": "exercise__facilitators",
    "nametoken": "exercise__facilitators",
    # A declared rating names who rated whom: only the survey's facilitators see it.
    "rating": "survey__facilitators",
    # A learning set's notes: only the set's members (people of the record with a user account).
    "setnote": "learning_set__members__user",
}

# Workflow objects that write into the governance record on their own behalf: whoever may ``change`` the
# workflow object may add these object types for it, through ``traction.governance.workflows`` only.
ON_BEHALF_OF: Final[dict[str, frozenset[str]]] = {
    "agreementround": frozenset({"agendaitem", "action"}),
    # A principle, goal or outcome agreed at a meeting records the decision that agreed it.
    "principle": frozenset({"agendaitem"}),
    "goal": frozenset({"agendaitem"}),
    "sharedoutcome": frozenset({"agendaitem"}),
    # A health check or pulse follows up its low or contested results with actions.
    "healthcheckrun": frozenset({"action"}),
    "pulsewave": frozenset({"action"}),
    # A gate decision records the decided item (and its conditions as actions); an outcome review its
    # decision; a self-assessment its actions.
    "gate": frozenset({"agendaitem", "action"}),
    "outcomereview": frozenset({"agendaitem", "action"}),
    "selfassessment": frozenset({"action"}),
    # A stakeholder's gap or an engagement turns into an engagement action; an agreed priorities list
    # is recorded as a decision when it is not recorded as principles.
    "stakeholder": frozenset({"action"}),
    "engagement": frozenset({"action"}),
    "prioritiesexercise": frozenset({"agendaitem", "action"}),
    # A learning set member's commitments become actions; an event records its decisions and actions.
    "learningset": frozenset({"action"}),
    "event": frozenset({"agendaitem", "action"}),
}

NOT_FOUND = "Not found."
REFUSED = "You do not have permission to do that in this partnership."

M = TypeVar("M", bound=models.Model)
User = AbstractBaseUser | AnonymousUser


# Records that exist only inside another: writing one is changing its parent.
CHILD_TYPES: Final = {
    "attendance": "meeting",
    "bodymembership": "body",
    "duedaterevision": "action",
    "actionupdate": "action",
    "topicconfirmation": "agendaitem",  # confirming a topic is a change to its agenda items
    "proposal": "review",
    "importrun": "importsource",
    "importedrecord": "importsource",
    "nametoken": "listeningexercise",
    "problemnode": "problemtree",
    "nodelink": "problemtree",
    "indicatorvalue": "indicator",
    "fingertipssnapshot": "indicator",
    "healthfollowup": "healthcheckrun",
    "pulsefollowup": "pulsewave",
    "checklisttick": "strategy",
    "gatecriterion": "gate",
    "successfactor": "optionsappraisal",
    "option": "optionsappraisal",
    # The partnership's commissioning templates and settings: every member reads them, admins set them.
    "toolkitstep": "partnership",
    "gatecriteriontemplate": "partnership",
    "commissioningsettings": "partnership",
    "assessment": "stakeholder",
    "optionposition": "changeoption",
    "priority": "prioritiesexercise",
    "cohort": "programme",
    "session": "programme",
    "enrolment": "programme",
    "attendancerecord": "programme",
    "learningobjective": "programme",
    "setmembership": "learningset",
    "setmeeting": "learningset",
    "eventgroup": "event",
    "invitation": "event",
    "eventtable": "event",
    "agendastage": "event",
    "commonground": "event",
    # A partnership's diagnosis thresholds: every member sees them, admins (who may change it) set them.
    "diagnosissettings": "partnership",
    # The log of reminder emails sent belongs to the reminder settings.
    "sentreminder": "remindersettings",
}


def object_type_of(model: type[models.Model]) -> str:
    name = model._meta.model_name or ""
    return CHILD_TYPES.get(name, name)


def require_write(*, user: User, partnership: Partnership, action: str, model: type[models.Model]) -> None:
    """Permission for a write to ``model``; a child record's write needs ``change`` on its parent."""
    name = model._meta.model_name or ""
    if name in CHILD_TYPES:
        action = "change" if action in {"add", "change", "delete"} else action
    require(user=user, partnership=partnership, action=action, object_type=object_type_of(model))


def role_of(*, user: User, partnership: Partnership) -> str | None:
    if not user.is_authenticated:
        return None
    cache: dict[int, str | None] = user.__dict__.setdefault("_traction_roles", {})
    if partnership.pk not in cache:
        membership = Membership.objects.filter(user=user.pk, partnership=partnership).only("role").first()
        cache[partnership.pk] = membership.role if membership else None
    return cache[partnership.pk]


def allowed(*, user: User, partnership: Partnership, action: str, object_type: str) -> bool:
    role = role_of(user=user, partnership=partnership)
    if role is None or action not in ACTIONS:
        return False
    return action in PERMISSIONS[role].get(object_type, _NONE)


def require(*, user: User, partnership: Partnership, action: str, object_type: str) -> None:
    """Raise PermissionDenied unless allowed; services call this before any write."""
    if not allowed(user=user, partnership=partnership, action=action, object_type=object_type):
        raise PermissionDenied(REFUSED)


def partnership_named(*, user: User, slug: str) -> Partnership | None:
    """The partnership with ``slug`` (None when there is none), read once per request: kept on the request's
    user as the roles are, so the two-factor check and the page share one query."""
    cache: dict[str, Partnership | None] = user.__dict__.setdefault("_traction_partnerships", {})
    if slug not in cache:
        cache[slug] = Partnership.objects.filter(slug=slug).first()
    return cache[slug]


def partnership_for(*, user: User, slug: str) -> Partnership:
    """The partnership named in the URL, or 404 when the user is not one of its members."""
    partnership = partnership_named(user=user, slug=slug)
    if partnership is None or role_of(user=user, partnership=partnership) is None:
        raise Http404(NOT_FOUND)
    return partnership


def partnerships_of(*, user: User) -> models.QuerySet[Partnership]:
    if not user.is_authenticated:
        return Partnership.objects.none()
    return Partnership.objects.filter(memberships__user=user.pk).distinct()


def permitted(*, user: User, partnership: Partnership, action: str, model: type[M]) -> models.QuerySet[M]:
    """The objects of ``model`` this user may ``action`` in this partnership (none when refused)."""
    queryset = model._default_manager.filter(partnership=partnership)
    if not allowed(user=user, partnership=partnership, action=action, object_type=object_type_of(model)):
        return queryset.none()
    return _confined(queryset, user)


def _confined(queryset: models.QuerySet[M], user: User) -> models.QuerySet[M]:
    """A confidential model (``CONFIDENTIAL``) is visible to the users on its path only, whatever the role."""
    path = CONFIDENTIAL.get(queryset.model._meta.model_name or "")
    return queryset.filter(**{path: user}) if path else queryset


def allowed_on_behalf(*, user: User, source: models.Model, object_type: str) -> bool:
    """Whether ``user`` may record ``object_type`` on behalf of the workflow object ``source``
    (``ON_BEHALF_OF``): they may change the source, and the source may record that type."""
    source_type = object_type_of(type(source))
    if object_type not in ON_BEHALF_OF.get(source_type, _NONE):
        return False
    partnership: Partnership = source.partnership  # type: ignore[attr-defined]
    return allowed(user=user, partnership=partnership, action="change", object_type=source_type)


def require_on_behalf(*, user: User, source: models.Model, object_type: str) -> None:
    if not allowed_on_behalf(user=user, source=source, object_type=object_type):
        raise PermissionDenied(REFUSED)


def get_permitted(*, user: User, partnership: Partnership, action: str, model: type[M], pk: object) -> M:
    """One object, or 404 whether it is absent, in another partnership, or not permitted."""
    try:
        key = parse_id(pk)
        if key is None:
            raise ValueError(pk)
        return permitted(user=user, partnership=partnership, action=action, model=model).get(pk=key)
    except (model.DoesNotExist, ValueError, TypeError) as exc:  # type: ignore[attr-defined]
        raise Http404(NOT_FOUND) from exc


def permission_table_markdown() -> str:
    """The table as Markdown: docs/permissions.md embeds it and a test keeps the two equal."""
    roles = list(PERMISSIONS)
    lines = ["| object type | " + " | ".join(roles) + " |", "| --- |" + " --- |" * len(roles)]
    for object_type in OBJECT_TYPES:
        cells = [
            ", ".join(a for a in ACTIONS if a in PERMISSIONS[role].get(object_type, _NONE)) or "—"
            for role in roles
        ]
        lines.append(f"| {object_type} | " + " | ".join(cells) + " |")
    return "\n\n".join(["\n".join(lines), _confidential_markdown(), _on_behalf_markdown()])


def confidential_rows() -> list[tuple[str, str]]:
    """(record, who alone may see it) for every confidential model, in words ("its exercise's
    facilitators")."""
    rows = []
    for name, path in CONFIDENTIAL.items():
        parent = f" (part of {CHILD_TYPES[name]})" if name in CHILD_TYPES else ""
        rows.append((f"{name}{parent}", "its " + "'s ".join(path.split("__"))))
    return rows


def on_behalf_rows() -> list[tuple[str, str, str]]:
    """(workflow object, the types it may record, who may record them) for every line of ``ON_BEHALF_OF``."""
    return [
        (source, ", ".join(sorted(types)), f"whoever may change the {source}")
        for source, types in ON_BEHALF_OF.items()
    ]


def _confidential_markdown() -> str:
    lines = ["| confidential record | visible only to |", "| --- | --- |"]
    lines += [f"| {record} | {who} |" for record, who in confidential_rows()]
    return "\n".join(lines)


def _on_behalf_markdown() -> str:
    lines = ["| workflow object | may record in the governance record | who |", "| --- | --- | --- |"]
    lines += [f"| {source} | {types} | {who} |" for source, types, who in on_behalf_rows()]
    return "\n".join(lines)
