"""Forms of the relationship network: a survey, and the answer (a compact table, one row per person)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from traction.core.forms import PartnershipForm, field_of
from traction.governance.models import Person

from ..models.network import TRUST_ASPECTS, Frequency, NetworkSurvey, Trust

NOT_RATED = ("", "Not rated")
UNLISTED = "Rate only the people listed here: nobody rates themselves or anyone outside the survey."


class SurveyForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = NetworkSurvey
        fields = ["title", "starts_on", "ends_on", "people", "facilitators", "k"]
        widgets = {
            "people": forms.CheckboxSelectMultiple,
            "facilitators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "k", forms.IntegerField).min_value = 3
        people = field_of(self, "people", forms.ModelMultipleChoiceField)
        people.queryset = Person.objects.filter(partnership=self.partnership).order_by("name")
        people.help_text = "Everyone who will rate the others and be rated."
        facilitators = field_of(self, "facilitators", forms.ModelMultipleChoiceField)
        facilitators.queryset = (
            get_user_model().objects.filter(memberships__partnership=self.partnership).order_by("username")
        )
        facilitators.help_text = (
            "Only they will see who rated whom. Whoever creates the survey facilitates it."
        )
        facilitators.required = False


class AnswerForm(forms.Form):
    """One row per other person in the survey: frequency, three trust aspects, an optional comment. A row
    left blank is not rated; a row is sent whole or not at all."""

    ROW_FIELDS = ("frequency", *dict(TRUST_ASPECTS), "comment")

    def __init__(self, *args: Any, ratees: list[Person], partnership: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ratees = ratees
        frequency = [NOT_RATED, *((str(v), label) for v, label in Frequency.choices)]
        trust = [NOT_RATED, *((str(v), label) for v, label in Trust.choices)]
        for person in ratees:
            self.fields[f"frequency_{person.pk}"] = forms.ChoiceField(
                label=f"How often you work with {person.name}", choices=frequency, required=False
            )
            for aspect, label in TRUST_ASPECTS:
                self.fields[f"{aspect}_{person.pk}"] = forms.ChoiceField(
                    label=f"{label}: {person.name}", choices=trust, required=False
                )
            self.fields[f"comment_{person.pk}"] = forms.CharField(
                label=f"Comment on {person.name} (optional)", max_length=200, required=False
            )

    def rows(self) -> list[tuple[Person, list[forms.BoundField]]]:
        return [(p, [self[f"{name}_{p.pk}"] for name in self.ROW_FIELDS]) for p in self.ratees]

    def answers(self) -> dict[int, dict[str, Any]]:
        found: dict[int, dict[str, Any]] = {}
        for person in self.ratees:
            values = {name: self.cleaned_data.get(f"{name}_{person.pk}") or "" for name in self.ROW_FIELDS}
            scored = [values[name] for name in self.ROW_FIELDS if name != "comment"]
            if any(scored) or values["comment"]:
                if not all(scored):
                    raise forms.ValidationError(f"Complete the row for {person.name}, or leave it all blank.")
                found[person.pk] = values
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        listed = {str(p.pk) for p in self.ratees}
        for key in self.data or {}:
            name, _, pk = str(key).rpartition("_")
            if name in self.ROW_FIELDS and pk not in listed:
                raise forms.ValidationError(UNLISTED)
        if not self.errors:
            self.answers()
        return data
