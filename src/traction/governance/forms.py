"""Forms for the governance record. They parse and validate input; services do the writing.

Every form takes the partnership: each choice of a related record is limited to it, so an id from
another partnership is "Select a valid choice" and nothing is stored.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.forms.renderers import get_default_renderer
from django.forms.utils import ErrorDict
from django.utils import timezone

from traction.core.forms import (  # noqa: F401 - the messages stay importable from here
    DATE_INVALID,
    DATE_RANGE,
    TIME_INVALID,
    DateInput,
    PartnershipForm,
    RecordsChoiceField,
    TimeInput,
    date_field,
    field_of,
    required_message,
)
from traction.core.ids import parse_id
from traction.core.models import Membership, Role
from traction.core.uploads import CONTENT_TYPES, sniff_upload
from traction.governance import selectors
from traction.governance.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    Meeting,
    Organisation,
    Paper,
    Person,
)
from traction.governance.services import CLOSED_STATUS_REQUIRED, NO_ROWS, REASON_REQUIRED

ALREADY_MEMBER = "This person is already a member of this body."
NAME_TAKEN = "There is already a record with this name in this partnership."
DUPLICATE_PAPER = "This file is already in the record as “{title}”."
COMPLETED_REQUIRED = "Enter the date the action was completed."
STATUS_REQUIRED = "Choose what happened to the selected actions."


class RecordForm(PartnershipForm, forms.ModelForm):
    unique_name_model: type | None = None

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        model = type(self.instance)
        taken = model._default_manager.filter(partnership=self.partnership, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(NAME_TAKEN)
        return name


class OrganisationForm(RecordForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]


class PersonForm(RecordForm):
    class Meta:
        model = Person
        fields = ["name", "role_title", "organisation", "email", "user"]
        labels = {"user": "Traction user account"}
        help_texts = {"user": "Only if this person signs in to Traction; links their actions to them."}

    def clean_name(self) -> str:  # people may share a name
        return str(self.cleaned_data["name"]).strip()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "user", forms.ModelChoiceField).queryset = (
            get_user_model().objects.filter(memberships__partnership=self.partnership).order_by("username")
        )


BODY_PARENT_CHANGED_HELP = (
    "Only when you change what it reports to: the date the new line took effect, for example 1/4/2026. "
    "Leave blank for today. The old line is kept in the body's history."
)


class BodyForm(RecordForm):
    class Meta:
        model = Body
        fields = ["name", "kind", "parent", "purpose", "member_organisations"]
        widgets = {"member_organisations": forms.CheckboxSelectMultiple}
        help_texts = {"parent": "The body this one reports to, if any."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = field_of(self, "parent", forms.ModelChoiceField)
        if self.instance.pk and parent.queryset is not None:
            parent.queryset = parent.queryset.exclude(pk=self.instance.pk)
        if self.instance.pk:  # the record keeps the line it replaces, dated
            self.fields["parent_changed_on"] = date_field(
                "Reporting line changed on",
                required=False,
                help_text=BODY_PARENT_CHANGED_HELP,
            )


class BodyMembershipForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = BodyMembership
        fields = ["person", "role"]
        widgets = {"role": forms.RadioSelect}

    def clean_person(self) -> Person:
        person = self.cleaned_data["person"]
        if BodyMembership.objects.filter(body_id=self.instance.body_id, person=person).exists():
            raise forms.ValidationError(ALREADY_MEMBER)
        return person


class MeetingForm(PartnershipForm, forms.ModelForm):
    date = date_field("Date")
    time = forms.TimeField(label="Start time", widget=TimeInput, error_messages={"invalid": TIME_INVALID})

    class Meta:
        model = Meeting
        fields = ["body", "date", "time", "duration_minutes", "location", "status"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            local = timezone.localtime(self.instance.start)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("time", local.time().replace(second=0, microsecond=0))
        else:
            self.initial.setdefault("time", datetime.time(14, 0))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("date") and data.get("time"):
            data["start"] = timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))
            self.instance.start = data["start"]
        return data

    def service_data(self) -> dict[str, Any]:
        return {key: value for key, value in self.cleaned_data.items() if key not in {"date", "time"}}


class AgendaItemForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "number",
            "title",
            "purpose",
            "time_allotted_minutes",
            "outcome",
            "resolution",
            "topic",
            "papers",
        ]
        widgets = {
            "purpose": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "papers": forms.CheckboxSelectMultiple,
            "resolution": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "number": "As printed on the agenda, for example 5 or 5.2.",
            "topic": "A short label that follows the item across meetings, for example budget-2025-26.",
            "papers": "Papers of this meeting that support the item.",
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        papers = field_of(self, "papers", forms.ModelChoiceField)
        assert papers.queryset is not None  # the model form gives it one
        papers.queryset = papers.queryset.filter(meeting=meeting)
        if not papers.queryset.exists():
            del self.fields["papers"]


ROW_ERROR = "Item row {row}: {error}"


class AgendaItemRowForm(PartnershipForm, forms.ModelForm):
    """One row of the several-items form: the number as printed, the title and the outcome. Its place on the
    agenda is the row's position, after the items already there."""

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "outcome", "resolution"]
        widgets = {"resolution": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"number": "As printed, for example 5 or 5.2."}


PREFIX = "items"
MAX_ROWS = 50


class AgendaItemRowsFormSet(forms.BaseFormSet[AgendaItemRowForm]):
    """Rows for several agenda items of one meeting. A row left blank is skipped; a row partly filled must be
    completed, and until every row is right nothing is saved. (What ``formset_factory`` would set is set here,
    so that the type checker knows the class.)"""

    form = AgendaItemRowForm
    extra = 2
    min_num = 0
    max_num = MAX_ROWS
    absolute_max = MAX_ROWS
    validate_min = False
    validate_max = True
    can_order = False
    can_delete = False
    can_delete_extra = False
    renderer = get_default_renderer()

    def __init__(
        self, data: Any = None, files: Any = None, *, partnership: Any, meeting: Meeting, rows: int = 2
    ) -> None:
        self.extra = rows
        self.partnership = partnership
        self.meeting = meeting
        super().__init__(data, files, prefix=PREFIX, form_kwargs={"partnership": partnership})

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        instance = AgendaItem(partnership=self.partnership, meeting=self.meeting)
        return {**super().get_form_kwargs(index), "instance": instance}

    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.rows():
            raise forms.ValidationError(NO_ROWS, code="no_rows")

    @classmethod
    def with_another_row(cls, data: Any, *, partnership: Any, meeting: Meeting) -> AgendaItemRowsFormSet:
        """The rows as sent, and one more blank one; nothing is checked yet (no errors shown)."""
        data = data.copy()
        total = f"{PREFIX}-TOTAL_FORMS"
        count = parse_id(str(data.get(total, ""))) or 0
        data[total] = str(min(count + 1, MAX_ROWS))
        data.setdefault(f"{PREFIX}-{count}-outcome", AgendaItem._meta.get_field("outcome").default)
        rows = cls(data, partnership=partnership, meeting=meeting)
        # Django checks a form when its errors are first read; errors already set (none) are not checked.
        rows._errors = [ErrorDict() for _ in rows.forms]  # type: ignore[attr-defined]
        rows._non_form_errors = rows.error_class()  # type: ignore[attr-defined]
        for form in rows.forms:
            form._errors = ErrorDict()  # type: ignore[attr-defined]
        return rows

    def rows(self) -> list[dict[str, Any]]:
        """The filled rows' data, in the order they were written."""
        return [form.cleaned_data for form in self.forms if form.has_changed() and form.cleaned_data]

    def error_list(self) -> list[tuple[str, str]]:
        """Every problem as (text, the id of the field to fix), the rows numbered from 1."""
        found = [(str(error), "item-rows") for error in self.non_form_errors()]
        for row, form in enumerate(self.forms, start=1):
            for name, errors in form.errors.items():
                target = form[name].id_for_label if name in form.fields else "item-rows"
                found += [(ROW_ERROR.format(row=row, error=error), target) for error in errors]
        return found


class AgendaItemOutcomeForm(PartnershipForm, forms.ModelForm):
    """The quick form on the meeting page: what was decided, in the minute's words."""

    class Meta:
        model = AgendaItem
        fields = ["outcome", "resolution"]
        widgets = {"outcome": forms.RadioSelect, "resolution": forms.Textarea(attrs={"rows": 3})}


class AttendanceForm(PartnershipForm, forms.Form):
    """One choice per expected person; a blank choice removes the record."""

    def __init__(self, *args: Any, meeting: Meeting, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recorded = {a.person_id: a.status for a in meeting.attendance.all()}
        choices = [("", "Not recorded"), *Attendance.Status.choices]
        self.people = people
        for person in people:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=str(person),
                choices=choices,
                required=False,
                initial=recorded.get(person.pk, ""),
                widget=forms.Select(attrs={"class": "select"}),
            )
        self.fields["other_person"] = forms.ModelChoiceField(
            label="Someone else",
            required=False,
            queryset=Person.objects.filter(partnership=self.partnership).exclude(
                pk__in=[p.pk for p in people]
            ),
        )
        self.fields["other_status"] = forms.ChoiceField(
            label="Their attendance", required=False, choices=Attendance.Status.choices
        )

    def statuses(self) -> dict[Person, str]:
        chosen = {person: self.cleaned_data.get(f"person_{person.pk}") or "" for person in self.people}
        if self.cleaned_data.get("other_person"):
            chosen[self.cleaned_data["other_person"]] = self.cleaned_data.get("other_status") or "present"
        return chosen


class PaperForm(PartnershipForm, forms.ModelForm):
    file = forms.FileField(label="File", required=False, help_text="PDF, DOCX, HTML, TXT or MD.")

    class Meta:
        model = Paper
        fields = ["title", "author_organisation", "file"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.TRACTION_MAX_UPLOAD_BYTES // (1024 * 1024)
        self.fields["file"].help_text = f"A PDF, DOCX, HTML, TXT or MD file, up to {megabytes} MB."
        self.fields["file"].widget.attrs["accept"] = ",".join(CONTENT_TYPES)

    def clean_file(self) -> Any:
        """A cheap check only (type, size, fingerprint): the paper is read in the background, once."""
        upload = self.cleaned_data.get("file")
        sniffed = sniff_upload(upload)
        duplicate = Paper.objects.filter(partnership=self.partnership, sha256=sniffed.sha256).first()
        if duplicate is not None:
            raise forms.ValidationError(DUPLICATE_PAPER.format(title=duplicate.title), code="duplicate")
        return upload


class ActionForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["body", "minute_reference", "text", "lead", "lead_organisation", "due_date"]
        labels = {"lead": "Lead person", "lead_organisation": "Lead organisation", "due_date": "Due date"}
        help_texts = {
            "minute_reference": "For example 24/5.2.",
            "due_date": "Leave blank if the minutes give no date.",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, fixed_body: bool = False, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fixed_body:
            del self.fields["body"]
        if editing:  # a due date changes only through a revision, with its reason
            del self.fields["due_date"]


class ActionReviseDueForm(PartnershipForm, forms.Form):
    new_due_date = date_field("New due date")
    reason = forms.CharField(
        label="Why is the date changing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": REASON_REQUIRED},
    )


class ActionAddUpdateForm(PartnershipForm, forms.Form):
    note = forms.CharField(label="Progress update", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    on = date_field("Date of the update", required=False, help_text="Leave blank for today.")


CLOSED_CHOICES = [(s.value, s.label) for s in ActionStatus if s != ActionStatus.OPEN]


class DoneNeedsDate(forms.Form):
    """A status of done needs the date the action was completed."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            data.get("status") == ActionStatus.DONE
            and not data.get("completed_on")
            and "completed_on" not in self.errors
        ):
            self.add_error("completed_on", COMPLETED_REQUIRED)
        return data


class ActionCloseForm(PartnershipForm, DoneNeedsDate):
    status = forms.ChoiceField(
        label="What happened?",
        choices=CLOSED_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": CLOSED_STATUS_REQUIRED, "invalid_choice": CLOSED_STATUS_REQUIRED},
    )
    completed_on = date_field("Date completed", required=False, help_text="Needed when the action is done.")
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class ActionBulkForm(PartnershipForm, DoneNeedsDate):
    actions = RecordsChoiceField(
        queryset=Action.objects.all(),
        label="Actions",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one action."},
    )
    status = forms.ChoiceField(
        label="Set status to",
        choices=[("", "Choose a status"), *ActionStatus.choices],
        error_messages={"required": STATUS_REQUIRED},
    )
    completed_on = date_field("Date completed", required=False, help_text="Needed when the actions are done.")
    note = forms.CharField(
        label="Note added to each", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionFilterForm(PartnershipForm, forms.Form):
    is_filter = True
    view = forms.ChoiceField(label="Show", choices=list(selectors.ACTION_VIEWS.items()), required=False)
    body = forms.ModelChoiceField(
        label="Body", queryset=Body.objects.all(), required=False, empty_label="All bodies"
    )
    lead = forms.ModelChoiceField(
        label="Lead", queryset=Person.objects.all(), required=False, empty_label="Anyone"
    )


class DecisionFilterForm(PartnershipForm, forms.Form):
    is_filter = True
    body = forms.ModelChoiceField(
        label="Body", queryset=Body.objects.all(), required=False, empty_label="All bodies"
    )
    date_from = date_field("From", required=False)
    date_to = date_field("To", required=False)
    q = forms.CharField(label="Containing the words", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", DATE_RANGE)
        return data


class MeetingFilterForm(PartnershipForm, forms.Form):
    is_filter = True
    body = forms.ModelChoiceField(
        label="Body", queryset=Body.objects.all(), required=False, empty_label="All bodies"
    )
    when = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("all", "All meetings"), ("upcoming", "Upcoming"), ("past", "Past")],
    )


class SearchForm(PartnershipForm, forms.Form):
    is_filter = True
    q = forms.CharField(label="Search items, resolutions and actions", required=False, max_length=200)


class MembershipAddForm(PartnershipForm, forms.Form):
    """An existing account joins the partnership; accounts themselves are created by a site administrator."""

    username = forms.CharField(
        label="Username", max_length=150, help_text="The username of an existing Traction account."
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.VIEWER)

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = required_message(field)


class MembershipRoleForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
