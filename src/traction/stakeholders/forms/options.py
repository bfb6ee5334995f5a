"""Forms of rival change options and priorities exercises."""

from __future__ import annotations

from typing import Any

from django import forms

from traction.core.forms import PartnershipForm, date_field, field_of
from traction.governance.models import Meeting

from ..models.options import ChangeOption, Method, OptionPosition, PrioritiesExercise, Priority
from ..models.stakeholders import Stakeholder

SCORE_CHOICES = [
    ("1", "1 Least important"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5 Most important"),
]


class OptionForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = ChangeOption
        fields = ["title", "summary", "sponsor", "status"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class PositionForm(PartnershipForm, forms.ModelForm):
    stated_on = date_field("Stated on", help_text="When the stakeholder took this position; not after today.")

    class Meta:
        model = OptionPosition
        fields = ["stakeholder", "stated_on", "stand", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "stakeholder", forms.ModelChoiceField).queryset = Stakeholder.objects.filter(
            partnership=self.partnership
        )


class ExerciseForm(PartnershipForm, forms.ModelForm):
    priorities = forms.CharField(
        label="Priorities and values",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One a line, in any order: at least two, at most twenty.",
    )

    class Meta:
        model = PrioritiesExercise
        fields = ["title", "description", "method", "k"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "method": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "k", forms.IntegerField).min_value = 3
        if self.instance.pk:
            self.fields["priorities"].initial = "\n".join(
                self.instance.priorities.values_list("title", flat=True)
            )

    def lines(self) -> list[str]:
        return str(self.cleaned_data.get("priorities") or "").splitlines()


class AnswerForm(forms.Form):
    """One select per priority, named ``priority_<id>``: its place (1 to m) in a ranking, or its score."""

    def __init__(self, *args: Any, exercise: PrioritiesExercise, **kwargs: Any) -> None:
        kwargs.pop("partnership", None)
        super().__init__(*args, **kwargs)
        self.priorities: list[Priority] = list(exercise.priorities.all())
        m = len(self.priorities)
        ranking = exercise.method == Method.RANK
        choices = [(str(n), f"{n}" + (" (top)" if n == 1 else "")) for n in range(1, m + 1)]
        for priority in self.priorities:
            self.fields[f"priority_{priority.pk}"] = forms.TypedChoiceField(
                label=priority.title,
                choices=[("", "Choose a place" if ranking else "Choose a score")]
                + (choices if ranking else SCORE_CHOICES),
                coerce=int,
                error_messages={
                    "required": f"Choose a {'place' if ranking else 'score'} for “{priority.title}”."
                },
            )

    def answers(self) -> dict[int, int]:
        return {p.pk: self.cleaned_data[f"priority_{p.pk}"] for p in self.priorities}


class AgreeForm(PartnershipForm, forms.Form):
    meeting = forms.ModelChoiceField(
        Meeting.objects.none(),
        label="Meeting that agreed the list",
        help_text="The decision is recorded there.",
    )
    principles = forms.CharField(
        label="The agreed list",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One principle a line, in the agreed order. Each becomes an agreed principle.",
    )
    resolution = forms.CharField(
        label="Resolution",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the meeting resolved; left blank, it lists the agreed principles.",
    )

    def __init__(self, *args: Any, initial_list: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "meeting", forms.ModelChoiceField).queryset = (
            Meeting.objects.filter(partnership=self.partnership).select_related("body").order_by("-start")
        )
        self.fields["principles"].initial = "\n".join(initial_list or [])

    def lines(self) -> list[str]:
        return str(self.cleaned_data.get("principles") or "").splitlines()
