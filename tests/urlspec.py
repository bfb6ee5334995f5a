"""What each partnership URL is about: the record its pk names, the permission it needs, and a valid POST.

The HTTP permission matrix, the URL walk and the bad-input tests all read this one table. A URL pattern that
is not described here makes the URL walk fail, so a new page cannot ship without its permission tests.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import timezone

from factories import (
    DUE,
    World,
    make_body,
    make_body_membership,
    make_item,
    make_meeting,
    make_organisation,
    make_paper,
    make_person,
)
from traction.core.models import AuditEvent, Membership, Partnership
from traction.diagnosis.models import DiagnosisSettings
from traction.governance.models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    Meeting,
    Organisation,
    Paper,
    Person,
)

Target = Callable[[World], models.Model]
Data = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Spec:
    """One URL name. ``kind``: page (GET to read), form (GET shows, POST writes), delete (confirm, POST
    deletes), post (POST only), redirect (GET always redirects). ``model``/``action`` is the permission."""

    kind: str
    model: type[models.Model] | None
    action: str
    target: Target | None = None  # the record whose pk goes in the URL
    data: Data | None = None  # a valid POST
    multipart: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _w(attribute: str) -> Target:
    return lambda w: getattr(w, attribute)


def _date(d: datetime.date) -> str:
    return d.isoformat()


def _paper_upload(w: World) -> dict[str, Any]:
    return {
        "title": "Quarterly performance report",
        "author_organisation": w.organisation.pk,
        "file": SimpleUploadedFile(
            "performance.txt", b"Performance against the plan improved.", content_type="text/plain"
        ),
    }


def _attendance(w: World) -> dict[str, Any]:
    return {
        f"person_{w.person.pk}": "present",
        "other_person": w.other_person.pk,
        "other_status": "apologies",
    }


GOVERNANCE: dict[str, Spec] = {
    "dashboard": Spec("page", None, "view"),
    "organisation-list": Spec("page", Organisation, "view"),
    "organisation-create": Spec(
        "form",
        Organisation,
        "add",
        data=lambda w: {"name": "Voluntary Action Northshire", "kind": "voluntary"},
    ),
    "organisation-update": Spec(
        "form",
        Organisation,
        "change",
        _w("organisation"),
        lambda w: {"name": "Northshire County Council", "kind": "council"},
    ),
    "organisation-delete": Spec("delete", Organisation, "delete", lambda w: make_organisation(w.partnership)),
    "person-list": Spec("page", Person, "view"),
    "person-create": Spec(
        "form",
        Person,
        "add",
        data=lambda w: {
            "name": "Jo Bloggs",
            "role_title": "Chair",
            "organisation": w.organisation.pk,
            "email": "",
        },
    ),
    "person-update": Spec(
        "form",
        Person,
        "change",
        _w("person"),
        lambda w: {
            "name": w.person.name,
            "role_title": "Chief Executive",
            "organisation": w.organisation.pk,
            "email": "alex@example.org",
        },
    ),
    "person-delete": Spec("delete", Person, "delete", lambda w: make_person(w.partnership)),
    "body-list": Spec("page", Body, "view"),
    "body-create": Spec(
        "form",
        Body,
        "add",
        data=lambda w: {
            "name": "Finance Committee",
            "kind": "committee",
            "parent": w.body.pk,
            "purpose": "Money",
            "member_organisations": [w.organisation.pk],
        },
    ),
    "body-detail": Spec("page", Body, "view", _w("body")),
    "body-update": Spec(
        "form",
        Body,
        "change",
        _w("sub_body"),
        lambda w: {
            "name": w.sub_body.name,
            "kind": "working_group",
            "parent": w.body.pk,
            "purpose": "Homes for all",
        },
    ),
    "body-delete": Spec("delete", Body, "delete", lambda w: make_body(w.partnership)),
    "body-matters-arising": Spec("page", Body, "view", _w("body")),
    "bodymembership-create": Spec(
        "form",
        BodyMembership,
        "add",
        _w("sub_body"),
        lambda w: {"person": w.other_person.pk, "role": "member"},
    ),
    "bodymembership-delete": Spec(
        "delete",
        BodyMembership,
        "delete",
        lambda w: make_body_membership(w.partnership, body=w.sub_body, person=w.other_person),
    ),
    "meeting-list": Spec("page", Meeting, "view"),
    "meeting-create": Spec(
        "form",
        Meeting,
        "add",
        data=lambda w: {
            "body": w.body.pk,
            "date": "2025-06-02",
            "time": "10:00",
            "duration_minutes": "90",
            "location": "Online",
            "status": "scheduled",
        },
    ),
    "meeting-detail": Spec("page", Meeting, "view", _w("meeting")),
    "meeting-update": Spec(
        "form",
        Meeting,
        "change",
        _w("meeting"),
        lambda w: {
            "body": w.body.pk,
            "date": "2025-03-10",
            "time": "15:00",
            "duration_minutes": "120",
            "location": "Council Chamber",
            "status": "held",
        },
    ),
    "meeting-delete": Spec("delete", Meeting, "delete", lambda w: make_meeting(w.partnership, body=w.body)),
    "meeting-mark-held": Spec("post", Meeting, "change", _w("meeting"), lambda w: {}),
    "attendance-update": Spec("form", Attendance, "change", _w("meeting"), _attendance),
    "agendaitem-create": Spec(
        "form",
        AgendaItem,
        "add",
        _w("meeting"),
        lambda w: {
            "number": "9",
            "title": "Winter pressures",
            "purpose": "discussion",
            "outcome": "noted",
            "resolution": "",
            "topic": "winter",
        },
    ),
    "agendaitem-create-many": Spec(
        "form",
        AgendaItem,
        "add",
        _w("meeting"),
        lambda w: {
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-0-number": "9",
            "items-0-title": "Winter pressures",
            "items-0-outcome": "noted",
            "items-0-resolution": "",
            "items-1-number": "10",
            "items-1-title": "Any other business",
            "items-1-outcome": "procedural",
            "items-1-resolution": "",
        },
    ),
    "agendaitem-move": Spec(
        "post",
        AgendaItem,
        "change",
        lambda w: make_item(w.partnership, meeting=w.meeting, title="Last on the agenda"),
        lambda w: {"direction": "up"},
    ),
    "agendaitem-update": Spec(
        "form",
        AgendaItem,
        "change",
        _w("item"),
        lambda w: {
            "number": "5",
            "title": "Joint strategy",
            "purpose": "decision",
            "outcome": "decided",
            "resolution": "RESOLVED that the strategy be approved.",
            "topic": "strategy",
            "papers": [w.paper.pk],
        },
    ),
    "agendaitem-outcome": Spec(
        "form",
        AgendaItem,
        "change",
        _w("item"),
        lambda w: {f"item{w.item.pk}-outcome": "deferred", f"item{w.item.pk}-resolution": "Deferred to May."},
    ),
    "agendaitem-delete": Spec(
        "delete", AgendaItem, "delete", lambda w: make_item(w.partnership, meeting=w.meeting)
    ),
    "action-create-for-item": Spec(
        "form",
        Action,
        "add",
        _w("item"),
        lambda w: {
            "minute_reference": "5/2",
            "text": "Publish the strategy",
            "lead": w.person.pk,
            "lead_organisation": "",
            "due_date": "2025-05-30",
        },
    ),
    "paper-list": Spec("page", Paper, "view"),
    "paper-create": Spec("form", Paper, "add", _w("meeting"), _paper_upload, multipart=True),
    "paper-download": Spec(
        "page",
        Paper,
        "view",
        lambda w: make_paper(
            w.partnership,
            title="Board pack",
            meeting=w.meeting,
            original_filename="pack.txt",
            file=ContentFile(b"Minutes of the meeting.", name="pack.txt"),
        ),
    ),
    "paper-delete": Spec("delete", Paper, "delete", lambda w: make_paper(w.partnership)),
    "action-list": Spec("page", Action, "view"),
    "my-actions": Spec("page", Action, "view"),
    "action-owners": Spec("page", Action, "view"),
    "action-bodies": Spec("page", Action, "view"),
    # calendars of meetings and of a person's actions (downloads, and subscription addresses)
    "meetings-calendar": Spec("page", Meeting, "view"),
    "meetings-subscribe": Spec("form", Meeting, "view", None, lambda w: {}),
    "body-calendar": Spec("page", Meeting, "view", _w("body")),
    "body-subscribe": Spec("form", Meeting, "view", _w("body"), lambda w: {}),
    "person-actions-calendar": Spec("page", Action, "view", _w("person")),
    "person-actions-subscribe": Spec("form", Action, "view", _w("person"), lambda w: {}),
    "action-create": Spec(
        "form",
        Action,
        "add",
        data=lambda w: {
            "body": w.body.pk,
            "minute_reference": "",
            "text": "Set up a task group",
            "lead": "",
            "lead_organisation": w.organisation.pk,
            "due_date": "2025-07-01",
        },
    ),
    "action-bulk-update": Spec(
        "redirect",
        Action,
        "change",
        data=lambda w: {
            "actions": [w.action.pk, w.revision.action_id],
            "status": "dropped",
            "completed_on": "",
            "note": "Tidy",
        },
    ),
    "action-detail": Spec("page", Action, "view", _w("action")),
    "action-update": Spec(
        "form",
        Action,
        "change",
        _w("action"),
        lambda w: {
            "minute_reference": "5/1",
            "text": "Circulate the final delivery plan",
            "lead": w.person.pk,
            "lead_organisation": "",
        },
    ),
    "action-revise-due": Spec(
        "form",
        Action,
        "change",
        _w("action"),
        lambda w: {
            "new_due_date": _date(DUE + datetime.timedelta(days=31)),
            "reason": "The plan waits for the budget",
        },
    ),
    "action-add-update": Spec(
        "form", Action, "change", _w("action"), lambda w: {"note": "Draft shared", "on": ""}
    ),
    "action-close": Spec(
        "form",
        Action,
        "change",
        _w("action"),
        lambda w: {"status": "done", "completed_on": _date(DUE), "note": "Sent to all members"},
    ),
    "action-reopen": Spec("post", Action, "change", _w("action"), lambda w: {}),
    "decision-list": Spec("page", AgendaItem, "view"),
    "search-results": Spec("page", AgendaItem, "view", extra={"query": {"q": "strategy"}}),
}

# The diagnosis pages read agenda items and actions through the signals' selectors: whoever may view
# agenda items may open them. The evidence page names its signal in the query string.
DIAGNOSIS: dict[str, Spec] = {
    "overview": Spec("page", AgendaItem, "view"),
    "body-profile": Spec("page", AgendaItem, "view", _w("body")),
    "evidence": Spec("page", AgendaItem, "view", _w("body"), extra={"query": {"signal": "decision_yield"}}),
    "overview-export": Spec("page", AgendaItem, "view", extra={"query": {"format": "xlsx"}}),
    "body-export": Spec("page", AgendaItem, "view", _w("body"), extra={"query": {"format": "csv"}}),
    "body-report": Spec("page", AgendaItem, "view", _w("body")),
    "body-report-pdf": Spec("page", AgendaItem, "view", _w("body")),
    "action-export": Spec("page", Action, "view", extra={"query": {"format": "csv"}}),
    "settings": Spec("page", DiagnosisSettings, "view"),
    "settings-update": Spec(
        "form",
        DiagnosisSettings,
        "change",
        data=lambda w: {
            "min_substantive_items": "8",
            "max_unclear_percent": "40",
            "min_meetings": "2",
            "min_topic_coverage_percent": "60",
            "min_actions": "4",
            "min_decisions": "3",
            "parcel_months": "9",
        },
    ),
}


def _outsider_username(w: World) -> dict[str, Any]:
    """An existing account that is not yet a member of the world's partnership (it belongs to the other)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.exclude(memberships__partnership=w.partnership).order_by("pk").first()
    return {"username": user.username if user else "nobody", "role": "viewer"}


def _extra_member(w: World) -> models.Model:
    from factories import make_membership

    return make_membership(w.partnership)


GOVERNANCE.update(
    {
        "membership-list": Spec("page", Membership, "view"),
        "membership-create": Spec("form", Membership, "add", data=_outsider_username),
        "membership-update": Spec("form", Membership, "change", _extra_member, lambda w: {"role": "member"}),
        "membership-delete": Spec("delete", Membership, "delete", _extra_member),
    }
)


# Topics: a topic's pages are named by one of its items. The target makes a topic of two items
# ("winter-pressures") beside another topic ("urgent-care"); the POSTs only read what it made.
def _topic_item(w: World) -> models.Model:
    first = make_item(
        w.partnership,
        meeting=w.meeting,
        title="Winter pressures",
        outcome="deferred",
        topic="winter-pressures",
    )
    make_item(
        w.partnership,
        meeting=w.meeting,
        title="Winter pressures plan",
        outcome="noted",
        topic="winter-pressures",
    )
    make_item(w.partnership, meeting=w.meeting, title="Urgent care", outcome="noted", topic="urgent-care")
    return first


def _topic_split(w: World) -> dict[str, Any]:
    last = (
        AgendaItem.objects.filter(partnership=w.partnership, topic="winter-pressures").order_by("pk").last()
    )
    return {"items": [last.pk if last else 0], "new_key": "winter-plan"}


def _topic_suggestion(w: World) -> dict[str, Any]:
    from traction.governance.topics import topics_suggest_for

    suggested = topics_suggest_for(w.partnership, [w.item])
    return {"accept": [f"{pk}:{key}" for pk, key in suggested.items()]}


GOVERNANCE.update(
    {
        "topic-list": Spec("page", AgendaItem, "view"),
        "topic-suggest": Spec("form", AgendaItem, "change", data=_topic_suggestion),
        "topic-detail": Spec("page", AgendaItem, "view", _topic_item),
        "topic-rename": Spec(
            "form", AgendaItem, "change", _topic_item, lambda w: {"new_key": "winter-resilience"}
        ),
        "topic-merge": Spec("form", AgendaItem, "change", _topic_item, lambda w: {"into": "urgent-care"}),
        "topic-split": Spec("form", AgendaItem, "change", _topic_item, _topic_split),
        "topic-confirm": Spec("post", AgendaItem, "change", _topic_item, lambda w: {}),
    }
)

CORE: dict[str, Spec] = {
    "core:audit-list": Spec("page", AuditEvent, "view"),
    # The partnership's sign-in settings: changing the partnership itself, which only admins may.
    "core:partnership-settings": Spec(
        "form",
        Partnership,
        "change",
        data=lambda w: {"two_factor_required": "no", "sso_domains": "northshire.gov.uk, nhs.net"},
    ),
    "core:permission-table": Spec("page", None, "view"),
}


# ModernGov import pages (traction.imports).
def _import_source(w: World) -> models.Model:
    """A site at a closed loopback port: the pages that read it live show their message, never an error."""
    from traction.imports.models import ImportSource

    source, _ = ImportSource.objects.get_or_create(
        partnership=w.partnership,
        site="http://127.0.0.1:9",
        defaults={
            "committees": [{"id": "101", "title": "Health and Wellbeing Board"}],
            "since": datetime.date(2025, 1, 1),
        },
    )
    return source


def _import_run(w: World) -> models.Model:
    from traction.imports.models import ImportRun

    source = _import_source(w)
    return ImportRun.objects.filter(source=source).first() or ImportRun.objects.create(
        partnership=w.partnership, source=source, since=datetime.date(2025, 1, 1)
    )


def _import_model(name: str) -> Any:
    from django.apps import apps

    return apps.get_model("imports", name)


IMPORTS: dict[str, Spec] = {
    "source-list": Spec("page", _import_model("ImportSource"), "view"),
    "source-create": Spec(
        "form",
        _import_model("ImportSource"),
        "add",
        data=lambda w: {"site": "https://democracy.example.gov.uk/mgListCommittees.aspx"},
    ),
    "source-detail": Spec("page", _import_model("ImportSource"), "view", _import_source),
    "source-committees": Spec(
        "form",
        _import_model("ImportSource"),
        "change",
        _import_source,
        lambda w: {
            "committees": ["101|Health and Wellbeing Board", "102|Audit Committee"],
            "since": "2024-01-01",
            "until": "",
        },
    ),
    "run-create": Spec(
        "post", _import_model("ImportSource"), "change", _import_source, lambda w: {"since": ""}
    ),
    "run-detail": Spec("page", _import_model("ImportRun"), "view", _import_run),
    "run-progress": Spec("page", _import_model("ImportRun"), "view", _import_run),
    "run-cancel": Spec("post", _import_model("ImportRun"), "change", _import_run, lambda w: {}),
}

# Document upload and the review queue (traction.intake).
INTAKE_MINUTES = (
    b"Health and Wellbeing Board\nMinutes of the meeting held on 10 March 2025\n\n"
    b"5. Joint strategy\nRESOLVED that the strategy be approved.\n\n"
    b"6. Winter pressures\nRESOLVED that the report be noted.\n"
)


def _intake_upload(w: World) -> dict[str, Any]:
    return {
        "kind": "minutes",
        "files": [
            SimpleUploadedFile(
                "minutes.txt", INTAKE_MINUTES + w.body.name.encode(), content_type="text/plain"
            )
        ],
    }


def _intake_document(w: World) -> models.Model:
    from traction.intake.models import SourceDocument

    sha256 = f"{w.partnership.pk:064d}"
    return SourceDocument.objects.filter(
        partnership=w.partnership, sha256=sha256
    ).first() or SourceDocument.objects.create(
        partnership=w.partnership,
        body=w.body,
        meeting=w.meeting,
        file=ContentFile(INTAKE_MINUTES, name="minutes.txt"),
        original_filename="minutes.txt",
        sha256=sha256,
        size=len(INTAKE_MINUTES),
        blocks=[[None, 1, "text", "5. Joint strategy"]],
    )


def _intake_review(w: World) -> models.Model:
    """The world's review of its meeting, with two proposals awaiting a decision (made once per world)."""
    from traction.intake.models import Proposal, Review

    review = Review.objects.filter(partnership=w.partnership, origin_key="urlspec").first()
    if review is None:
        review = Review.objects.create(
            partnership=w.partnership,
            body=w.body,
            meeting=w.meeting,
            document_title="minutes.txt",
            origin={"kind": "urlspec"},
            origin_key="urlspec",
        )
        for position, (number, title) in enumerate([("5", "Joint strategy"), ("6", "Winter pressures")]):
            Proposal.objects.create(
                partnership=w.partnership,
                review=review,
                position=position,
                original={
                    "number": number,
                    "title": title,
                    "outcome": "noted",
                    "evidence": "",
                    "resolution": "Noted.",
                    "actions": [{"text": "Report back", "owner": None, "due": None, "source": {}}],
                    "source": {"page": None, "line": 3},
                },
            )
    return review


def _intake_proposal(w: World) -> models.Model:
    return _intake_review(w).proposals.order_by("position").last()  # type: ignore[attr-defined]


def _intake_decide(w: World) -> dict[str, Any]:
    """Reject the world's last proposal; creates nothing (a refused POST must leave every table as it was)."""
    from traction.intake.models import Proposal

    last = (
        Proposal.objects.filter(partnership=w.partnership, review__origin_key="urlspec")
        .order_by("position")
        .last()
    )
    return {"decision": "reject", "proposals": [last.pk] if last else []}


def _intake_models() -> tuple[type[models.Model], ...]:
    from traction.intake.models import Proposal, Review, SourceDocument

    return SourceDocument, Review, Proposal


_DOC, _REVIEW, _PROPOSAL = _intake_models()
INTAKE: dict[str, Spec] = {
    "document-list": Spec("page", _DOC, "view"),
    "document-upload-body": Spec("form", _DOC, "add", _w("body"), _intake_upload, multipart=True),
    "document-upload-meeting": Spec("form", _DOC, "add", _w("meeting"), _intake_upload, multipart=True),
    "document-detail": Spec("page", _DOC, "view", _intake_document),
    "document-status": Spec("page", _DOC, "view", _intake_document),
    "document-download": Spec("page", _DOC, "view", _intake_document),
    "document-retry": Spec("post", _DOC, "change", _intake_document, lambda w: {}),
    "review-list": Spec("page", _REVIEW, "view"),
    "review-detail": Spec("form", _REVIEW, "change", _intake_review, _intake_decide),
    "review-meeting": Spec("form", _REVIEW, "change", _intake_review, lambda w: {"meeting": w.meeting.pk}),
    "review-add-item": Spec(
        "form",
        _REVIEW,
        "change",
        _intake_review,
        lambda w: {"number": "7", "title": "Date of next meeting", "outcome": "procedural", "resolution": ""},
    ),
    "review-labels": Spec("page", _REVIEW, "view", _intake_review),
    "proposal-update": Spec(
        "form",
        _PROPOSAL,
        "change",
        _intake_proposal,
        lambda w: {
            "number": "6",
            "title": "Winter pressures",
            "outcome": "noted",
            "resolution": "Noted.",
            "action_0_text": "Report back in May",
            "action_0_owner": "",
            "action_0_due": "",
        },
    ),
    "proposal-split": Spec(
        "form",
        _PROPOSAL,
        "change",
        _intake_proposal,
        lambda w: {"number": "6b", "title": "Winter vaccination", "move_actions": ["0"]},
    ),
}


# Confidential listening and themes (traction.listening). Every record is its exercise's facilitators' only:
# the targets belong to an exercise facilitated by the "facilitator" member (tests/listening/kit.py).
def _listening() -> dict[str, Spec]:
    from listening import kit
    from traction.listening.models import Highlight, ListeningExercise, ListeningNote, Theme

    def facilitators(w: World) -> list[int]:
        user = kit.facilitator_in(w.partnership)
        return [user.pk] if user else []

    def note_data(w: World) -> dict[str, Any]:
        return {
            "participant": w.person.pk,
            "held_on": "2025-05-06",
            "setting": "By phone",
            "facts": kit.FACTS + " More.",
            "feelings": kit.FEELINGS,
            "may_count": "on",
        }

    return {
        "exercise-list": Spec("page", ListeningExercise, "view"),
        "exercise-create": Spec(
            "form",
            ListeningExercise,
            "add",
            data=lambda w: {
                "title": "Listening to housing leads",
                "purpose": "Why is the housing plan stuck?",
                "facilitators": facilitators(w),
                "participants": [w.person.pk],
                "starts_on": "2025-05-01",
                "ends_on": "2025-06-30",
                "status": "listening",
                "retain_until": _date(datetime.date.today() + datetime.timedelta(days=365)),
            },
        ),
        "exercise-detail": Spec("page", ListeningExercise, "view", kit.world_exercise),
        "exercise-update": Spec(
            "form",
            ListeningExercise,
            "change",
            kit.world_exercise,
            lambda w: {
                "title": "Listening to the board, spring",
                "purpose": "",
                "facilitators": facilitators(w),
                "participants": [w.person.pk, w.other_person.pk],
                "starts_on": "",
                "ends_on": "",
                "status": "analysing",
            },
        ),
        "note-create": Spec("form", ListeningNote, "add", kit.world_exercise, note_data),
        "note-detail": Spec("page", ListeningNote, "view", kit.world_note),
        "note-update": Spec("form", ListeningNote, "change", kit.world_note, note_data),
        "note-delete": Spec(
            "delete", ListeningNote, "delete", lambda w: kit.make_note(kit.world_exercise(w))
        ),
        "note-names": Spec(
            "form",
            ListeningNote,
            "change",
            lambda w: kit.make_note(
                kit.world_exercise(w), facts=f"{w.person.name} chairs it.", names_reviewed=False
            ),
            lambda w: {"names": [w.person.name]},
        ),
        "highlight-create": Spec(
            "form",
            Highlight,
            "add",
            kit.world_note,
            lambda w: {
                "field": "feelings",
                "snippet": "a bit cynical",
                "start": "",
                "themes": kit.made_theme_pks(w),
            },
        ),
        "highlight-themes": Spec(
            "post",
            ListeningNote,
            "change",
            kit.world_note,
            lambda w: {
                "highlights": list(kit.world_note(w).highlights.values_list("pk", flat=True)),
                "theme": (kit.made_theme_pks(w) or [""])[0],
                "change": "remove",
            },
        ),
        "highlight-delete": Spec(
            "delete", Highlight, "delete", lambda w: kit.make_highlight(kit.world_note(w))
        ),
        "theme-list": Spec("page", Theme, "view", kit.world_exercise),
        "theme-create": Spec(
            "form",
            Theme,
            "add",
            kit.world_exercise,
            lambda w: {
                "name": "Time to think",
                "description": "",
                "parent": (kit.made_theme_pks(w) or [""])[0],
            },
        ),
        "theme-update": Spec(
            "form",
            Theme,
            "change",
            kit.world_theme,
            lambda w: {"name": "Papers and reading", "description": "Board papers", "parent": ""},
        ),
        "theme-merge": Spec(
            "form",
            Theme,
            "change",
            lambda w: kit.make_theme(kit.world_exercise(w)),
            lambda w: {"target": (kit.made_theme_pks(w) or [""])[0]},
        ),
        "theme-suggestions": Spec("page", Theme, "view", kit.world_exercise),
        "theme-accept": Spec(
            "post", Theme, "add", kit.world_exercise, lambda w: {"key": kit.suggestion_key(w), "name": ""}
        ),
        "codebook-export": Spec("page", Theme, "view", kit.world_exercise),
        "nametoken-list": Spec("page", ListeningExercise, "view", kit.world_exercise),
    }


LISTENING: dict[str, Spec] = _listening()


# Problem trees, shared pictures, agreement rounds and awaydays (traction.workshop); the records come from
# tests/workshop/kit.py. Nodes and links are written by changing their tree.
def _workshop() -> dict[str, Spec]:
    from traction.workshop.models import (
        AgreementRound,
        Awayday,
        NodeLink,
        Position,
        ProblemNode,
        ProblemTree,
        SharedPicture,
    )
    from workshop import kit

    tree = {"title": "Why the plan is stuck", "description": "", "exercise": "", "k": "3"}
    node = {"kind": "cause", "label": "Board papers arrive too late to read", "detail": "", "inference": "on"}

    def round_(w: World) -> dict[str, Any]:
        return {
            "title": "We agree to change the agenda",
            "proposal": "Half of each agenda for decisions.",
            "scale": "gradient",
            "anonymous": "on",
            "body": w.body.pk,
            "tree": "",
            "picture": "",
        }

    def awayday(w: World) -> dict[str, Any]:
        return {
            "title": "Spring awayday",
            "date": "2025-06-10",
            "rounds": "2",
            "turn_minutes": "5",
            "participants": [w.person.pk, w.other_person.pk],
        }

    specs = {
        "workshop-home": Spec("page", None, "view"),
        "tree-create": Spec("form", ProblemTree, "add", data=lambda w: tree),
        "tree-detail": Spec("page", ProblemTree, "view", kit.world_tree),
        "tree-update": Spec("form", ProblemTree, "change", kit.world_tree, lambda w: {**tree, "k": "4"}),
        "tree-delete": Spec("delete", ProblemTree, "delete", lambda w: kit.make_tree(w.partnership)),
        "tree-objectives": Spec("post", ProblemTree, "add", kit.world_tree, lambda w: {}),
        "node-create": Spec("form", ProblemNode, "add", kit.world_tree, lambda w: node),
        "node-grow": Spec(
            "post",
            ProblemNode,
            "add",
            kit.world_tree,
            lambda w: {
                "parent": kit.core_of(kit.world_tree(w)).pk,
                "kind": "cause",
                "label": "Agendas are overfull",
                "theme": "",
            },
        ),
        "node-update": Spec("form", ProblemNode, "change", kit.world_node, lambda w: node),
        "node-delete": Spec("delete", ProblemNode, "delete", kit.fresh_node),
        "link-create": Spec(
            "form",
            NodeLink,
            "add",
            kit.world_tree,
            lambda w: {"source": kit.spare_cause(w).pk, "target": kit.core_of(kit.world_tree(w)).pk},
        ),
        "link-delete": Spec("delete", NodeLink, "delete", kit.fresh_link),
        "picture-publish": Spec(
            "form",
            ProblemTree,
            "change",
            kit.world_tree,
            lambda w: {"title": "What we heard", "introduction": ""},
        ),
        "picture-list": Spec("page", SharedPicture, "view"),
        "picture-detail": Spec("page", SharedPicture, "view", kit.world_picture),
        "round-create": Spec("form", AgreementRound, "add", data=round_),
        "round-detail": Spec("page", AgreementRound, "view", kit.world_round),
        "round-update": Spec("form", AgreementRound, "change", kit.fresh_draft, round_),
        "round-open": Spec("post", AgreementRound, "change", kit.fresh_draft, lambda w: {}),
        "position-take": Spec(
            "form", Position, "add", kit.fresh_open, lambda w: {"value": "3", "comment": ""}
        ),
        "round-reveal": Spec("post", AgreementRound, "change", kit.fresh_open, lambda w: {}),
        "round-close": Spec(
            "form",
            AgreementRound,
            "change",
            kit.fresh_revealed,
            lambda w: {
                "meeting": w.meeting.pk,
                "resolution": "The board agreed the picture.",
                "actions": "Circulate the agreed picture | 2025-06-30",
            },
        ),
        "round-repoll": Spec(
            "form",
            AgreementRound,
            "add",
            kit.fresh_revealed,
            lambda w: {
                "title": "This picture is right",
                "proposal": "The amended picture describes our situation.",
            },
        ),
        "awayday-create": Spec("form", Awayday, "add", data=awayday),
        "awayday-detail": Spec("page", Awayday, "view", kit.world_awayday),
        "awayday-update": Spec("form", Awayday, "change", kit.world_awayday, awayday),
        "awayday-delete": Spec("delete", Awayday, "delete", kit.fresh_awayday),
    }
    for fmt in ("svg", "png", "pdf", "json"):
        specs[f"tree-export-{fmt}"] = Spec("page", ProblemTree, "view", kit.world_tree)
        specs[f"picture-export-{fmt}"] = Spec("page", SharedPicture, "view", kit.world_picture)
    return specs


WORKSHOP: dict[str, Spec] = _workshop()


# Shared direction and partnership health (traction.direction): each area's specs are in tests/direction.
def _direction() -> dict[str, Spec]:
    from direction import spec_health, spec_indicators, spec_pulse, spec_statements

    return {
        **spec_statements.specs(),
        **spec_indicators.specs(),
        **spec_health.specs(),
        **spec_pulse.specs(),
    }


DIRECTION: dict[str, Spec] = _direction()


# The commissioning cycle (traction.commissioning): each area's specs are in tests/commissioning.
def _commissioning() -> dict[str, Spec]:
    from commissioning import spec_appraisals, spec_portfolio, spec_strategies

    return {**spec_strategies.specs(), **spec_appraisals.specs(), **spec_portfolio.specs()}


COMMISSIONING: dict[str, Spec] = _commissioning()


# Stakeholders and structural change (traction.stakeholders): each area's specs are in tests/stakeholders.
def _stakeholders() -> dict[str, Spec]:
    from stakeholders import spec_network, spec_options, spec_stakeholders, spec_structures

    return {
        **spec_stakeholders.specs(),
        **spec_options.specs(),
        **spec_structures.specs(),
        **spec_network.specs(),
    }


STAKEHOLDERS: dict[str, Spec] = _stakeholders()


# Development programmes and whole-system events (traction.programmes): each area's specs are in
# tests/programmes.
def _programmes() -> dict[str, Spec]:
    from programmes import spec_events, spec_feedback, spec_learningsets, spec_programmes

    return {
        **spec_programmes.specs(),
        **spec_feedback.specs(),
        **spec_learningsets.specs(),
        **spec_events.specs(),
    }


PROGRAMMES: dict[str, Spec] = _programmes()


# Personal data (traction.privacy): erasure and the subject-access export, admins only.
def _personal_data_model() -> Any:
    from traction.privacy.models import PersonalData

    return PersonalData


PRIVACY: dict[str, Spec] = {
    "person-erase": Spec("delete", _personal_data_model(), "delete", lambda w: make_person(w.partnership)),
    "person-export": Spec("page", _personal_data_model(), "view", _w("person")),
}


# Reminder emails (traction.reminders): admins and secretaries set them; every member chooses their own.
def _reminder_settings_model() -> Any:
    from traction.reminders.models import ReminderSettings

    return ReminderSettings


def _own_people(w: World) -> dict[str, Any]:
    """Link every member of the partnership to a person with an email, so each one has reminders to stop."""
    for membership in Membership.objects.filter(partnership=w.partnership).select_related("user"):
        if not Person.objects.filter(partnership=w.partnership, user=membership.user).exists():
            make_person(w.partnership, user=membership.user, email=f"{membership.user.username}@example.org")
    return {"receive": "no"}


def _pack_mailing_model() -> Any:
    from traction.reminders.models import PackMailing

    return PackMailing


def _upcoming_meeting(w: World) -> models.Model:
    """A meeting of the body a week ahead, whose chair has an email address: its pack can be sent."""
    Person.objects.filter(pk=w.person.pk).update(email="alex.director@example.org")
    start = timezone.now() + datetime.timedelta(days=7)
    return make_meeting(w.partnership, body=w.body, start=start, location="Civic Centre")


REMINDERS: dict[str, Spec] = {
    "settings": Spec(
        "form",
        _reminder_settings_model(),
        "change",
        data=lambda w: {"enabled": "on", "cadence": "weekly", "weekday": "0", "days_ahead": "14"},
    ),
    "preferences": Spec("form", None, "view", data=_own_people),
    "arising-pack-send": Spec("form", _pack_mailing_model(), "add", _upcoming_meeting, lambda w: {}),
}


PARTNERSHIP_URLS: dict[str, Spec] = {
    **{f"governance:{name}": spec for name, spec in GOVERNANCE.items()},
    **{f"diagnosis:{name}": spec for name, spec in DIAGNOSIS.items()},
    **{f"imports:{name}": spec for name, spec in IMPORTS.items()},
    **{f"intake:{name}": spec for name, spec in INTAKE.items()},
    **{f"listening:{name}": spec for name, spec in LISTENING.items()},
    **{f"workshop:{name}": spec for name, spec in WORKSHOP.items()},
    **{f"direction:{name}": spec for name, spec in DIRECTION.items()},
    **{f"commissioning:{name}": spec for name, spec in COMMISSIONING.items()},
    **{f"stakeholders:{name}": spec for name, spec in STAKEHOLDERS.items()},
    **{f"programmes:{name}": spec for name, spec in PROGRAMMES.items()},
    **{f"privacy:{name}": spec for name, spec in PRIVACY.items()},
    **{f"reminders:{name}": spec for name, spec in REMINDERS.items()},
    **CORE,
}


def url_for(
    name: str, spec: Spec, world: World, *, slug: str | None = None, target: models.Model | None = None
) -> str:
    kwargs: dict[str, Any] = {"slug": slug or world.partnership.slug}
    if spec.target is not None:
        kwargs["pk"] = (target or spec.target(world)).pk
    url = reverse(name, kwargs=kwargs)
    if "query" in spec.extra:
        from urllib.parse import urlencode

        url += "?" + urlencode(spec.extra["query"])
    return url
