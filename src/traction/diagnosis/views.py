"""The diagnosis pages a system leader opens: the partnership overview, a body's profile, and the records
behind any figure (docs/signals.md). Views parse the period, call one diagnosis selector and render; the
selectors read through ``policy``, so another partnership's body is a 404. The period is parsed in
``periods``, the figures are worded in ``figures``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from traction.core import policy
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
from traction.diagnosis.versions import cached
from traction.governance import extensions
from traction.governance.models import Body
from traction_analysis.signals import SIGNAL_NAMES, SignalParams

T = TypeVar("T")
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
            (default,) = self.cached(
                "default-period",
                body.pk if body else None,
                compute=lambda: (
                    latest_with_enough(
                        user=self.request.user,
                        partnership=self.partnership,
                        today=self.today(),
                        params=self.params(),
                        body=body.pk if body else None,
                    ),
                ),
            )
        return period_choice(self.request.GET, today=self.today(), default=default)

    def cached(self, *parts: Any, compute: Callable[[], T]) -> T:
        """``compute()``, kept until the partnership's record changes (``versions``): the key holds the
        query string, the as-of day and the reader's role, on which every figure and link depends."""
        role = policy.role_of(user=self.request.user, partnership=self.partnership)
        query = tuple(sorted(self.request.GET.lists()))
        return cached(
            partnership=self.partnership, parts=(role, self.today(), query, *parts), compute=compute
        )

    def fragment(self, template: str, context: dict[str, Any]) -> str:
        """Part of a page rendered on its own, to be cached."""
        context = {"partnership": self.partnership, "can": self.capabilities(), **context}
        return render_to_string(template, context, request=self.request)

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
        signals_html = referrals_html = findings_html = ""
        if choice is not None:
            # From every part of the product; any audited write there changes the record version too.
            findings_html = self.cached(
                "partnership-findings",
                compute=lambda: self.fragment(
                    "diagnosis/_partnership_findings.html",
                    {
                        "partnership_findings": partnership_findings_for(
                            user=request.user, partnership=self.partnership, today=self.today()
                        )
                    },
                ),
            )
            found = choice
            signals_html = self.cached(
                "overview-signals", compute=lambda: self.signals_html(found, sort, descending)
            )
            referrals_html = self.cached(
                "overview-referrals",
                compute=lambda: self.fragment(
                    "diagnosis/_referral_map.html", {"referrals": self.referrals(found)}
                ),
            )
        return self.render(
            "diagnosis/overview.html",
            {
                "form": form,
                "choice": choice,
                "signals_html": mark_safe(signals_html),  # noqa: S308 - rendered by a template here
                "referrals_html": mark_safe(referrals_html),  # noqa: S308 - rendered by a template here
                "findings_html": mark_safe(findings_html),  # noqa: S308 - rendered by a template here
                "period_note": self.period_note(choice),
                "as_of": self.today(),
                "title": "Diagnosis",
                "breadcrumbs": self.crumbs(),
            },
            status=200 if choice else 400,
        )

    def signals_html(self, choice: PeriodChoice, sort: str, descending: bool) -> str:
        rows = overview(
            user=self.request.user,
            partnership=self.partnership,
            choice=choice,
            as_of=self.today(),
            sort=sort,
            descending=descending,
            params=self.params(),
        )
        return self.fragment(
            "diagnosis/_overview_signals.html",
            {
                "choice": choice,
                "rows": rows,
                "headers": [(name, SIGNALS[name].label) for name in SIGNAL_NAMES],
                "sort": sort,
                "descending": descending,
                "as_of": self.today(),
            },
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
        main, status = self.cached("profile", body.pk, compute=lambda: self.main(body))
        return self.render(
            "diagnosis/body_profile.html",
            {
                "main": mark_safe(main),  # noqa: S308 - rendered by a template in ``main``
                "body": body,
                "sections_html": mark_safe(  # noqa: S308 - rendered by a template here
                    self.cached("body-sections", body.pk, compute=lambda: self.sections(body))
                ),
                "title": f"Diagnosis: {body.name}",
                "breadcrumbs": self.crumbs((body.name, "")),
            },
            status=status,
        )

    def sections(self, body: Body) -> str:
        """What other parts of the product show on a body's pages (its history, its reporting lines)."""
        found = extensions.body_sections(user=self.request.user, partnership=self.partnership, body=body)
        return self.fragment("diagnosis/_body_sections.html", {"sections": found, "body": body})

    def main(self, body: Body) -> tuple[str, int]:
        """The profile itself, and the status of the page (400 when the period is not valid)."""
        form, choice, profile = self.profile(body)
        context = {
            "form": form,
            "choice": choice,
            "profile": profile,
            "body": body,
            "period_note": self.period_note(choice, body),
            "as_of": self.today(),
        }
        return self.fragment("diagnosis/_body_profile_main.html", context), 200 if choice else 400


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
