"""The stakeholder list, a stakeholder's trail and assessments, the map replayed at a date, the gaps, and the
engagement log."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ..forms.stakeholders import (
    ActionFieldsForm,
    AssessmentForm,
    EngagementForm,
    MapDateForm,
    StakeholderForm,
)
from ..models.stakeholders import Assessment, Engagement, Stakeholder
from ..selectors import stakeholders as selectors
from ..services import stakeholders as services
from .base import StakeholdersDeleteView, StakeholdersFormView, StakeholdersView

STAKEHOLDERS = "Stakeholders"
ENGAGEMENTS = "Engagement log"
FUTURE_MAP = "The map cannot show a future date: it shows today's."
BAD_CELL = (
    "The cell was not understood (power and interest from 1 to 5, such as 4-5): the table shows everyone."
)
SCALE = frozenset("12345")


def _crumbs(view: StakeholdersView, stakeholder: Stakeholder | None = None) -> list[tuple[str, str]]:
    crumbs = [view.home_crumb(), (STAKEHOLDERS, view.url("stakeholder-list"))]
    if stakeholder is not None:
        crumbs.append((stakeholder.name, view.url("stakeholder-detail", pk=stakeholder.pk)))
    return crumbs


def _engagement_crumbs(view: StakeholdersView, engagement: Engagement | None = None) -> list[tuple[str, str]]:
    crumbs = [view.home_crumb(), (ENGAGEMENTS, view.url("engagement-list"))]
    if engagement is not None:
        crumbs.append((engagement.title, view.url("engagement-detail", pk=engagement.pk)))
    return crumbs


def chosen_day(request: HttpRequest, today: datetime.date) -> tuple[datetime.date, MapDateForm]:
    """The date asked for (``?on=``), or today: a malformed or future date is answered with today's map
    and a message on the form."""
    form = MapDateForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return today, form
    day = form.cleaned_data.get("on") or today
    if day > today:
        form.add_error("on", FUTURE_MAP)
        return today, form
    return day, form


def chosen_cell(request: HttpRequest) -> tuple[tuple[int, int] | None, str]:
    """The grid cell whose stakeholders the table shows (``?cell=power-interest``), or none; anything else
    is answered with the whole table and a plain message."""
    text = request.GET.get("cell") or ""
    if not text:
        return None, ""
    power, _, interest = text.partition("-")
    if power in SCALE and interest in SCALE:
        return (int(power), int(interest)), ""
    return None, BAD_CELL


class StakeholderListView(StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "stakeholder")
        return self.render(
            "stakeholders/stakeholders_list.html",
            {
                "title": STAKEHOLDERS,
                **selectors.list_for(
                    user=request.user, partnership=self.partnership, today=timezone.localdate()
                ),
                "breadcrumbs": [self.home_crumb(), (STAKEHOLDERS, "")],
            },
        )


class StakeholderDetailView(StakeholdersView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        stakeholder = self.get_permitted(Stakeholder, pk)
        return self.render(
            "stakeholders/stakeholders_detail.html",
            {
                "title": stakeholder.name,
                "stakeholder": stakeholder,
                **selectors.detail_for(
                    user=request.user, partnership=self.partnership, stakeholder=stakeholder
                ),
                "breadcrumbs": [*_crumbs(self), (stakeholder.name, "")],
            },
        )


class _StakeholderFormView(StakeholdersFormView):
    model = Stakeholder
    form_class = StakeholderForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _crumbs(self, self.object)

    def success_url(self, result: Any) -> str:
        return self.url("stakeholder-detail", pk=result.pk)


class StakeholderCreateView(_StakeholderFormView):
    submit_label = "Add the stakeholder"

    def title(self) -> str:
        return "New stakeholder"

    def perform(self, form: Any) -> Any:
        return services.stakeholder_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class StakeholderUpdateView(_StakeholderFormView):
    permission = "change"

    def title(self) -> str:
        return f"Change {self.object.name}"

    def perform(self, form: Any) -> Any:
        return services.stakeholder_update(
            actor=self.request.user, stakeholder=self.object, data=form.cleaned_data, seen=self.seen
        )


class StakeholderDeleteView(StakeholdersDeleteView):
    model = Stakeholder
    list_url_name = "stakeholder-list"


class AssessmentCreateView(StakeholdersFormView):
    """Append an assessment to a stakeholder (a change to the stakeholder: ``assessment`` is its child)."""

    model = Assessment
    form_class = AssessmentForm
    submit_label = "Add the assessment"
    success_message = "The assessment was added to the stakeholder's trail."
    stakeholder: Stakeholder

    def load(self) -> None:
        self.stakeholder = self.get_permitted(Stakeholder, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        latest = self.stakeholder.assessments.order_by("-assessed_on", "-id").first()
        initial: dict[str, Any] = {"assessed_on": timezone.localdate()}
        if latest is not None:
            initial |= {
                "power": latest.power,
                "interest": latest.interest,
                "stance": latest.stance,
                "desired_stance": latest.desired_stance,
            }
        return {"initial": initial}

    def title(self) -> str:
        return f"Assess {self.stakeholder.name}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _crumbs(self, self.stakeholder)

    def perform(self, form: Any) -> Any:
        return services.assessment_add(
            actor=self.request.user, stakeholder=self.stakeholder, data=form.cleaned_data
        )

    def success_url(self, result: Any) -> str:
        return self.url("stakeholder-detail", pk=self.stakeholder.pk)


class GapActionView(StakeholdersFormView):
    """An engagement action for a stakeholder's gap, recorded in a body's action log on its behalf."""

    model = Stakeholder
    form_class = ActionFieldsForm
    permission = "change"
    creates = True  # each post adds an action to the body's log
    submit_label = "Add the action"
    success_message = "The action is in the body's action log and listed on the stakeholder."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def title(self) -> str:
        return f"Add an engagement action for {self.object.name}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Gaps", self.url("stakeholder-gaps"))]

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.gap_action_add(
            actor=self.request.user,
            stakeholder=self.object,
            body=data["body"],
            text=data["text"],
            due_date=data["due_date"],
            lead=data["lead"],
            url=self.url("stakeholder-detail", pk=self.object.pk),
        )

    def success_url(self, result: Any) -> str:
        return self.url("stakeholder-detail", pk=self.object.pk)


class StakeholderMapView(StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "stakeholder")
        today = timezone.localdate()
        day, form = chosen_day(request, today)
        cell, cell_error = chosen_cell(request)
        return self.render(
            "stakeholders/stakeholders_map.html",
            {
                "title": "Stakeholder map",
                "form": form,
                "today": today,
                "cell_error": cell_error,
                **selectors.map_for(
                    user=request.user, partnership=self.partnership, day=day, today=today, cell=cell
                ),
                "breadcrumbs": [self.home_crumb(), ("Stakeholder map", "")],
            },
        )


class StakeholderGapsView(StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "stakeholder")
        day, form = chosen_day(request, timezone.localdate())
        return self.render(
            "stakeholders/stakeholders_gaps.html",
            {
                "title": "Gaps between stance and desired stance",
                "form": form,
                **selectors.gaps_for(user=request.user, partnership=self.partnership, day=day),
                "breadcrumbs": [self.home_crumb(), ("Gaps", "")],
            },
        )


class EngagementListView(StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "engagement")
        stakeholders = selectors.visible(request.user, self.partnership, Stakeholder)
        chosen = None
        wanted = request.GET.get("stakeholder") or ""
        if wanted:
            chosen = self.get_permitted(Stakeholder, wanted)
        engagements = selectors.engagements_for(
            user=request.user, partnership=self.partnership, stakeholder=chosen
        )
        return self.render(
            "stakeholders/stakeholders_engagements.html",
            {
                "title": ENGAGEMENTS,
                "engagements": engagements[:200],
                "stakeholders": stakeholders,
                "chosen": chosen,
                "breadcrumbs": [self.home_crumb(), (ENGAGEMENTS, "")],
            },
        )


class EngagementDetailView(StakeholdersView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        engagement = self.get_permitted(Engagement, pk)
        return self.render(
            "stakeholders/stakeholders_engagement.html",
            {
                "title": engagement.title,
                "engagement": engagement,
                "stakeholders": engagement.stakeholders.all(),
                "participants": engagement.participants.all(),
                "breadcrumbs": [*_engagement_crumbs(self), (engagement.title, "")],
            },
        )


class _EngagementFormView(StakeholdersFormView):
    model = Engagement
    form_class = EngagementForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _engagement_crumbs(self, self.object)

    def success_url(self, result: Any) -> str:
        return self.url("engagement-detail", pk=result.pk)


class EngagementCreateView(_EngagementFormView):
    submit_label = "Log the engagement"

    def get_form_kwargs(self) -> dict[str, Any]:
        initial: dict[str, Any] = {"held_on": timezone.localdate()}
        wanted = self.request.GET.get("stakeholder")
        if wanted:
            initial["stakeholders"] = [self.get_permitted(Stakeholder, wanted).pk]
        return {"initial": initial}

    def title(self) -> str:
        return "Log an engagement"

    def perform(self, form: Any) -> Any:
        return services.engagement_create(
            actor=self.request.user,
            partnership=self.partnership,
            data=form.record_data(),
            url=lambda e: self.url("engagement-detail", pk=e.pk),
            **form.step(),
        )


class EngagementUpdateView(_EngagementFormView):
    permission = "change"
    creates = True  # a next step adds an action to the body's log

    def title(self) -> str:
        return f"Change {self.object.title}"

    def perform(self, form: Any) -> Any:
        return services.engagement_update(
            actor=self.request.user,
            engagement=self.object,
            data=form.record_data(),
            seen=self.seen,
            url=self.url("engagement-detail", pk=self.object.pk),
            **(form.step() if "next_step" in form.fields else {}),
        )


class EngagementDeleteView(StakeholdersDeleteView):
    model = Engagement
    list_url_name = "engagement-list"
