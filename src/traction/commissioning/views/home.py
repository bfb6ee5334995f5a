"""The commissioning home page: each area adds its part of the context and its template include."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ..selectors import appraisals, portfolio, strategies
from .base import CommissioningView


class CommissioningHomeView(CommissioningView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "commissioning/home.html",
            {
                "title": "Commissioning",
                **strategies.home_for(user=request.user, partnership=self.partnership),
                **appraisals.home_for(user=request.user, partnership=self.partnership),
                **portfolio.home_for(user=request.user, partnership=self.partnership),
            },
        )
