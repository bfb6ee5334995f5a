"""The programmes and events home page: each area adds its part of the context and its template include."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ..selectors import events, feedback, learningsets, programmes
from .base import ProgrammesView


class ProgrammesHomeView(ProgrammesView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "programmes/home.html",
            {
                "title": "Programmes and events",
                **programmes.home_for(user=request.user, partnership=self.partnership),
                **feedback.home_for(user=request.user, partnership=self.partnership),
                **learningsets.home_for(user=request.user, partnership=self.partnership),
                **events.home_for(user=request.user, partnership=self.partnership),
            },
        )
