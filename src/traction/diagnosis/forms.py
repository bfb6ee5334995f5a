"""The thresholds form: whole numbers within the bounds the model sets, shares as percentages."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm
from traction.diagnosis.models import BOUNDS, DiagnosisSettings

OUT_OF_BOUNDS = "Enter a whole number from {low} to {high}."


class DiagnosisSettingsForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = DiagnosisSettings
        fields = list(BOUNDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (low, high) in BOUNDS.items():
            model_field = DiagnosisSettings.threshold_field(name)
            message = OUT_OF_BOUNDS.format(low=low, high=high)
            self.fields[name] = forms.IntegerField(
                label=model_field.verbose_name,
                help_text=model_field.help_text,
                min_value=low,
                max_value=high,
                error_messages={
                    "required": f"Enter the {str(model_field.verbose_name).lower()}.",
                    "invalid": message,
                    "min_value": message,
                    "max_value": message,
                },
            )
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})
