"""The shared direction's home page: each area adds its part of the context and its template include."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ..selectors import indicators, statements
from .base import DirectionView


class DirectionHomeView(DirectionView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        who = {"user": request.user, "partnership": self.partnership}
        return self.render(
            "direction/home.html",
            {
                "title": "Shared direction",
                **statements.home_for(**who),
                # indicators
                **indicators.home_for(user=request.user, partnership=self.partnership),
                # health checks
                # trust pulse
            },
        )
