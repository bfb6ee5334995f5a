"""Forms of the intake pages: they parse input; the services check and write."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from traction.core.forms import DATE_INVALID, TIME_INVALID, DateInput, TimeInput, field_of
from traction.core.models import Partnership
from traction.core.uploads import CONTENT_TYPES
from traction.governance.models import Body, Meeting, Outcome, Person
from traction.intake.models import DocumentKind, Proposal
from traction.intake.selectors import people_of, person_named
from traction.intake.services.decisions import (
    NEW_PERSON_NAME_REQUIRED,
    OWNER_NOT_IN_PARTNERSHIP,
    SPLIT_TITLE_REQUIRED,
    TITLE_REQUIRED,
    split_actions,
)
from traction.intake.services.documents import FILES_REQUIRED
from traction_analysis.extract.proposed import Location, ProposedAction, ProposedItem

BLANK_ACTION_ROWS = 2
NEW_PERSON = "new"
NO_PERSON_LABEL = "No one in the record"
NEW_PERSON_LABEL = "Someone new: enter their name below"
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

    def __init__(
        self, *args: Any, partnership: Partnership, values: ProposedItem | None = None, **kwargs: Any
    ) -> None:
        item = values or ProposedItem(number=None, title="")
        actions = item.actions
        self.partnership = partnership
        people = list(people_of(partnership=partnership))
        initial: dict[str, Any] = {
            "number": item.number or "",
            "title": item.title,
            "outcome": item.outcome,
            "resolution": item.resolution or "",
        }
        # an owner the minutes name who is no one in the record is kept as read unless a person is chosen
        self.read_owners: list[str | None] = []
        for index, action in enumerate(actions):
            lead = action.person or self._named(people, action.owner)
            self.read_owners.append(None if lead else action.owner)
            initial.update(
                {
                    f"action_{index}_text": action.text,
                    f"action_{index}_owner": str(lead) if lead else "",
                    f"action_{index}_new_owner": "" if lead else action.owner or "",
                    f"action_{index}_due": action.due.isoformat() if action.due else None,
                }
            )
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.sources = [action.source for action in actions]
        choices = [("", NO_PERSON_LABEL), *((str(p.pk), str(p)) for p in people)]
        choices.append((NEW_PERSON, NEW_PERSON_LABEL))
        for index in range(len(actions) + BLANK_ACTION_ROWS):
            self._action_fields(index, choices)
        self.action_count = len(actions) + BLANK_ACTION_ROWS

    def _named(self, people: list[Person], owner: str | None) -> int | None:
        person = person_named(partnership=self.partnership, name=owner) if owner else None
        return person.pk if person is not None and person in people else None

    def _action_fields(self, index: int, choices: list[tuple[str, str]]) -> None:
        number = index + 1
        self.fields[f"action_{index}_text"] = forms.CharField(
            label=f"Action {number}", required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.fields[f"action_{index}_owner"] = forms.ChoiceField(
            label=f"Action {number}: owner",
            required=False,
            choices=choices,
            error_messages={"invalid_choice": OWNER_NOT_IN_PARTNERSHIP},
        )
        read = self.read_owners[index] if index < len(self.read_owners) else None
        self.fields[f"action_{index}_new_owner"] = forms.CharField(
            label=f"Action {number}: name of the new person",
            required=False,
            max_length=200,
            help_text=f"The minutes name “{read}”, who is no one in the record yet." if read else "",
        )
        self.fields[f"action_{index}_due"] = forms.DateField(
            label=f"Action {number}: due",
            required=False,
            widget=DateInput(),
            error_messages={"invalid": DATE_INVALID},
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for index in range(self.action_count):
            if (
                (data.get(f"action_{index}_text") or "").strip()
                and data.get(f"action_{index}_owner") == NEW_PERSON
                and not (data.get(f"action_{index}_new_owner") or "").strip()
            ):
                self.add_error(f"action_{index}_new_owner", NEW_PERSON_NAME_REQUIRED)
        return data

    def action_fields(self) -> list[tuple[Any, Any, Any, Any]]:
        return [
            (
                self[f"action_{i}_text"],
                self[f"action_{i}_owner"],
                self[f"action_{i}_new_owner"],
                self[f"action_{i}_due"],
            )
            for i in range(self.action_count)
        ]

    def _action(self, index: int, text: str) -> ProposedAction:
        data = self.cleaned_data
        chosen = data.get(f"action_{index}_owner") or ""
        if chosen == NEW_PERSON:
            owner, person = (data.get(f"action_{index}_new_owner") or "").strip(), None
        elif chosen:
            owner, person = None, int(chosen)
        else:
            owner, person = (self.read_owners[index] if index < len(self.read_owners) else None), None
        return ProposedAction(
            text=text,
            owner=owner,
            person=person,
            due=data.get(f"action_{index}_due"),
            source=self.sources[index] if index < len(self.sources) else Location(),
        )

    def values(self) -> ProposedItem:
        data = self.cleaned_data
        actions = []
        for index in range(self.action_count):
            text = (data.get(f"action_{index}_text") or "").strip()
            if text:  # an emptied row removes the action
                actions.append(self._action(index, text))
        return ProposedItem(
            number=data["number"],
            title=data["title"],
            outcome=data["outcome"],
            resolution=data["resolution"],
            actions=tuple(actions),
        )

    def new_people(self) -> list[int]:
        """The actions of :meth:`values` (by index) whose owner is a new person, to be created."""
        data = self.cleaned_data
        kept = [i for i in range(self.action_count) if (data.get(f"action_{i}_text") or "").strip()]
        return [n for n, i in enumerate(kept) if data.get(f"action_{i}_owner") == NEW_PERSON]


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
        actions = split_actions(proposal)
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
