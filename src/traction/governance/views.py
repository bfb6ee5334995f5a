from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from traction.core.views import PartnershipView
from traction.governance import selectors


class DashboardView(PartnershipView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        bodies = selectors.action_counts_by_body(user=request.user, partnership=self.partnership)
        return self.render("governance/dashboard.html", {"bodies": bodies})
