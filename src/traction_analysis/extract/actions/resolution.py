"""Which clauses of the decision record set a step: a body's instruction to a named officer, a
delegation (the delegate owns the task), the body's own step ("Agreed to …") and a dated outcome."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.build import new_action
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.dates import DEADLINE, FUTURE, due_date
from traction_analysis.extract.actions.features import CORPORATE_SELF, NON_OWNER
from traction_analysis.extract.actions.vocabulary import NAMED, RESOLUTION_PREFIX, SUBJUNCTIVE_VERB, VERB
from traction_analysis.extract.model import ExtractedAction

RESOLVED_THAT = re.compile(
    rf"{RESOLUTION_PREFIX}(?:[Tt]hat\s+)?(?:the\s+)?{NAMED}\s+(?:be\s+)?"
    rf"(?:authori[sz]ed|requested|asked|instructed|directed)\s+to\s+(?P<text>{VERB}\b.*)$"
)


THAT_SUBJUNCTIVE = re.compile(
    rf"{RESOLUTION_PREFIX}[Tt]hat\s+(?:the\s+)?(?:{NAMED}|(?P<officers>officers|staff|the clerk|clerk))\s+"
    rf"(?P<text>{SUBJUNCTIVE_VERB}\b.*)$"
)


AGREE_TO = re.compile(
    rf"^(?:\(?\d{{1,2}}[.)]\s*)?(?:and\s+)?(?:Agrees?|agreed?)\s+to\s+(?P<text>{VERB}\b.*)$"
)


# "RESOLVED: To write to the County Council", "the Council resolved to seek legal advice": the body's own
# step.
RESOLVED_TO = re.compile(
    rf"(?:^(?:[Ii]t was\s+)?|\b(?:[Cc]ouncil|[Cc]ommittee|[Bb]oard|[Mm]eeting|[Mm]embers|[Pp]anel"
    rf"|[Cc]abinet)\s+"
    rf"(?:unanimously\s+)?)(?:RESOLVED|[Rr]esolved|DECIDED|[Dd]ecided|AGREED|Agreed)\s*[:–-]?\s*(?:that\s+)?[Tt]o\s+"
    rf"(?P<text>{VERB}\b[^;]*)"
)


DELEGATION = re.compile(
    r"\b[Dd]elegat\w*\s+(?!(?:the\s+)?[Aa]uthority|to\s|of\s)(?P<task>.+?)\s+to\s+(?:the\s+)?"
    r"(?P<owner>[A-Z].{2,200})$"
)


# "Delegated (the) authority to the Director, in consultation with the Chair, to finalise …" (or "for the
# approval of …"): the officer consulting others still holds the task.
DELEGATED_TO = re.compile(
    r"\b[Dd]elegat\w*\s+(?:the\s+)?authority,?\s+to\s+(?:the\s+)?(?P<owner>[A-Z][^,;]{2,120}?)"
    r"(?:,?\s+in\s+consultation\s+with\s+[^;]{3,200}?,?)?"
    r"\s+(?:to|for(?=\s+the\s+[a-z]+(?:al|ion|ing)\s+of\s))\s+(?P<task>.+)$"
)


# "delegates the finalisation of the detail to the Director": the task said as a noun, said as the step.
NOMINAL_TASK = re.compile(
    r"^(?:the\s+)?(?P<noun>[a-z]+?(?:isation|ization)|approval|award|issue|issuing|signing|completion|"
    r"negotiation|preparation|submission|determination|execution|procurement|implementation|agreement|"
    r"settlement)\s+of\s+(?P<rest>.+)$"
)
NOMINAL_VERBS = {
    "approval": "approve",
    "issuing": "issue",
    "signing": "sign",
    "completion": "complete",
    "negotiation": "negotiate",
    "preparation": "prepare",
    "submission": "submit",
    "determination": "determine",
    "execution": "execute",
    "procurement": "procure",
    "implementation": "implement",
    "agreement": "agree",
    "settlement": "settle",
}


def delegated_step(task: str) -> str:
    """The delegated task as a step: "the finalisation of the detail" is "Finalise the detail", marked
    as delegated."""
    task = task.strip(" .;,")
    nominal = NOMINAL_TASK.match(task)
    if nominal:
        noun = nominal.group("noun")
        verb = NOMINAL_VERBS.get(noun) or re.sub(r"isation$", "ise", re.sub(r"ization$", "ize", noun))
        task = f"{verb} {nominal.group('rest')}"
    return f"{task} (delegated)"


# "authority be delegated to the Director … to finalise", "delegated authority be given to the Chief Executive
# to agree", "the final wording be delegated to the Director of Governance to settle".
DELEGATED_GIVEN = re.compile(
    rf"\b(?:(?:delegated\s+)?(?:authority|powers?)\s+"
    rf"(?:be|is|was|were|being|to be)\s+(?:delegated|given|granted)|"
    rf"delegated)\s+to\s+(?:the\s+)?(?P<owner>[A-Z][^,;]{{2,120}}?)(?:,[^;]{{0,120}}?,)?\s+to\s+(?P<task>{VERB}\b.+)$"
)


GIVEN_DELEGATED = re.compile(
    rf"(?:^|[Tt]hat\s+)(?:the\s+)?{NAMED}\s+(?:be|is|was|were)\s+(?:given|granted)\s+(?:delegated\s+)?"
    rf"(?:authority|powers?)\s+to\s+(?P<task>{VERB}\b.+)$"
)


def resolution_actions(context: ActionContext) -> list[ExtractedAction]:
    """The actions set by the clauses of the item's decision record."""
    out: list[ExtractedAction] = []
    for sentence in context.resolution:
        for clause in _clauses(sentence):
            action = _resolution_clause(clause, context)
            if action:
                out.append(action)
    return out


def _clauses(text: str) -> list[str]:
    """Numbered sub-resolutions and semicolon-separated clauses of a resolution."""
    pieces = re.split(r";\s*(?:and\s+)?|\s(?=\(?\d{1,2}[.)]\s+(?:That|Agree|Note|Endorse|Approve)\b)", text)
    return [piece.strip() for piece in pieces if piece and piece.strip()]


def _resolution_clause(clause: str, context: ActionContext) -> ExtractedAction | None:
    """The action one clause of a resolution sets: an officer instructed or authorised, a delegation,
    the body's own step, or a dated future step; None for a clause that sets none."""
    for pattern in (RESOLVED_THAT, THAT_SUBJUNCTIVE):
        match = pattern.match(clause)
        if match:
            owner = (match.group("owner") or match.group("officers")).strip()
            if CORPORATE_SELF.match(owner) or NON_OWNER.match(owner):
                return None
            return new_action(match.group("text"), owner, context)
    match = delegation(clause)
    if match:
        # The action of a delegation is the delegated task, and the delegate owns it.
        return new_action(delegated_step(match.group("task")), match.group("owner"), context)
    match = AGREE_TO.match(clause) or RESOLVED_TO.search(clause)
    if match:
        return new_action(match.group("text"), None, context)
    if DEADLINE.search(clause) and FUTURE.search(clause) and due_date(clause, context):
        return new_action(
            re.sub(r"^(?:approved|agreed|adopted|endorsed)\s+", "", clause, flags=re.IGNORECASE),
            None,
            context,
        )
    return None


def delegation(clause: str) -> re.Match[str] | None:
    """A delegation in the clause, in any of its usual forms, with its "owner" and "task"."""
    if "elegat" not in clause and "authority" not in clause:
        return None
    return (
        DELEGATED_GIVEN.search(clause)
        or GIVEN_DELEGATED.search(clause)
        or DELEGATION.search(clause)
        or DELEGATED_TO.search(clause)
    )
