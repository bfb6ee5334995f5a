"""Action learning set pages: the list, a set (members, cadence, meetings, commitments), its form, members,
meetings, and the notes that only the set's members see."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core import policy
from traction.governance.models import Action

from ..forms.learningsets import MeetingForm, MemberForm, NoteForm, SetCreateForm, SetForm
from ..models.learningsets import LearningSet, SetMeeting, SetMembership, SetNote
from ..selectors import learningsets as selectors
from ..services import learningsets as services
from .base import ProgrammesDeleteView, ProgrammesFormView, ProgrammesView

SETS = "Action learning sets"
Crumbs = list[tuple[str, str]]


class _SetCrumbs(ProgrammesView):
    def crumbs(self, learning_set: LearningSet | None = None, *last: tuple[str, str]) -> Crumbs:
        crumbs = [self.home_crumb(), (SETS, self.url("set-list"))]
        if learning_set is not None:
            crumbs.append((learning_set.name, self.url("set-detail", pk=learning_set.pk)))
        return [*crumbs, *last]


class SetListView(_SetCrumbs):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "programmes/learningsets_list.html",
            {
                "title": SETS,
                "sets": selectors.set_list_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (SETS, "")],
            },
        )


class SetDetailView(_SetCrumbs):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        page = selectors.set_page_for(user=request.user, partnership=self.partnership, pk=pk)
        return self.render(
            "programmes/learningsets_detail.html",
            {
                "title": page.learning_set.name,
                "page": page,
                "breadcrumbs": [*self.crumbs()[:2], (page.learning_set.name, "")],
            },
        )


def _saved(request: HttpRequest, learning_set: LearningSet, message: str) -> None:
    """The success message, with the size warning after it when the set is outside 5 to 8 members (the
    banner has one title, so the warning goes in the same message)."""
    warning = selectors.size_verdict(services.member_count(learning_set)).warning
    messages.success(request, f"{message} {warning}".strip())


class SetCreateView(ProgrammesFormView, _SetCrumbs):
    model = LearningSet
    form_class = SetCreateForm
    submit_label = "Create the set"

    def title(self) -> str:
        return "New action learning set"

    def breadcrumbs(self) -> Crumbs:
        return self.crumbs()

    def perform(self, form: Any) -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if k != "members"}
        return services.set_create(
            actor=self.request.user,
            partnership=self.partnership,
            data=data,
            members=list(form.cleaned_data["members"]),
        )

    def succeeded(self, result: Any) -> HttpResponse:
        _saved(self.request, result, f"“{result}” was created.")
        return redirect(self.url("set-detail", pk=result.pk))


class SetUpdateView(ProgrammesFormView, _SetCrumbs):
    model = LearningSet
    form_class = SetForm
    permission = "change"

    def title(self) -> str:
        return "Edit the set"

    def breadcrumbs(self) -> Crumbs:
        return self.crumbs(self.object)

    def perform(self, form: Any) -> Any:
        return services.set_update(
            actor=self.request.user, learning_set=self.object, data=form.cleaned_data, seen=self.seen
        )

    def succeeded(self, result: Any) -> HttpResponse:
        _saved(self.request, result, "The set is saved.")
        return redirect(self.url("set-detail", pk=result.pk))


class SetDeleteView(ProgrammesDeleteView):
    model = LearningSet
    list_url_name = "set-list"


class _InSet(ProgrammesFormView, _SetCrumbs):
    learning_set: LearningSet

    def load(self) -> None:
        self.learning_set = self.get_permitted(LearningSet, self.kwargs["pk"])

    def breadcrumbs(self) -> Crumbs:
        return self.crumbs(self.learning_set)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"learning_set": self.learning_set}


class MemberAddView(_InSet):
    model = SetMembership
    form_class = MemberForm
    submit_label = "Add to the set"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def title(self) -> str:
        return f"Add a member to {self.learning_set.name}"

    def perform(self, form: Any) -> Any:
        return services.member_add(
            actor=self.request.user,
            learning_set=self.learning_set,
            person=form.cleaned_data["person"],
            joined=form.cleaned_data["joined"],
        )

    def succeeded(self, result: Any) -> HttpResponse:
        _saved(self.request, self.learning_set, f"{result.person.name} joined the set.")
        return redirect(self.url("set-detail", pk=self.learning_set.pk))


class MemberRemoveView(ProgrammesDeleteView):
    model = SetMembership

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        membership = self.get_permitted(SetMembership, pk)
        try:
            services.member_remove(actor=request.user, membership=membership)
        except ValidationError as exc:
            return self.confirm(membership, error=" ".join(exc.messages))
        _saved(request, membership.learning_set, f"{membership.person.name} left the set.")
        return redirect(self.success_url(membership))

    def success_url(self, record: Any) -> str:
        return self.url("set-detail", pk=record.learning_set_id)


class MeetingCreateView(_InSet):
    model = SetMeeting
    form_class = MeetingForm
    template_name = "programmes/learningsets_meeting_form.html"
    submit_label = "Record the meeting"

    def title(self) -> str:
        return f"Record a meeting of {self.learning_set.name}"

    def perform(self, form: Any) -> Any:
        return services.meeting_create(
            actor=self.request.user,
            learning_set=self.learning_set,
            date=form.cleaned_data["date"],
            attended=list(form.cleaned_data["attended"]),
            commitments=form.commitments(),
            url=self.url("set-detail", pk=self.learning_set.pk),
        )

    def succeeded(self, result: Any) -> HttpResponse:
        messages.success(self.request, "The meeting is recorded; its commitments are in the action log.")
        return redirect(self.url("set-meeting-detail", pk=result.pk))


class MeetingDetailView(_SetCrumbs):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        meeting = selectors.meeting_for(user=request.user, partnership=self.partnership, pk=pk)
        title = f"Meeting of {meeting.date:%-d %B %Y}"
        return self.render(
            "programmes/learningsets_meeting.html",
            {
                "title": title,
                "meeting": meeting,
                "actions": policy.permitted(
                    user=request.user, partnership=self.partnership, action="view", model=Action
                )
                .filter(set_meetings=meeting)
                .select_related("lead")
                .order_by("due_date", "id"),
                "breadcrumbs": self.crumbs(meeting.learning_set, (title, "")),
            },
        )


class NoteListView(_SetCrumbs):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        learning_set = selectors.notes_set_for(user=request.user, partnership=self.partnership, pk=pk)
        return self.render(
            "programmes/learningsets_notes.html",
            {
                "title": f"Notes of {learning_set.name}",
                "learning_set": learning_set,
                "notes": selectors.notes_of(user=request.user, learning_set=learning_set),
                "breadcrumbs": self.crumbs(learning_set, ("Notes", "")),
            },
        )


class _NoteForm(ProgrammesFormView, _SetCrumbs):
    model = SetNote
    form_class = NoteForm
    learning_set: LearningSet

    def breadcrumbs(self) -> Crumbs:
        return self.crumbs(self.learning_set, ("Notes", self.url("set-note-list", pk=self.learning_set.pk)))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"learning_set": self.learning_set}

    def success_url(self, result: Any) -> str:
        return self.url("set-note-list", pk=self.learning_set.pk)


class NoteCreateView(_NoteForm):
    submit_label = "Save the note"
    success_message = "The note is saved. Only the set's members can read it."

    def load(self) -> None:
        self.learning_set = selectors.notes_set_for(
            user=self.request.user, partnership=self.partnership, pk=self.kwargs["pk"]
        )  # a member whose role may not write notes is refused (403) by the permission check that follows

    def title(self) -> str:
        return "New note"

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.note_create(
            actor=self.request.user,
            learning_set=self.learning_set,
            text=data["text"],
            meeting=data["meeting"],
        )


class NoteUpdateView(_NoteForm):
    permission = "change"
    success_message = "The note is saved."

    def load(self) -> None:
        self.object = self.get_permitted(SetNote, self.kwargs["pk"])
        self.learning_set = self.object.learning_set

    def get_form_kwargs(self) -> dict[str, Any]:
        note = self.object
        return {"learning_set": self.learning_set, "initial": {"text": note.text, "meeting": note.meeting_id}}

    def title(self) -> str:
        return "Edit the note"

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.note_update(
            actor=self.request.user, note=self.object, text=data["text"], meeting=data["meeting"]
        )


class NoteDeleteView(ProgrammesDeleteView):
    model = SetNote

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        note = self.get_permitted(SetNote, pk)
        services.note_delete(actor=request.user, note=note)
        messages.success(request, "The note was deleted.")
        return redirect(self.success_url(note))

    def success_url(self, record: Any) -> str:
        return self.url("set-note-list", pk=record.learning_set_id)
