"""Forms of the intake pages: they parse input; the services check and write."""
from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from traction.core.forms import DATE_INVALID, TIME_INVALID, DateInput, TimeInput
from traction.core.uploads import CONTENT_TYPES
from traction.governance.models import Body, Meeting, Outcome
from traction.intake.models import DocumentKind, Proposal
from traction.intake.services.decisions import SPLIT_TITLE_REQUIRED, TITLE_REQUIRED
from traction.intake.services.documents import FILES_REQUIRED

BLANK_ACTION_ROWS = 2
MEETING_OR_DATE = "Choose the meeting, or enter the date of a new one."


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if not files:
            raise forms.ValidationError(FILES_REQUIRED, code="required")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(label="Files")
    kind = forms.ChoiceField(label="What are they?", choices=DocumentKind.choices, initial=DocumentKind.MINUTES,
                             widget=forms.RadioSelect,
                             help_text="Minutes are read for their items, outcomes and actions, which you then "
                                       "review. Papers are stored with the meeting.")
    meeting = forms.ModelChoiceField(label="Meeting", queryset=Meeting.objects.none(), required=False,
                                     empty_label="Not known yet: I will choose it when reviewing")

    def __init__(self, *args: Any, body: Body, meeting: Meeting | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.TRACTION_MAX_UPLOAD_BYTES // (1024 * 1024)
        self.fields["files"].help_text = (f"PDF, DOCX, HTML, TXT or MD files, up to {megabytes} MB each. "
                                          "You can choose several at once.")
        self.fields["files"].widget.attrs["accept"] = ",".join(CONTENT_TYPES)
        if meeting is not None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = Meeting.objects.filter(body=body).select_related("body")


def action_rows(values: dict[str, Any]) -> int:
    return len(values.get("actions") or []) + BLANK_ACTION_ROWS


class ProposalForm(forms.Form):
    """An item as it will be written: the proposal's values, each field editable, actions row by row."""

    number = forms.CharField(label="Number", max_length=40, required=False)
    title = forms.CharField(label="Title", max_length=500, error_messages={"required": TITLE_REQUIRED})
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices)
    resolution = forms.CharField(label="Resolution", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, values: dict[str, Any], **kwargs: Any) -> None:
        actions = list(values.get("actions") or [])
        initial = {name: values.get(name) or "" for name in ("number", "title", "outcome", "resolution")}
        for index, action in enumerate(actions):
            initial.update({f"action_{index}_text": action.get("text"), f"action_{index}_owner": action.get("owner"),
                            f"action_{index}_due": action.get("due")})
        super().__init__(*args, initial=initial, **kwargs)
        self.sources = [action.get("source") or {} for action in actions]
        for index in range(len(actions) + BLANK_ACTION_ROWS):
            number = index + 1
            self.fields[f"action_{index}_text"] = forms.CharField(label=f"Action {number}", required=False,
                                                                  widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"action_{index}_owner"] = forms.CharField(label=f"Action {number}: owner",
                                                                   required=False, max_length=200)
            self.fields[f"action_{index}_due"] = forms.DateField(
                label=f"Action {number}: due", required=False, widget=DateInput(),
                error_messages={"invalid": DATE_INVALID})
        self.action_count = len(actions) + BLANK_ACTION_ROWS

    def action_fields(self) -> list[tuple[Any, Any, Any]]:
        return [(self[f"action_{i}_text"], self[f"action_{i}_owner"], self[f"action_{i}_due"])
                for i in range(self.action_count)]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        actions = []
        for index in range(self.action_count):
            text = (data.get(f"action_{index}_text") or "").strip()
            if not text:  # an emptied row removes the action
                continue
            due = data.get(f"action_{index}_due")
            actions.append({"text": text, "owner": data.get(f"action_{index}_owner") or None,
                            "due": due.isoformat() if due else None,
                            "source": self.sources[index] if index < len(self.sources) else {}})
        return {"number": data["number"], "title": data["title"], "outcome": data["outcome"],
                "resolution": data["resolution"], "actions": actions}


class SplitForm(forms.Form):
    number = forms.CharField(label="Number of the new item", max_length=40, required=False)
    title = forms.CharField(label="Title of the new item", max_length=500,
                            error_messages={"required": SPLIT_TITLE_REQUIRED})
    move_actions = forms.TypedMultipleChoiceField(label="Actions that belong to the new item", required=False,
                                                  coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = proposal.original.get("actions") or []
        self.fields["move_actions"].choices = [(i, a.get("text") or "") for i, a in enumerate(actions)]
        if not actions:
            del self.fields["move_actions"]


class MeetingChoiceForm(forms.Form):
    meeting = forms.ModelChoiceField(label="An existing meeting of this body", queryset=Meeting.objects.none(),
                                     required=False, empty_label="None of these: create a new meeting")
    date = forms.DateField(label="Date of the new meeting", required=False, widget=DateInput(),
                           error_messages={"invalid": DATE_INVALID},
                           help_text="Filled in from the date the minutes state, where they state one.")
    time = forms.TimeField(label="Start time of the new meeting", required=False, widget=TimeInput(),
                           initial=datetime.time(10, 0), error_messages={"invalid": TIME_INVALID})

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(body=body).select_related("body")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("meeting") and not data.get("date"):
            raise forms.ValidationError(MEETING_OR_DATE)
        return data

    def start(self) -> datetime.datetime | None:
        data = self.cleaned_data
        if data.get("meeting"):
            return None
        return timezone.make_aware(datetime.datetime.combine(data["date"], data.get("time") or datetime.time(10)))
