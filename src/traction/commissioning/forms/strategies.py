"""Forms for strategies, their checklists, the toolkit templates and gates: every choice limited to this
partnership's records. A strategy's form never offers its phase or iteration (only a gate moves them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from traction.core.forms import PartnershipForm, date_field, field_of
from traction.governance.models import AgendaItem, Body, Meeting, Paper, Person
from traction_analysis.commissioning.strategies import CONDITION_FORMAT, ConditionError, parse_conditions

from ..models import Assessment, Confidence, Decision, Gate, GateCriterionTemplate, Strategy, ToolkitStep
from ..services.gates import NO_BODY, NO_MEETING, Condition, GateDecision

NOBODY_CALLED = "Line {line}: nobody called “{name}” is among the partnership’s people."
SEVERAL_CALLED = (
    "Line {line}: several people are called “{name}”; add them to the record under distinct names."
)


class StrategyForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Strategy
        fields = [
            "title",
            "scope",
            "lead_officer",
            "lead_body",
            "partner_bodies",
            "budget",
            "next_gate_on",
            "outcomes",
            "indicators",
        ]
        widgets = {
            "partner_bodies": forms.CheckboxSelectMultiple,
            "outcomes": forms.CheckboxSelectMultiple,
            "indicators": forms.CheckboxSelectMultiple,
            "scope": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("partner_bodies", "outcomes", "indicators"):
            self.fields[name].required = False
        self.fields["outcomes"].help_text = "The shared outcomes this strategy serves."
        self.fields["indicators"].help_text = "The indicators that show whether it works."


class ToolkitStepForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = ToolkitStep
        fields = ["phase", "order", "title", "guidance", "active"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}


class CriterionTemplateForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = GateCriterionTemplate
        fields = ["phase", "order", "text", "active"]


class TickForm(PartnershipForm, forms.Form):
    """One step of the checklist marked done or not done."""

    step = forms.ModelChoiceField(ToolkitStep.objects.all())
    done = forms.TypedChoiceField(choices=[("1", "done"), ("0", "to do")], coerce=lambda v: v == "1")
    note = forms.CharField(max_length=300, required=False)


class GateScheduleForm(PartnershipForm, forms.Form):
    scheduled_for = date_field(
        "Gate date", required=False, help_text="The meeting at which it should be decided."
    )


class GateAssessForm(PartnershipForm, forms.Form):
    """Four fields per criterion of the gate, named ``c<pk>-<field>``; the template groups them."""

    def __init__(self, *args: Any, gate: Gate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(gate.criteria.all())
        papers = Paper.objects.filter(partnership=self.partnership).order_by("-id")
        for criterion in self.criteria:
            prefix = f"c{criterion.pk}-"
            self.fields[prefix + "assessment"] = forms.ChoiceField(
                label="Assessment", choices=Assessment.choices, required=False, initial=criterion.assessment
            )
            self.fields[prefix + "evidence"] = forms.CharField(
                label="Evidence",
                required=False,
                initial=criterion.evidence,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[prefix + "paper"] = forms.ModelChoiceField(
                papers, label="A paper of the record", required=False, initial=criterion.paper_id
            )
            self.fields[prefix + "link"] = forms.URLField(
                label="Or a link",
                required=False,
                max_length=500,
                initial=criterion.link,
                assume_scheme="https",
            )

    def groups(self) -> list[tuple[Any, list[Any]]]:
        """(criterion, its bound fields) for the template."""
        names = ("assessment", "evidence", "paper", "link")
        return [(c, [self[f"c{c.pk}-{name}"] for name in names]) for c in self.criteria]

    def assessments(self) -> dict[int, dict[str, Any]]:
        data = self.cleaned_data
        return {
            c.pk: {
                name: data[f"c{c.pk}-{name}"] or ("" if name != "paper" else None)
                for name in ("assessment", "evidence", "paper", "link")
            }
            for c in self.criteria
        }


class GateDecideForm(PartnershipForm, forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    confidence = forms.TypedChoiceField(
        label="Delivery confidence", choices=[("", "—"), *Confidence.choices], coerce=int, empty_value=None
    )
    body = forms.ModelChoiceField(
        Body.objects.all(), label="Body that decided it", error_messages={"required": NO_BODY}
    )
    meeting = forms.ModelChoiceField(
        Meeting.objects.all(),
        label="Meeting at which it was decided",
        error_messages={"required": NO_MEETING},
    )
    decided_item = forms.ModelChoiceField(
        AgendaItem.objects.all(),
        label="Decided item already in the record (optional)",
        required=False,
        help_text="Leave empty to record the decision as a new decided item at the end of the meeting’s "
        "agenda.",
    )
    resolution = forms.CharField(
        label="What was decided", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    conditions = forms.CharField(
        label="Conditions, one a line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=CONDITION_FORMAT + " Each becomes an action in the action log.",
    )
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to pass the gate with a criterion not met or not yet assessed.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confidence"].required = False  # the service refuses a missing rating in plain words
        field_of(self, "meeting", forms.ModelChoiceField).queryset = (
            Meeting.objects.filter(partnership=self.partnership).select_related("body").order_by("-start")
        )
        item = field_of(self, "decided_item", forms.ModelChoiceField)
        item.queryset = (
            AgendaItem.objects.filter(partnership=self.partnership)
            .decided()
            .select_related("meeting__body")
            .order_by("-meeting__start", "order")
        )
        item.label_from_instance = lambda obj: f"{obj.meeting}: {obj}"  # type: ignore[method-assign]

    def clean_conditions(self) -> list[Condition]:
        try:
            lines = parse_conditions(self.cleaned_data.get("conditions") or "")
        except ConditionError as exc:
            raise ValidationError(str(exc)) from None
        people = Person.objects.filter(partnership=self.partnership)
        conditions = []
        for line in lines:
            found = list(people.filter(name__iexact=line.owner)[:2])
            if not found:
                raise ValidationError(NOBODY_CALLED.format(line=line.number, name=line.owner))
            if len(found) > 1:
                raise ValidationError(SEVERAL_CALLED.format(line=line.number, name=line.owner))
            conditions.append(Condition(text=line.text, owner=found[0], due_date=line.due_date))
        return conditions

    def decided(self) -> GateDecision:
        data = self.cleaned_data
        return GateDecision(
            decision=data["decision"],
            confidence=data["confidence"],
            body=data["body"],
            meeting=data["meeting"],
            resolution=data["resolution"],
            conditions=data["conditions"],
            reasons=data["reasons"],
            decided_item=data["decided_item"],
        )
