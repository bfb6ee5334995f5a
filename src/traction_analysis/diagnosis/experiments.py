"""Experiments a board could try, each tied to the signals it is meant to move.

An experiment is a small, reversible change to how the body works, tried for a few meetings and
judged by the signals it names. None of them is a verdict on anyone; they change the system.
"""

from __future__ import annotations

from dataclasses import dataclass

from traction_analysis.signals import SIGNAL_NAMES


@dataclass(frozen=True, slots=True)
class Experiment:
    key: str
    name: str
    description: str
    signals: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = [name for name in self.signals if name not in SIGNAL_NAMES]
        if unknown or not self.signals:
            raise ValueError(f"Experiment {self.key!r} names unknown signals: {unknown}")


def _e(key: str, name: str, description: str, *signals: str) -> Experiment:
    return Experiment(key, name, description, signals)


EXPERIMENTS: tuple[Experiment, ...] = (
    _e(
        "decision-sought",
        "Every item states the decision sought",
        "Each cover sheet opens with one sentence: what the body is asked to decide, and what happens if "
        "it does not. Items with nothing to decide move to a written briefing.",
        "decision_yield",
        "noting_share",
        "unclear_share",
        "pages_per_decision",
    ),
    _e(
        "no-noting-meeting",
        "A meeting with no papers for noting",
        "Hold one meeting where every item needs a decision; papers for information are circulated in "
        "writing beforehand, and questions on them are taken by email.",
        "noting_share",
        "decision_yield",
        "agenda_pressure",
        "pages_per_meeting",
    ),
    _e(
        "consent-agenda",
        "Consent agenda",
        "Group routine items into one block taken together without discussion unless a member asks, "
        "freeing time for the items that need a decision.",
        "noting_share",
        "agenda_pressure",
        "decision_yield",
    ),
    _e(
        "items-per-hour-cap",
        "A cap on agenda items per hour",
        "Agree a maximum number of substantive items per scheduled hour (for example three); the chair "
        "and secretary hold items over rather than exceed it.",
        "agenda_pressure",
        "deferral_loops",
        "decision_yield",
    ),
    _e(
        "timed-agenda",
        "Timed agenda",
        "Give each item a time on the agenda that matches the decision it needs, with the longest slot "
        "for the hardest decision, placed early.",
        "agenda_pressure",
        "deferral_loops",
        "decision_yield",
    ),
    _e(
        "owner-and-date",
        "A named owner and date before an action is minuted",
        "The chair does not close an item until each action has one named owner (a person or an "
        "organisation) and a date; the secretary reads them back.",
        "orphan_actions",
        "follow_through",
        "decisions_without_action",
    ),
    _e(
        "action-per-decision",
        "A first step for every decision",
        "For each decision, agree in the room the first action that puts it into effect, who takes it "
        "and by when.",
        "decisions_without_action",
        "follow_through",
        "orphan_actions",
    ),
    _e(
        "action-log-triage",
        "Action-log triage",
        "Once a quarter, go through every open action: mark it done, give it a new date with a reason, "
        "or drop it on purpose. A shorter log is easier to follow through.",
        "follow_through",
        "days_overdue",
        "orphan_actions",
    ),
    _e(
        "decision-log-at-start",
        "Decision log read at the start",
        "Open each meeting with the decisions of the last one and the action agreed for each, so a "
        "decision without a plan is visible while it is still fresh.",
        "decisions_without_action",
        "follow_through",
        "recurring_topics",
    ),
    _e(
        "stop-doing-review",
        'A "stop doing" review of recurring items',
        "List the items that have come back three or more times without a decision and, for each, "
        "agree to decide it, hand it to someone to decide, or stop bringing it.",
        "recurring_topics",
        "noting_share",
        "deferral_loops",
        "pages_per_meeting",
    ),
    _e(
        "one-to-ones-before",
        "One-to-one conversations before a contentious item",
        "Before an item that keeps being put off, the chair or a facilitator talks one-to-one with each "
        "member about what would let them decide, so disagreement surfaces before the meeting.",
        "deferral_loops",
        "recurring_topics",
        "decision_yield",
    ),
    _e(
        "pre-meeting-ask",
        "Pre-meetings to clarify the ask",
        "A short pre-meeting between the chair, the report author and the secretary agrees what the body "
        "is being asked and whether the paper is ready to be decided.",
        "deferral_loops",
        "unclear_share",
        "decision_yield",
    ),
    _e(
        "close-the-loop",
        '"Close the loop" review of referrals',
        "At each meeting, list the topics this body passed on in the last six months and where each now "
        "stands; a topic nobody has decided comes back with a named body to decide it.",
        "pass_the_parcel",
        "recurring_topics",
    ),
    _e(
        "referral-with-ask",
        "Referrals carry a question and a date",
        "When an item is referred elsewhere, the minute says what the receiving body is asked to decide "
        "and by when, and who reports back.",
        "pass_the_parcel",
        "orphan_actions",
        "decisions_without_action",
    ),
    _e(
        "paper-length-limit",
        "A paper length limit",
        "Cover papers of at most four pages, with detail in appendices that are read only when needed; "
        "authors write for the decision, not for the record.",
        "pages_per_meeting",
        "pages_per_decision",
        "noting_share",
    ),
    _e(
        "exception-reporting",
        "Exception reporting",
        "Performance and progress reports show only what is off track and needs the body; everything on "
        "track is a single line.",
        "pages_per_meeting",
        "noting_share",
        "agenda_pressure",
        "recurring_topics",
    ),
    _e(
        "devils-advocate",
        "A rotating devil's advocate",
        "For each decision item one member, in turn, makes the case against; it makes it easier to say "
        "the hard thing, so items are decided rather than put off.",
        "deferral_loops",
        "decision_yield",
    ),
    _e(
        "decision-deadline",
        "A decision date for deferred items",
        "An item can be deferred once; a second deferral names the meeting at which it will be decided "
        "and what information is missing until then.",
        "deferral_loops",
        "recurring_topics",
    ),
    _e(
        "resolution-template",
        "A resolution written for every item",
        "The secretary records one resolution per item (decided, noted, deferred to, referred to), agreed "
        "in the room, so the minutes say what the body did.",
        "unclear_share",
        "decision_yield",
        "noting_share",
    ),
)

BY_KEY: dict[str, Experiment] = {experiment.key: experiment for experiment in EXPERIMENTS}


def experiments_for(signal: str) -> tuple[Experiment, ...]:
    """Experiments that address ``signal``, those that name it first ahead of the rest."""
    found = [e for e in EXPERIMENTS if signal in e.signals]
    return tuple(sorted(found, key=lambda e: e.signals.index(signal)))
