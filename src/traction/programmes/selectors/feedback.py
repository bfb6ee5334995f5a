"""Reads of programme feedback. Every figure comes from ``traction_analysis.programmes.feedback``, which
passes the anonymity service at the programme's ``k``: a group of fewer than ``k`` answers shows no figure,
and words appear only from groups of ``k`` or more, once a facilitator has released them.

The report reads in Kirkpatrick's order: reaction (after each session), learning (then and now on each
objective), behaviour (the follow-ups) and results (the partnership outcomes the programme serves, with
their indicators' latest values and direction of travel).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from traction.core import policy
from traction.core.models import Partnership
from traction.direction.models import Indicator, SharedOutcome
from traction.direction.selectors.indicators import Summary, summaries
from traction.governance.extensions import Invitation
from traction_analysis.programmes import feedback as pure

from ..models.feedback import (
    FOLLOW_UP_STAGES,
    FeedbackParticipation,
    LearningObjective,
    ObjectiveRating,
    Stage,
)
from ..models.programmes import Programme, Session


def comment_token(pk: int) -> str:
    """A comment's name on the release page: not its row id, whose order follows the order of answering."""
    return salted_hmac("traction.programmes.feedback.comment", str(pk)).hexdigest()[:20]


def last_session_date(programme: Programme) -> datetime.date | None:
    found: datetime.date | None = Session.objects.filter(cohort__programme=programme).aggregate(
        last=Max("date")
    )["last"]
    return found


def end_of(programme: Programme) -> datetime.date | None:
    """The day the programme ended: its end date, or failing that its last session."""
    return programme.ends_on or last_session_date(programme)


def window_for(*, programme: Programme, stage: str, session: Session | None = None) -> pure.Window | None:
    """When this form may be answered: a session's from its date, the then-and-now from the last session, a
    follow-up from three or six months after the end; None while the programme has no such date."""
    if stage == Stage.SESSION:
        return pure.session_window(session.date) if session is not None else None
    if stage == Stage.END:
        last = last_session_date(programme)
        return pure.then_and_now_window(last) if last else None
    ends = end_of(programme)
    months = {v: m for m, v in FOLLOW_UP_STAGES.items()}[Stage(stage)]
    return pure.follow_up_window(ends, months) if ends else None


def below_k(programme: Programme) -> str:
    return pure.BELOW_K.format(k=programme.k)


# --- the report ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reaction:
    session: Session
    summary: pure.SessionSummary


@dataclass(frozen=True)
class Learning:
    objective: LearningObjective
    summary: pure.ObjectiveSummary


@dataclass(frozen=True)
class Result:
    outcome: SharedOutcome
    indicators: list[tuple[Indicator, Summary]]


@dataclass(frozen=True)
class Report:
    programme: Programme
    reaction: list[Reaction]
    learning: list[Learning]
    learning_responses: int | None
    learning_open_until: datetime.date | None
    behaviour: list[pure.FollowUpSummary]
    results: list[Result]


def _sessions(programme: Programme) -> list[Session]:
    return list(
        Session.objects.filter(cohort__programme=programme).select_related("cohort").order_by("date", "id")
    )


def _reaction(programme: Programme, today: datetime.date) -> list[Reaction]:
    answers: dict[int, list[pure.SessionAnswer]] = defaultdict(list)
    rows = programme.feedback_responses.filter(stage=Stage.SESSION).values_list(
        "session_id", "satisfaction", "engagement", "relevance", "comment", "released"
    )
    for session_id, *row in rows:
        answers[session_id].append(pure.SessionAnswer(*row))
    return [
        Reaction(
            s,
            pure.session_summary(
                answers[s.pk],
                k=programme.k,
                open_until=pure.withheld_until(pure.session_window(s.date), today),
            ),
        )
        for s in _sessions(programme)
    ]


def _learning(
    programme: Programme, today: datetime.date
) -> tuple[list[Learning], int | None, datetime.date | None]:
    open_until = pure.withheld_until(window_for(programme=programme, stage=Stage.END), today)
    pairs: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = ObjectiveRating.objects.filter(response__programme=programme).values_list(
        "objective_id", "before", "now"
    )
    for objective_id, before, now in rows:
        pairs[objective_id].append((before, now))
    responses = programme.feedback_responses.filter(stage=Stage.END).count()
    learning = [
        Learning(o, pure.objective_summary(pairs[o.pk], k=programme.k, open_until=open_until))
        for o in programme.objectives.all()
    ]
    shown = None if open_until is not None else pure.count_shown(range(responses), k=programme.k)
    return learning, shown, open_until


def _behaviour(programme: Programme, today: datetime.date) -> list[pure.FollowUpSummary]:
    answers: dict[str, list[pure.FollowUpAnswer]] = defaultdict(list)
    rows = programme.feedback_responses.filter(stage__in=FOLLOW_UP_STAGES.values()).values_list(
        "stage", "applied", "impact", "comment", "released"
    )
    for stage, *row in rows:
        answers[stage].append(pure.FollowUpAnswer(*row))
    return [
        pure.follow_up_summary(
            m,
            answers[s],
            k=programme.k,
            open_until=pure.withheld_until(window_for(programme=programme, stage=s), today),
        )
        for m, s in FOLLOW_UP_STAGES.items()
    ]


def _results(user: Any, programme: Programme) -> list[Result]:
    outcomes = list(
        policy.permitted(
            user=user, partnership=programme.partnership, action="view", model=SharedOutcome
        ).filter(programmes=programme)
    )
    visible = policy.permitted(user=user, partnership=programme.partnership, action="view", model=Indicator)
    by_outcome = {o.pk: list(visible.filter(outcomes=o)) for o in outcomes}
    found = summaries(indicators={i for group in by_outcome.values() for i in group})
    return [Result(o, [(i, found[i.pk]) for i in by_outcome[o.pk]]) for o in outcomes]


def report_for(
    *, user: Any, partnership: Partnership, programme: Programme, today: datetime.date | None = None
) -> Report:
    """The programme's report as the anonymity rule lets it out, for a user who may see its feedback: groups
    whose answer window is still open on ``today`` publish nothing yet."""
    policy.require(user=user, partnership=partnership, action="view", object_type="feedbackresponse")
    today = today or timezone.localdate()
    learning, learning_responses, learning_open_until = _learning(programme, today)
    return Report(
        programme,
        _reaction(programme, today),
        learning,
        learning_responses,
        learning_open_until,
        _behaviour(programme, today),
        _results(user, programme),
    )


# --- comments to release ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentGroup:
    """The comments of one group of answers (a session, or a follow-up) that has at least ``k`` responses."""

    label: str
    responses: int
    comments: list[tuple[int, str, bool]]  # (response id, words, released), in alphabetical order


def comment_groups(programme: Programme, today: datetime.date | None = None) -> list[CommentGroup]:
    """The groups whose comments a facilitator may release: closed to answers and of at least ``k``."""
    today = today or timezone.localdate()
    rows = programme.feedback_responses.exclude(stage=Stage.END).values_list(
        "session_id", "stage", "pk", "comment", "released"
    )
    grouped: dict[tuple[int | None, str], list[tuple[int, str, bool]]] = defaultdict(list)
    for row_session, row_stage, pk, text, released in rows:
        grouped[(row_session, row_stage)].append((pk, text, released))
    sessions = {s.pk: s for s in _sessions(programme)}
    labels = {str(s): str(s.label) for s in FOLLOW_UP_STAGES.values()}
    found = []
    for (session_id, stage), group in grouped.items():
        if not pure.releasable(len(group), k=programme.k):
            continue
        window = (
            pure.session_window(sessions[session_id].date)
            if session_id is not None
            else window_for(programme=programme, stage=stage)
        )
        if pure.withheld_until(window, today) is not None:
            continue
        label = str(sessions[session_id]) if session_id is not None else labels[stage]
        written = sorted(
            (c for c in group if c[1].strip()), key=lambda c: (c[1].casefold(), comment_token(c[0]))
        )
        if written:
            found.append(CommentGroup(label, len(group), written))
    return _ordered(found, sessions)


def _ordered(groups: list[CommentGroup], sessions: dict[int, Session]) -> list[CommentGroup]:
    """Sessions in date order, then the follow-ups."""
    rank = {str(s): n for n, s in enumerate(sessions.values())}
    return sorted(groups, key=lambda g: (rank.get(g.label, len(rank)), g.label))


@dataclass(frozen=True)
class Comment:
    token: str
    text: str
    released: bool


def comments_to_release(programme: Programme) -> list[tuple[str, list[Comment]]]:
    """(group, its comments) for the release page: only groups that reached ``k``."""
    return [
        (g.label, [Comment(comment_token(pk), text, released) for pk, text, released in g.comments])
        for g in comment_groups(programme)
    ]


# --- who may answer what, now -------------------------------------------------------------------------------


def has_answered(*, user: Any, programme: Programme, stage: str, session: Session | None = None) -> bool:
    return FeedbackParticipation.objects.filter(
        programme=programme, stage=stage, session=session, person__user=user.pk
    ).exists()


@dataclass(frozen=True)
class OpenForm:
    label: str
    url_name: str
    pk: int
    closes: datetime.date


def open_forms_for(
    *, user: Any, partnership: Partnership, today: datetime.date | None = None
) -> list[OpenForm]:
    """The feedback forms this user could answer today and has not: sessions of their cohorts, and their
    programmes' then-and-now and follow-ups."""
    if not user.is_authenticated or not policy.allowed(
        user=user, partnership=partnership, action="add", object_type="feedbackresponse"
    ):
        return []
    today = today or timezone.localdate()
    done = set(
        FeedbackParticipation.objects.filter(partnership=partnership, person__user=user.pk).values_list(
            "programme_id", "stage", "session_id"
        )
    )
    found: list[OpenForm] = []
    sessions = Session.objects.filter(
        partnership=partnership, cohort__enrolments__person__user=user.pk, date__lte=today
    ).select_related("cohort__programme")
    for s in sessions.distinct():
        window = pure.session_window(s.date)
        if window.holds(today) and (s.cohort.programme_id, Stage.SESSION, s.pk) not in done:
            found.append(OpenForm(f"Feedback on {s}", "programmes:feedback-session", s.pk, window.closes))
    programmes = Programme.objects.filter(
        partnership=partnership, cohorts__enrolments__person__user=user.pk
    ).distinct()
    for p in programmes:
        found.extend(_programme_forms(p, today, done))
    return found


def feedback_invitations(*, user: Any, partnership: Partnership) -> list[Invitation]:
    """The dashboard's list: the same open forms, each with where to answer it and when it closes."""
    return [
        Invitation(
            kind="Programme feedback",
            title=form.label,
            url=reverse(form.url_name, kwargs={"slug": partnership.slug, "pk": form.pk}),
            closes_on=form.closes,
        )
        for form in open_forms_for(user=user, partnership=partnership)
    ]


def _programme_forms(programme: Programme, today: datetime.date, done: set[Any]) -> list[OpenForm]:
    found = []
    names = {
        Stage.END: "programmes:feedback-then-and-now",
        Stage.MONTH3: "programmes:feedback-follow-up-3",
        Stage.MONTH6: "programmes:feedback-follow-up-6",
    }
    for stage, name in names.items():
        window = window_for(programme=programme, stage=stage)
        if window is not None and window.holds(today) and (programme.pk, stage, None) not in done:
            found.append(OpenForm(f"{Stage(stage).label}: {programme}", name, programme.pk, window.closes))
    return found


def objectives_for(
    *, user: Any, partnership: Partnership, programme: Programme
) -> QuerySet[LearningObjective]:
    return policy.permitted(
        user=user, partnership=partnership, action="view", model=LearningObjective
    ).filter(programme=programme)


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``programmes/_home_feedback.html``)."""
    return {
        "feedback_open": open_forms_for(user=user, partnership=partnership),
        "feedback_programmes": policy.permitted(
            user=user, partnership=partnership, action="view", model=Programme
        )[:10],
        "feedback_may_view": policy.allowed(
            user=user, partnership=partnership, action="view", object_type="feedbackresponse"
        ),
    }


# --- the report as a table, for the CSV download ------------------------------------------------------------

EXPORT_HEADER = ("Part", "About", "Measure", "Responses", "Value")


def still_open(day: datetime.date) -> str:
    return pure.STILL_OPEN.format(date=f"{day:%-d %B %Y}")


def _scale_rows(
    part: str,
    about: str,
    responses: int | None,
    scales: dict[str, pure.Scale],
    hidden: str,
    open_until: datetime.date | None,
) -> list[tuple[Any, ...]]:
    if open_until is not None:
        return [(part, about, "", "", still_open(open_until))]
    if responses is None:
        return [(part, about, "", "", hidden)]
    return [(part, about, f"mean {question}", responses, s.mean) for question, s in scales.items()]


def report_rows(report: Report) -> list[tuple[Any, ...]]:
    """The report's figures, one per row, exactly those the page shows (hidden groups say so, with no
    figure and no count); words are left out."""
    hidden = below_k(report.programme)
    rows: list[tuple[Any, ...]] = [EXPORT_HEADER]
    for r in report.reaction:
        reaction = r.summary
        rows += _scale_rows(
            "Reaction", str(r.session), reaction.responses, dict(reaction.scales), hidden, reaction.open_until
        )
    for lesson in report.learning:
        s = lesson.summary
        if s.responses is None:
            why = still_open(s.open_until) if s.open_until is not None else hidden
            rows.append(("Learning", lesson.objective.text, "", "", why))
            continue
        for measure, value in (
            ("mean before", s.then.mean),
            ("mean now", s.now.mean),
            ("mean change", s.change),
        ):
            rows.append(("Learning", lesson.objective.text, measure, s.responses, value))
    for b in report.behaviour:
        rows += _scale_rows(
            "Behaviour", f"After {b.months} months", b.responses, dict(b.scales), hidden, b.open_until
        )
    for result in report.results:
        for indicator, summary in result.indicators:
            rows.append(("Results", str(result.outcome), indicator.title, "", summary.value))
    return rows
