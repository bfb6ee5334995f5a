"""Whole-system events: the list, an event's page, and its editors (groups, invitations, the table plan,
the agenda, the invitation check and the outputs)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core.views import Crumb

from ..forms import events as forms
from ..models.events import AgendaStage, CommonGround, Event, EventGroup, EventTable, Invitation
from ..selectors import events as selectors
from ..services import events as services
from .base import ProgrammesDeleteView, ProgrammesFormView, ProgrammesView


class _EventCrumbs:
    """Breadcrumbs of an event's pages: the list, then the event."""

    def event_crumbs(self: Any, event: Event) -> list[Crumb]:
        return [
            self.home_crumb(),
            ("Events", self.url("event-list")),
            (event.title, self.url("event-detail", pk=event.pk)),
        ]


class EventListView(ProgrammesView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "programmes/event_list.html",
            {
                "title": "Events",
                "events": selectors.event_list(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), ("Events", "")],
            },
        )


class EventDetailView(_EventCrumbs, ProgrammesView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        event = self.get_permitted(Event, pk)
        return self.render(
            "programmes/event_detail.html",
            {
                "title": event.title,
                "event": event,
                **selectors.event_page(event, user=request.user),
                "breadcrumbs": self.event_crumbs(event)[:-1] + [(event.title, "")],
            },
        )


class EventCheckView(_EventCrumbs, ProgrammesView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        event = self.get_permitted(Event, pk)
        source, gaps = selectors.invitation_check(event)
        return self.render(
            "programmes/event_check.html",
            {
                "title": f"Who is missing: {event.title}",
                "event": event,
                "source": source,
                "gaps": gaps,
                "important_power": selectors.IMPORTANT_POWER,
                "breadcrumbs": [*self.event_crumbs(event), ("Who is missing", "")],
            },
        )


class EventCreateView(ProgrammesFormView):
    model = Event
    form_class = forms.EventForm
    success_message = "The event is saved, with the five stages of a future-scenario day as its agenda."

    def title(self) -> str:
        return "New event"

    def breadcrumbs(self) -> list[Crumb]:
        return [self.home_crumb(), ("Events", self.url("event-list"))]

    def perform(self, form: Any) -> Any:
        return services.event_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )

    def success_url(self, result: Any) -> str:
        return self.url("event-detail", pk=result.pk)


class EventUpdateView(_EventCrumbs, ProgrammesFormView):
    model = Event
    form_class = forms.EventForm
    permission = "change"

    def title(self) -> str:
        return f"Edit event: {self.object}"

    def breadcrumbs(self) -> list[Crumb]:
        return self.event_crumbs(self.object)

    def perform(self, form: Any) -> Any:
        return services.event_update(
            actor=self.request.user, event=self.object, data=form.cleaned_data, seen=self.seen
        )

    def success_url(self, result: Any) -> str:
        return self.url("event-detail", pk=result.pk)


class EventDeleteView(ProgrammesDeleteView):
    model = Event
    list_url_name = "event-list"


class _EventPartView(_EventCrumbs, ProgrammesFormView):
    """A form of one event's part: the event is the URL's pk; the form writes a ``model`` of that event."""

    permission = "add"
    part_title = ""
    template_name = "programmes/event_part.html"
    event: Event

    def load(self) -> None:
        self.event = self.get_permitted(Event, self.kwargs["pk"])

    def make_form(self, data: Any = None, files: Any = None) -> Any:
        return self.form_class(
            data, files, partnership=self.partnership, event=self.event, **self.get_form_kwargs()
        )

    def title(self) -> str:
        return f"{self.part_title}: {self.event.title}"

    def breadcrumbs(self) -> list[Crumb]:
        return self.event_crumbs(self.event)

    def success_url(self, result: Any) -> str:
        return self.request.path

    def extra_context(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "part": self.part,
            **selectors.event_page(self.event, user=self.request.user),
        }

    part = ""


class EventGroupsView(_EventPartView):
    model = EventGroup
    form_class = forms.GroupForm
    part_title = "Groups"
    part = "groups"
    submit_label = "Add the group"
    success_message = "The group is added."

    def perform(self, form: Any) -> Any:
        return services.event_child_create(
            actor=self.request.user, event=self.event, model=EventGroup, data=form.cleaned_data
        )


class EventAgendaView(_EventPartView):
    model = AgendaStage
    form_class = forms.StageForm
    part_title = "Agenda"
    part = "agenda"
    submit_label = "Add the stage"
    success_message = "The stage is added."

    def perform(self, form: Any) -> Any:
        return services.event_child_create(
            actor=self.request.user, event=self.event, model=AgendaStage, data=form.cleaned_data
        )


class EventOutputsView(_EventPartView):
    model = CommonGround
    form_class = forms.CommonGroundForm
    part_title = "Outputs"
    part = "outputs"
    submit_label = "Add the statement"
    success_message = "The statement is added."

    def perform(self, form: Any) -> Any:
        return services.event_child_create(
            actor=self.request.user, event=self.event, model=CommonGround, data=form.cleaned_data
        )


class EventInvitationsView(_EventPartView):
    model = Invitation
    form_class = forms.InviteForm
    part_title = "Invitations"
    part = "invitations"
    submit_label = "Invite them"
    success_message = "They are invited."

    def extra_context(self) -> dict[str, Any]:
        invitations = self.event.invitations.select_related("person__organisation", "group", "table")
        return {**super().extra_context(), "invitations": invitations}

    def perform(self, form: Any) -> Any:
        return services.invitations_add(
            actor=self.request.user,
            event=self.event,
            group=form.cleaned_data["group"],
            people=form.cleaned_data["people"],
        )


class EventTablesView(_EventPartView):
    model = EventTable
    permission = "change"
    form_class = forms.TablePlanForm
    part_title = "Table plan"
    part = "tables"
    submit_label = "Make the table plan"
    success_message = "The table plan is made: no table is more than half one group."

    def get_form_kwargs(self) -> dict[str, Any]:
        tables = list(self.event.tables.all())
        initial = {"tables": len(tables) or 8, "capacity": tables[0].capacity if tables else 8, "seed": 0}
        return {"initial": initial}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.table_plan_generate(
            actor=self.request.user,
            event=self.event,
            tables=data["tables"],
            capacity=data["capacity"],
            seed=data["seed"],
        )


class EventDecisionView(_EventPartView):
    model = Event
    permission = "change"
    form_class: type[forms.DecisionForm | forms.ActionsForm] = forms.DecisionForm
    template_name = "programmes/record_form.html"
    part_title = "Record a decision"
    submit_label = "Record the decision"
    success_message = "The decision is recorded at the event's meeting, with its actions in the action log."

    def make_form(self, data: Any = None, files: Any = None) -> Any:
        return self.form_class(data, partnership=self.partnership)

    def extra_context(self) -> dict[str, Any]:
        meeting = self.event.meeting
        where = f"at {meeting}" if meeting else "at the event's meeting of the record (none chosen yet)"
        return {
            "notice": f"The decision is recorded {where}; each action goes to the action log of "
            f"{self.event.body} with its owner, and links back to this event."
        }

    def perform(self, form: Any) -> Any:
        return services.event_decision_record(
            actor=self.request.user,
            event=self.event,
            title=form.cleaned_data["title"],
            resolution=form.cleaned_data["resolution"],
            actions=form.action_specs(self.event),
        )

    def success_url(self, result: Any) -> str:
        return self.url("event-outputs", pk=self.event.pk)


class EventActionsView(EventDecisionView):
    form_class = forms.ActionsForm
    part_title = "Record actions"
    submit_label = "Record the actions"
    success_message = "The actions are in the action log."

    def extra_context(self) -> dict[str, Any]:
        return {
            "notice": f"Each action goes to the action log of {self.event.body} with its owner, and links "
            "back to this event."
        }

    def perform(self, form: Any) -> Any:
        return services.event_actions_record(
            actor=self.request.user, event=self.event, actions=form.action_specs(self.event)
        )


class _ChildFormView(_EventCrumbs, ProgrammesFormView):
    """Edit one record of an event (a stage, a statement, an invitation)."""

    permission = "change"

    def load(self) -> None:
        super().load()
        self.event = self.object.event

    def make_form(self, data: Any = None, files: Any = None) -> Any:
        return self.form_class(
            data, files, partnership=self.partnership, event=self.event, **self.get_form_kwargs()
        )

    def breadcrumbs(self) -> list[Crumb]:
        return self.event_crumbs(self.event)

    def title(self) -> str:
        return f"Edit: {self.object}"


class StageUpdateView(_ChildFormView):
    model = AgendaStage
    form_class = forms.StageForm

    def perform(self, form: Any) -> Any:
        return services.event_child_update(
            actor=self.request.user, record=self.object, data=form.cleaned_data, seen=self.seen
        )

    def success_url(self, result: Any) -> str:
        return self.url("event-agenda", pk=self.event.pk)


class CommonGroundUpdateView(_ChildFormView):
    model = CommonGround
    form_class = forms.CommonGroundForm

    def perform(self, form: Any) -> Any:
        return services.event_child_update(
            actor=self.request.user, record=self.object, data=form.cleaned_data, seen=self.seen
        )

    def success_url(self, result: Any) -> str:
        return self.url("event-outputs", pk=self.event.pk)


class InvitationUpdateView(_ChildFormView):
    model = Invitation
    form_class = forms.InvitationForm

    def title(self) -> str:
        return f"Invitation of {self.object.person.name}"

    def perform(self, form: Any) -> Any:
        return services.invitation_update(
            actor=self.request.user, invitation=self.object, data=form.cleaned_data, seen=self.seen
        )

    def success_url(self, result: Any) -> str:
        return self.url("event-invitations", pk=self.event.pk)


class InvitationMoveView(InvitationUpdateView):
    form_class = forms.MoveForm
    submit_label = "Move"

    def title(self) -> str:
        return f"Move {self.object.person.name} to another table"

    def success_url(self, result: Any) -> str:
        return self.url("event-tables", pk=self.event.pk)


class CommonGroundPrincipleView(ProgrammesView):
    """POST: a draft shared principle from a common-ground statement."""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        statement = self.get_permitted(CommonGround, pk)
        self.require("add", "principle")
        try:
            principle = services.commonground_make_principle(actor=request.user, statement=statement)
            messages.success(request, f"“{principle}” is now a draft shared principle.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(self.url("event-outputs", pk=statement.event_id))


class _ChildDeleteView(ProgrammesDeleteView):
    list_url_name = "event-list"
    back = "event-detail"

    def success_url(self, record: Any) -> str:
        return self.url(self.back, pk=record.event_id)


class GroupDeleteView(_ChildDeleteView):
    model = EventGroup
    back = "event-groups"


class StageDeleteView(_ChildDeleteView):
    model = AgendaStage
    back = "event-agenda"


class CommonGroundDeleteView(_ChildDeleteView):
    model = CommonGround
    back = "event-outputs"


class InvitationDeleteView(_ChildDeleteView):
    model = Invitation
    back = "event-invitations"
