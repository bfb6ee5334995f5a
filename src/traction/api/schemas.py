"""What the API answers with and accepts: every field named, typed and documented in the OpenAPI document."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field


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
