"""Forms of the intake pages: they parse input; the services check and write."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from traction.core.forms import DATE_INVALID, TIME_INVALID, DateInput, TimeInput, field_of
from traction.core.uploads import CONTENT_TYPES
from traction.governance.models import Body, Meeting, Outcome
from traction.intake.models import DocumentKind, Proposal
from traction.intake.services.decisions import SPLIT_TITLE_REQUIRED, TITLE_REQUIRED
from traction.intake.services.documents import FILES_REQUIRED
from traction_analysis.extract.proposed import Location, ProposedAction, ProposedItem

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
    # The form metaclass moves declared fields off the class, so this does not hide BaseForm.files.
    files = MultipleFileField(label="Files")  # type: ignore[assignment]
    kind = forms.ChoiceField(
        label="What are they?",
        choices=DocumentKind.choices,
        initial=DocumentKind.MINUTES,
        widget=forms.RadioSelect,
        help_text="Minutes are read for their items, outcomes and actions, which you then "
        "review. Papers are stored with the meeting.",
    )
    meeting = forms.ModelChoiceField(
        label="Meeting",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="Not known yet: I will choose it when reviewing",
    )

    def __init__(self, *args: Any, body: Body, meeting: Meeting | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.TRACTION_MAX_UPLOAD_BYTES // (1024 * 1024)
        files = self.fields["files"]
        files.help_text = (
            f"PDF, DOCX, HTML, TXT or MD files, up to {megabytes} MB each. You can choose several at once."
        )
        self.fields["files"].widget.attrs["accept"] = ",".join(CONTENT_TYPES)
        if meeting is not None:
            del self.fields["meeting"]
        else:
            field_of(self, "meeting", forms.ModelChoiceField).queryset = Meeting.objects.filter(
                body=body
            ).select_related("body")


class ProposalForm(forms.Form):
    """An item as it will be written: the proposal's values, each field editable, actions row by row.

    ``values`` is the item shown (none: a blank one, for an item the extractor missed); :meth:`values`
    gives the item as the reviewer left it, each action keeping where it was read.
    """

    number = forms.CharField(label="Number", max_length=40, required=False)
    title = forms.CharField(label="Title", max_length=500, error_messages={"required": TITLE_REQUIRED})
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices)
    resolution = forms.CharField(label="Resolution", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, values: ProposedItem | None = None, **kwargs: Any) -> None:
        item = values or ProposedItem(number=None, title="")
        actions = item.actions
        initial: dict[str, Any] = {
            "number": item.number or "",
            "title": item.title,
            "outcome": item.outcome,
            "resolution": item.resolution or "",
        }
        for index, action in enumerate(actions):
            initial.update(
                {
                    f"action_{index}_text": action.text,
                    f"action_{index}_owner": action.owner,
                    f"action_{index}_due": action.due.isoformat() if action.due else None,
                }
            )
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.sources = [action.source for action in actions]
        for index in range(len(actions) + BLANK_ACTION_ROWS):
            number = index + 1
            self.fields[f"action_{index}_text"] = forms.CharField(
                label=f"Action {number}", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"action_{index}_owner"] = forms.CharField(
                label=f"Action {number}: owner", required=False, max_length=200
            )
            self.fields[f"action_{index}_due"] = forms.DateField(
                label=f"Action {number}: due",
                required=False,
                widget=DateInput(),
                error_messages={"invalid": DATE_INVALID},
            )
        self.action_count = len(actions) + BLANK_ACTION_ROWS

    def action_fields(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"action_{i}_text"], self[f"action_{i}_owner"], self[f"action_{i}_due"])
            for i in range(self.action_count)
        ]

    def values(self) -> ProposedItem:
        data = self.cleaned_data
        actions = []
        for index in range(self.action_count):
            text = (data.get(f"action_{index}_text") or "").strip()
            if not text:  # an emptied row removes the action
                continue
            actions.append(
                ProposedAction(
                    text=text,
                    owner=data.get(f"action_{index}_owner") or None,
                    due=data.get(f"action_{index}_due"),
                    source=self.sources[index] if index < len(self.sources) else Location(),
                )
            )
        return ProposedItem(
            number=data["number"],
            title=data["title"],
            outcome=data["outcome"],
            resolution=data["resolution"],
            actions=tuple(actions),
        )


class SplitForm(forms.Form):
    number = forms.CharField(label="Number of the new item", max_length=40, required=False)
    title = forms.CharField(
        label="Title of the new item", max_length=500, error_messages={"required": SPLIT_TITLE_REQUIRED}
    )
    move_actions = forms.TypedMultipleChoiceField(
        label="Actions that belong to the new item",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = proposal.item.actions
        field_of(self, "move_actions", forms.ChoiceField).choices = [
            (i, a.text) for i, a in enumerate(actions)
        ]
        if not actions:
            del self.fields["move_actions"]


class MeetingChoiceForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="An existing meeting of this body",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="None of these: create a new meeting",
    )
    date = forms.DateField(
        label="Date of the new meeting",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": DATE_INVALID},
        help_text="Filled in from the date the minutes state, where they state one.",
    )
    time = forms.TimeField(
        label="Start time of the new meeting",
        required=False,
        widget=TimeInput(),
        initial=datetime.time(10, 0),
        error_messages={"invalid": TIME_INVALID},
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "meeting", forms.ModelChoiceField).queryset = Meeting.objects.filter(
            body=body
        ).select_related("body")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("meeting") and not data.get("date"):
            raise forms.ValidationError(MEETING_OR_DATE)
        return data

    def start(self) -> datetime.datetime | None:
        data = self.cleaned_data
        if data.get("meeting"):
            return None
        return timezone.make_aware(
            datetime.datetime.combine(data["date"], data.get("time") or datetime.time(10))
        )
