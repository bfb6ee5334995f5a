"""Forms of options appraisals: the appraisal, its factors (all at once), an option, an assessor's scores."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm
from traction_analysis.commissioning import appraisal as pure

from ..models import Option, OptionsAppraisal
from ..selectors import appraisals as selectors
from ..services.appraisals import FactorRow

SCORE_CHOICES = [
    ("", "Choose a score"),
    ("0", "0 Not met at all"),
    ("1", "1 Poor"),
    ("2", "2 Weak"),
    ("3", "3 Adequate"),
    ("4", "4 Good"),
    ("5", "5 Excellent"),
]
CHOOSE_SCORE = "Choose a score from 0 to 5."
OWN_WEIGHT = "Give the new factor a name, or leave its weight blank."


class AppraisalForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = OptionsAppraisal
        fields = ["title", "preferred_reasons"]
        widgets = {"preferred_reasons": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "preferred_reasons": "Needed before the appraisal can be marked complete and go to the gate."
        }


class FactorsForm(PartnershipForm, forms.Form):
    """A name and a weight for every factor, and a blank slot for each own factor the appraisal may still
    have (at most three own factors). Blanking an own factor's name removes it."""

    def __init__(self, *args: Any, appraisal: OptionsAppraisal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factors = selectors.factors_of(appraisal)
        own = sum(1 for f in self.factors if not f.standard)
        for factor in self.factors:
            self._pair(str(factor.pk), factor.name, factor.weight, required=factor.standard)
        self.new_slots = [f"new{n}" for n in range(1, pure.MAX_OWN_FACTORS - own + 1)]
        for slot in self.new_slots:
            self._pair(slot, "", None, required=False)

    def _pair(self, key: str, name: str, weight: int | None, *, required: bool) -> None:
        self.fields[f"name_{key}"] = forms.CharField(
            label="Factor" if required else "Own factor (leave blank for none)",
            max_length=200,
            required=required,
            initial=name,
        )
        self.fields[f"weight_{key}"] = forms.IntegerField(
            label="Weight (points)", min_value=0, max_value=100, required=required, initial=weight
        )

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        keys = [str(f.pk) for f in self.factors] + self.new_slots
        return [(self[f"name_{k}"], self[f"weight_{k}"]) for k in keys]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for slot in self.new_slots:
            if data.get(f"weight_{slot}") and not (data.get(f"name_{slot}") or "").strip():
                self.add_error(f"name_{slot}", OWN_WEIGHT)
        return data

    def rows(self) -> list[FactorRow]:
        data = self.cleaned_data
        rows = [
            FactorRow(f.pk, data.get(f"name_{f.pk}") or "", data.get(f"weight_{f.pk}") or 0)
            for f in self.factors
        ]
        rows += [
            FactorRow(None, data.get(f"name_{s}") or "", data.get(f"weight_{s}") or 0) for s in self.new_slots
        ]
        return rows


class OptionForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Option
        fields = [
            "dimension",
            "title",
            "description",
            "channel",
            "kept",
            "reason",
            "short_list",
            "whole_life_cost",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "channel": "How it would be delivered: in-house, insourced, through a partner or by influence, "
            "outsourced, a mix, or stopped.",
            "short_list": "The short list needs one business as usual, one do minimum, one preferred and at "
            "least one other option.",
            "whole_life_cost": "The cost over the option's whole life, in pounds.",
        }


class ScoreForm(PartnershipForm, forms.Form):
    """One select per short-listed option and factor, grouped by option; only this assessor's scores."""

    def __init__(
        self, *args: Any, appraisal: OptionsAppraisal, mine: dict[tuple[int, int], int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.options = selectors.short_listed(appraisal)
        self.factors = selectors.factors_of(appraisal)
        for option in self.options:
            for factor in self.factors:
                initial = mine.get((option.pk, factor.pk))
                self.fields[f"s_{option.pk}_{factor.pk}"] = forms.TypedChoiceField(
                    label=f"{factor.name} (weight {factor.weight})",
                    choices=SCORE_CHOICES,
                    coerce=int,
                    initial="" if initial is None else str(initial),
                    error_messages={"required": CHOOSE_SCORE, "invalid_choice": CHOOSE_SCORE},
                )

    def groups(self) -> list[tuple[Option, list[forms.BoundField]]]:
        return [(o, [self[f"s_{o.pk}_{f.pk}"] for f in self.factors]) for o in self.options]

    def scores(self) -> dict[tuple[int, int], int]:
        return {
            (o.pk, f.pk): self.cleaned_data[f"s_{o.pk}_{f.pk}"] for o in self.options for f in self.factors
        }
