"""Forms of action learning sets: the set (with its members when it is created), a new member, a meeting
with a few rows of commitments, and a note."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, date_field
from traction.governance.models import Person

from ..models.learningsets import LearningSet, SetMeeting, SetRole
from ..services.learningsets import Commitment

COMMITMENT_ROWS = 6
OWNER_NEEDED = "Choose whose commitment this is."
TEXT_NEEDED = "Write down the commitment."


class SetForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = LearningSet
        fields = ["name", "programme", "facilitator", "every_weeks", "cadence_note", "body", "status"]
        help_texts = {"facilitator": "The facilitator is in the set and reads its notes."}


class SetCreateForm(SetForm):
    members = forms.ModelMultipleChoiceField(
        queryset=Person.objects.all(),
        label="Members (besides the facilitator)",
        help_text="Between 3 and 10; sets work best with 5 to 8.",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(SetForm.Meta):
        fields = [f for f in SetForm.Meta.fields if f != "status"]


class MemberForm(PartnershipForm, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.all(), label="Person")
    joined = date_field("Joined on", required=False, help_text="Leave blank for today.")


class MeetingForm(PartnershipForm, forms.Form):
    """The meeting's date, who came, and up to six commitments (a member, what, by when)."""

    date = date_field("Date of the meeting")
    attended = forms.ModelMultipleChoiceField(
        queryset=Person.objects.all(), label="Who came", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, learning_set: LearningSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = learning_set.members.all()
        members = everyone.filter(
            set_memberships__role=SetRole.MEMBER, set_memberships__learning_set=learning_set
        )
        self.fields["attended"].queryset = everyone  # type: ignore[attr-defined]
        self.rows = [str(n) for n in range(1, COMMITMENT_ROWS + 1)]
        for n in self.rows:
            self.fields[f"owner_{n}"] = forms.ModelChoiceField(
                queryset=members, label="Member", required=False, empty_label="Nobody (leave the row empty)"
            )
            self.fields[f"text_{n}"] = forms.CharField(label="Commitment", max_length=1000, required=False)
            self.fields[f"due_{n}"] = date_field("Due by", required=False)

    def commitment_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(n, [self[f"owner_{n}"], self[f"text_{n}"], self[f"due_{n}"]]) for n in self.rows]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in self.rows:
            owner, text = data.get(f"owner_{n}"), (data.get(f"text_{n}") or "").strip()
            if owner is None and (text or data.get(f"due_{n}")):
                self.add_error(f"owner_{n}", OWNER_NEEDED)
            if owner is not None and not text:
                self.add_error(f"text_{n}", TEXT_NEEDED)
        return data

    def commitments(self) -> list[Commitment]:
        data = self.cleaned_data
        return [
            Commitment(owner=data[f"owner_{n}"], text=data[f"text_{n}"], due_date=data.get(f"due_{n}"))
            for n in self.rows
            if data.get(f"owner_{n}") is not None
        ]


class NoteForm(PartnershipForm, forms.Form):
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)
    meeting = forms.ModelChoiceField(
        queryset=SetMeeting.objects.all(),
        label="From the meeting of",
        required=False,
        empty_label="No meeting",
    )

    def __init__(self, *args: Any, learning_set: LearningSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = learning_set.meetings.all()  # type: ignore[attr-defined]
