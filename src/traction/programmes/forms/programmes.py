"""Forms of programmes, cohorts, sessions, enrolment and the register."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, TimeInput
from traction.governance.models import Person

from ..models.programmes import AttendanceStatus, Cohort, Programme, Session

NOT_RECORDED = "Not recorded"
UNKNOWN_PERSON = "Only people enrolled in this cohort can be marked on its register."
DATE_RANGE = "Dates must be between the years 2000 and 2100."


def _in_range(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        day = form.cleaned_data.get(name)
        if day and not 2000 <= day.year <= 2100:
            form.add_error(name, DATE_RANGE)


class ProgrammeForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "description", "lead", "starts_on", "ends_on", "outcomes", "k"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = self.fields["lead"].queryset.order_by("name")  # type: ignore[attr-defined]
        self.fields["outcomes"].help_text = "The partnership's shared outcomes this programme works towards."

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        _in_range(self, "starts_on", "ends_on")
        return data


class CohortForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name"]
        labels = {"name": "Cohort name"}
        help_texts = {"name": "For example “Cohort 3 (autumn)”."}


class SessionForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["title", "kind", "date", "starts_at", "ends_at", "place", "facilitator"]
        widgets = {"starts_at": TimeInput(), "ends_at": TimeInput()}
        help_texts = {"starts_at": "Leave the times blank for an all-day session."}

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        _in_range(self, "date")
        return data


class EnrolForm(PartnershipForm, forms.Form):
    people = forms.ModelMultipleChoiceField(
        label="People to enrol",
        queryset=Person.objects.select_related("organisation").order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=(
            "People of the partnership's record not yet in this cohort. Hold Ctrl (or ⌘) to choose several."
        ),
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        field.queryset = field.queryset.exclude(enrolments__cohort=cohort)  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: (  # type: ignore[attr-defined]
            f"{p.name} ({p.organisation.name})" if p.organisation else p.name
        )


def person_field(pk: int) -> str:
    return f"person_{pk}"


class RegisterForm(PartnershipForm, forms.Form):
    """One select per enrolled person (labelled with their name), and "mark everyone attended"."""

    mark_all = forms.BooleanField(
        label="Mark everyone attended",
        required=False,
        help_text="Sets to Attended every person below left as Not recorded; the marks you chose are kept.",
    )

    def __init__(self, *args: Any, people: list[Person], current: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        choices = [("", NOT_RECORDED), *AttendanceStatus.choices]
        for person in people:
            self.fields[person_field(person.pk)] = forms.ChoiceField(
                label=person.name, choices=choices, required=False, initial=current.get(person.pk, "")
            )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        known = {person_field(p.pk) for p in self.people}
        if any(k.startswith("person_") and k not in known for k in self.data):
            raise forms.ValidationError(UNKNOWN_PERSON)
        return data

    def marks(self) -> dict[int, str]:
        everyone = self.cleaned_data.get("mark_all")
        found: dict[int, str] = {}
        for p in self.people:
            chosen = self.cleaned_data.get(person_field(p.pk), "") if person_field(p.pk) in self.data else ""
            if chosen:
                found[p.pk] = chosen  # a mark the user chose is kept, "mark everyone" or not
            elif everyone:
                found[p.pk] = AttendanceStatus.ATTENDED
            elif person_field(p.pk) in self.data:
                found[p.pk] = ""  # sent as "not recorded"; a field not sent changes nothing
        return found

    def person_fields(self) -> list[forms.BoundField]:
        return [self[person_field(p.pk)] for p in self.people]

    def rows(self) -> list[dict[str, Any]]:
        """Each person's select, ready to write out: the widget machinery is too slow for 200 of them."""
        choices = [("", NOT_RECORDED), *AttendanceStatus.choices]
        found = []
        for person in self.people:
            name = person_field(person.pk)
            value = self.data.get(name, "") if self.is_bound else self.fields[name].initial
            found.append(
                {
                    "name": name,
                    "id": f"id_{name}",
                    "label": person.name,
                    "options": [(v, text, v == value) for v, text in choices],
                    "errors": self.errors.get(name) if self.is_bound else None,
                }
            )
        return found
