"""Forms of the stakeholder map and the engagement log: every choice limited to this partnership's records."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, date_field
from traction.governance.models import Body, Person

from ..models.stakeholders import Assessment, Engagement, Stakeholder


class StakeholderForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "organisation", "person", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AssessmentForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["assessed_on", "power", "interest", "stance", "desired_stance", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("power", "interest"):
            self.fields[name].widget.attrs.update({"min": 1, "max": 5})
        self.fields[
            "assessed_on"
        ].help_text = (
            "Today or an earlier date: an earlier date adds to the history without changing later views."
        )


class ActionFieldsForm(PartnershipForm, forms.Form):
    """What is to be done, by when, who leads it, and the body whose action log it goes in."""

    text = forms.CharField(
        label="What is to be done", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = date_field("Due date", required=False)
    lead = forms.ModelChoiceField(
        label="Lead person", queryset=Person.objects.order_by("name"), required=False
    )
    body = forms.ModelChoiceField(
        label="Body whose action log it goes in", queryset=Body.objects.order_by("name")
    )


class EngagementForm(PartnershipForm, forms.ModelForm):
    next_step = forms.CharField(
        label="Next step",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded as an action in the chosen body's action log.",
    )
    due_date = date_field("Next step due", required=False)
    lead = forms.ModelChoiceField(
        label="Next step lead", queryset=Person.objects.order_by("name"), required=False
    )
    body = forms.ModelChoiceField(
        label="Body whose action log the next step goes in",
        queryset=Body.objects.order_by("name"),
        required=False,
    )

    class Meta:
        model = Engagement
        fields = ["held_on", "kind", "title", "stakeholders", "participants", "heard"]
        widgets = {
            "stakeholders": forms.CheckboxSelectMultiple,
            "participants": forms.CheckboxSelectMultiple,
            "heard": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].required = False
        if self.instance.pk and self.instance.next_step_id:
            for name in ("next_step", "due_date", "lead", "body"):
                del self.fields[name]

    def record_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}

    def step(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "next_step": data.get("next_step") or "",
            "due_date": data.get("due_date"),
            "lead": data.get("lead"),
            "body": data.get("body"),
        }


class MapDateForm(forms.Form):
    """The date the map is replayed at (a GET form)."""

    on = date_field("Show the map as it stood on", required=False)
