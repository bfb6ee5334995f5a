"""The diagnosis pages a system leader opens: the partnership overview, a body's profile, and the records
behind any figure (docs/signals.md). Views parse the period, call the diagnosis selectors and render; the
small helpers below only arrange the selectors' results for the templates. Every read goes through
``signals_for_body``/``signals_for_partnership`` and ``policy``, so another partnership's body is a 404.
"""
from __future__ import annotations

import datetime
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from traction.core import policy
from traction.core.forms import DATE_RANGE, date_field
from traction.core.views import PartnershipView
from traction.diagnosis.referral_chart import referral_svg
from traction.diagnosis.referrals import referral_map_for
from traction.diagnosis.selectors import DEFAULT_PARAMS, signals_for_body, signals_for_partnership
from traction.diagnosis.thresholds import signal_params_for
from traction.governance.models import Action, AgendaItem, Body, Meeting, Paper
from traction_analysis.diagnosis import charts
from traction_analysis.diagnosis.experiments import BY_KEY, Experiment
from traction_analysis.diagnosis.findings import Finding, findings_for
from traction_analysis.signals import SIGNAL_NAMES, BodySignals, Evidence, Figure, Period, SignalParams

PERIOD_KIND = "Choose a quarter, a year or your own dates."
PERIOD_DATES = "Enter both the ‘from’ and the ‘to’ date for your own period."
DATE_OUT_OF_RANGE = "Enter a date between 1 January 1900 and 31 December 2199."
SIGNAL_UNKNOWN = "Choose one of the signals listed on the body’s profile."
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
HISTORY = {"quarter": 4, "year": 3, "custom": 3}  # previous periods shown beside the current one
ONE_DAY = datetime.timedelta(days=1)


# --- what each signal is called, how it reads, and what it needs ------------------------------------------

@dataclass(frozen=True)
class SignalInfo:
    label: str
    unit: str  # share (0..1, shown as %), topics, pages, rate (items per hour), days
    needs: Callable[[SignalParams], str]


def _items(p: SignalParams) -> str:
    return f"{p.min_substantive_items} substantive items"


def _yield_needs(p: SignalParams) -> str:
    return f"{_items(p)}, no more than {round(100 * p.max_unclear_share)}% of them unclear"


def _topic_needs(p: SignalParams) -> str:
    return f"{p.min_meetings} held meetings, {round(100 * p.min_topic_coverage)}% of items with a topic"


SIGNALS: dict[str, SignalInfo] = {
    "decision_yield": SignalInfo("Decision yield", "share", _yield_needs),
    "noting_share": SignalInfo("Noting share", "share", _yield_needs),
    "unclear_share": SignalInfo("Unclear share", "share", _items),
    "deferral_loops": SignalInfo("Deferral loops", "topics", _topic_needs),
    "recurring_topics": SignalInfo("Recurring topics", "topics", _topic_needs),
    "pass_the_parcel": SignalInfo("Pass the parcel", "topics", _topic_needs),
    "pages_per_meeting": SignalInfo("Pages per meeting", "pages",
                                    lambda p: f"{p.min_meetings} meetings with papers of known length"),
    "pages_per_decision": SignalInfo("Pages per decision", "pages",
                                     lambda p: f"{p.min_meetings} meetings with papers, and a decision"),
    "agenda_pressure": SignalInfo("Agenda pressure", "rate",
                                  lambda p: f"{p.min_meetings} held meetings with a scheduled length"),
    "follow_through": SignalInfo("Follow-through", "share", lambda p: f"{p.min_actions} actions due"),
    "days_overdue": SignalInfo("Days overdue (median)", "days",
                               lambda p: f"{p.min_actions} actions due, one of them late"),
    "orphan_actions": SignalInfo("Orphan actions", "share", lambda p: f"{p.min_actions} actions set"),
    "decisions_without_action": SignalInfo("Decisions without action", "share",
                                           lambda p: f"{p.min_decisions} decisions"),
}
assert tuple(SIGNALS) == SIGNAL_NAMES  # noqa: S101 - a new signal must be described here
SORTS = ("name", *SIGNAL_NAMES)


def number(name: str, value: float | int | None) -> str:
    """A figure as people read it: 43%, 2 topics, 120 pages, 4.5 items an hour, 12 days."""
    if value is None:
        return "No value"
    unit = SIGNALS[name].unit
    if unit == "share":
        return f"{round(100 * value)}%"
    if unit == "topics":
        return f"{value:g} topic" + ("" if value == 1 else "s")
    if unit == "pages":
        return f"{value:.0f} pages"
    if unit == "rate":
        return f"{value:.1f} items an hour"
    return f"{value:.0f} days"


def of_what(name: str, figure: Figure) -> str:
    """The numerator and denominator behind a share or a count: "4 of 10"."""
    if SIGNALS[name].unit in {"share", "topics"} and figure.denominator is not None:
        return f"{figure.numerator or 0:g} of {figure.denominator:g}"
    return ""


# --- the period: a quarter, a year or the user's own dates ------------------------------------------------

class PeriodForm(forms.Form):
    is_filter = True
    period = forms.ChoiceField(label="Period", required=False, widget=forms.RadioSelect,
                               choices=[("quarter", "Quarter"), ("year", "Year"),
                                        ("custom", "Your own dates")],
                               error_messages={"invalid_choice": PERIOD_KIND})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = date_field("From", required=False,
                                         help_text="For a quarter or a year: any day in it. Leave blank for "
                                                   "the last full one.")
        self.fields["to"] = date_field("To (this day included)", required=False,
                                       help_text="Only for your own dates.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("from", "to"):
            day = data.get(name)
            if day is not None and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(name, DATE_OUT_OF_RANGE)
        if (data.get("period") or "quarter") == "custom" and self.is_valid_so_far():
            if not data.get("from") or not data.get("to"):
                self.add_error("from" if not data.get("from") else "to", PERIOD_DATES)
            elif data["to"] < data["from"]:
                self.add_error("to", DATE_RANGE)
        return data

    def is_valid_so_far(self) -> bool:
        return not ({"from", "to"} & set(self.errors))


@dataclass(frozen=True)
class PeriodChoice:
    kind: str
    period: Period
    previous: tuple[Period, ...]  # oldest first

    @property
    def periods(self) -> tuple[Period, ...]:
        return (*self.previous, self.period)

    @property
    def label(self) -> str:
        return period_label(self.kind, self.period)

    @property
    def query(self) -> str:
        return period_query(self.kind, self.period)


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _add_quarters(start: datetime.date, n: int) -> datetime.date:
    months = start.year * 12 + start.month - 1 + 3 * n
    return datetime.date(months // 12, months % 12 + 1, 1)


def _periods(kind: str, start: datetime.date, end: datetime.date) -> tuple[Period, tuple[Period, ...]]:
    count = HISTORY[kind]
    if kind == "quarter":
        starts = [_add_quarters(start, n) for n in range(-count, 2)]
    elif kind == "year":
        starts = [datetime.date(start.year + n, 1, 1) for n in range(-count, 2)]
    else:
        length = end - start
        starts = [start + n * length for n in range(-count, 2)]
    periods = [Period(a, b) for a, b in zip(starts, starts[1:], strict=False)]
    return periods[-1], tuple(periods[:-1])


def period_choice(data: Any, *, today: datetime.date) -> tuple[PeriodForm, PeriodChoice | None]:
    """The period the query string asks for, or the form with its errors."""
    form = PeriodForm(data)
    if not form.is_valid():
        return form, None
    kind = form.cleaned_data.get("period") or "quarter"
    day = form.cleaned_data.get("from")
    if kind == "custom":
        start, end = day, form.cleaned_data["to"] + ONE_DAY
    elif kind == "quarter":
        start = _quarter_start(day) if day else _add_quarters(_quarter_start(today), -1)
        end = _add_quarters(start, 1)
    else:
        start = datetime.date(day.year if day else today.year - 1, 1, 1)
        end = datetime.date(start.year + 1, 1, 1)
    current, previous = _periods(kind, start, end)
    return form, PeriodChoice(kind, current, previous)


def period_label(kind: str, period: Period) -> str:
    last = period.end - ONE_DAY
    if kind == "quarter":
        return f"{period.start:%b}–{last:%b} {last.year}"
    if kind == "year":
        return str(period.start.year)
    return f"{period.start.day} {period.start:%b %Y} to {last.day} {last:%b %Y}"


def period_query(kind: str, period: Period) -> str:
    if kind == "custom":
        return urlencode({"period": "custom", "from": period.start.isoformat(),
                          "to": (period.end - ONE_DAY).isoformat()})
    return urlencode({"period": kind, "from": period.start.isoformat()})


def evidence_url(partnership_slug: str, body: int, name: str, period: Period) -> str:
    path = reverse("diagnosis:evidence", kwargs={"slug": partnership_slug, "pk": body})
    return f"{path}?{period_query('custom', period)}&{urlencode({'signal': name})}"


# --- what the pages show -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One figure for the templates: its reading, its evidence link, and whether it may be shown."""

    name: str
    figure: Figure
    url: str

    @property
    def label(self) -> str:
        return SIGNALS[self.name].label

    @property
    def shown(self) -> bool:
        return self.figure.sufficient and self.figure.value is not None

    @property
    def text(self) -> str:
        return number(self.name, self.figure.value)

    @property
    def detail(self) -> str:
        return of_what(self.name, self.figure)

    @property
    def value(self) -> float | None:
        """The raw value when it may be shown (enough data), else None."""
        return float(self.figure.value) if self.shown and self.figure.value is not None else None

    @property
    def sort_key(self) -> tuple[int, float]:
        return (1, 0.0) if self.value is None else (0, self.value)


@dataclass(frozen=True)
class SignalRow:
    name: str
    label: str
    needs: str
    current: Cell
    history: tuple[Cell, ...]  # oldest first, the current period last
    own_average: str
    history_count: int
    median: str
    others: int


@dataclass(frozen=True)
class ShownFinding:
    finding: Finding
    label: str
    experiments: tuple[tuple[Experiment, str], ...]  # each with the signals it addresses, as words


@dataclass(frozen=True)
class Profile:
    body: Body
    choice: PeriodChoice
    rows: tuple[SignalRow, ...]
    findings: tuple[ShownFinding, ...]
    charts: tuple[tuple[str, str], ...]  # (svg, the id of the table holding its data)
    period_labels: tuple[str, ...]


def _mean(name: str, figures: Sequence[Figure]) -> tuple[str, int]:
    values = [float(f.value) for f in figures if f.sufficient and f.value is not None]
    return (number(name, statistics.mean(values)) if values else "Not enough data"), len(values)


def _median(name: str, figures: Sequence[Figure]) -> tuple[str, int]:
    values = [float(f.value) for f in figures if f.sufficient and f.value is not None]
    return (number(name, statistics.median(values)) if values else "Not enough data"), len(values)


def _shown_findings(signals: BodySignals) -> tuple[ShownFinding, ...]:
    def words(experiment: Experiment) -> str:
        return ", ".join(SIGNALS[name].label.lower() for name in experiment.signals)

    return tuple(ShownFinding(f, SIGNALS[f.signal].label,
                              tuple((BY_KEY[key], words(BY_KEY[key])) for key in f.experiments))
                 for f in findings_for(signals))


def _trend_charts(rows: Sequence[SignalRow], labels: Sequence[str],
                  body: Body) -> tuple[tuple[str, str], ...]:
    def series(unit: str) -> dict[str, list[float | None]]:
        return {row.label: [c.value for c in row.history] for row in rows if SIGNALS[row.name].unit == unit}

    shares, topics = series("share"), series("topics")
    note = "Periods without enough data are gaps. The same figures are in the trend table."
    return (
        (charts.trend(chart_id="trend-shares", title=f"Shares over time: {body.name}", periods=labels,
                      series=shares, description=f"Lines for {', '.join(shares).lower()} over "
                                                 f"{len(labels)} periods. {note}"), "trend-table"),
        (charts.trend(chart_id="trend-topics", title=f"Topic signals over time: {body.name}", periods=labels,
                      series=topics, unit="topics", description=f"Lines for {', '.join(topics).lower()} "
                                                                f"over {len(labels)} periods. {note}"),
         "trend-table"),
    )


def body_profile(*, user: Any, partnership: Any, pk: int, choice: PeriodChoice,
                 as_of: datetime.date, params: SignalParams = DEFAULT_PARAMS) -> Profile:
    """A body's signals for the period, each period before it, its own average and the partnership's median.

    One selector call per period plus one for the partnership, so the query count does not grow with the
    record (at most eleven queries a call, see docs/signals.md).
    """
    body = policy.get_permitted(user=user, partnership=partnership, action="view", model=Body, pk=pk)
    history = [signals_for_body(user=user, partnership=partnership, body=body, period=p, as_of=as_of,
                                params=params) for p in choice.periods]
    everyone = signals_for_partnership(user=user, partnership=partnership, period=choice.period, as_of=as_of,
                                       params=params)
    others = [s for b, s in everyone.items() if b != body.pk]
    rows = []
    for name in SIGNAL_NAMES:
        cells = tuple(Cell(name, getattr(s, name), evidence_url(partnership.slug, body.pk, name, s.period))
                      for s in history)
        average, periods = _mean(name, [c.figure for c in cells[:-1]])
        median, count = _median(name, [getattr(s, name) for s in others])
        info = SIGNALS[name]
        rows.append(SignalRow(name, info.label, info.needs(params), cells[-1], cells, average,
                              periods, median, count))
    labels = tuple(period_label(choice.kind, p) for p in choice.periods)
    return Profile(body, choice, tuple(rows), _shown_findings(history[-1]),
                   _trend_charts(rows, labels, body), labels)


@dataclass(frozen=True)
class OverviewRow:
    body: Body
    cells: tuple[Cell, ...]


def overview(*, user: Any, partnership: Any, choice: PeriodChoice, as_of: datetime.date, sort: str,
             descending: bool, params: SignalParams = DEFAULT_PARAMS) -> list[OverviewRow]:
    """Every body with a held meeting or an action, its signals side by side, sorted; no data sorts last."""
    found = signals_for_partnership(user=user, partnership=partnership, period=choice.period, as_of=as_of,
                                    params=params)
    permitted = policy.permitted(user=user, partnership=partnership, action="view", model=Body)
    bodies = permitted.in_bulk(list(found))
    rows = [OverviewRow(bodies[pk], tuple(Cell(n, getattr(s, n), evidence_url(partnership.slug, pk, n,
                                                                              choice.period))
                                          for n in SIGNAL_NAMES))
            for pk, s in found.items() if pk in bodies]
    rows.sort(key=lambda r: r.body.name.lower(), reverse=descending and sort == "name")
    if sort != "name":
        index = SIGNAL_NAMES.index(sort)
        shown = sorted((r for r in rows if r.cells[index].shown), key=lambda r: r.cells[index].sort_key,
                       reverse=descending)
        rows = shown + [r for r in rows if not r.cells[index].shown]
    return rows


@dataclass(frozen=True)
class EvidenceRecords:
    items: list[AgendaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    topics: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.items or self.actions or self.meetings or self.papers or self.topics)


def evidence_records(*, user: Any, partnership: Any, evidence: Evidence) -> EvidenceRecords:
    """The records an Evidence names, fetched through the policy (one the user may not see is left out)."""
    def fetch(model: Any, ids: tuple[Any, ...], *related: str) -> list[Any]:
        return list(policy.permitted(user=user, partnership=partnership, action="view", model=model)
                    .filter(pk__in=ids).select_related(*related).order_by("pk")) if ids else []

    return EvidenceRecords(fetch(AgendaItem, evidence.items, "meeting__body"),
                           fetch(Action, evidence.actions, "body", "lead", "lead_organisation"),
                           fetch(Meeting, evidence.meetings, "body"), fetch(Paper, evidence.papers),
                           evidence.topics)


# --- the views ---------------------------------------------------------------------------------------------

class DiagnosisView(PartnershipView):
    def today(self) -> datetime.date:
        return timezone.localdate()

    def params(self) -> SignalParams:
        """The partnership's thresholds (docs/signals.md), read once per request."""
        if not hasattr(self, "_params"):
            self._params = signal_params_for(user=self.request.user, partnership=self.partnership)
        return self._params

    def body(self, pk: int) -> Body:
        """The body in the URL, or 404 when it is not this partnership's or not permitted."""
        body: Body = self.get_permitted(Body, pk)
        return body

    def crumbs(self, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Diagnosis", self.url("overview") if more else ""), *more]


class OverviewView(DiagnosisView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form, choice = period_choice(request.GET, today=self.today())
        sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "name"
        descending = request.GET.get("order") == "desc"
        rows = overview(user=request.user, partnership=self.partnership, choice=choice, as_of=self.today(),
                        sort=sort, descending=descending, params=self.params()) if choice else []
        headers = [(name, SIGNALS[name].label) for name in SIGNAL_NAMES]
        return self.render("diagnosis/overview.html", {
            "form": form, "choice": choice, "rows": rows, "headers": headers, "sort": sort,
            "referrals": self.referrals(choice) if choice else None,
            "descending": descending, "as_of": self.today(), "title": "Diagnosis",
            "breadcrumbs": self.crumbs()}, status=200 if choice else 400)


    def referrals(self, choice: PeriodChoice) -> dict[str, Any]:
        found = referral_map_for(user=self.request.user, partnership=self.partnership, period=choice.period,
                                 as_of=self.today(), params=self.params())
        return {"map": found, "period_label": choice.label,
                "svg": referral_svg(found, period_label=choice.label) if found.edges else ""}


class BodyProfileView(DiagnosisView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        body = self.body(pk)
        form, choice = period_choice(request.GET, today=self.today())
        profile = body_profile(user=request.user, partnership=self.partnership, pk=body.pk, choice=choice,
                               as_of=self.today(), params=self.params()) if choice else None
        return self.render("diagnosis/body_profile.html", {
            "form": form, "choice": choice, "profile": profile, "body": body, "as_of": self.today(),
            "title": f"Diagnosis: {body.name}", "breadcrumbs": self.crumbs((body.name, ""))},
            status=200 if choice else 400)


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
            signals = signals_for_body(user=request.user, partnership=self.partnership, body=body,
                                       period=choice.period, as_of=self.today(), params=self.params())
            figure = Cell(name, getattr(signals, name), "")
            counted = evidence_records(user=request.user, partnership=self.partnership,
                                       evidence=figure.figure.counted)
            base = evidence_records(user=request.user, partnership=self.partnership,
                                    evidence=figure.figure.base)
        profile_url = self.url("body-profile", pk=body.pk)
        label = SIGNALS[name].label if name in SIGNALS else "Evidence"
        return self.render("diagnosis/evidence.html", {
            "form": form, "choice": choice, "body": body, "signal": name, "label": label,
            "figure": figure, "counted": counted, "base": base, "as_of": self.today(),
            "needs": SIGNALS[name].needs(self.params()) if name in SIGNALS else "",
            "title": f"{label}: {body.name}",
            "breadcrumbs": self.crumbs((body.name, profile_url), (label, ""))},
            status=200 if choice else 400)
