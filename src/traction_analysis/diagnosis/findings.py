"""Plain-language findings from one body's signals, each linked to experiments the board could try, and the
shape of a finding about the partnership as a whole that any part of the product may contribute.

Findings describe how a system works, not how people do their jobs: they say what the record shows
and what that pattern often means, never who is at fault. A finding is drawn only from a figure with
enough data behind it (``Figure.sufficient``) and a value; the thresholds are parameters a board may
change (:class:`Thresholds`). Each finding names the family of work avoidance it reveals, if any
(:mod:`traction_analysis.signals.families`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from traction_analysis.diagnosis.experiments import experiments_for
from traction_analysis.signals import BodySignals, Family, Figure, family_of

# Words a finding must never use: they judge people. A test reads this list.
BLAME_WORDS = (
    "fail",
    "poor",
    "bad",
    "blame",
    "fault",
    "weak",
    "lazy",
    "neglect",
    "incompetent",
    "should have",
)
EXPERIMENTS_PER_FINDING = 4


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a figure becomes a finding. ``low_*``: a finding below; ``high_*``/``*_at``: at or above."""

    low_decision_yield: float = 0.4
    high_noting_share: float = 0.5
    high_unclear_share: float = 0.3
    deferral_loops_at: int = 1
    recurring_topics_at: int = 1
    pass_the_parcel_at: int = 1
    high_pages_per_meeting: float = 150.0
    high_pages_per_decision: float = 50.0
    high_agenda_pressure: float = 4.0
    low_follow_through: float = 0.7
    high_days_overdue: float = 30.0
    high_orphan_actions: float = 0.3
    high_decisions_without_action: float = 0.5


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: the signal behind it, a headline, the explanation, and experiment keys to try.

    ``strength`` ranks findings (how far past its threshold the figure is, 0 upwards).
    """

    signal: str
    headline: str
    text: str
    value: float | int
    strength: float
    experiments: tuple[str, ...]

    @property
    def family(self) -> Family | None:
        return family_of(self.signal)


@dataclass(frozen=True, slots=True)
class PartnershipFinding:
    """A finding about the partnership rather than one body's figures, contributed by any part of the
    product (a health check, a pulse): its family, a headline, the plain explanation, and the record it is
    about (``url`` blank when that record has no page to link to)."""

    family: Family
    headline: str
    text: str
    record: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    signal: str
    threshold: str
    below: bool
    headline: str
    text: Callable[[Figure], str]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def _n(figure: Figure) -> str:
    return f"{figure.numerator:g} of {figure.denominator:g}"


def _topics(figure: Figure, limit: int = 3) -> str:
    names = figure.counted.topics
    if not names:
        return ""
    shown = ", ".join(f"“{name}”" for name in names[:limit])
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return f" ({shown}{more})"


def _count(n: float | None, noun: str) -> str:
    n = int(n or 0)
    return f"{n} {noun}" + ("" if n == 1 else "s")


RULES: tuple[Rule, ...] = (
    Rule(
        "decision_yield",
        "low_decision_yield",
        True,
        "Few items leave the meeting with a decision",
        lambda f: (
            f"{_n(f)} substantive items ({pct(f.value)}) were decided. Papers that arrive without "
            "a clear decision to take tend to be received rather than decided; it may help to "
            "ask what each item needs from this body."
        ),
    ),
    Rule(
        "noting_share",
        "high_noting_share",
        False,
        "Much of the agenda is for noting",
        lambda f: (
            f"{_n(f)} substantive items ({pct(f.value)}) were noted or received. The meeting may be "
            "working as an audience for reports more than as the place where decisions are taken."
        ),
    ),
    Rule(
        "unclear_share",
        "high_unclear_share",
        False,
        "The minutes often do not say what was done",
        lambda f: (
            f"For {_n(f)} substantive items ({pct(f.value)}) the minutes record no outcome. Clearer "
            "resolutions make the other figures more reliable and what was agreed easier to follow."
        ),
    ),
    Rule(
        "deferral_loops",
        "deferral_loops_at",
        False,
        "Topics put off at meeting after meeting",
        lambda f: (
            f"Of the {f.denominator:g} topics discussed, {f.numerator:g}{_topics(f)} "
            f"{'was' if f.numerator == 1 else 'were'} deferred at two or more meetings in a row. "
            "A subject that keeps moving to the next "
            "meeting often holds a hard conversation the agenda has not yet made room for."
        ),
    ),
    Rule(
        "recurring_topics",
        "recurring_topics_at",
        False,
        "Topics that keep coming back undecided",
        lambda f: (
            f"{_count(f.numerator, 'topic')}{_topics(f)} came to three or more meetings without a "
            "decision. Some are standing items that are only noted; others may be problems the "
            "body is circling. A review can sort one from the other."
        ),
    ),
    Rule(
        "pass_the_parcel",
        "pass_the_parcel_at",
        False,
        "Referred topics not yet decided anywhere",
        lambda f: (
            f"{_n(f)} topics this body passed on{_topics(f)} were not decided by any body within "
            "the window. Passing a topic on is often right; when nobody decides it, responsibility "
            "can end up spread so thin that nobody holds it."
        ),
    ),
    Rule(
        "pages_per_meeting",
        "high_pages_per_meeting",
        False,
        "A lot of reading for each meeting",
        lambda f: (
            f"Meetings came with about {f.value:.0f} pages of papers each. Time spent writing and "
            "reading papers is time not spent deciding."
        ),
    ),
    Rule(
        "pages_per_decision",
        "high_pages_per_decision",
        False,
        "Many pages for each decision",
        lambda f: f"About {f.value:.0f} pages of papers were read for each decision taken.",
    ),
    Rule(
        "agenda_pressure",
        "high_agenda_pressure",
        False,
        "Little time for each item",
        lambda f: (
            f"The agenda held {f.value:.1f} substantive items per scheduled hour, which leaves "
            "little time to think about any one of them."
        ),
    ),
    Rule(
        "follow_through",
        "low_follow_through",
        True,
        "Actions often run past their due date",
        lambda f: (
            f"{_n(f)} actions that fell due ({pct(f.value)}) were done by their due date. Dates "
            "agreed in a meeting may not match the capacity to act on them."
        ),
    ),
    Rule(
        "days_overdue",
        "high_days_overdue",
        False,
        "Late actions run well past their date",
        lambda f: f"Actions that ran late were a median of {f.value:.0f} days past their due date.",
    ),
    Rule(
        "orphan_actions",
        "high_orphan_actions",
        False,
        "Actions without a named owner or a date",
        lambda f: (
            f"{_n(f)} actions ({pct(f.value)}) were minuted without an owner or a due date. Work "
            "that nobody holds by name, or that has no date, is easy to lose between meetings."
        ),
    ),
    Rule(
        "decisions_without_action",
        "high_decisions_without_action",
        False,
        "Decisions with no action attached",
        lambda f: (
            f"{_n(f)} decisions ({pct(f.value)}) had no action attached. Not every decision needs "
            "one, so this is a prompt to look: agreement without a first step can stay on paper."
        ),
    ),
)


def findings_for(
    signals: BodySignals,
    *,
    thresholds: Thresholds | None = None,
    topic_titles: Mapping[str, str] | None = None,
) -> list[Finding]:
    """The body's findings, strongest first; none from a figure without enough data. A finding names a
    topic by its title in ``topic_titles`` (a reader's words), by its key when it has none."""
    limits = thresholds or Thresholds()
    titles = topic_titles or {}
    found = [
        finding
        for rule in RULES
        if (finding := _apply(rule, _titled(getattr(signals, rule.signal), titles), limits))
    ]
    return sorted(found, key=lambda finding: -finding.strength)


def _titled(figure: Figure, titles: Mapping[str, str]) -> Figure:
    """The figure with the topics it counts named by their titles, for the words of a finding."""
    if not figure.counted.topics or not titles:
        return figure
    named = tuple(titles.get(key) or key for key in figure.counted.topics)
    return replace(figure, counted=replace(figure.counted, topics=named))


def _apply(rule: Rule, figure: Figure, limits: Thresholds) -> Finding | None:
    if not figure.sufficient or figure.value is None:
        return None
    limit = float(getattr(limits, rule.threshold))
    value = float(figure.value)
    if (value >= limit) if rule.below else (value < limit):
        return None
    keys = tuple(e.key for e in experiments_for(rule.signal)[:EXPERIMENTS_PER_FINDING])
    strength = _strength(rule, value, limit)
    return Finding(rule.signal, rule.headline, rule.text(figure), figure.value, strength, keys)


def _strength(rule: Rule, value: float, limit: float) -> float:
    """How far past its threshold a figure is, so findings of different kinds can be ranked roughly."""
    if rule.threshold.endswith("_at"):
        return 0.5 * value / max(limit, 1.0)  # a count of topics: each one more adds to it
    if not limit:
        return value
    return (limit - value) / limit if rule.below else (value - limit) / limit
