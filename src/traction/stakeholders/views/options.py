"""Rival change options: the list, an option with its positions over time, recording a position, the
side-by-side comparison, and the option's form and delete pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from ..forms.options import OptionForm, PositionForm
from ..models.options import ChangeOption, OptionPosition, Stand
from ..selectors import options as selectors
from ..services import options as services
from .base import StakeholdersDeleteView, StakeholdersFormView, StakeholdersView

LIST = ("Change options", "option-list")


class _OptionsView(StakeholdersView):
    def crumbs(self, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), (LIST[0], self.url(LIST[1])), *more]


class OptionListView(_OptionsView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "stakeholders/options_list.html",
            {
                "title": "Change options",
                "options": selectors.options_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (LIST[0], "")],
            },
        )


class OptionDetailView(_OptionsView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        option = self.get_permitted(ChangeOption, pk)
        return self.render(
            "stakeholders/options_detail.html",
            {
                "title": option.title,
                "option": option,
                "positions": selectors.positions_of(option),
                "breadcrumbs": self.crumbs((option.title, "")),
            },
        )


class OptionCompareView(_OptionsView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        chosen = request.GET.getlist("option")
        return self.render(
            "stakeholders/options_compare.html",
            {
                "title": "Compare the options",
                "all_options": selectors.options_for(user=request.user, partnership=self.partnership),
                "chosen": chosen,
                "comparison": selectors.comparison_for(
                    user=request.user, partnership=self.partnership, chosen=chosen
                ),
                "stands": Stand.choices,
                "breadcrumbs": self.crumbs(("Compare", "")),
            },
        )


class _OptionFormView(StakeholdersFormView):
    model = ChangeOption
    form_class = OptionForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (LIST[0], self.url(LIST[1]))]

    def success_url(self, result: Any) -> str:
        return self.url("option-detail", pk=result.pk)


class OptionCreateView(_OptionFormView):
    def title(self) -> str:
        return "New change option"

    def perform(self, form: Any) -> Any:
        return services.option_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class OptionUpdateView(_OptionFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        return services.option_update(
            actor=self.request.user, option=self.object, data=form.cleaned_data, seen=self.seen
        )


class OptionDeleteView(StakeholdersDeleteView):
    model = ChangeOption
    list_url_name = "option-list"


class PositionCreateView(StakeholdersFormView):
    """Record a stakeholder's position on the option named in the URL (appended to its history)."""

    model = OptionPosition
    form_class = PositionForm
    submit_label = "Record the position"
    success_message = "The position is recorded."
    option: ChangeOption

    def load(self) -> None:
        self.option = self.get_permitted(ChangeOption, self.kwargs["pk"])

    def title(self) -> str:
        return f"Record a position on {self.option}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            (LIST[0], self.url(LIST[1])),
            (self.option.title, self.url("option-detail", pk=self.option.pk)),
        ]

    def perform(self, form: Any) -> Any:
        return services.position_record(actor=self.request.user, option=self.option, data=form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return self.url("option-detail", pk=self.option.pk)
