"""Forms of the partnership health check: statements, runs, answers and follow-ups."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, date_field, field_of
from traction.governance.models import Body
from traction_analysis.anonymity import K_FLOOR
from traction_analysis.direction import health as pure

from ..models import HealthCheckRun, HealthStatement, Section

DONT_KNOW = "dk"
ANSWER_CHOICES = [*((str(value), label) for value, label in pure.SCALE.items()), (DONT_KNOW, "Don't know")]
CHOOSE_ONE = "Choose how far you agree, or “Don't know”."


class StatementForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = HealthStatement
        fields = ["section", "text", "order", "active"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": "Statement", "active": "Active (asked in new health checks)"}


class RunForm(PartnershipForm, forms.ModelForm):
    closes_on = date_field("Answers close on", help_text="Answers are taken up to and including this day.")

    class Meta:
        model = HealthCheckRun
        fields = ["title", "k", "closes_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "k", forms.IntegerField).min_value = K_FLOOR


class AnswerForm(PartnershipForm, forms.Form):
    """One radio group per statement of the run, grouped by section in the template."""

    def __init__(self, *args: Any, run: HealthCheckRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.run = run
        for statement in run.statements:
            self.fields[statement["key"]] = forms.ChoiceField(
                label=statement["text"],
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_ONE, "invalid_choice": CHOOSE_ONE},
            )

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(section label, its statements' fields) in the instrument's order."""
        grouped: dict[str, list[forms.BoundField]] = {}
        for statement in self.run.statements:
            grouped.setdefault(statement["section"], []).append(self[statement["key"]])
        return [(str(Section(s).label), grouped[s]) for s in pure.SECTIONS if s in grouped]

    def answers(self) -> dict[str, int | None]:
        return {key: None if value == DONT_KNOW else int(value) for key, value in self.cleaned_data.items()}


class FollowUpForm(PartnershipForm, forms.Form):
    section = forms.ChoiceField(label="Section")
    body = forms.ModelChoiceField(
        label="Body",
        queryset=Body.objects.all(),
        required=False,
        help_text="The body whose action log the action goes in.",
    )
    text = forms.CharField(label="Action", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    due_date = date_field("Due date", required=False)
    reason = forms.CharField(
        label="Or: no action, because…",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave the action empty when you write a reason.",
    )

    def __init__(self, *args: Any, sections: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "section", forms.ChoiceField).choices = [(s, Section(s).label) for s in sections]
