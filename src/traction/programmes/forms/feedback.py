"""Forms of programme feedback: the short form after a session, the then-and-now ratings, the follow-up, a
learning objective, and releasing comments. Each takes the partnership, as every page form does."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, field_of

from ..models.feedback import LearningObjective
from ..services.feedback import MAX_COMMENT, QUESTIONS

SCALE_CHOICES = [
    ("1", "1 Not at all"),
    ("2", "2 A little"),
    ("3", "3 Somewhat"),
    ("4", "4 Quite a lot"),
    ("5", "5 Very much"),
]
RATING_CHOICES = [
    ("1", "1 Not at all able"),
    ("2", "2 Slightly able"),
    ("3", "3 Somewhat able"),
    ("4", "4 Able"),
    ("5", "5 Fully able"),
]


def scale_field(label: str, *, required: bool = False, choices: list[tuple[str, str]] = SCALE_CHOICES) -> Any:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
    )


def comment_field(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


class _Plain(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("partnership", None)
        super().__init__(*args, **kwargs)


class SessionFeedbackForm(_Plain):
    satisfaction = scale_field(QUESTIONS["satisfaction"])
    engagement = scale_field(QUESTIONS["engagement"])
    relevance = scale_field(QUESTIONS["relevance"])
    comment = comment_field(
        "What one thing would have made the session better for you?",
        "Do not name anyone. Your words are shown only if a facilitator releases them.",
    )


class ThenAndNowForm(_Plain):
    """Two required ratings per objective: ``before_<id>`` and ``now_<id>``."""

    def __init__(self, *args: Any, objectives: list[LearningObjective], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objectives = objectives
        for o in objectives:
            self.fields[f"before_{o.pk}"] = scale_field(
                f"{o.text}: before the programme", required=True, choices=RATING_CHOICES
            )
            self.fields[f"now_{o.pk}"] = scale_field(f"{o.text}: now", required=True, choices=RATING_CHOICES)

    def ratings(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {o.pk: (data[f"before_{o.pk}"], data[f"now_{o.pk}"]) for o in self.objectives}


class FollowUpForm(_Plain):
    comment = comment_field(
        "What do you now do differently because of the programme?",
        "An example helps. Do not name anyone. Your words are shown only if a facilitator releases them.",
    )
    applied = scale_field(QUESTIONS["applied"])
    impact = scale_field(QUESTIONS["impact"])


class ObjectiveForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = LearningObjective
        fields = ["text", "order"]


class ReleaseForm(_Plain):
    comments = forms.MultipleChoiceField(
        label="Comments to release", widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = field_of(self, "comments", forms.MultipleChoiceField)
        field.choices = choices
        field.error_messages["required"] = "Choose at least one comment to release."
