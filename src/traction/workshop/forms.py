"""Forms for the workshop pages: plain fields, every choice limited to what the user may see."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q

from traction.core import policy
from traction.core.forms import DATE_INVALID, PartnershipForm, field_of
from traction.core.ids import parse_id
from traction.governance.models import Meeting, Person
from traction.listening.models import Highlight, ListeningExercise, ListeningNote, Theme

from .models import AgreementRound, Awayday, NodeKind, ProblemNode, ProblemTree, SharedPicture

GROW_EMPTY = "Write the new node in a few words."
ACTION_LINE = "Line {n}: write the action, then optionally “| 2026-03-31” for its due date."


class _UserForm(PartnershipForm):
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def permitted(self, model: type) -> Any:
        return policy.permitted(user=self.user, partnership=self.partnership, action="view", model=model)


class TreeForm(_UserForm, forms.ModelForm):
    class Meta:
        model = ProblemTree
        fields = ["title", "description", "exercise", "k"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "exercise", forms.ModelChoiceField).queryset = self.permitted(ListeningExercise)
        field_of(self, "k", forms.IntegerField).min_value = 3


class NodeForm(_UserForm, forms.ModelForm):
    """A node and what stands behind it. The highlights offered are bounded: those the node already cites and
    those of one chosen conversation (``conversation``, not stored), never every highlight of the exercise."""

    conversation = forms.ModelChoiceField(
        ListeningNote.objects.none(),
        label="Show the highlights of",
        required=False,
        empty_label=None,
        help_text="Choose a conversation, then “Show its highlights”; what you have entered is kept.",
    )

    class Meta:
        model = ProblemNode
        fields = ["kind", "label", "detail", "themes", "highlights", "inference"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "highlights": forms.CheckboxSelectMultiple,
            "detail": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["kind", "label", "detail", "themes", "conversation", "highlights", "inference"]

    def __init__(self, *args: Any, tree: ProblemTree, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "themes", forms.ModelChoiceField).queryset = self.permitted(Theme).filter(
            exercise_id=tree.exercise_id
        )
        conversation = field_of(self, "conversation", forms.ModelChoiceField)
        conversation.queryset = self.permitted(ListeningNote).filter(exercise_id=tree.exercise_id)
        highlights = field_of(self, "highlights", forms.ModelChoiceField)
        offered = self.permitted(Highlight).filter(note__exercise_id=tree.exercise_id)
        chosen = self.chosen_conversation(conversation.queryset, offered)
        self.initial["conversation"] = chosen
        highlights.queryset = offered.filter(Q(note_id=chosen) | Q(pk__in=self.cited()))
        # Highlights come through the listening app's own rule (only the exercise's facilitators see them),
        # so the facilitator choosing them may read the snippet they chose earlier.
        # A label for this form only, on its own copy of the field (mypy objects to any method assigned).
        highlights.label_from_instance = (  # type: ignore[method-assign]
            lambda obj: f"“{obj.snippet[:120]}” ({obj.note})"
        )
        label = self.fields["label"]
        label.help_text = "Describe the situation as it is, without naming anyone; not as a missing solution."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data.pop("conversation", None)  # only chooses what the form shows
        return data

    def chosen_conversation(self, notes: Any, offered: Any) -> int | None:
        """The conversation asked for; else that of the node's first highlight, else the first one."""
        value = self.data.get("conversation") if self.is_bound else self.initial.get("conversation")
        if value and parse_id(value) is not None:
            return parse_id(value)
        first = offered.filter(pk__in=self.cited()).values_list("note_id", flat=True).first()
        return first or notes.values_list("pk", flat=True).first()

    def cited(self) -> list[Any]:
        """The highlights the node cites now, and those ticked on the form (kept when it is shown again)."""
        data: Any = self.data  # a QueryDict when bound
        source = data.getlist("highlights") if self.is_bound else self.initial.get("highlights") or []
        ticked = [pk for pk in (parse_id(v) for v in source) if pk is not None]
        existing = list(self.instance.highlights.values_list("pk", flat=True)) if self.instance.pk else []
        return [*existing, *ticked]


class GrowForm(_UserForm, forms.Form):
    """The short form under a node of the tree page: the new node's words and what stands behind it; the link
    to the node it sits under is made in the same step."""

    parent = forms.ModelChoiceField(ProblemNode.objects.none(), required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=[(k, k) for k in (NodeKind.CORE, NodeKind.CAUSE, NodeKind.EFFECT)], widget=forms.HiddenInput
    )
    label = forms.CharField(label="In a few words", max_length=300, error_messages={"required": GROW_EMPTY})
    theme = forms.ModelChoiceField(
        Theme.objects.none(),
        label="What stands behind it",
        required=False,
        empty_label="My own inference (no theme)",
    )

    def __init__(self, *args: Any, tree: ProblemTree, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "parent", forms.ModelChoiceField).queryset = tree.nodes.all()
        theme = field_of(self, "theme", forms.ModelChoiceField)
        theme.queryset = self.permitted(Theme).filter(exercise_id=tree.exercise_id)
        theme.label_from_instance = (  # type: ignore[method-assign]  # this form's own label
            lambda obj: obj.path()
        )


class LinkForm(_UserForm, forms.Form):
    source = forms.ModelChoiceField(ProblemNode.objects.none(), label="From (the cause)")
    target = forms.ModelChoiceField(ProblemNode.objects.none(), label="Leads to")

    def __init__(self, *args: Any, tree: ProblemTree, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nodes = tree.nodes.all()
        for name in ("source", "target"):
            field = field_of(self, name, forms.ModelChoiceField)
            field.queryset = nodes
            field.label_from_instance = (  # type: ignore[method-assign]  # this form's own label
                lambda obj: f"{obj.label} ({obj.get_kind_display().lower()})"
            )


class PublishForm(_UserForm, forms.ModelForm):
    class Meta:
        model = SharedPicture
        fields = ["title", "introduction"]


class RoundForm(_UserForm, forms.ModelForm):
    class Meta:
        model = AgreementRound
        fields = ["title", "proposal", "scale", "anonymous", "body", "tree", "picture"]
        widgets = {"scale": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "tree", forms.ModelChoiceField).queryset = self.permitted(ProblemTree)
        field_of(self, "picture", forms.ModelChoiceField).queryset = self.permitted(SharedPicture)
        self.fields[
            "anonymous"
        ].help_text = "Fixed once the round opens: nobody's position is then tied to them."


class PositionForm(forms.Form):
    value = forms.ChoiceField(label="Your position", widget=forms.RadioSelect)
    comment = forms.CharField(
        label="If you block: what would need to change?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, round_: AgreementRound, **kwargs: Any) -> None:
        kwargs.pop("partnership", None)
        super().__init__(*args, **kwargs)
        field_of(self, "value", forms.ChoiceField).choices = round_.choices()


class CloseForm(PartnershipForm, forms.Form):
    meeting = forms.ModelChoiceField(Meeting.objects.none(), label="Meeting that records the decision")
    resolution = forms.CharField(label="What was agreed", widget=forms.Textarea(attrs={"rows": 4}))
    actions = forms.CharField(
        label="Actions, one per line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optionally end a line with “| 2026-03-31” for its due date.",
    )

    def __init__(self, *args: Any, round_: AgreementRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "meeting", forms.ModelChoiceField).queryset = Meeting.objects.filter(
            partnership=self.partnership, body=round_.body
        )

    def clean_actions(self) -> list[tuple[str, datetime.date | None]]:
        parsed = []
        for n, line in enumerate(self.cleaned_data["actions"].splitlines(), start=1):
            text, _, due = line.partition("|")
            if not text.strip():
                continue
            try:
                date = datetime.date.fromisoformat(due.strip()) if due.strip() else None
            except ValueError as exc:
                raise forms.ValidationError(ACTION_LINE.format(n=n) + " " + DATE_INVALID) from exc
            parsed.append((text.strip(), date))
        return parsed


class RepollForm(forms.Form):
    title = forms.CharField(max_length=200)
    proposal = forms.CharField(label="Amended proposal", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("partnership", None)
        super().__init__(*args, **kwargs)


class AwaydayForm(PartnershipForm, forms.ModelForm):
    class Meta:
        model = Awayday
        fields = ["title", "date", "rounds", "turn_minutes", "participants"]
        widgets = {"participants": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        participants = field_of(self, "participants", forms.ModelChoiceField)
        participants.queryset = Person.objects.filter(partnership=self.partnership).select_related(
            "organisation"
        )
        participants.label_from_instance = (  # type: ignore[method-assign]  # this form's own label
            lambda obj: f"{obj.name} ({obj.organisation.name})" if obj.organisation else obj.name
        )
