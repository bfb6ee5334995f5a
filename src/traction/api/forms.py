from __future__ import annotations

from typing import Any

from django import forms

from traction.api.models import Scope
from traction.core.models import Partnership


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What the token is for, for example “Monthly report script”.",
        error_messages={"required": "Give the token a name, so you can tell it from your others."},
    )
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        label="Partnership",
        empty_label=None,
        error_messages={
            "required": "Choose a partnership.",
            "invalid_choice": "Choose one of your partnerships.",
        },
    )
    scope = forms.ChoiceField(
        label="What may it do?",
        choices=Scope.choices,
        initial=Scope.READ,
        widget=forms.RadioSelect,
        help_text="Never more than your role allows. Read and write lets it change actions.",
    )

    def __init__(self, *args: Any, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partnership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = partnerships
