"""Forms of the import pages. They parse input only; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import DATE_INVALID, DateInput, field_of
from traction_analysis.moderngov import Committee

SITE_HELP = "The council's democracy site, such as https://democracy.example.gov.uk. Only this host is read."
SINCE_HELP = (
    "The first meeting date to import. Later runs re-read only recent meetings unless you give a date."
)


class ImportSourceForm(forms.Form):
    site = forms.CharField(
        label="Site address",
        max_length=200,
        help_text=SITE_HELP,
        error_messages={"required": "Enter the site's address."},
    )


class CommitteesForm(forms.Form):
    committees = forms.MultipleChoiceField(
        label="Committees to import",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one committee.",
            "invalid_choice": "That committee choice could not be read; reload the page.",
        },
    )
    since = forms.DateField(
        label="Import meetings from",
        widget=DateInput(),
        help_text=SINCE_HELP,
        error_messages={"required": "Enter the first meeting date to import.", "invalid": DATE_INVALID},
    )
    until = forms.DateField(
        label="Import meetings up to (optional)",
        widget=DateInput(),
        required=False,
        help_text="Leave empty to include meetings already scheduled.",
        error_messages={"invalid": DATE_INVALID},
    )

    def __init__(self, *args: Any, offered: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "committees", forms.ChoiceField).choices = offered


def committee_value(committee: Committee | dict[str, str]) -> str:
    """The checkbox value: id and title, so that saving the choice needs no second call to the site."""
    if isinstance(committee, Committee):
        return f"{committee.id}|{committee.title}"
    return f"{committee['id']}|{committee['title']}"


class RunForm(forms.Form):
    since = forms.DateField(
        label="Import meetings from (optional)",
        widget=DateInput(),
        required=False,
        help_text="Leave empty to re-read from a while before the last import.",
        error_messages={"invalid": DATE_INVALID},
    )
