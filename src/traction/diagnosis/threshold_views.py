"""The partnership's diagnosis thresholds: every member reads them, an admin changes them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from traction.core import policy
from traction.core.views import FormPageView
from traction.diagnosis.forms import DiagnosisSettingsForm
from traction.diagnosis.models import DEFAULTS, DiagnosisSettings
from traction.diagnosis.thresholds import FIELDS, diagnosis_settings_for, diagnosis_settings_update
from traction.diagnosis.views import DiagnosisView


class DiagnosisSettingsView(DiagnosisView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", policy.object_type_of(DiagnosisSettings))
        found = diagnosis_settings_for(user=request.user, partnership=self.partnership)
        defaults = DiagnosisSettings(partnership=self.partnership)
        rows = [
            (found._meta.get_field(name), getattr(found, name), getattr(defaults, name)) for name in FIELDS
        ]
        return self.render(
            "diagnosis/settings_detail.html",
            {
                "rows": rows,
                "stored": found.pk is not None,
                "defaults": DEFAULTS,
                "title": "Diagnosis thresholds",
                "breadcrumbs": self.crumbs(("Thresholds", "")),
            },
        )


class DiagnosisSettingsUpdateView(FormPageView):
    form_class = DiagnosisSettingsForm
    model = DiagnosisSettings
    permission = "change"
    submit_label = "Save the thresholds"
    success_message = "Thresholds saved. The diagnosis pages use them from now on."

    def load(self) -> None:
        self.object = diagnosis_settings_for(user=self.request.user, partnership=self.partnership)

    def title(self) -> str:
        return "Change the diagnosis thresholds"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Diagnosis", self.url("overview")), ("Thresholds", self.url("settings"))]

    def perform(self, form: Any) -> Any:
        return diagnosis_settings_update(
            actor=self.request.user,
            partnership=self.partnership,
            data={name: form.cleaned_data[name] for name in FIELDS},
        )

    def success_url(self, result: Any) -> str:
        return self.url("settings")
