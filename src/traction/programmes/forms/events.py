"""Forms of whole-system events: every choice limited to this partnership's records, and to the event's own
groups and tables."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, date_field, field_of
from traction.governance.models import Meeting, Person
from traction.governance.workflows import ActionSpec

from ..models.events import MAX_CAPACITY, AgendaStage, CommonGround, Event, EventGroup, EventTable, Invitation
from .programmes import _in_range

ACTION_ROWS = 3
OWNER_NEEDED = "Choose who owns this action."
TEXT_NEEDED = "Write what is to be done."
CONFIRM_NEEDED = "Tick the box to replace the current table plan: everyone's seat will change."


class EventForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "date", "place", "purpose", "body", "meeting"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "meeting", forms.ModelChoiceField).queryset = Meeting.objects.filter(
            partnership=self.partnership
        ).select_related("body")

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        _in_range(self, "date")
        return data


class _EventChildForm(PartnershipForm, forms.ModelForm):
    """A record of one event: the event comes from the URL, never from the form."""

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.event = event


class GroupForm(_EventChildForm):
    class Meta:
        model = EventGroup
        fields = ["name"]
        labels = {"name": "Group name"}


class StageForm(_EventChildForm):
    class Meta:
        model = AgendaStage
        fields = ["title", "order", "minutes", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"order": "Lower numbers come first."}


class CommonGroundForm(_EventChildForm):
    class Meta:
        model = CommonGround
        fields = ["text"]
        labels = {"text": "Statement everyone could agree to"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class InviteForm(PartnershipForm, forms.Form):
    group = forms.ModelChoiceField(EventGroup.objects.none(), label="Group")
    people = forms.ModelMultipleChoiceField(
        Person.objects.none(),
        label="People to invite",
        help_text="Hold Ctrl (or Cmd) to choose several.",
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "group", forms.ModelChoiceField).queryset = event.groups.all()
        field_of(self, "people", forms.ModelMultipleChoiceField).queryset = Person.objects.filter(
            partnership=self.partnership
        ).select_related("organisation")


class InvitationForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["status", "group", "table"]

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # any table or group id is accepted here: the model and the service refuse another event's
        field_of(self, "group", forms.ModelChoiceField).queryset = EventGroup.objects.filter(
            partnership=self.partnership
        )
        field_of(self, "table", forms.ModelChoiceField).queryset = EventTable.objects.filter(
            partnership=self.partnership
        )


class MoveForm(InvitationForm):
    class Meta:
        model = Invitation
        fields = ["table"]
        labels = {"table": "Move to table"}

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super(InvitationForm, self).__init__(*args, **kwargs)
        field_of(self, "table", forms.ModelChoiceField).queryset = EventTable.objects.filter(
            partnership=self.partnership
        )


class TablePlanForm(PartnershipForm, forms.Form):
    tables = forms.IntegerField(label="Number of tables", min_value=1, max_value=100)
    capacity = forms.IntegerField(label="Seats at each table", min_value=2, max_value=MAX_CAPACITY)
    seed = forms.IntegerField(
        label="Shuffle number",
        min_value=0,
        max_value=1_000_000,
        initial=0,
        help_text="The same number gives the same plan; another number, another plan that keeps the rule.",
    )
    confirm = forms.BooleanField(
        label="Replace the current table plan (everyone's seat will change)", required=False
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_plan = event.tables.exists()
        if not self.has_plan:
            del self.fields["confirm"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_plan and not data.get("confirm"):
            self.add_error("confirm", CONFIRM_NEEDED)
        return data


class _ActionsForm(PartnershipForm, forms.Form):
    """Up to three actions, each with an owner (a person of the record) and a due date."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(partnership=self.partnership)
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(label=f"Action {n}", required=False, max_length=2000)
            self.fields[f"owner_{n}"] = forms.ModelChoiceField(
                people, label=f"Owner of action {n}", required=False
            )
            self.fields[f"due_{n}"] = date_field(f"Due date of action {n}", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, ACTION_ROWS + 1):
            text, owner = (data.get(f"action_{n}") or "").strip(), data.get(f"owner_{n}")
            if text and owner is None and f"owner_{n}" not in self.errors:
                self.add_error(f"owner_{n}", OWNER_NEEDED)
            if owner is not None and not text:
                self.add_error(f"action_{n}", TEXT_NEEDED)
        return data

    def action_specs(self, event: Event) -> list[ActionSpec]:
        data = self.cleaned_data
        return [
            ActionSpec(
                text=data[f"action_{n}"].strip(),
                lead=data[f"owner_{n}"],
                due_date=data[f"due_{n}"],
                provenance={"event": event.title},
            )
            for n in range(1, ACTION_ROWS + 1)
            if (data.get(f"action_{n}") or "").strip()
        ]


class DecisionForm(_ActionsForm):
    title = forms.CharField(label="Decision", max_length=500)
    resolution = forms.CharField(label="What was agreed", widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["title", "resolution"]


class ActionsForm(_ActionsForm):
    pass
