from __future__ import annotations

from django import forms

from traction.core.twofactor.services import CODE_REQUIRED


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        error_messages={"required": CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )


class SetupCodeForm(CodeForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["code"].help_text = "The 6-digit code the app shows for Traction after you have added it."
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
