"""Forms of localities, successions, bodies' histories and the chart's date."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, date_field, field_of
from traction.governance.models import Body

from ..models.structures import BodyHistory, Locality, Succession, gss_code


class LocalityForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Locality
        fields = ["name", "gss_code", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_gss_code(self) -> str:
        return gss_code(self.cleaned_data.get("gss_code", ""))


class SuccessionForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Succession
        fields = ["kind", "effective_on", "predecessors", "successors", "note"]
        widgets = {
            "predecessors": forms.CheckboxSelectMultiple,
            "successors": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "predecessors": "The organisations that stop, or change, on the date.",
            "successors": "The organisations that carry on their work from the date (none for an abolition).",
        }


class BodyHistoryForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = BodyHistory
        fields = ["established_on", "abolished_on", "replaced_by", "localities", "note"]
        widgets = {"localities": forms.CheckboxSelectMultiple, "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "abolished_on": "Leave blank while the body exists. It exists until the day before this date.",
            "replaced_by": "The body that took over its work on the day it was abolished.",
        }

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "replaced_by", forms.ModelChoiceField)
        field.queryset = Body.objects.filter(partnership=self.partnership).exclude(pk=body.pk)


class ChartDateForm(forms.Form):
    on = date_field("Show the structure on", help_text="For example 31/3/2026.")
