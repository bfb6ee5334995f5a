"""The JSON API, version 1: thin endpoints over the selectors and services the web pages use.

Every request carries a personal token (``Authorization: Bearer …``). The token names one partnership and a
scope; its user's role in that partnership, read afresh at each request, decides the rest through
``traction.core.policy``, exactly as for the web pages. A partnership the token is not for, or a record of
another partnership, is a 404; a write with a read-only token, or one the role does not allow, is a 403.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, ProtectedError, Q, QuerySet, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from traction.api import schemas as s
from traction.api.models import ApiToken
from traction.api.services import token_authenticate
from traction.core import policy
from traction.core import services as core_services
from traction.core.ids import MAX_ID
from traction.core.models import Partnership
from traction.core.views import protected_message
from traction.governance import selectors, services
from traction.governance.forms import (
    ActionAddUpdateForm,
    ActionCloseForm,
    ActionForm,
    ActionReviseDueForm,
    AgendaItemForm,
    MeetingForm,
)
from traction.governance.models import Action, ActionStatus, AgendaItem, Body, Meeting

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
READ_ONLY = "This token may only read. Make a read-and-write token to change records."
UNAUTHORISED = "Send a valid personal API token: Authorization: Bearer <token>."
INVALID = "The request is not valid."
ERRORS: dict[int, type[s.Error]] = {401: s.Error, 404: s.Error, 422: s.Error}
WRITE_ERRORS: dict[int, type[s.Error]] = {**ERRORS, 400: s.Error, 403: s.Error}


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return token_authenticate(secret=token)


def signed_in_or_token(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI document is for those who may use the API: a signed-in user or a valid token."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        if request.user.is_authenticated or (
            scheme.lower() == "bearer" and token_authenticate(secret=secret.strip()) is not None
        ):
            return view(request, *args, **kwargs)
        return JsonResponse({"detail": UNAUTHORISED}, status=401, headers={"WWW-Authenticate": "Bearer"})

    return wrapped


class TractionApi(NinjaAPI):
    """Adds an ETag to every successful read (``If-None-Match`` answers 304) and keeps answers out of shared
    caches: a client may keep one and ask again, a proxy may not."""

    def create_response(self, request: HttpRequest, data: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, data, *args, **kwargs)
        response["Cache-Control"] = "private, no-cache"
        response["Vary"] = "Authorization"
        if request.method == "GET" and response.status_code == 200:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            asked = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
            if etag in asked or "*" in asked:
                not_modified = HttpResponseNotModified()
                for header in ("ETag", "Cache-Control", "Vary"):
                    not_modified[header] = response[header]
                return not_modified
        return response


api = TractionApi(
    title="Traction API",
    version="1",
    description="The partnership record as JSON. See docs/api.md.",
    urls_namespace="api-v1",
    auth=TokenAuth(),
    # The default docs page loads scripts from a CDN: /api/v1/docs/ is a page of the site instead.
    docs_url=None,
    docs_decorator=signed_in_or_token,
)


def _error(request: HttpRequest, detail: Any, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, policy.NOT_FOUND, 404)


@api.exception_handler(PermissionDenied)
def _refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, str(exc) or policy.REFUSED, 403)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(request, UNAUTHORISED, 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return _error(request, detail, 400)


@api.exception_handler(NinjaValidationError)
def _unprocessable(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    problems = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return _error(request, problems, 422)


# ---- the token's partnership, read afresh ------------------------------------------------------------


def _token(request: HttpRequest) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token


def _reader(request: HttpRequest, slug: str) -> tuple[Any, Partnership]:
    """The token's user and partnership: 404 for any other slug, or when the user has left it."""
    token = _token(request)
    if slug != token.partnership.slug:
        raise Http404(policy.NOT_FOUND)
    return token.user, policy.partnership_for(user=token.user, slug=slug)


def _writer(request: HttpRequest, slug: str) -> tuple[Any, Partnership]:
    user, partnership = _reader(request, slug)
    if not _token(request).can_write:
        raise PermissionDenied(READ_ONLY)
    return user, partnership


def _page(
    items: QuerySet[Any], limit: int, offset: int, out: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    return {
        "count": items.count(),
        "limit": limit,
        "offset": offset,
        "items": [out(item) for item in items[offset : offset + limit]],
    }


def _form_errors(form: Any) -> ValidationError:
    return ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})


# ---- how records are written out -----------------------------------------------------------------------


def _ref(record: Model | None) -> dict[str, Any] | None:
    return None if record is None else {"id": record.pk, "name": getattr(record, "name", str(record))}


def _body(body: Body) -> dict[str, Any]:
    return {
        "id": body.pk,
        "name": body.name,
        "kind": body.kind,
        "parent_id": body.parent_id,
        "purpose": body.purpose,
    }


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "body": _ref(meeting.body),
        "start": meeting.start,
        "duration_minutes": meeting.duration_minutes,
        "location": meeting.location,
        "status": meeting.status,
    }


def _item(item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "order": item.order,
        "number": item.number,
        "title": item.title,
        "purpose": item.purpose,
        "outcome": item.outcome,
        "resolution": item.resolution,
        "topic": item.topic,
    }


def _decision(item: AgendaItem) -> dict[str, Any]:
    return {
        **_item(item),
        "meeting_id": item.meeting_id,
        "body": _ref(item.meeting.body),
        "date": item.meeting.date,
    }


def _action(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "body": _ref(action.body),
        "agenda_item_id": action.agenda_item_id,
        "minute_reference": action.minute_reference,
        "text": action.text,
        "lead": _ref(action.lead),
        "lead_organisation": _ref(action.lead_organisation),
        "original_due_date": action.original_due_date,
        "due_date": action.due_date,
        "status": action.status,
        "completed_on": action.completed_on,
        "held_over": action.held_over,
        "overdue": action.is_overdue,
        "created_at": action.created_at,
    }


def _action_detail(action: Action) -> dict[str, Any]:
    return {
        **_action(action),
        "updates": [{"id": u.pk, "on": u.on, "note": u.note} for u in action.updates.order_by("on", "id")],
        "revisions": [
            {
                "id": r.pk,
                "previous_due_date": r.previous_due_date,
                "new_due_date": r.new_due_date,
                "reason": r.reason,
                "changed_at": r.changed_at,
            }
            for r in action.revisions.order_by("changed_at", "id")
        ],
    }


# ---- reads ---------------------------------------------------------------------------------------------

Limit = Query(50, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT} a page.")
Offset = Query(0, ge=0, le=MAX_OFFSET)
Id = Path(..., ge=1, le=MAX_ID)


def _id_filter(description: str) -> Any:
    return Query(None, ge=1, le=MAX_ID, description=description)


@api.get("/partnerships/", response={200: list[s.PartnershipOut], **ERRORS}, tags=["partnerships"])
def partnership_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The partnership this token is for, while its user is still a member (else an empty list)."""
    token = _token(request)
    role = policy.role_of(user=token.user, partnership=token.partnership)
    if role is None:
        return []
    return [{"slug": token.partnership.slug, "name": token.partnership.name, "role": role}]


@api.get("/partnerships/{slug}/", response={200: s.PartnershipOut, **ERRORS}, tags=["partnerships"])
def partnership_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    user, partnership = _reader(request, slug)
    role = policy.role_of(user=user, partnership=partnership) or ""
    return {"slug": partnership.slug, "name": partnership.name, "role": role}


@api.get("/partnerships/{slug}/bodies/", response={200: s.BodyPage, **ERRORS}, tags=["record"])
def body_list(request: HttpRequest, slug: str, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    user, partnership = _reader(request, slug)
    bodies = policy.permitted(user=user, partnership=partnership, action="view", model=Body)
    return _page(bodies.order_by("name", "id"), limit, offset, _body)


@api.get("/partnerships/{slug}/meetings/", response={200: s.MeetingPage, **ERRORS}, tags=["record"])
def meeting_list(
    request: HttpRequest,
    slug: str,
    body: int | None = _id_filter("Only this body's meetings."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Newest first."""
    user, partnership = _reader(request, slug)
    chosen = _body_or_404(user, partnership, body)
    meetings = policy.permitted(user=user, partnership=partnership, action="view", model=Meeting)
    if chosen is not None:
        meetings = meetings.filter(body=chosen)
    return _page(meetings.select_related("body").order_by("-start", "-id"), limit, offset, _meeting)


@api.get(
    "/partnerships/{slug}/meetings/{meeting_id}/",
    response={200: s.MeetingDetailOut, **ERRORS},
    tags=["record"],
)
def meeting_detail(request: HttpRequest, slug: str, meeting_id: int = Id) -> dict[str, Any]:
    """A meeting with its agenda items and their outcomes."""
    user, partnership = _reader(request, slug)
    return _meeting_detail(user, partnership, meeting_id)


@api.get("/partnerships/{slug}/decisions/", response={200: s.DecisionPage, **ERRORS}, tags=["record"])
def decision_list(
    request: HttpRequest,
    slug: str,
    body: int | None = _id_filter("Only this body's decisions."),
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Items decided, newest meeting first."""
    user, partnership = _reader(request, slug)
    chosen = _body_or_404(user, partnership, body)
    items = selectors.decision_list_for(
        user=user, partnership=partnership, body=chosen, date_from=date_from, date_to=date_to
    )
    return _page(items, limit, offset, _decision)


def _body_or_404(user: Any, partnership: Partnership, pk: int | None) -> Body | None:
    if pk is None:
        return None
    body: Body = policy.get_permitted(user=user, partnership=partnership, action="view", model=Body, pk=pk)
    return body


@api.get("/partnerships/{slug}/actions/", response={200: s.ActionPage, **ERRORS}, tags=["actions"])
def action_list(
    request: HttpRequest,
    slug: str,
    body: int | None = _id_filter("Only this body's actions."),
    owner: int | None = _id_filter("Only actions this person leads."),
    status: ActionStatus | None = None,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Actions by due date (no date last), then id."""
    user, partnership = _reader(request, slug)
    chosen = _body_or_404(user, partnership, body)
    actions = selectors.action_list_for(
        user=user, partnership=partnership, view="all", body=chosen, lead_id=owner
    )
    if status is not None:
        actions = actions.filter(status=status)
    if due_from is not None:
        actions = actions.filter(due_date__gte=due_from)
    if due_to is not None:
        actions = actions.filter(Q(due_date__lte=due_to))
    ordered = actions.order_by("due_date", "id")
    return _page(ordered, limit, offset, _action)


@api.get(
    "/partnerships/{slug}/actions/{action_id}/",
    response={200: s.ActionDetailOut, **ERRORS},
    tags=["actions"],
)
def action_detail(request: HttpRequest, slug: str, action_id: int = Id) -> dict[str, Any]:
    """An action with its progress updates and due-date revisions."""
    user, partnership = _reader(request, slug)
    return _action_detail(_get_action(user, partnership, action_id))


def _get_action(user: Any, partnership: Partnership, pk: int) -> Action:
    action: Action = policy.get_permitted(
        user=user, partnership=partnership, action="view", model=Action, pk=pk
    )
    return action


# ---- writes: the same services (and so the same checks, validation and audit) as the web pages -------------


def _action_change(user: Any, partnership: Partnership, form: forms.BaseForm) -> dict[str, Any]:
    """The web page's form for a change to an action, checked after the role's right to make it."""
    policy.require_write(user=user, partnership=partnership, action="change", model=Action)
    if not form.is_valid():
        raise _form_errors(form)
    return form.cleaned_data


@api.post(
    "/partnerships/{slug}/actions/", response={201: s.ActionDetailOut, **WRITE_ERRORS}, tags=["actions"]
)
def action_create(request: HttpRequest, slug: str, payload: s.ActionIn) -> Status[dict[str, Any]]:
    user, partnership = _writer(request, slug)
    policy.require_write(user=user, partnership=partnership, action="add", model=Action)
    data = payload.dict()
    form = ActionForm(data={k: "" if v is None else v for k, v in data.items()}, partnership=partnership)
    if not form.is_valid():
        raise _form_errors(form)
    action = services.action_create(actor=user, partnership=partnership, data=form.cleaned_data)
    return Status(201, _action_detail(action))


@api.post(
    "/partnerships/{slug}/actions/{action_id}/status/",
    response={200: s.ActionDetailOut, **WRITE_ERRORS},
    tags=["actions"],
)
def action_status(
    request: HttpRequest, slug: str, payload: s.StatusIn, action_id: int = Id
) -> dict[str, Any]:
    """Close an action (done needs ``completed_on``) or reopen it."""
    user, partnership = _writer(request, slug)
    action = _get_action(user, partnership, action_id)
    if payload.status == ActionStatus.OPEN:
        services.action_set_status(actor=user, action=action, status=ActionStatus.OPEN)
    else:
        form = ActionCloseForm(
            data={k: "" if v is None else v for k, v in payload.dict().items()}, partnership=partnership
        )
        if not form.is_valid():
            raise _form_errors(form)
        data = form.cleaned_data
        services.action_set_status(
            actor=user,
            action=action,
            status=data["status"],
            completed_on=data.get("completed_on"),
            note=data.get("note") or "",
        )
    return _action_detail(_get_action(user, partnership, action_id))


@api.post(
    "/partnerships/{slug}/actions/{action_id}/due-date/",
    response={200: s.ActionDetailOut, **WRITE_ERRORS},
    tags=["actions"],
)
def action_revise_due(
    request: HttpRequest, slug: str, payload: s.DueDateIn, action_id: int = Id
) -> dict[str, Any]:
    """A new due date, with the reason for the change (kept in the action's history)."""
    user, partnership = _writer(request, slug)
    action = _get_action(user, partnership, action_id)
    data = _action_change(user, partnership, ActionReviseDueForm(_sent(payload), partnership=partnership))
    services.action_revise_due(
        actor=user, action=action, new_due_date=data["new_due_date"], reason=data["reason"]
    )
    return _action_detail(_get_action(user, partnership, action_id))


@api.post(
    "/partnerships/{slug}/actions/{action_id}/updates/",
    response={201: s.ActionDetailOut, **WRITE_ERRORS},
    tags=["actions"],
)
def action_add_update(
    request: HttpRequest, slug: str, payload: s.UpdateIn, action_id: int = Id
) -> Status[dict[str, Any]]:
    """A dated progress note on an action."""
    user, partnership = _writer(request, slug)
    action = _get_action(user, partnership, action_id)
    data = _action_change(user, partnership, ActionAddUpdateForm(_sent(payload), partnership=partnership))
    services.action_add_update(actor=user, action=action, note=data["note"], on=data.get("on"))
    return Status(201, _action_detail(_get_action(user, partnership, action_id)))


# ---- writes: meetings and agenda items, through the same forms and services as the secretary's pages -------

NO_PAPERS = "This meeting has no papers to link to the item."


def _form_data(form: forms.BaseForm) -> dict[str, Any]:
    """What a form shows for its record now, as the data that would send it back unchanged."""
    return {name: form[name].value() for name in form.fields}


def _sent(payload: s.Schema, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """Form data from a payload, over ``base`` (a partial change sends only what it changes; the rest stays as
    it is). A ``null`` is a blank field; a time goes as text, so that one with a time zone is refused as the
    web form refuses it."""
    sent = payload.dict(exclude_unset=base is not None)
    for name, value in sent.items():
        if value is None:
            sent[name] = ""
        elif isinstance(value, datetime.time):
            sent[name] = value.isoformat()
    return {**(base or {}), **sent}


def _get_meeting(user: Any, partnership: Partnership, pk: int) -> Meeting:
    meeting: Meeting = selectors.meeting_detail_for(user=user, partnership=partnership, pk=pk)
    return meeting


def _get_item(user: Any, partnership: Partnership, pk: int) -> AgendaItem:
    item: AgendaItem = policy.get_permitted(
        user=user, partnership=partnership, action="view", model=AgendaItem, pk=pk
    )
    return item


def _meeting_detail(user: Any, partnership: Partnership, pk: int) -> dict[str, Any]:
    meeting = _get_meeting(user, partnership, pk)
    items = policy.permitted(user=user, partnership=partnership, action="view", model=AgendaItem)
    return {
        **_meeting(meeting),
        "items": [_item(i) for i in items.filter(meeting=meeting).order_by("order", "id")],
    }


def _agenda_item(item: AgendaItem) -> dict[str, Any]:
    return {
        **_item(item),
        "meeting_id": item.meeting_id,
        "time_allotted_minutes": item.time_allotted_minutes,
        "papers": sorted(item.papers.values_list("pk", flat=True)),
    }


def _only_sent(data: dict[str, Any], payload: s.Schema, also: set[str] | None = None) -> dict[str, Any]:
    """The fields a partial change sent (and ``also``): the service writes only these, under its lock, so a
    change made meanwhile to any other field is kept."""
    sent = payload.model_fields_set | (also or set())
    return {name: value for name, value in data.items() if name in sent}


def _valid(form: forms.BaseForm, sent: s.Schema) -> dict[str, Any]:
    """The form's cleaned data, or a 400 naming each field it refused (as the web page would show them)."""
    if not form.is_valid():
        raise _form_errors(form)
    if getattr(sent, "papers", None) and "papers" not in form.fields:
        raise ValidationError({"papers": [NO_PAPERS]})
    return form.cleaned_data


@api.post(
    "/partnerships/{slug}/meetings/",
    response={201: s.MeetingDetailOut, **WRITE_ERRORS},
    tags=["meetings"],
)
def meeting_create(request: HttpRequest, slug: str, payload: s.MeetingIn) -> Status[dict[str, Any]]:
    """A meeting of a body: its date and local start time, duration, place and status."""
    user, partnership = _writer(request, slug)
    policy.require_write(user=user, partnership=partnership, action="add", model=Meeting)
    form = MeetingForm(_sent(payload), partnership=partnership)
    _valid(form, payload)
    meeting = core_services.record_create(
        actor=user, partnership=partnership, model=Meeting, data=form.service_data()
    )
    return Status(201, _meeting_detail(user, partnership, meeting.pk))


@api.patch(
    "/partnerships/{slug}/meetings/{meeting_id}/",
    response={200: s.MeetingDetailOut, **WRITE_ERRORS},
    tags=["meetings"],
)
def meeting_update(
    request: HttpRequest, slug: str, payload: s.MeetingChangeIn, meeting_id: int = Id
) -> dict[str, Any]:
    """Change what is sent: the body, date, start time, duration, place or status. Marking a meeting held
    (``…/held/``) also holds over its body's open actions; setting the status here does not, as on the
    meeting's edit page."""
    user, partnership = _writer(request, slug)
    meeting = _get_meeting(user, partnership, meeting_id)
    policy.require_write(user=user, partnership=partnership, action="change", model=Meeting)
    current = _form_data(MeetingForm(instance=meeting, partnership=partnership))
    form = MeetingForm(_sent(payload, current), instance=copy.copy(meeting), partnership=partnership)
    _valid(form, payload)
    moved = {"start"} if {"date", "time"} & payload.model_fields_set else set()
    data = _only_sent(form.service_data(), payload, also=moved)
    core_services.record_update(actor=user, instance=meeting, data=data)
    return _meeting_detail(user, partnership, meeting_id)


@api.post(
    "/partnerships/{slug}/meetings/{meeting_id}/held/",
    response={200: s.MeetingHeldOut, **WRITE_ERRORS},
    tags=["meetings"],
)
def meeting_mark_held(request: HttpRequest, slug: str, meeting_id: int = Id) -> dict[str, Any]:
    """The meeting took place: open actions of its body already due by then are held over once more. A
    meeting already held stays as it is (nothing held over twice); a cancelled one is refused."""
    user, partnership = _writer(request, slug)
    meeting = _get_meeting(user, partnership, meeting_id)
    count = services.meeting_mark_held(actor=user, meeting=meeting)
    return {**_meeting(_get_meeting(user, partnership, meeting_id)), "held_over": count}


@api.delete(
    "/partnerships/{slug}/meetings/{meeting_id}/",
    response={204: None, **WRITE_ERRORS},
    tags=["meetings"],
)
def meeting_delete(request: HttpRequest, slug: str, meeting_id: int = Id) -> Status[None]:
    """The meeting, with its agenda items and attendance; refused while other records depend on it."""
    user, partnership = _writer(request, slug)
    _delete(user, _get_meeting(user, partnership, meeting_id))
    return Status(204, None)


def _delete(user: Any, record: Model) -> None:
    try:
        core_services.record_delete(actor=user, instance=record)
    except (ProtectedError, RestrictedError) as exc:
        raise ValidationError(protected_message(record, exc)) from exc


@api.post(
    "/partnerships/{slug}/meetings/{meeting_id}/items/",
    response={201: s.AgendaItemOut, **WRITE_ERRORS},
    tags=["meetings"],
)
def agendaitem_create(
    request: HttpRequest, slug: str, payload: s.AgendaItemIn, meeting_id: int = Id
) -> Status[dict[str, Any]]:
    """An item added at the end of the meeting's agenda."""
    user, partnership = _writer(request, slug)
    meeting = _get_meeting(user, partnership, meeting_id)
    policy.require_write(user=user, partnership=partnership, action="add", model=AgendaItem)
    form = AgendaItemForm(
        _sent(payload),
        partnership=partnership,
        meeting=meeting,
        instance=AgendaItem(partnership=partnership, meeting=meeting),
    )
    data = _valid(form, payload)
    item = core_services.record_create(
        actor=user,
        partnership=partnership,
        model=AgendaItem,
        data={**data, "meeting": meeting, "order": selectors.agenda_next_place(meeting=meeting)},
    )
    return Status(201, _agenda_item(item))


@api.patch(
    "/partnerships/{slug}/items/{item_id}/",
    response={200: s.AgendaItemOut, **WRITE_ERRORS},
    tags=["meetings"],
)
def agendaitem_update(
    request: HttpRequest, slug: str, payload: s.AgendaItemChangeIn, item_id: int = Id
) -> dict[str, Any]:
    """Change what is sent: the number as printed, title, purpose, time allotted, outcome, resolution, topic
    or supporting papers."""
    user, partnership = _writer(request, slug)
    item = _get_item(user, partnership, item_id)
    policy.require_write(user=user, partnership=partnership, action="change", model=AgendaItem)
    current = _form_data(AgendaItemForm(instance=item, partnership=partnership, meeting=item.meeting))
    form = AgendaItemForm(
        _sent(payload, current), instance=copy.copy(item), partnership=partnership, meeting=item.meeting
    )
    data = _valid(form, payload)
    core_services.record_update(actor=user, instance=item, data=_only_sent(data, payload))
    return _agenda_item(_get_item(user, partnership, item_id))


@api.post(
    "/partnerships/{slug}/items/{item_id}/move/",
    response={200: s.MeetingDetailOut, **WRITE_ERRORS},
    tags=["meetings"],
)
def agendaitem_move(request: HttpRequest, slug: str, payload: s.MoveIn, item_id: int = Id) -> dict[str, Any]:
    """One place up or down the agenda; answers with the meeting's agenda as it now stands."""
    user, partnership = _writer(request, slug)
    item = _get_item(user, partnership, item_id)
    services.agendaitem_move(actor=user, item=item, direction=payload.direction)
    return _meeting_detail(user, partnership, item.meeting_id)


@api.delete(
    "/partnerships/{slug}/items/{item_id}/",
    response={204: None, **WRITE_ERRORS},
    tags=["meetings"],
)
def agendaitem_delete(request: HttpRequest, slug: str, item_id: int = Id) -> Status[None]:
    """The item; actions it gave rise to stay in the log, no longer linked to it."""
    user, partnership = _writer(request, slug)
    _delete(user, _get_item(user, partnership, item_id))
    return Status(204, None)


from traction.api.areas import router as areas_router  # noqa: E402 - it reads this module's helpers

api.add_router("/", areas_router)
