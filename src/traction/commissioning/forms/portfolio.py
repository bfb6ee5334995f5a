"""Forms of the portfolio: its filter (which never refuses: a value it cannot use is ignored), the
settings, the outcome review and its decision, and the yearly self-assessment with its actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from traction.core.forms import PartnershipForm, date_field
from traction.governance.models import Body, Meeting
from traction_analysis.commissioning import portfolio as pure

from ..models import CommissioningSettings, OutcomeReview, Phase, ReviewDecision, SelfAssessment
from ..selectors.portfolio import DEFAULT_SORT, valid_sort


class PortfolioFilterForm(forms.Form):
    """The filter and sort of the portfolio page, read from the query string. A value that is not one of
    the choices is dropped, so a bad link still shows the page (with that filter off)."""

    is_filter = True

    phase = forms.ChoiceField(label="Phase", required=False, choices=[("", "Every phase"), *Phase.choices])
    lead_body = forms.TypedChoiceField(label="Lead body", required=False, coerce=int, empty_value=None)
    stalled = forms.BooleanField(label="Stalled strategies only", required=False)

    def __init__(self, *args: Any, bodies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_body"].choices = [("", "Every lead body"), *bodies]  # type: ignore[attr-defined]

    def chosen(self) -> dict[str, Any]:
        """The valid filters, with the sort (the default when it is not one the page knows)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "phase": data.get("phase") or "",
            "lead_body": data.get("lead_body"),
            "stalled_only": bool(data.get("stalled")),
            "sort": valid_sort(self.data.get("sort") or DEFAULT_SORT),
        }


class SettingsForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = CommissioningSettings
        fields = ["stall_days"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stall_days"].label = "A strategy stalls after this many days without a gate decided"
        self.fields["stall_days"].help_text = "Between 30 and 1095 days (three years)."


class ReviewForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = OutcomeReview
        fields = ["story", "partners"]
        widgets = {"story": forms.Textarea(attrs={"rows": 8}), "partners": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "story": "What lies behind the figures: what worked, what did not, and why.",
            "partners": "Who else has a part to play in turning the curve, and what it is.",
        }


class ReviewDecisionForm(PartnershipForm, forms.Form):
    meeting = forms.ModelChoiceField(
        label="Meeting that decided it", queryset=Meeting.objects.select_related("body").order_by("-start")
    )
    decision = forms.ChoiceField(label="Decision", choices=ReviewDecision.choices, widget=forms.RadioSelect)
    decision_reasons = forms.CharField(
        label="Reasons", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


def _score_name(key: str) -> str:
    return f"score_{key}"


def _note_name(key: str) -> str:
    return f"note_{key}"


class SelfAssessmentForm(PartnershipForm, forms.Form):
    """The year (when new) and, for each standard, a score from 1 to 4 and a note."""

    def __init__(self, *args: Any, instance: SelfAssessment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is None:
            self.fields["year"] = forms.IntegerField(
                label="Year", min_value=2000, max_value=2100, initial=timezone.localdate().year
            )
        scores = instance.scores if instance else {}
        notes = instance.notes if instance else {}
        for standard in pure.STANDARDS:
            self.fields[_score_name(standard.key)] = forms.TypedChoiceField(
                label=standard.title,
                help_text=standard.text,
                choices=list(pure.SCORES.items()),
                coerce=int,
                widget=forms.RadioSelect,
                initial=scores.get(standard.key),
            )
            self.fields[_note_name(standard.key)] = forms.CharField(
                label=f"Note on “{standard.title}”",
                required=False,
                max_length=2000,
                initial=notes.get(standard.key, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def assessment_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        found: dict[str, Any] = {
            "scores": {s.key: data[_score_name(s.key)] for s in pure.STANDARDS},
            "notes": {s.key: data.get(_note_name(s.key), "") for s in pure.STANDARDS},
        }
        if "year" in data:
            found["year"] = data["year"]
        return found


class SelfAssessmentActionForm(PartnershipForm, forms.Form):
    standard = forms.ChoiceField(
        label="Standard it serves",
        required=False,
        choices=[("", "More than one, or none in particular"), *((s.key, s.title) for s in pure.STANDARDS)],
    )
    body = forms.ModelChoiceField(
        label="Body whose action log it goes in", queryset=Body.objects.order_by("name")
    )
    text = forms.CharField(
        label="What is to be done", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = date_field("Due date", required=False)
