"""The action log: lists and filters, create and edit, revise the due date, updates, close, bulk."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from traction.core import services as core_services
from traction.core.htmx import HtmxHttpRequest
from traction.core.ids import parse_id
from traction.core.models import FormSubmission
from traction.core.views import ALREADY_SENT, FormPageView, PartnershipView, next_url, paginate
from traction.governance import selectors, services
from traction.governance.forms import (
    ActionAddUpdateForm,
    ActionBulkForm,
    ActionCloseForm,
    ActionFilterForm,
    ActionForm,
    ActionReviseDueForm,
)
from traction.governance.models import Action, ActionStatus, AgendaItem, Body
from traction.governance.views.meetings import action_prefix, item_forms

BULK_DONE = "{count} action{s} updated."
REOPENED = "Action reopened."
NEXT_ACTION = "Action added. Add the next one below."
ACTIONS_PER_PAGE = 25  # each row carries its own update forms: a long page is slow to build and to read


class ActionListView(PartnershipView):
    """Open, overdue, due this month, all or closed; by body and lead. htmx swaps only the results."""

    def get(self, request: HtmxHttpRequest, slug: str) -> HttpResponse:
        filters = ActionFilterForm(request.GET or None, partnership=self.partnership)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        view = chosen.get("view") or "open"
        lead = chosen.get("lead")
        actions = selectors.action_list_for(
            user=request.user,
            partnership=self.partnership,
            view=view,
            body=chosen.get("body"),
            lead_id=lead.pk if lead else None,
        )
        page = paginate(request, actions, ACTIONS_PER_PAGE)
        context = {
            "actions": page.object_list,
            "page_obj": page,
            "filters": filters,
            "view": view,
            "view_label": selectors.ACTION_VIEWS.get(view, ""),
            "views": selectors.ACTION_VIEWS,
            "body": chosen.get("body"),
            "lead": lead,
            "next": request.get_full_path(),
            "bulk_form": ActionBulkForm(partnership=self.partnership, auto_id="bulk-%s"),
            "title": "Actions",
            "breadcrumbs": [self.home_crumb(), ("Actions", "")],
        }
        # Only the filter form asks for the fragment; a history restore or any other request gets the page.
        partial = (
            request.htmx
            and request.htmx.target == "action-results"
            and not request.htmx.history_restore_request
        )
        template = "governance/_action_results.html" if partial else "governance/action_list.html"
        response = self.render(template, context)
        patch_vary_headers(response, ["HX-Request", "HX-Target", "HX-History-Restore-Request"])
        return response


class ActionOwnersView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        owners = selectors.action_owners_for(user=request.user, partnership=self.partnership)
        return self.render(
            "governance/action_owners.html",
            {
                "owners": owners,
                "title": "Open actions by lead",
                "breadcrumbs": [self.home_crumb(), ("Actions", self.url("action-list")), ("By lead", "")],
            },
        )


class ActionBodiesView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        bodies = selectors.action_counts_by_body(user=request.user, partnership=self.partnership)
        return self.render(
            "governance/action_bodies.html",
            {
                "bodies": bodies,
                "title": "Open actions by body",
                "breadcrumbs": [self.home_crumb(), ("Actions", self.url("action-list")), ("By body", "")],
            },
        )


class ActionDetailView(PartnershipView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        action = selectors.action_detail_for(user=request.user, partnership=self.partnership, pk=pk)
        return self.render(
            "governance/action_detail.html",
            {
                "action": action,
                "title": f"Action {action.minute_reference or action.pk}",
                "update_form": ActionAddUpdateForm(partnership=self.partnership),
                "breadcrumbs": [
                    self.home_crumb(),
                    ("Actions", self.url("action-list")),
                    (action.minute_reference or f"Action {action.pk}", ""),
                ],
            },
        )


class ActionCreateView(FormPageView):
    """A standalone action for a body (``?body=`` preselects it)."""

    model = Action
    form_class = ActionForm
    success_message = "Action added."
    another_label = "Save and add another action"
    another_message = NEXT_ACTION
    agenda_item: AgendaItem | None = None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"body": self.request.GET.get("body")}}

    def title(self) -> str:
        return "Add an action"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Actions", self.url("action-list"))]

    def service_data(self, form: Any) -> dict[str, Any]:
        return dict(form.cleaned_data)

    def perform(self, form: Any) -> Any:
        return services.action_create(
            actor=self.request.user, partnership=self.partnership, data=self.service_data(form)
        )

    def success_url(self, result: Any) -> str:
        return self.url("action-detail", pk=result.pk)


class ActionCreateForItemView(ActionCreateView):
    """An action arising from an agenda item (the URL's pk is the item); its body is the meeting's."""

    agenda_item: AgendaItem

    def load(self) -> None:
        self.agenda_item = self.get_permitted(AgendaItem, self.kwargs["pk"])
        self.body: Body = self.agenda_item.meeting.body

    def get_form_kwargs(self) -> dict[str, Any]:
        instance = Action(partnership=self.partnership, body=self.body, agenda_item=self.agenda_item)
        return {
            "instance": instance,
            "fixed_body": True,
            "initial": {"minute_reference": self.agenda_item.number},
        }

    def title(self) -> str:
        return f"Add an action from item {self.agenda_item}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        meeting = self.agenda_item.meeting
        return [
            self.home_crumb(),
            ("Meetings", self.url("meeting-list")),
            (str(meeting), self.url("meeting-detail", pk=meeting.pk)),
        ]

    def service_data(self, form: Any) -> dict[str, Any]:
        return {**form.cleaned_data, "body": self.body, "agenda_item": self.agenda_item}

    # The short form under each item of the meeting page posts here; with htmx the answer is that item again,
    # with the action added or the form's errors, and the secretary stays on the page.

    def make_form(self, data: Any = None, files: Any = None) -> Any:
        form = super().make_form(data, files)
        if getattr(self.request, "htmx", False):
            form.auto_id = action_prefix(self.agenda_item)
        return form

    def succeeded(self, result: Any) -> HttpResponse:
        if not getattr(self.request, "htmx", False):
            return super().succeeded(result)
        return self.item_fragment(added=self.success_message)

    def page(self, form: Any) -> HttpResponse:
        if not getattr(self.request, "htmx", False):
            return super().page(form)
        if self.request.method != "POST":  # the meeting page opening the item's short form: the form alone
            self.agenda_item.action_token = uuid.uuid4().hex  # type: ignore[attr-defined]
            response = self.render(
                "governance/_item_action_form.html", {"item": self.agenda_item, "form": form}
            )
            patch_vary_headers(response, ["HX-Request"])
            return response
        return self.item_fragment(failed_form=form)

    def already_sent(self, first: FormSubmission) -> HttpResponse:
        if not getattr(self.request, "htmx", False):
            return super().already_sent(first)
        return self.item_fragment(added=ALREADY_SENT)

    def item_fragment(self, added: str = "", failed_form: Any = None) -> HttpResponse:
        record = selectors.meeting_record_for(
            user=self.request.user, partnership=self.partnership, pk=self.agenda_item.meeting_id
        )
        item_forms(self, record.items, action_form=failed_form)
        item = next(i for i in record.items if i.pk == self.agenda_item.pk)
        return self.render(
            "governance/_agenda_item.html",
            {
                "item": item,
                "meeting": record.meeting,
                "action_added": added,
                "action_failed": failed_form is not None,
            },
        )


class ActionFormView(FormPageView):
    """A form about one existing action (the URL's pk). With htmx, answers with its list row."""

    model = Action
    permission = "change"

    def load(self) -> None:
        self.object = self.get_permitted(Action, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            ("Actions", self.url("action-list")),
            (
                self.object.minute_reference or f"Action {self.object.pk}",
                self.url("action-detail", pk=self.object.pk),
            ),
        ]

    def success_url(self, result: Any) -> str:
        return self.url("action-detail", pk=self.object.pk)

    def post(self, request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.htmx:
            return super().post(request, *args, **kwargs)
        self.prepare()
        form = self.make_form(request.POST)
        saved = self.submit(form) is not None
        action = selectors.action_list_for(user=request.user, partnership=self.partnership, view="all").get(
            pk=self.object.pk
        )
        return self.render(
            "governance/_action_row.html",
            {
                "action": action,
                "saved": saved,
                "failed_form": None if saved else form,
                "next": next_url(request, self.url("action-list")),
            },
        )


class ActionUpdateView(ActionFormView):
    form_class = ActionForm
    success_message = "Action saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "instance": super(ActionFormView, self).get_form_kwargs()["instance"],
            "editing": True,
            "fixed_body": self.object.agenda_item_id is not None,
        }

    def title(self) -> str:
        return "Edit action"

    def perform(self, form: Any) -> Any:
        return core_services.record_update(
            actor=self.request.user, instance=self.object, data=form.cleaned_data, seen=self.seen
        )


class ActionReviseDueView(ActionFormView):
    form_class = ActionReviseDueForm
    success_message = "Due date revised."
    submit_label = "Revise due date"

    def title(self) -> str:
        return "Revise the due date"

    def extra_context(self) -> dict[str, Any]:
        action = self.object
        due = f"{action.due_date:%-d %B %Y}" if action.due_date else "no date"
        first = action.original_due_date
        history = f" (first due {first:%-d %B %Y})" if first and first != action.due_date else ""
        return {"notice": f"“{action.text[:200]}” is due now: {due}{history}."}

    def perform(self, form: Any) -> Any:
        return services.action_revise_due(
            actor=self.request.user,
            action=self.object,
            new_due_date=form.cleaned_data["new_due_date"],
            reason=form.cleaned_data["reason"],
        )


class ActionAddUpdateView(ActionFormView):
    form_class = ActionAddUpdateForm
    success_message = "Update added."
    submit_label = "Add update"

    def title(self) -> str:
        return "Add a progress update"

    def perform(self, form: Any) -> Any:
        return services.action_add_update(
            actor=self.request.user,
            action=self.object,
            note=form.cleaned_data["note"],
            on=form.cleaned_data.get("on"),
        )


class ActionCloseView(ActionFormView):
    form_class = ActionCloseForm
    success_message = "Action closed."
    submit_label = "Close action"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"completed_on": timezone.localdate()}}

    def title(self) -> str:
        return "Close the action"

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.action_set_status(
            actor=self.request.user,
            action=self.object,
            status=data["status"],
            completed_on=data.get("completed_on"),
            note=data.get("note") or "",
        )


class ActionReopenView(PartnershipView):
    """POST only: an action closed by mistake is open again."""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        action = self.get_permitted(Action, pk)
        services.action_set_status(actor=request.user, action=action, status=ActionStatus.OPEN)
        messages.success(request, REOPENED)
        return redirect(next_url(request, self.url("action-detail", pk=action.pk)))


class ActionBulkUpdateView(FormPageView):
    """The checkboxes on the action list: one status (and note) for every chosen action, or none."""

    model = Action
    permission = "change"
    form_class = ActionBulkForm
    submit_label = "Update selected actions"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect(self.url("action-list"))

    def title(self) -> str:
        return "Update several actions"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Actions", self.url("action-list"))]

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        count = services.action_bulk_update(
            actor=self.request.user,
            partnership=self.partnership,
            actions=data["actions"],
            status=data["status"],
            completed_on=data.get("completed_on"),
            note=data.get("note") or "",
        )
        messages.success(self.request, BULK_DONE.format(count=count, s="" if count == 1 else "s"))
        return count

    def success_url(self, result: Any) -> str:
        return self.url("action-list")

    def page(self, form: Any) -> HttpResponse:
        """Show again only the actions that were ticked, so the choice can be corrected and resent."""
        ticked = [i for value in self.request.POST.getlist("actions") if (i := parse_id(value)) is not None]
        form.fields["actions"].queryset = form.fields["actions"].queryset.filter(pk__in=ticked)
        return super().page(form)
