"""Forms for indicators: the indicator itself (with the outcomes it measures) and a values file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from traction.core.forms import PartnershipForm, field_of
from traction.core.uploads import FILE_EMPTY, FILE_REQUIRED, FILE_TOO_BIG, extension_of

from ..models import Indicator

VALUES_MAX_BYTES = 2 * 1024 * 1024  # about 20,000 rows: far more than any indicator has
NOT_CSV = "The selected file must be a CSV file (.csv)."


class IndicatorForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "title",
            "description",
            "level",
            "question",
            "polarity",
            "unit",
            "outcomes",
            "area_code",
            "area_name",
            "area_type",
            "benchmark_code",
            "benchmark_name",
            "source",
            "fingertips_id",
            "fingertips_area_type",
            "fingertips_profile",
            "baseline_period",
            "target",
            "target_period",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.CheckboxSelectMultiple,
            "level": forms.RadioSelect,
            "polarity": forms.RadioSelect,
        }
        help_texts = {
            "level": "Population: a condition of a whole area that no one service owns. Service: how a "
            "programme or service is doing.",
            "question": "Service indicators only: which of the three questions it answers.",
            "outcomes": "The shared outcomes this indicator measures.",
            "fingertips_id": "For OHID Fingertips indicators: the indicator id (e.g. 90366).",
            "fingertips_area_type": "For OHID Fingertips indicators: the area type id (e.g. 502, districts "
            "and unitary authorities).",
            "baseline_period": "The period the curve is measured from, as the values name it "
            "(e.g. 2018 - 20).",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "question", forms.ChoiceField).label = "Service question"

    def clean_area_code(self) -> str:
        return str(self.cleaned_data.get("area_code") or "").strip().upper()

    def clean_benchmark_code(self) -> str:
        return str(self.cleaned_data.get("benchmark_code") or "").strip().upper()


class ValuesUploadForm(PartnershipForm, forms.Form):
    file = forms.FileField(
        label="CSV file of values",
        help_text="Columns: period and value, and optionally lower_ci, upper_ci, count, denominator, note "
        f"and area_code. At most {VALUES_MAX_BYTES // (1024 * 1024)} MB.",
        error_messages={"required": FILE_REQUIRED, "empty": FILE_EMPTY},
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if extension_of(upload.name or "") != ".csv":
            raise forms.ValidationError(NOT_CSV)
        too_big = forms.ValidationError(FILE_TOO_BIG.format(mb=VALUES_MAX_BYTES // (1024 * 1024)))
        if upload.size is not None and upload.size > min(
            VALUES_MAX_BYTES, settings.TRACTION_MAX_UPLOAD_BYTES
        ):
            raise too_big
        data: bytes = upload.read(VALUES_MAX_BYTES + 1)
        if len(data) > VALUES_MAX_BYTES:
            raise too_big
        if not data:
            raise forms.ValidationError(FILE_EMPTY)
        return data
