"""What the API answers with and accepts: every field named, typed and documented in the OpenAPI document."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from traction.core.ids import MAX_ID
from traction.governance.models import MeetingStatus, Outcome, Purpose


class Error(Schema):
    detail: Any = Field(description="What went wrong: a sentence, or the problems field by field.")


class PartnershipOut(Schema):
    slug: str
    name: str
    role: str = Field(description="Your role in the partnership; the API gives at most what it gives.")


class Ref(Schema):
    id: int
    name: str


class BodyOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    purpose: str


class MeetingOut(Schema):
    id: int
    body: Ref
    start: datetime.datetime
    duration_minutes: int
    location: str
    status: str


class ItemOut(Schema):
    id: int
    order: int
    number: str
    title: str
    purpose: str
    outcome: str
    resolution: str
    topic: str


class MeetingDetailOut(MeetingOut):
    items: list[ItemOut]


class DecisionOut(ItemOut):
    meeting_id: int
    body: Ref
    date: datetime.date


class ActionOut(Schema):
    id: int
    body: Ref
    agenda_item_id: int | None
    minute_reference: str
    text: str
    lead: Ref | None
    lead_organisation: Ref | None
    original_due_date: datetime.date | None
    due_date: datetime.date | None
    status: str
    completed_on: datetime.date | None
    held_over: int
    overdue: bool
    created_at: datetime.datetime


class UpdateOut(Schema):
    id: int
    on: datetime.date
    note: str


class RevisionOut(Schema):
    id: int
    previous_due_date: datetime.date | None
    new_due_date: datetime.date
    reason: str
    changed_at: datetime.datetime


class ActionDetailOut(ActionOut):
    updates: list[UpdateOut]
    revisions: list[RevisionOut]


class Page(Schema):
    count: int = Field(description="How many there are in all, across every page.")
    limit: int
    offset: int


class BodyPage(Page):
    items: list[BodyOut]


class MeetingPage(Page):
    items: list[MeetingOut]


class DecisionPage(Page):
    items: list[DecisionOut]


class ActionPage(Page):
    items: list[ActionOut]


class ActionIn(Schema):
    body: int = Field(description="The id of the body that owns the action.")
    text: str = Field(max_length=5000)
    minute_reference: str = Field("", max_length=60)
    lead: int | None = Field(None, description="The id of the lead person.")
    lead_organisation: int | None = Field(None, description="The id of the lead organisation.")
    due_date: datetime.date | None = None


class StatusIn(Schema):
    status: Literal["open", "done", "dropped", "superseded"]
    completed_on: datetime.date | None = Field(None, description="Needed when the status is done.")
    note: str = Field("", max_length=5000)


class DueDateIn(Schema):
    new_due_date: datetime.date
    reason: str = Field(max_length=2000, description="Why the date is changing (required).")


class UpdateIn(Schema):
    note: str = Field(max_length=5000)
    on: datetime.date | None = Field(None, description="The date of the update; today when left out.")


# ---- meetings and agenda items, as the secretary keeps them ------------------------------------------------

MAX_MINUTES = 2**31 - 1  # the record's own rules say more (a meeting lasts at most a day)
PaperId = Annotated[int, Field(ge=1, le=MAX_ID)]


class MeetingHeldOut(MeetingOut):
    held_over: int = Field(description="How many open actions already due by the meeting were held over.")


class AgendaItemOut(ItemOut):
    meeting_id: int
    time_allotted_minutes: int | None
    papers: list[int] = Field(description="The ids of the meeting's papers that support the item.")


class MeetingIn(Schema):
    body: int = Field(ge=1, le=MAX_ID, description="The id of the body that meets.")
    date: datetime.date
    time: datetime.time = Field(description="The start time, local to the partnership (HH:MM).")
    duration_minutes: int = Field(120, ge=0, le=MAX_MINUTES, description="Between 1 and 1440.")
    location: str = Field("", max_length=200)
    status: MeetingStatus = MeetingStatus.SCHEDULED


class MeetingChangeIn(Schema):
    """Only the fields sent change; the others keep their values."""

    body: int | None = Field(None, ge=1, le=MAX_ID)
    date: datetime.date | None = None
    time: datetime.time | None = None
    duration_minutes: int | None = Field(None, ge=0, le=MAX_MINUTES)
    location: str | None = Field(None, max_length=200)
    status: MeetingStatus | None = None


class AgendaItemIn(Schema):
    title: str = Field(max_length=500)
    number: str = Field("", max_length=40, description="As printed on the agenda, for example 5 or 5.2.")
    purpose: Purpose = Purpose.DISCUSSION
    time_allotted_minutes: int | None = Field(None, ge=0, le=MAX_MINUTES)
    outcome: Outcome = Outcome.UNCLEAR
    resolution: str = Field("", max_length=50_000)
    topic: str = Field("", max_length=120, description="A short label, letters, digits and hyphens.")
    papers: list[PaperId] = Field(
        default_factory=list, max_length=200, description="Ids of the meeting's own papers."
    )


class AgendaItemChangeIn(Schema):
    """Only the fields sent change; the others keep their values."""

    title: str | None = Field(None, max_length=500)
    number: str | None = Field(None, max_length=40)
    purpose: Purpose | None = None
    time_allotted_minutes: int | None = Field(None, ge=0, le=MAX_MINUTES)
    outcome: Outcome | None = None
    resolution: str | None = Field(None, max_length=50_000)
    topic: str | None = Field(None, max_length=120)
    papers: list[PaperId] | None = Field(None, max_length=200)


class MoveIn(Schema):
    direction: Literal["up", "down"] = Field(description="One place up or down the meeting's agenda.")
