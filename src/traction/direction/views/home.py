"""The shared direction's home page: each area adds its part of the context and its template include."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ..selectors import health, indicators, pulse, statements
from .base import DirectionView


class DirectionHomeView(DirectionView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "direction/home.html",
            {
                "title": "Shared direction",
                **statements.home_for(user=request.user, partnership=self.partnership),
                **indicators.home_for(user=request.user, partnership=self.partnership),
                **health.home_for(user=request.user, partnership=self.partnership),
                **pulse.home_for(user=request.user, partnership=self.partnership),
            },
        )
