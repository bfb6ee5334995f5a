"""The dashboard, the decision register and search."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from traction.core.views import PartnershipView, paginate
from traction.governance import selectors
from traction.governance.forms import DecisionFilterForm, SearchForm

DEFAULT_DECISION_DAYS = 365
DECISIONS_PER_PAGE = 25


class DashboardView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        dashboard = selectors.dashboard_for(user=request.user, partnership=self.partnership)
        return self.render("governance/dashboard.html", {"dashboard": dashboard, "title": "Dashboard"})


class MyActionsView(PartnershipView):
    """The open actions the signed-in user leads, as their person of the record: what is overdue, due in the
    next two weeks, and waiting on an update."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "action")
        mine = selectors.my_actions_for(user=request.user, partnership=self.partnership)
        return self.render(
            "governance/my_actions.html",
            {
                "mine": mine,
                "title": "My actions",
                "due_soon_days": selectors.DUE_SOON_DAYS,
                "quiet_days": selectors.QUIET_DAYS,
                "breadcrumbs": [self.home_crumb(), ("My actions", "")],
            },
        )


class DecisionListView(PartnershipView):
    """Every decided item with its resolution and actions; the last 12 months unless asked otherwise."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        data = request.GET.copy()
        if not {"body", "date_from", "date_to", "q"} & set(data):
            since = timezone.localdate() - datetime.timedelta(days=DEFAULT_DECISION_DAYS)
            data["date_from"] = since.isoformat()
        filters = DecisionFilterForm(data, partnership=self.partnership)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        decisions = selectors.decision_list_for(
            user=request.user,
            partnership=self.partnership,
            body=chosen.get("body"),
            date_from=chosen.get("date_from"),
            date_to=chosen.get("date_to"),
            query=chosen.get("q") or "",
        )
        page = paginate(request, decisions, DECISIONS_PER_PAGE)
        return self.render(
            "governance/decision_list.html",
            {
                "decisions": page.object_list,
                "page_obj": page,
                "filters": filters,
                "chosen": chosen,
                "title": "Decision register",
                "breadcrumbs": [self.home_crumb(), ("Decision register", "")],
            },
        )


class SearchResultsView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = SearchForm(request.GET or None, partnership=self.partnership)
        query = form.cleaned_data.get("q", "") if form.is_valid() else ""
        results = selectors.search_for(user=request.user, partnership=self.partnership, query=query)
        return self.render(
            "governance/search_results.html",
            {
                "form": form,
                "results": results,
                "query": query,
                "title": "Search",
                "breadcrumbs": [self.home_crumb(), ("Search", "")],
            },
        )
