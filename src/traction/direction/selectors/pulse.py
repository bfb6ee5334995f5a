"""Reads of the trust pulse. Every figure comes from ``traction_analysis.direction.pulse``, which passes the
anonymity service at the wave's ``k``.

Who sees results: nobody while a wave is open (a figure that moves with each answer would tell one person's
answer from the next); once it is closed, whoever may change waves (facilitators, admins); once published,
everyone who may view waves. Comments to release are listed to those who may change waves, and only once
the wave is closed with at least ``k`` responses.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.extensions import Invitation
from traction.governance.models import OrganisationKind
from traction_analysis.anonymity import count_shown
from traction_analysis.diagnosis import charts
from traction_analysis.direction import pulse as pure

from ..models import PulseParticipation, PulseResponse, PulseWave, WaveStatus


@dataclass(frozen=True)
class WaveResults:
    responses: int | None  # None below k
    items: tuple[pure.ItemResult, ...]
    breakdown: pure.Breakdown | None
    comments: tuple[str, ...]

    @property
    def flagged(self) -> tuple[str, ...]:
        return pure.flagged(self.items)


def group_label(group: str) -> str:
    if group == pure.UNKNOWN_GROUP:
        return group
    return str(dict(OrganisationKind.choices).get(group, group))


def wave_results(wave: PulseWave) -> WaveResults:
    """The wave's figures as the anonymity rule lets them out (no permission check: callers decide who)."""
    return _results(wave, list(wave.responses.values_list("answers", "group", "comment", "released")))


def _results(wave: PulseWave, rows: list[tuple[Any, str, str, bool]]) -> WaveResults:
    """``wave_results`` from its responses' (answers, group, comment, released) rows."""
    items = pure.items_from(wave.items)
    answers = [a for a, _, _, _ in rows]
    found = pure.breakdown(items, [(g, a) for a, g, _, _ in rows], k=wave.k)
    if found is not None:
        labelled = {group_label(g): m for g, m in found.medians.items()}
        sizes = {group_label(g): n for g, n in found.sizes.items()}
        found = pure.Breakdown(tuple(labelled), sizes, labelled)
    return WaveResults(
        responses=count_shown(range(len(rows)), k=wave.k),
        items=pure.results(items, answers, k=wave.k, flag_below=wave.flag_below),
        breakdown=found,
        comments=pure.comments([(c, r) for _, _, c, r in rows if c.strip()], responses=len(rows), k=wave.k),
    )


def waves_for(*, user: Any, partnership: Partnership) -> QuerySet[PulseWave]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=PulseWave)


def results_visible(*, user: Any, wave: PulseWave) -> bool:
    def may(action: str) -> bool:
        return policy.allowed(user=user, partnership=wave.partnership, action=action, object_type="pulsewave")

    if wave.status == WaveStatus.PUBLISHED:
        return may("view")
    return wave.status == WaveStatus.CLOSED and may("change")


def results_for(*, user: Any, partnership: Partnership, wave: PulseWave) -> WaveResults | None:
    """The wave's results, or None when this user may not see them yet."""
    if wave.partnership_id != partnership.pk or not results_visible(user=user, wave=wave):
        return None
    return wave_results(wave)


def participants_shown(wave: PulseWave) -> int | None:
    """How many people have answered, said only from ``k`` on."""
    return count_shown(wave.participations.values_list("pk", flat=True), k=wave.k)


def has_answered(*, user: Any, wave: PulseWave) -> bool:
    return PulseParticipation.objects.filter(wave=wave, user=user.pk).exists()


def comment_token(pk: int) -> str:
    """A comment's name on the release page: not its row id, whose order follows the order of answering."""
    return salted_hmac("traction.direction.pulse.comment", str(pk)).hexdigest()[:20]


@dataclass(frozen=True)
class Comment:
    token: str
    text: str
    released: bool


def comments_to_release(*, user: Any, partnership: Partnership, wave: PulseWave) -> list[Comment] | None:
    """The wave's comments in alphabetical order, for whoever may change the wave; None before the wave is
    closed with at least ``k`` responses (or for anyone else)."""
    allowed = policy.allowed(user=user, partnership=partnership, action="change", object_type="pulsewave")
    if not allowed or wave.partnership_id != partnership.pk or wave.status == WaveStatus.OPEN:
        return None
    rows = list(wave.responses.exclude(comment="").values_list("pk", "comment", "released"))
    if count_shown(range(wave.responses.count()), k=wave.k) is None:
        return None
    found = [Comment(comment_token(pk), text, released) for pk, text, released in rows if text.strip()]
    return sorted(found, key=lambda c: (c.text.casefold(), c.token))


@dataclass(frozen=True)
class TrendView:
    trend: pure.Trend
    rows: list[tuple[str, list[float | None]]]  # (item words, median per wave)
    charts: list[str]


def trend_for(*, user: Any, partnership: Partnership) -> TrendView | None:
    """Each item's median across the waves whose results this user may see, oldest first; None with fewer
    than two such waves."""
    waves = [
        w
        for w in waves_for(user=user, partnership=partnership).select_related("partnership")
        if results_visible(user=user, wave=w)
    ]
    waves.sort(key=lambda w: (w.created_at, w.pk))
    if len(waves) < 2:
        return None
    answered: dict[int, list[tuple[Any, str, str, bool]]] = {w.pk: [] for w in waves}
    for wave_id, *row in PulseResponse.objects.filter(wave__in=waves).values_list(
        "wave_id", "answers", "group", "comment", "released"
    ):
        answered[wave_id].append((row[0], row[1], row[2], row[3]))
    found = pure.trend([(w.title, _results(w, answered[w.pk]).items) for w in waves])
    rows = [(found.labels[key], list(values)) for key, values in found.series.items()]
    return TrendView(found, rows, _trend_charts(found))


def _trend_charts(found: pure.Trend) -> list[str]:
    drawn = []
    for kind, chart_id, title in (
        (pure.AGREE, "pulse-trend-agree", "Median agreement (1 to 5) by wave"),
        (pure.SCORE, "pulse-trend-score", "Median overall trust (0 to 100) by wave"),
    ):
        series: dict[str, Sequence[float | None]] = {
            found.labels[key]: list(values)
            for key, values in found.series.items()
            if found.kinds[key] == kind and any(v is not None for v in values)
        }
        if series:
            drawn.append(
                charts.trend(
                    chart_id=chart_id,
                    title=title,
                    periods=list(found.waves),
                    series=series,
                    unit="" if kind == pure.AGREE else "score",
                    description=f"Lines over {len(found.waves)} waves; hidden figures are gaps. "
                    "The same figures are in the trend table.",
                )
            )
    return drawn


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    waves = waves_for(user=user, partnership=partnership)
    return {"pulse_waves": waves[:5], "pulse_open": waves.filter(status=WaveStatus.OPEN).count()}


def pulse_invitations(
    *, user: Any, partnership: Partnership, today: datetime.date | None = None
) -> list[Invitation]:
    """The pulses open for answers today that the user may answer and has not yet."""
    if not policy.allowed(user=user, partnership=partnership, action="add", object_type="pulseresponse"):
        return []
    today = today or timezone.localdate()
    waves = (
        waves_for(user=user, partnership=partnership)
        .filter(status=WaveStatus.OPEN)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today))
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .exclude(pk__in=PulseParticipation.objects.filter(user=user.pk).values("wave"))
        .order_by("pk")
    )
    return [
        Invitation(
            kind="Trust pulse",
            title=wave.title,
            url=reverse("direction:pulse-answer", kwargs={"slug": partnership.slug, "pk": wave.pk}),
            closes_on=wave.closes_on,
        )
        for wave in waves
    ]
