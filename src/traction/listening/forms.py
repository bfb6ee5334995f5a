"""Forms for confidential listening: they parse and validate; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from traction.core.forms import PartnershipForm, date_field, field_of
from traction.core.models import Role
from traction.governance.models import Person
from traction.listening.anchoring import locate
from traction.listening.models import (
    ExerciseStatus,
    Highlight,
    ListeningExercise,
    ListeningNote,
    NoteField,
    Theme,
)
from traction.listening.selectors import NoteWords

NOT_IN_NOTE = "Those words are not in “{field}” of this note. Copy them exactly as they appear."


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ExerciseForm(PartnershipForm, forms.Form):
    title = forms.CharField(max_length=200)
    purpose = forms.CharField(
        required=False,
        widget=_textarea(3),
        help_text="Why you are listening, and to whom. Participants see this purpose.",
    )
    facilitators = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only the facilitators chosen here can read the notes. You are always one of them.",
    )
    participants = forms.ModelMultipleChoiceField(
        queryset=Person.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    starts_on = date_field("Start date", required=False)
    ends_on = date_field("End date", required=False)
    status = forms.ChoiceField(choices=ExerciseStatus.choices, initial=ExerciseStatus.PLANNED)
    retain_until = date_field(
        "Keep the notes until",
        required=False,
        help_text="After this date the notes and the name key are destroyed for good (themes and problem "
        "trees stay). Tell the participants this date. Leave it empty only while you agree one.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        facilitators = field_of(self, "facilitators", forms.ModelChoiceField)
        facilitators.queryset = (
            get_user_model()
            .objects.filter(memberships__partnership=self.partnership, memberships__role=Role.FACILITATOR)
            .order_by("username")
        )
        # A label for this form only, on its own copy of the field (mypy objects to any method assigned).
        facilitators.label_from_instance = lambda obj: obj.get_full_name() or obj.username  # type: ignore[method-assign]

    @classmethod
    def initial_for(cls, exercise: ListeningExercise) -> dict[str, Any]:
        return {
            "title": exercise.title,
            "purpose": exercise.purpose,
            "status": exercise.status,
            "starts_on": exercise.starts_on,
            "ends_on": exercise.ends_on,
            "facilitators": list(exercise.facilitators.all()),
            "participants": list(exercise.participants.all()),
            "retain_until": exercise.retain_until,
        }


class NoteForm(PartnershipForm, forms.Form):
    participant = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        required=False,
        help_text="Who you listened to. Never shown outside this exercise.",
    )
    held_on = date_field("Date of the conversation")
    setting = forms.CharField(
        required=False,
        widget=_textarea(2),
        strip=False,
        help_text="Where and how you met, for example: one to one, in their office.",
    )
    facts = forms.CharField(label="What was said", required=False, widget=_textarea(10), strip=False)
    feelings = forms.CharField(label="What was felt", required=False, widget=_textarea(6), strip=False)
    may_quote = forms.BooleanField(label="May be quoted anonymously", required=False)
    may_count = forms.BooleanField(label="May be counted towards a theme", required=False)

    @classmethod
    def initial_for(cls, words: NoteWords) -> dict[str, Any]:
        note = words.note
        return {
            "participant": note.participant,
            "held_on": note.held_on,
            "setting": words.setting,
            "facts": words.facts,
            "feelings": words.feelings,
            "may_quote": note.may_quote,
            "may_count": note.may_count,
        }


class NamesForm(forms.Form):
    names = forms.MultipleChoiceField(
        label="Replace these names with tokens",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Names you leave unticked stay in the note as written.",
    )

    def __init__(self, *args: Any, found: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "names", forms.ChoiceField).choices = [
            (name, f"{name} ({kind})") for name, kind in found.items()
        ]
        self.initial.setdefault("names", list(found))


class HighlightForm(forms.Form):
    field = forms.ChoiceField(label="Part of the note", choices=NoteField.choices)
    snippet = forms.CharField(
        label="Words to highlight",
        widget=_textarea(3),
        strip=False,
        help_text="Copy the words exactly, or select them in the note above.",
    )
    start = forms.IntegerField(label="Position in the text (optional)", required=False, min_value=0)
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, note: ListeningNote, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.note = note
        self.fields["themes"].queryset = Theme.objects.filter(exercise=note.exercise)  # type: ignore[attr-defined]
        self.fields["themes"].label_from_instance = theme_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        field, snippet = data.get("field"), data.get("snippet")
        if field and snippet:
            span = locate(self.note.text_of(field), snippet, data.get("start"))
            if span is None:
                self.add_error("snippet", NOT_IN_NOTE.format(field=NoteField(field).label))
            else:
                data["start"], data["end"] = span
        return data


def theme_label(theme: Theme) -> str:
    return theme.path()


def _themes_of(exercise: ListeningExercise, exclude: Theme | None = None) -> Any:
    themes = Theme.objects.filter(exercise=exercise)
    return themes.exclude(pk=exclude.pk) if exclude is not None else themes


class ThemeForm(forms.Form):
    name = forms.CharField(max_length=120)
    description = forms.CharField(required=False, widget=_textarea(3))
    parent = forms.ModelChoiceField(
        label="Under",
        queryset=Theme.objects.none(),
        required=False,
        help_text="Leave empty for a top-level theme.",
    )

    def __init__(
        self, *args: Any, exercise: ListeningExercise, theme: Theme | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _themes_of(exercise, theme)  # type: ignore[attr-defined]
        self.fields["parent"].label_from_instance = theme_label  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label="Merge into",
        queryset=Theme.objects.none(),
        help_text="Its highlights and sub-themes move there; this theme is removed.",
    )

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = _themes_of(theme.exercise, theme)  # type: ignore[attr-defined]
        self.fields["target"].label_from_instance = theme_label  # type: ignore[attr-defined]


class AcceptForm(forms.Form):
    key = forms.CharField(max_length=64)
    name = forms.CharField(max_length=120, required=False)


class HighlightThemesForm(forms.Form):
    """Several highlights of one conversation, one theme, and whether to give it or take it away."""

    highlights = forms.ModelMultipleChoiceField(
        queryset=Highlight.objects.none(),
        error_messages={"required": "Tick at least one highlight."},
    )
    theme = forms.ModelChoiceField(
        label="Theme", queryset=Theme.objects.none(), error_messages={"required": "Choose the theme."}
    )
    change = forms.ChoiceField(choices=[("add", "Add"), ("remove", "Remove")])

    def __init__(self, *args: Any, note: ListeningNote, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["highlights"].queryset = note.highlights.all()  # type: ignore[attr-defined]
        self.fields["theme"].queryset = Theme.objects.filter(exercise=note.exercise)  # type: ignore[attr-defined]
        self.fields["theme"].label_from_instance = theme_label  # type: ignore[attr-defined]
