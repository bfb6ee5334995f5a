"""The stakeholders and change home page: each area adds its part of the context and its template include."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ..selectors import network, options, stakeholders, structures
from .base import StakeholdersView


class StakeholdersHomeView(StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "stakeholders/home.html",
            {
                "title": "Stakeholders and change",
                **stakeholders.home_for(user=request.user, partnership=self.partnership),
                **options.home_for(user=request.user, partnership=self.partnership),
                **structures.home_for(user=request.user, partnership=self.partnership),
                **network.home_for(user=request.user, partnership=self.partnership),
            },
        )
