"""Forms of the trust pulse: a wave and its (at most five) questions, the answer, releasing comments, a
follow-up."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import DATE_RANGE, PartnershipForm, date_field, field_of
from traction.governance.models import Body
from traction_analysis.direction import pulse as pure

from ..models import PulseWave

SLOTS = tuple(f"item_{n}" for n in range(1, pure.MAX_ITEMS + 1))
AGREE_CHOICES = [
    ("1", "1 Strongly disagree"),
    ("2", "2 Disagree"),
    ("3", "3 Neither agree nor disagree"),
    ("4", "4 Agree"),
    ("5", "5 Strongly agree"),
]
NO_QUESTIONS = "Keep at least one question."


class WaveForm(PartnershipForm, forms.ModelForm):
    """The wave's settings and its questions: five slots in a fixed order (three statements on trust, the
    overall 0–100 score, the open question); a slot left blank is not asked."""

    class Meta:
        model = PulseWave
        fields = ["title", "k", "cadence", "flag_below", "opens_on", "closes_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "k", forms.IntegerField).min_value = 3
        stored = {i["key"]: i["text"] for i in (self.instance.items or [])} if self.instance.pk else {}
        kinds = {pure.AGREE: "statement (1 to 5)", pure.SCORE: "score (0 to 100)", pure.OPEN: "open question"}
        for slot, item in zip(SLOTS, pure.DEFAULT_ITEMS, strict=True):
            self.fields[slot] = forms.CharField(
                label=f"Question {slot[-1]}: {kinds[item.kind]}",
                max_length=400,
                required=False,
                initial=stored.get(item.key, "" if stored else item.text),
                help_text="Reword it as you like; leave it blank not to ask it.",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        items = [
            {"key": item.key, "kind": item.kind, "text": (data.pop(slot, "") or "").strip()}
            for slot, item in zip(SLOTS, pure.DEFAULT_ITEMS, strict=True)
        ]
        data["items"] = [i for i in items if i["text"]]
        if not data["items"]:
            raise forms.ValidationError(NO_QUESTIONS)
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", DATE_RANGE)
        return data


class AnswerForm(forms.Form):
    """One field per question, named by its key; the open question is ``comment``. Every question may be
    left unanswered."""

    def __init__(self, *args: Any, wave: PulseWave, **kwargs: Any) -> None:
        kwargs.pop("partnership", None)
        super().__init__(*args, **kwargs)
        for item in pure.items_from(wave.items):
            self.fields["comment" if item.kind == pure.OPEN else item.key] = self._field(item)

    @staticmethod
    def _field(item: pure.Item) -> forms.Field:
        if item.kind == pure.AGREE:
            return forms.TypedChoiceField(
                label=item.text,
                choices=AGREE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        if item.kind == pure.SCORE:
            return forms.IntegerField(label=item.text, min_value=0, max_value=100, required=False)
        return forms.CharField(
            label=item.text,
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text="Do not name anyone. Your words are shown only if the facilitator releases them.",
        )

    def answers(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "comment" and v is not None}


class ReleaseForm(forms.Form):
    comments = forms.MultipleChoiceField(
        label="Comments to release", widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.pop("partnership", None)
        super().__init__(*args, **kwargs)
        field = field_of(self, "comments", forms.MultipleChoiceField)
        field.choices = choices
        field.error_messages["required"] = "Choose at least one comment to release."


class FollowUpForm(PartnershipForm, forms.Form):
    item = forms.ChoiceField(label="Flagged question")
    action_text = forms.CharField(
        label="Action to take", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.ModelChoiceField(
        Body.objects.none(), label="Body that carries out the action", required=False
    )
    due_date = date_field("Action due by", required=False)
    reason = forms.CharField(
        label="Or: no action, because…",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, items: list[pure.Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "item", forms.ChoiceField).choices = [(i.key, i.text) for i in items]
        field_of(self, "body", forms.ModelChoiceField).queryset = Body.objects.filter(
            partnership=self.partnership
        )
