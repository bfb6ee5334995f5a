"""Topics: the list, one topic's items, and the corrections a person makes (rename, merge, split, confirm,
accept suggestions). A topic's page is named by one of its items: ``topics/<item pk>/``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core import policy
from traction.core.forms import PartnershipForm, field_of
from traction.core.htmx import HtmxHttpRequest
from traction.core.ids import parse_id, parse_ids
from traction.core.views import FormPageView, PartnershipView
from traction.governance import selectors, topics
from traction.governance.models import AgendaItem

SUGGESTIONS_SHOWN = 500
BAD_SUGGESTION = "A suggestion could not be read. Reload the page and try again."


class TopicRenameForm(PartnershipForm, forms.Form):
    new_key = forms.CharField(
        label="New name",
        max_length=topics.KEY_LENGTH,
        help_text="Lower-case words joined by hyphens, for example “winter-pressures”.",
    )


class TopicMergeForm(PartnershipForm, forms.Form):
    into = forms.ChoiceField(
        label="Merge into",
        help_text="Every item of this topic moves to the topic you choose; this topic then no longer exists.",
    )

    def __init__(self, *args: Any, keys: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "into", forms.ChoiceField).choices = [("", "Choose a topic"), *((k, k) for k in keys)]


class TopicSplitForm(PartnershipForm, forms.Form):
    items = forms.TypedMultipleChoiceField(
        label="Items to split off", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    new_key = forms.CharField(
        label="Name of the new topic",
        max_length=topics.KEY_LENGTH,
        help_text="Lower-case words joined by hyphens.",
    )

    def __init__(self, *args: Any, items: list[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "items", forms.ChoiceField).choices = [
            (item.pk, f"{item.meeting.body.name}, {item.meeting.date:%d %b %Y}: {item}") for item in items
        ]


class TopicPageMixin(PartnershipView):
    """Resolves the topic that the URL's item names (404 if unreadable or without one)."""

    key: str

    def load_topic(self) -> None:
        self.key = topics.topic_of(user=self.request.user, partnership=self.partnership, pk=self.kwargs["pk"])

    def topic_crumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            ("Topics", self.url("topic-list")),
            (self.key, self.url("topic-detail", pk=self.kwargs["pk"])),
        ]


class TopicListView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require_write(AgendaItem, "view")
        found = topics.topic_list_for(user=request.user, partnership=self.partnership)
        return self.render(
            "governance/topic_list.html",
            {"topics": found, "title": "Topics", "breadcrumbs": [self.home_crumb(), ("Topics", "")]},
        )


class TopicDetailView(TopicPageMixin):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.load_topic()
        items = list(topics.topic_items_for(user=request.user, partnership=self.partnership, key=self.key))
        others = [t.key for t in topics.topic_list_for(user=request.user, partnership=self.partnership)]
        context = {
            "key": self.key,
            "items": items,
            "title": f"Topic: {self.key}",
            "item_pk": pk,
            "confirmed": topics.topic_is_confirmed(partnership=self.partnership, key=self.key),
            "rename_form": TopicRenameForm(partnership=self.partnership, initial={"new_key": self.key}),
            "merge_form": TopicMergeForm(partnership=self.partnership, keys=sorted(others)),
            "split_form": TopicSplitForm(partnership=self.partnership, items=items),
            "breadcrumbs": [*self.topic_crumbs()[:-1], (self.key, "")],
        }
        return self.render("governance/topic_detail.html", context)


class TopicFormView(TopicPageMixin, FormPageView):
    model = AgendaItem
    permission = "change"

    def load(self) -> None:
        self.load_topic()

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.topic_crumbs()

    def success_url(self, result: Any) -> str:
        return self.url("topic-detail", pk=self.kwargs["pk"])


class TopicRenameView(TopicFormView):
    form_class = TopicRenameForm
    submit_label = "Rename"
    success_message = "Topic renamed."

    def title(self) -> str:
        return f"Rename the topic “{self.key}”"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"new_key": self.key}}

    def perform(self, form: Any) -> Any:
        return topics.topic_rename(
            actor=self.request.user,
            partnership=self.partnership,
            key=self.key,
            new_key=form.cleaned_data["new_key"],
        )


class TopicMergeView(TopicFormView):
    form_class = TopicMergeForm
    submit_label = "Merge"
    success_message = "Topics merged."

    def title(self) -> str:
        return f"Merge the topic “{self.key}” into another"

    def get_form_kwargs(self) -> dict[str, Any]:
        keys = [t.key for t in topics.topic_list_for(user=self.request.user, partnership=self.partnership)]
        return {"keys": sorted(keys)}

    def perform(self, form: Any) -> Any:
        return topics.topic_merge(
            actor=self.request.user,
            partnership=self.partnership,
            key=self.key,
            into=form.cleaned_data["into"],
        )


class TopicSplitView(TopicFormView):
    form_class = TopicSplitForm
    submit_label = "Split off"
    success_message = "Items split off into a new topic."

    def title(self) -> str:
        return f"Split items off the topic “{self.key}”"

    def get_form_kwargs(self) -> dict[str, Any]:
        items = list(
            topics.topic_items_for(user=self.request.user, partnership=self.partnership, key=self.key)
        )
        return {"items": items}

    def post(self, request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.prepare()
        posted = parse_ids(request.POST.getlist("items"))
        if posted is None:
            raise Http404(policy.NOT_FOUND)
        # Another partnership's item does not exist here.
        found = selectors.items_by_pk(user=request.user, partnership=self.partnership, pks=posted)
        if len(found) != len(set(posted)):
            raise Http404(policy.NOT_FOUND)
        return super().post(request, *args, **kwargs)

    def perform(self, form: Any) -> Any:
        return topics.topic_split(
            actor=self.request.user,
            partnership=self.partnership,
            key=self.key,
            items=form.cleaned_data["items"],
            new_key=form.cleaned_data["new_key"],
        )


class TopicConfirmView(TopicPageMixin):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.load_topic()
        self.require_write(AgendaItem, "change")
        try:
            topics.topic_confirm(actor=request.user, partnership=self.partnership, key=self.key)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"Topic “{self.key}” confirmed: suggestions will leave its items alone."
            )
        return redirect(self.url("topic-detail", pk=pk))


class TopicSuggestView(PartnershipView):
    """Runs the linking on items without a topic and on unconfirmed topics; a person accepts what is right."""

    def prepare(self) -> dict[int, str]:
        self.require_write(AgendaItem, "change")
        return topics.topics_suggest_for(self.partnership)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.page(self.prepare(), errors=[])

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require_write(AgendaItem, "change")
        try:
            accepted = _parse_accepted(request.POST.getlist("accept"))
            count = topics.topic_suggestions_accept(
                actor=request.user, partnership=self.partnership, accepted=accepted
            )
        except ValidationError as exc:
            # Nothing was written, so the suggestions are the ones the page showed.
            return self.page(self.prepare(), errors=exc.messages)
        messages.success(request, f"{count} item{'s' if count != 1 else ''} given the suggested topic.")
        return redirect(self.url("topic-list"))

    def page(self, suggestions: dict[int, str], errors: list[str]) -> HttpResponse:
        shown = dict(list(suggestions.items())[:SUGGESTIONS_SHOWN])
        items = selectors.items_by_pk(user=self.request.user, partnership=self.partnership, pks=list(shown))
        rows = [
            {"item": items[pk], "key": key, "value": f"{pk}:{key}", "new": not items[pk].topic.strip()}
            for pk, key in sorted(shown.items(), key=lambda pair: (pair[1], items[pair[0]].meeting.start))
        ]
        return self.render(
            "governance/topic_suggest.html",
            {
                "rows": rows,
                "total": len(suggestions),
                "errors": errors,
                "title": "Suggested topics",
                "breadcrumbs": [
                    self.home_crumb(),
                    ("Topics", self.url("topic-list")),
                    ("Suggested topics", ""),
                ],
            },
            status=200,
        )


def _parse_accepted(values: list[str]) -> dict[int, str]:
    accepted: dict[int, str] = {}
    for value in values:
        text, _, key = value.partition(":")
        pk = parse_id(text)
        if pk is None or not key:
            raise ValidationError(BAD_SUGGESTION)
        accepted[pk] = key
    return accepted
