"""Meetings, their agenda items (with the quick outcome form) and attendance."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core import services
from traction.core.htmx import HtmxHttpRequest
from traction.core.views import FormPageView, PartnershipView, RecordDeleteView, paginate
from traction.governance import selectors
from traction.governance import services as governance_services
from traction.governance.forms import (
    MAX_ROWS,
    AgendaItemForm,
    AgendaItemOutcomeForm,
    AgendaItemRowsFormSet,
    AttendanceForm,
    MeetingFilterForm,
    MeetingForm,
)
from traction.governance.models import AgendaItem, Attendance, Meeting

ITEMS_ADDED = "{count} agenda item{s} added."
NEXT_ITEM = "Agenda item added. Add the next one below."
MOVED = "“{item}” moved {direction}."
ROWS_SHOWN = 2
HELD = "Meeting marked as held. {count} open action{s} due by then {verb} held over."


def outcome_prefix(item: AgendaItem) -> str:
    return f"item{item.pk}"


def action_prefix(item: AgendaItem) -> str:
    return f"item{item.pk}-action-%s"


def item_forms(view: PartnershipView, items: Sequence[AgendaItem], action_form: Any = None) -> None:
    """What the meeting page offers on each item, carried to the template on the item: where it stands on
    the agenda (for its move buttons) and its quick outcome form. The short action form of an item is
    loaded when its secretary opens it (``ActionCreateForItemView`` answers htmx with the form alone), except
    ``action_form``, a form sent with errors, shown open under its own item."""
    for place, item in enumerate(items):
        item.first_on_agenda = place == 0  # type: ignore[attr-defined]
        item.last_on_agenda = place == len(items) - 1  # type: ignore[attr-defined]
        if view.allowed("change", "agendaitem"):
            form = AgendaItemOutcomeForm(
                instance=item, prefix=outcome_prefix(item), partnership=view.partnership
            )
            item.outcome_form = form  # type: ignore[attr-defined]
        if action_form is not None and action_form.instance.agenda_item_id == item.pk:
            item.action_token = uuid.uuid4().hex  # type: ignore[attr-defined]  # the short form's one-time token
            item.action_form = action_form  # type: ignore[attr-defined]


def meeting_crumb(view: PartnershipView, meeting: Meeting, link: bool = True) -> tuple[str, str]:
    label = f"{meeting.date.day} {meeting.date:%B %Y}"
    return (label, view.url("meeting-detail", pk=meeting.pk) if link else "")


class MeetingListView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        filters = MeetingFilterForm(request.GET or None, partnership=self.partnership)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        meetings = selectors.meeting_list_for(
            user=request.user,
            partnership=self.partnership,
            body=chosen.get("body"),
            when=chosen.get("when") or "all",
        )
        page = paginate(request, meetings)
        return self.render(
            "governance/meeting_list.html",
            {
                "meetings": page.object_list,
                "page_obj": page,
                "filters": filters,
                "body": chosen.get("body"),
                "title": "Meetings",
                "breadcrumbs": [self.home_crumb(), ("Meetings", "")],
            },
        )


class MeetingDetailView(PartnershipView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        record = selectors.meeting_record_for(user=request.user, partnership=self.partnership, pk=pk)
        item_forms(self, record.items)
        meeting = record.meeting
        rows = None
        if self.allowed("add", "agendaitem"):
            rows = AgendaItemRowsFormSet(partnership=self.partnership, meeting=meeting, rows=ROWS_SHOWN)
        return self.render(
            "governance/meeting_detail.html",
            {
                "record": record,
                "meeting": meeting,
                "rows": rows,
                "rows_url": self.url("agendaitem-create-many", pk=meeting.pk),
                "max_rows": MAX_ROWS,
                "form_token": uuid.uuid4().hex,
                "title": str(meeting),
                "breadcrumbs": [
                    self.home_crumb(),
                    ("Bodies", self.url("body-list")),
                    (meeting.body.name, self.url("body-detail", pk=meeting.body_id)),
                    meeting_crumb(self, meeting, link=False),
                ],
            },
        )


class MeetingFormView(FormPageView):
    model = Meeting
    form_class = MeetingForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        crumbs = [self.home_crumb(), ("Meetings", self.url("meeting-list"))]
        if self.object is not None:
            crumbs.append(meeting_crumb(self, self.object))
        return crumbs

    def success_url(self, result: Any) -> str:
        return self.url("meeting-detail", pk=result.pk)


class MeetingCreateView(MeetingFormView):
    success_message = "Meeting added."

    def title(self) -> str:
        return "Add a meeting"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"body": self.request.GET.get("body")}}

    def perform(self, form: Any) -> Any:
        return services.record_create(
            actor=self.request.user, partnership=self.partnership, model=Meeting, data=form.service_data()
        )


class MeetingUpdateView(MeetingFormView):
    permission = "change"
    success_message = "Meeting saved."

    def title(self) -> str:
        return f"Edit meeting: {self.object}"

    def perform(self, form: Any) -> Any:
        return services.record_update(
            actor=self.request.user, instance=self.object, data=form.service_data(), seen=self.seen
        )


class MeetingDeleteView(RecordDeleteView):
    model = Meeting
    list_url_name = "meeting-list"

    def cancel_url(self, record: Any) -> str:
        return self.url("meeting-detail", pk=record.pk)


class MeetingMarkHeldView(PartnershipView):
    """POST only: the meeting took place; open actions already due are held over once more."""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        meeting = self.get_permitted(Meeting, pk)
        try:
            count = governance_services.meeting_mark_held(actor=request.user, meeting=meeting)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.url("meeting-detail", pk=meeting.pk))
        messages.success(
            request,
            HELD.format(count=count, s="" if count == 1 else "s", verb="was" if count == 1 else "were"),
        )
        return redirect(self.url("meeting-detail", pk=meeting.pk))


class AttendanceUpdateView(FormPageView):
    """The attendance register of a meeting (the URL's pk is the meeting)."""

    model = Attendance
    permission = "change"
    form_class = AttendanceForm
    success_message = "Attendance saved."
    template_name = "governance/attendance_update.html"

    def load(self) -> None:
        self.meeting = self.get_permitted(Meeting, self.kwargs["pk"])
        self.people = selectors.attendance_people_for(
            user=self.request.user, partnership=self.partnership, meeting=self.meeting
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"meeting": self.meeting, "people": self.people}

    def title(self) -> str:
        return f"Attendance: {self.meeting}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Meetings", self.url("meeting-list")), meeting_crumb(self, self.meeting)]

    def perform(self, form: Any) -> Any:
        return governance_services.attendance_record(
            actor=self.request.user, meeting=self.meeting, statuses=form.statuses()
        )

    def success_url(self, result: Any) -> str:
        return self.url("meeting-detail", pk=self.meeting.pk) + "#attendance"


class AgendaItemFormView(FormPageView):
    model = AgendaItem
    meeting: Meeting
    form_class: Callable[..., forms.BaseForm] = AgendaItemForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            ("Meetings", self.url("meeting-list")),
            (str(self.meeting), self.url("meeting-detail", pk=self.meeting.pk)),
        ]

    def success_url(self, result: Any) -> str:
        return self.url("meeting-detail", pk=self.meeting.pk) + f"#item-{result.pk}"


class AgendaItemCreateView(AgendaItemFormView):
    """Add an item to a meeting's agenda (the URL's pk is the meeting), after the items already there."""

    success_message = "Agenda item added."
    another_label = "Save and add another item"
    another_message = NEXT_ITEM

    def load(self) -> None:
        self.meeting = self.get_permitted(Meeting, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "instance": AgendaItem(partnership=self.partnership, meeting=self.meeting),
        }

    def title(self) -> str:
        return "Add an agenda item"

    def perform(self, form: Any) -> Any:
        return services.record_create(
            actor=self.request.user,
            partnership=self.partnership,
            model=AgendaItem,
            data={
                **form.cleaned_data,
                "meeting": self.meeting,
                "order": selectors.agenda_next_place(meeting=self.meeting),
            },
        )


class AgendaItemUpdateView(AgendaItemFormView):
    permission = "change"
    success_message = "Agenda item saved."

    def load(self) -> None:
        super().load()
        self.meeting = self.object.meeting

    def title(self) -> str:
        return f"Edit item {self.object}"

    def perform(self, form: Any) -> Any:
        return services.record_update(
            actor=self.request.user, instance=self.object, data=form.cleaned_data, seen=self.seen
        )


class AgendaItemOutcomeView(AgendaItemUpdateView):
    """The quick outcome form on the meeting page; with htmx it swaps just that item."""

    form_class = AgendaItemOutcomeForm
    success_message = "Outcome recorded."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": copy.copy(self.object), "prefix": outcome_prefix(self.object)}

    def title(self) -> str:
        return f"Record the outcome of {self.object}"

    def post(self, request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.htmx:
            return super().post(request, *args, **kwargs)
        self.prepare()
        form = self.make_form(request.POST)
        saved = self.submit(form) is not None
        record = selectors.meeting_record_for(
            user=request.user, partnership=self.partnership, pk=self.meeting.pk
        )
        item_forms(self, record.items)
        item = next(i for i in record.items if i.pk == self.object.pk)
        if not saved:
            item.outcome_form = form  # type: ignore[attr-defined]  # carried to the template on the item
        return self.render(
            "governance/_agenda_item.html",
            {"item": item, "meeting": record.meeting, "saved": saved, "open_form": not saved},
        )


class AgendaItemDeleteView(RecordDeleteView):
    model = AgendaItem

    def success_url(self, record: Any) -> str:
        return self.url("meeting-detail", pk=record.meeting_id)


class AgendaItemCreateManyView(FormPageView):
    """Several agenda items of a meeting on one form, a row each (the URL's pk is the meeting). "Add another
    row" sends the rows back with one more; with htmx only the rows are swapped."""

    model = AgendaItem
    template_name = "governance/agendaitem_create_many.html"
    submit_label = "Save agenda items"

    def load(self) -> None:
        self.meeting = self.get_permitted(Meeting, self.kwargs["pk"])

    def make_form(self, data: Any = None, files: Any = None) -> Any:
        return AgendaItemRowsFormSet(
            data, partnership=self.partnership, meeting=self.meeting, rows=ROWS_SHOWN
        )

    def title(self) -> str:
        return f"Add agenda items: {self.meeting}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Meetings", self.url("meeting-list")), meeting_crumb(self, self.meeting)]

    def post(self, request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "add_row" not in request.POST:
            return super().post(request, *args, **kwargs)
        self.prepare()
        rows = AgendaItemRowsFormSet.with_another_row(
            request.POST, partnership=self.partnership, meeting=self.meeting
        )
        return self.page(rows, row_added=True)

    def submit(self, form: Any) -> Any:
        if not form.is_valid():
            return None
        try:
            return self.perform(form)
        except ValidationError as exc:
            form.non_form_errors().extend(exc.messages)
            return None

    def perform(self, form: Any) -> Any:
        return governance_services.agendaitem_create_many(
            actor=self.request.user, meeting=self.meeting, rows=form.rows()
        )

    def succeeded(self, result: Any) -> HttpResponse:
        count = len(result)
        messages.success(self.request, ITEMS_ADDED.format(count=count, s="" if count == 1 else "s"))
        return redirect(self.url("meeting-detail", pk=self.meeting.pk) + "#agenda")

    def page(self, form: Any, row_added: bool = False) -> HttpResponse:
        return self.form_page(
            form,
            title=self.title(),
            breadcrumbs=self.breadcrumbs(),
            submit_label=self.submit_label,
            template=self.template_name,
            rows=form,
            rows_url=self.url("agendaitem-create-many", pk=self.meeting.pk),
            max_rows=MAX_ROWS,
            meeting=self.meeting,
            row_added=row_added,
            form_token=self.form_token_sent or uuid.uuid4().hex,
        )


class AgendaItemMoveView(PartnershipView):
    """POST only: the secretary moves an item one place up or down the agenda (``direction``). Without
    JavaScript the meeting page is loaded again at the item; with htmx only the agenda is swapped, focus
    goes back to the moved item's button (the other one where that is gone, at the top or bottom) and the
    move is announced in the page's live region."""

    def post(self, request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
        item = self.get_permitted(AgendaItem, pk)
        direction = request.POST.get("direction", "")
        try:
            governance_services.agendaitem_move(actor=request.user, item=item, direction=direction)
        except ValidationError as exc:
            said = " ".join(exc.messages)
            failed = True
        else:
            said = MOVED.format(item=item, direction=direction)
            failed = False
        if request.htmx:
            return self.agenda(item, direction, said)
        (messages.error if failed else messages.success)(request, said)
        return redirect(self.url("meeting-detail", pk=item.meeting_id) + f"#item-{item.pk}")

    def agenda(self, moved: AgendaItem, direction: str, said: str) -> HttpResponse:
        """The agenda as it now stands, the moved item's button marked to take focus."""
        record = selectors.meeting_record_for(
            user=self.request.user, partnership=self.partnership, pk=moved.meeting_id
        )
        item_forms(self, record.items)
        for item in record.items:
            if item.pk == moved.pk:
                up = not item.first_on_agenda  # type: ignore[attr-defined]
                down = not item.last_on_agenda  # type: ignore[attr-defined]
                wanted = direction if direction in {"up", "down"} else "up"
                if wanted == "up" and not up:
                    wanted = "down"
                elif wanted == "down" and not down:
                    wanted = "up"
                item.focus_move = wanted  # type: ignore[attr-defined]
        return self.render(
            "governance/_agenda_items.html",
            {"items": record.items, "meeting": record.meeting, "announce": said},
        )
