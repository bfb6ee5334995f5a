"""The diagnosis pages a system leader opens: the partnership overview, a body's profile, and the records
behind any figure (docs/signals.md). Views parse the period, call one diagnosis selector and render; the
selectors read through ``policy``, so another partnership's body is a 404. The period is parsed in
``periods``, the figures are worded in ``figures``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from traction.core.views import PartnershipView
from traction.diagnosis.figures import SIGNALS, SORTS
from traction.diagnosis.latest import latest_with_enough
from traction.diagnosis.partnership import partnership_findings_for
from traction.diagnosis.periods import PeriodChoice, PeriodForm, asks_for_a_period, period_choice
from traction.diagnosis.referral_chart import referral_svg
from traction.diagnosis.referrals import referral_map_for
from traction.diagnosis.selectors import Profile, body_profile, evidence_for, overview
from traction.diagnosis.thresholds import signal_params_for
from traction.diagnosis.topics import topic_titles_for
from traction.governance import extensions
from traction.governance.models import Body
from traction_analysis.signals import SIGNAL_NAMES, SignalParams

SIGNAL_UNKNOWN = "Choose one of the signals listed on the body’s profile."
LATEST_WITH_ENOUGH = (
    "Showing {label}, the latest {kind} with enough minutes: at least {meetings} held meetings and "
    "{items} substantive items{where}. Choose another period below."
)
NO_QUARTER_WITH_ENOUGH = (
    "No quarter or year yet has enough minutes (at least {meetings} held meetings and {items} substantive "
    "items{where}), so this is the last full quarter, {label}. Choose another period below."
)


# --- the views ---------------------------------------------------------------------------------------------


class DiagnosisView(PartnershipView):
    def today(self) -> datetime.date:
        return timezone.localdate()

    def params(self) -> SignalParams:
        """The partnership's thresholds (docs/signals.md), read once per request."""
        if not hasattr(self, "_params"):
            self._params = signal_params_for(user=self.request.user, partnership=self.partnership)
        return self._params

    def body(self, pk: object) -> Body:
        """The body in the URL, or 404 when it is not this partnership's or not permitted."""
        body: Body = self.get_permitted(Body, pk)
        return body

    def crumbs(self, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Diagnosis", self.url("overview") if more else ""), *more]

    def period(self, body: Body | None = None) -> tuple[PeriodForm, PeriodChoice | None]:
        """The period the query string asks for; when it asks for none, the latest quarter (else year) with
        enough minutes at the body (or at any body)."""
        default = None
        if not asks_for_a_period(self.request.GET):
            default = latest_with_enough(
                user=self.request.user,
                partnership=self.partnership,
                today=self.today(),
                params=self.params(),
                body=body.pk if body else None,
            )
        return period_choice(self.request.GET, today=self.today(), default=default)

    def period_note(self, choice: PeriodChoice | None, body: Body | None = None) -> str:
        """Why the page shows the period it does, when the reader did not choose it."""
        if choice is None or asks_for_a_period(self.request.GET):
            return ""
        params = self.params()
        words = LATEST_WITH_ENOUGH if choice.latest_with_enough else NO_QUARTER_WITH_ENOUGH
        return words.format(
            label=choice.label,
            kind=choice.kind,
            meetings=params.min_meetings,
            items=params.min_substantive_items,
            where=" at this body" if body else " at one body",
        )

    def profile(self, body: Body) -> tuple[PeriodForm, PeriodChoice | None, Profile | None]:
        """The period the query string asks for and the body's profile for it (None when it is not valid)."""
        form, choice = self.period(body)
        if choice is None:
            return form, None, None
        profile = body_profile(
            user=self.request.user,
            partnership=self.partnership,
            pk=body.pk,
            choice=choice,
            as_of=self.today(),
            params=self.params(),
        )
        return form, choice, profile


class OverviewView(DiagnosisView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form, choice = self.period()
        sort = request.GET.get("sort") or "name"
        sort = sort if sort in SORTS else "name"
        descending = request.GET.get("order") == "desc"
        rows = (
            overview(
                user=request.user,
                partnership=self.partnership,
                choice=choice,
                as_of=self.today(),
                sort=sort,
                descending=descending,
                params=self.params(),
            )
            if choice
            else []
        )
        headers = [(name, SIGNALS[name].label) for name in SIGNAL_NAMES]
        return self.render(
            "diagnosis/overview.html",
            {
                "form": form,
                "choice": choice,
                "rows": rows,
                "headers": headers,
                "sort": sort,
                "referrals": self.referrals(choice) if choice else None,
                "partnership_findings": partnership_findings_for(
                    user=request.user, partnership=self.partnership, today=self.today()
                )
                if choice
                else [],
                "descending": descending,
                "period_note": self.period_note(choice),
                "as_of": self.today(),
                "title": "Diagnosis",
                "breadcrumbs": self.crumbs(),
            },
            status=200 if choice else 400,
        )

    def referrals(self, choice: PeriodChoice) -> dict[str, Any]:
        found = referral_map_for(
            user=self.request.user,
            partnership=self.partnership,
            period=choice.period,
            as_of=self.today(),
            params=self.params(),
        )
        keys = {passage.topic for edge in found.edges for passage in edge.passages}
        return {
            "map": found,
            "titles": topic_titles_for(user=self.request.user, partnership=self.partnership, keys=keys),
            "period_label": choice.label,
            "svg": referral_svg(found, period_label=choice.label) if found.edges else "",
        }


class BodyProfileView(DiagnosisView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        body = self.body(pk)
        form, choice, profile = self.profile(body)
        return self.render(
            "diagnosis/body_profile.html",
            {
                "form": form,
                "choice": choice,
                "profile": profile,
                "body": body,
                "period_note": self.period_note(choice, body),
                "as_of": self.today(),
                "sections": extensions.body_sections(
                    user=request.user, partnership=self.partnership, body=body
                ),
                "title": f"Diagnosis: {body.name}",
                "breadcrumbs": self.crumbs((body.name, "")),
            },
            status=200 if choice else 400,
        )


class EvidenceView(DiagnosisView):
    """The records behind one figure: those counted (the numerator) and the base (the denominator)."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        body = self.body(pk)
        form, choice = period_choice(request.GET, today=self.today())
        name = request.GET.get("signal", "")
        if name not in SIGNALS:
            form.add_error(None, SIGNAL_UNKNOWN)
            choice = None
        figure = counted = base = None
        if choice is not None:
            figure, counted, base = evidence_for(
                user=request.user,
                partnership=self.partnership,
                body=body,
                name=name,
                period=choice.period,
                as_of=self.today(),
                params=self.params(),
            )
        profile_url = self.url("body-profile", pk=body.pk)
        label = SIGNALS[name].label if name in SIGNALS else "Evidence"
        return self.render(
            "diagnosis/evidence.html",
            {
                "form": form,
                "choice": choice,
                "body": body,
                "signal": name,
                "label": label,
                "figure": figure,
                "counted": counted,
                "base": base,
                "as_of": self.today(),
                "needs": SIGNALS[name].needs(self.params()) if name in SIGNALS else "",
                "title": f"{label}: {body.name}",
                "breadcrumbs": self.crumbs((body.name, profile_url), (label, "")),
            },
            status=200 if choice else 400,
        )
