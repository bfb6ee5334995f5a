"""The toolkit's default steps and gate criteria, and reading a gate decision's conditions.

No Django here: the web app turns these into records. Phases are named by their keys ("analyse", "plan",
"do", "review"); a gate is named by the phase it leads out of.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

PHASES = ("analyse", "plan", "do", "review")

# (phase, title, guidance): our own words, four to six steps a phase.
DEFAULT_STEPS: tuple[tuple[str, str, str], ...] = (
    (
        "analyse",
        "Agree the scope",
        "Write down who the strategy is for, what it covers and what it leaves out.",
    ),
    (
        "analyse",
        "Gather the needs assessment",
        "Bring together what the joint needs assessment and local "
        "figures say about the people in scope, including who is missing from the figures.",
    ),
    (
        "analyse",
        "Hear from people who use services",
        "Ask residents, carers and front-line staff what works "
        "and what does not; record what you heard and from whom.",
    ),
    (
        "analyse",
        "Map the market and providers",
        "List who provides the service now, their capacity, costs and quality, and gaps in the market.",
    ),
    (
        "analyse",
        "Set outcomes with baselines",
        "Choose at least one population outcome and one service "
        "outcome, each with a measure and where it stands today.",
    ),
    (
        "plan",
        "Appraise the options",
        "Long-list ways of meeting the need, short-list them against the "
        "success factors and score them; say which is preferred and why.",
    ),
    (
        "plan",
        "Weigh the risks",
        "Record the main risks of the preferred option, their owners and how they will be reduced.",
    ),
    (
        "plan",
        "Write an outcome-based specification",
        "Describe what must change for people rather than the activity to be bought.",
    ),
    ("plan", "Agree the budget", "Confirm the money, who contributes it and for how long."),
    (
        "do",
        "Put the contract or service plan in place",
        "Award the contract, sign the agreement or adopt the in-house service plan.",
    ),
    (
        "do",
        "Set KPIs with baselines",
        "Agree a few measures of performance with where they start and where they should reach.",
    ),
    (
        "do",
        "Mobilise the service",
        "Plan the handover, tell people who use the service, and check the first months closely.",
    ),
    ("do", "Manage the contract", "Hold regular reviews with the provider and act on what the figures show."),
    (
        "review",
        "Look at the outcomes",
        "Compare the outcome measures with their baselines and with similar areas.",
    ),
    (
        "review",
        "Tell the story behind the figures",
        "Ask providers, partners and residents what explains the figures.",
    ),
    (
        "review",
        "Decide what happens next",
        "Continue, redesign, re-source or decommission, with reasons, "
        "so the next round of analysis starts from it.",
    ),
    (
        "review",
        "Share what was learned",
        "Write down the lessons for the next iteration and for other strategies.",
    ),
)

# (phase the gate leads out of, criterion)
DEFAULT_CRITERIA: tuple[tuple[str, str], ...] = (
    ("analyse", "A needs assessment is attached."),
    (
        "analyse",
        "There is at least one population outcome measure and one service outcome measure, each "
        "with a baseline.",
    ),
    ("analyse", "The market and its providers have been mapped."),
    ("analyse", "The views of people who use services and of stakeholders are recorded."),
    ("plan", "The options appraisal is complete, naming the preferred channel with reasons."),
    ("plan", "The main risks are recorded, each with an owner."),
    ("plan", "There is an outcome-based specification."),
    ("do", "A contract or service plan is in place."),
    ("do", "KPIs are agreed, each with a baseline."),
    ("review", "The review of outcomes is done and its decision recorded."),
)

CONDITION_FORMAT = "Write each condition as: what is to be done | owner's name | due date (2026-03-31)."
CONDITION_PARTS = "Line {line}: " + CONDITION_FORMAT
CONDITION_DATE = "Line {line}: “{value}” is not a date; write it as 2026-03-31."
CONDITION_EMPTY = "Line {line}: {part} is missing."


class ConditionError(ValueError):
    """A condition line that cannot be read; the message says which line and why."""


@dataclass(frozen=True)
class ConditionLine:
    text: str
    owner: str
    due_date: datetime.date
    number: int = 0  # its line in the text


def parse_conditions(text: str) -> list[ConditionLine]:
    """One condition a non-blank line: "what | owner | YYYY-MM-DD". Raises ConditionError on the first
    line that does not read."""
    return [
        _parse_line(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()
    ]


def _parse_line(number: int, line: str) -> ConditionLine:
    parts = [part.strip() for part in line.split("|")]
    if len(parts) != 3:
        raise ConditionError(CONDITION_PARTS.format(line=number))
    what, owner, due = parts
    for part, value in (("what is to be done", what), ("the owner", owner), ("the due date", due)):
        if not value:
            raise ConditionError(CONDITION_EMPTY.format(line=number, part=part))
    try:
        due_date = datetime.date.fromisoformat(due)
    except ValueError:
        raise ConditionError(CONDITION_DATE.format(line=number, value=due)) from None
    return ConditionLine(text=what, owner=owner, due_date=due_date, number=number)


def days_between(start: datetime.date | None, end: datetime.date) -> int | None:
    """Whole days from ``start`` to ``end`` (never negative), or None without a start."""
    return None if start is None else max((end - start).days, 0)
