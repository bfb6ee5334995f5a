"""Forms of localities, successions, bodies' histories and the chart's date."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, date_field, field_of
from traction.governance.models import Body

from ..models.structures import BodyHistory, Locality, ReportingLine, Succession, gss_code


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


class ReportingLineChangeForm(PartnershipForm, forms.Form):
    """A change of a body's reporting line at a date (the body is in the URL)."""

    reports_to = forms.ModelChoiceField(
        Body.objects.all(),
        label="From that date it reports to",
        required=False,
        help_text="Leave blank when from that date it reports to no body.",
    )
    on = date_field("Date the change took effect", help_text="For example 1/4/2026.")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "reports_to", forms.ModelChoiceField)
        field.queryset = Body.objects.filter(partnership=self.partnership).exclude(pk=body.pk)


class ReportingLineForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = ReportingLine
        fields = ["reports_to", "starts_on", "ends_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "starts_on": "Leave blank when the line held from the day the body began.",
            "ends_on": "The day the next line took effect; leave blank while the line is in effect.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "reports_to", forms.ModelChoiceField)
        field.queryset = Body.objects.filter(partnership=self.partnership).exclude(pk=self.instance.body_id)
