"""Pages of programmes, cohorts, sessions, enrolment and the register (calendar feeds: ``calendars``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ..forms import programmes as forms
from ..models.feedback import FeedbackResponse
from ..models.programmes import AttendanceRecord, Cohort, Enrolment, Programme, Session
from ..selectors import programmes as selectors
from ..services import programmes as services
from .base import ProgrammesDeleteView, ProgrammesFormView, ProgrammesView

PROGRAMMES = "Programmes"


class _Crumbs(ProgrammesView):
    def list_crumb(self) -> tuple[str, str]:
        return (PROGRAMMES, self.url("programme-list"))

    def programme_crumbs(self, programme: Programme) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            self.list_crumb(),
            (programme.title, self.url("programme-detail", pk=programme.pk)),
        ]

    def cohort_crumbs(self, cohort: Cohort) -> list[tuple[str, str]]:
        return [
            *self.programme_crumbs(cohort.programme),
            (cohort.name, self.url("cohort-detail", pk=cohort.pk)),
        ]


class ProgrammeListView(_Crumbs):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "programme")
        return self.render(
            "programmes/programmes_list.html",
            {
                "title": PROGRAMMES,
                "programmes": selectors.programmes_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (PROGRAMMES, "")],
            },
        )


class ProgrammeDetailView(_Crumbs):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        programme = self.get_permitted(Programme, pk)
        page = selectors.programme_page(user=request.user, programme=programme)
        return self.render(
            "programmes/programmes_detail.html",
            {
                "title": programme.title,
                "page": page,
                "programme": programme,
                "breadcrumbs": [self.home_crumb(), self.list_crumb(), (programme.title, "")],
            },
        )


class ProgrammeCreateView(ProgrammesFormView, _Crumbs):
    form_class = forms.ProgrammeForm
    model = Programme
    submit_label = "Add the programme"
    success_message = "Programme added. Add its cohorts next."

    def title(self) -> str:
        return "Add a programme"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), self.list_crumb()]

    def perform(self, form: Any) -> Any:
        return services.programme_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )

    def success_url(self, result: Any) -> str:
        return self.url("programme-detail", pk=result.pk)


class ProgrammeUpdateView(ProgrammeCreateView):
    permission = "change"
    submit_label = "Save the programme"
    success_message = "Programme saved."

    def title(self) -> str:
        return f"Change “{self.object.title}”"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.programme_crumbs(self.object)

    def perform(self, form: Any) -> Any:
        return services.programme_update(
            actor=self.request.user, programme=self.object, data=form.cleaned_data, seen=self.seen
        )


def cascade_warning(noun: str, parts: list[tuple[int, str, str]]) -> str:
    """The delete page's warning when deleting also deletes what hangs on the record: (count, singular,
    plural) for each kind; "" when nothing does."""
    named = [f"{n} {one if n == 1 else many}" for n, one, many in parts if n]
    if not named:
        return ""
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"Deleting this {noun} also deletes {listed}, for good: their figures leave the programme's pages "
        f"and its feedback report. The audit trail keeps a copy of the {noun} only."
    )


_ANSWERS = ("feedback answer", "feedback answers")
_MARKS = ("attendance mark", "attendance marks")


class ProgrammeDeleteView(ProgrammesDeleteView):
    model = Programme
    list_url_name = "programme-list"

    def warning(self, record: Any) -> str:
        return cascade_warning(
            "programme",
            [
                (Cohort.objects.filter(programme=record).count(), "cohort", "cohorts"),
                (Session.objects.filter(cohort__programme=record).count(), "session", "sessions"),
                (AttendanceRecord.objects.filter(session__cohort__programme=record).count(), *_MARKS),
                (record.feedback_responses.count(), *_ANSWERS),
            ],
        )


class _ChildFormView(ProgrammesFormView, _Crumbs):
    """A form on a record inside a programme: ``parent_model`` is what the URL's pk names when adding."""

    parent_model: type[Any] = Programme
    parent: Any = None

    def load(self) -> None:
        if self.permission == "add":
            self.parent = self.get_permitted(self.parent_model, self.kwargs["pk"])
        else:
            super().load()


class CohortCreateView(_ChildFormView):
    form_class = forms.CohortForm
    model = Cohort
    submit_label = "Add the cohort"
    success_message = "Cohort added. Enrol its people next."

    def title(self) -> str:
        return "Add a cohort" if self.object is None else f"Change “{self.object.name}”"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.programme_crumbs(self.parent or self.object.programme)

    def perform(self, form: Any) -> Any:
        if self.object is not None:
            return services.record_change(
                actor=self.request.user, instance=self.object, data=form.cleaned_data, seen=self.seen
            )
        return services.cohort_create(actor=self.request.user, programme=self.parent, data=form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return self.url("cohort-detail", pk=result.pk)


class CohortUpdateView(CohortCreateView):
    permission = "change"
    submit_label = "Save the cohort"
    success_message = "Cohort saved."

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.cohort_crumbs(self.object)


class CohortDeleteView(ProgrammesDeleteView):
    model = Cohort

    def warning(self, record: Any) -> str:
        return cascade_warning(
            "cohort",
            [
                (record.sessions.count(), "session", "sessions"),
                (record.enrolments.count(), "enrolment", "enrolments"),
                (AttendanceRecord.objects.filter(session__cohort=record).count(), *_MARKS),
                (FeedbackResponse.objects.filter(session__cohort=record).count(), *_ANSWERS),
            ],
        )

    def success_url(self, record: Any) -> str:
        return self.url("programme-detail", pk=record.programme_id)

    def cancel_url(self, record: Any) -> str:
        return self.url("cohort-detail", pk=record.pk)


class CohortDetailView(_Crumbs):
    template = "programmes/programmes_cohort.html"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        cohort = self.get_permitted(Cohort, pk)
        cohort.programme = Programme.objects.get(pk=cohort.programme_id)
        register = selectors.register(cohort=cohort)
        remove = self.url("enrolment-delete", pk=0).removesuffix("0/delete/")  # reversed once, not 200 times
        return self.render(
            self.template,
            {
                "title": cohort.name if self.template.endswith("cohort.html") else f"Register: {cohort.name}",
                "cohort": cohort,
                "register": register,
                "people_rows": [(row, f"{remove}{row.enrolment_id}/delete/") for row in register.rows],
                "blank": request.GET.get("blank") == "1",
                "breadcrumbs": [*self.programme_crumbs(cohort.programme), (cohort.name, "")],
            },
        )


class CohortPrintView(CohortDetailView):
    template = "programmes/programmes_print.html"


class SessionCreateView(_ChildFormView):
    form_class = forms.SessionForm
    model = Session
    parent_model = Cohort
    submit_label = "Add the session"
    success_message = "Session added."

    def title(self) -> str:
        return "Add a session" if self.object is None else f"Change “{self.object.title}”"

    def cohort(self) -> Cohort:
        return self.parent or self.object.cohort

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.cohort_crumbs(self.cohort())

    def perform(self, form: Any) -> Any:
        if self.object is not None:
            return services.record_change(
                actor=self.request.user, instance=self.object, data=form.cleaned_data, seen=self.seen
            )
        return services.session_create(actor=self.request.user, cohort=self.parent, data=form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return self.url("cohort-detail", pk=result.cohort_id)


class SessionUpdateView(SessionCreateView):
    permission = "change"
    submit_label = "Save the session"
    success_message = "Session saved."


class SessionDeleteView(ProgrammesDeleteView):
    model = Session

    def warning(self, record: Any) -> str:
        return cascade_warning(
            "session",
            [(record.attendance.count(), *_MARKS), (record.feedback_responses.count(), *_ANSWERS)],
        )

    def success_url(self, record: Any) -> str:
        return self.url("cohort-detail", pk=record.cohort_id)


class EnrolView(_ChildFormView):
    form_class = forms.EnrolForm
    model = Enrolment
    parent_model = Cohort
    submit_label = "Enrol them"
    success_message = "Enrolled."

    def title(self) -> str:
        return f"Enrol people in “{self.parent.name}”"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"cohort": self.parent}

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.cohort_crumbs(self.parent)

    def perform(self, form: Any) -> Any:
        return services.enrol(actor=self.request.user, cohort=self.parent, people=form.cleaned_data["people"])

    def success_url(self, result: Any) -> str:
        return self.url("cohort-detail", pk=self.parent.pk)


class EnrolmentDeleteView(ProgrammesDeleteView):
    model = Enrolment

    def success_url(self, record: Any) -> str:
        return self.url("cohort-detail", pk=record.cohort_id)


class RegisterEntryView(_ChildFormView):
    """One session's register: a select per enrolled person; only what changed is written."""

    form_class = forms.RegisterForm
    model = AttendanceRecord
    parent_model = Session
    template_name = "programmes/programmes_register.html"
    submit_label = "Save the register"

    def prepare(self) -> None:
        super().prepare()
        self.people, self.current = selectors.session_register(session=self.parent)

    def title(self) -> str:
        return f"Register: {self.parent.title}, {self.parent.date:%-d %B %Y}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"people": self.people, "current": self.current}

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.cohort_crumbs(self.parent.cohort)

    def extra_context(self) -> dict[str, Any]:
        return {"session": self.parent, "future": self.parent.date > timezone.localdate()}

    def perform(self, form: Any) -> Any:
        counts = services.register_save(actor=self.request.user, session=self.parent, marks=form.marks())
        messages.success(
            self.request,
            "Register saved: {created} new, {changed} changed, {deleted} cleared.".format(**counts),
        )
        return counts

    def success_url(self, result: Any) -> str:
        return self.url("cohort-detail", pk=self.parent.cohort_id)
