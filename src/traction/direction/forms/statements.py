"""Forms for principles, goals and outcomes: every choice limited to this partnership's records."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, field_of
from traction.governance.models import Action, AgendaItem, Meeting

from ..models import Goal, Principle, SharedOutcome

STATEMENT_FIELDS = ["title", "text", "status", "agreed_item", "order"]


def decided_items(partnership: Any) -> Any:
    return (
        AgendaItem.objects.filter(partnership=partnership)
        .decided()
        .select_related("meeting__body")
        .order_by("-meeting__start", "order")
    )


def item_label(item: Any) -> str:
    return f"{item.meeting}: {item}"


class _StatementForm(PartnershipForm, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agreed = field_of(self, "agreed_item", forms.ModelChoiceField)
        agreed.queryset = decided_items(self.partnership)
        agreed.label_from_instance = item_label  # type: ignore[method-assign,assignment]  # this form's own
        agreed.help_text = (
            "The decided agenda item that agreed it; needed to mark it agreed. No decision recorded yet? "
            "Save it as a draft, then use “Record the decision”."
        )
        self.fields["order"].help_text = "Lower numbers come first."


class PrincipleForm(_StatementForm):
    class Meta:
        model = Principle
        fields = STATEMENT_FIELDS


class GoalForm(_StatementForm):
    class Meta:
        model = Goal
        fields = [*STATEMENT_FIELDS[:2], "owner", *STATEMENT_FIELDS[2:]]


class OutcomeForm(_StatementForm):
    class Meta:
        model = SharedOutcome
        fields = [*STATEMENT_FIELDS[:2], "goal", "owner", *STATEMENT_FIELDS[2:]]


class AgreeForm(PartnershipForm, forms.Form):
    """Record, at a meeting, the decision that agrees a principle, goal or outcome."""

    meeting = forms.ModelChoiceField(Meeting.objects.none(), label="Meeting that agreed it")
    resolution = forms.CharField(label="What was agreed", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "meeting", forms.ModelChoiceField).queryset = (
            Meeting.objects.filter(partnership=self.partnership).select_related("body").order_by("-start")
        )


class ClaimsForm(PartnershipForm, forms.ModelForm):
    """The decisions and actions that claim to move an outcome."""

    class Meta:
        model = SharedOutcome
        fields = ["decisions", "actions"]
        widgets = {"decisions": forms.CheckboxSelectMultiple, "actions": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decisions = field_of(self, "decisions", forms.ModelMultipleChoiceField)
        decisions.queryset = decided_items(self.partnership)
        decisions.label_from_instance = item_label  # type: ignore[method-assign,assignment]
        decisions.required = False
        actions = field_of(self, "actions", forms.ModelMultipleChoiceField)
        actions.queryset = (
            Action.objects.filter(partnership=self.partnership).select_related("body").order_by("-id")
        )
        actions.label_from_instance = (  # type: ignore[method-assign]
            lambda obj: f"{obj} ({obj.body.name}, {obj.get_status_display().lower()})"
        )
        actions.required = False


class RecordClaimsForm(PartnershipForm, forms.Form):
    """The outcomes a decision or an action claims to move, chosen from the record's side."""

    outcomes = forms.ModelMultipleChoiceField(
        SharedOutcome.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Outcomes it claims to move",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "outcomes", forms.ModelMultipleChoiceField).queryset = SharedOutcome.objects.filter(
            partnership=self.partnership
        ).exclude(status="retired")
