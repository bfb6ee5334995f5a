"""Which clauses of the decision record set a step: a body's instruction to a named officer, a
delegation (the delegate owns the task), the body's own step ("Agreed to …") and a dated outcome."""

from __future__ import annotations

import re
from collections.abc import Sequence

from traction_analysis.extract.actions.build import new_action
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.dates import DEADLINE, FUTURE, due_date
from traction_analysis.extract.actions.features import CORPORATE_SELF, NON_OWNER
from traction_analysis.extract.actions.vocabulary import NAMED, RESOLUTION_PREFIX, SUBJUNCTIVE_VERB, VERB
from traction_analysis.extract.model import ExtractedAction

# How a clause of a resolution opens before the words that set the step: a number, "RESOLVED:", and the
# North American forms "THAT …", "AND THAT …", "AND FURTHER THAT …", "BE IT FURTHER RESOLVED THAT …",
# "NOW THEREFORE BE IT RESOLVED THAT …" (said in capitals as often as not).
THAT_LEAD = (
    rf"{RESOLUTION_PREFIX}(?:(?:MOTION|Motion)\s*:\s*)?(?:(?:AND|And|and)\s+)?"
    r"(?:(?:NOW,?\s+)?THEREFORE,?\s+|(?:Now,?\s+)?[Tt]herefore,?\s+)?"
    r"(?:BE\s+IT\s+(?:FURTHER\s+)?RESOLVED,?\s+|[Bb]e\s+it\s+(?:further\s+)?resolved,?\s+)?"
    r"(?:FURTHER\s+|[Ff]urther\s+)?"
)


# Officers a resolution names without a capital: "THAT staff be directed to …", "AND THAT trustees provide …".
OFFICERS = r"(?P<officers>officers|staff|the clerk|clerk|administration|trustees|members|councillors)"


# "THAT the Clerk be instructed to …", "that the Clerk be and is hereby authorised and instructed to …".
INSTRUCTED = r"(?:authori[sz]ed|requested|asked|instructed|directed)"
RESOLVED_THAT = re.compile(
    rf"{THAT_LEAD}(?:(?:THAT|[Tt]hat)\s+)?(?:the\s+)?(?:{NAMED}|{OFFICERS})\s+(?:be\s+)?(?:and\s+is\s+)?"
    rf"(?:hereby\s+)?{INSTRUCTED}(?:\s+and\s+{INSTRUCTED})?\s+to\s+(?P<text>{VERB}\b.*)$"
)


# The verbs of a subjunctive step ("THAT staff research …") beyond those the narrative shares.
STEP_VERB = rf"(?:{SUBJUNCTIVE_VERB}|research|forward|furnish|notify|advise|inform|execute|schedule|hold)"


THAT_SUBJUNCTIVE = re.compile(
    rf"{THAT_LEAD}(?:THAT|[Tt]hat)\s+(?:the\s+)?(?:{NAMED}|{OFFICERS})\s+(?P<text>{STEP_VERB}\b.*)$"
)


# "AND FURTHER THAT this Resolution be forwarded to the Minister …", "A Sweeper Unit to be researched …":
# a follow-up said in the passive. Only the participles of a step are taken ("be received", "be adopted"
# and "be approved" are the decision itself).
FOLLOW_UP_PARTICIPLE = (
    r"(?:forwarded|sent|circulated|distributed|furnished|provided|prepared|submitted|published|posted|"
    r"advertised|written|drafted|researched|investigated|scheduled|arranged|notified|advised|informed|"
    r"obtained|sought|commissioned|explored|developed|brought\s+back|reported\s+back)"
)
THAT_PASSIVE = re.compile(
    rf"{THAT_LEAD}(?:THAT|[Tt]hat)\s+(?P<object>[A-Za-z£\d][^,;:()]{{0,90}}?)\s+be\s+"
    rf"(?P<verb>{FOLLOW_UP_PARTICIPLE})\b(?P<rest>.*)$"
)
TO_BE = re.compile(r"to\s+be\s")  # what TO_BE_PASSIVE holds after its object
TO_BE_PASSIVE = re.compile(
    rf"^(?P<object>[A-Z][^,;:()]{{0,90}}?)\s+(?:is\s+|are\s+)?to\s+be\s+(?P<verb>{FOLLOW_UP_PARTICIPLE})\b"
    r"(?P<rest>.*)$"
)


# "Moved by Flagg to receive, file and refer to Compensation Committee to review …", "refer to City Manager
# for review of funding alternatives": the body the matter is referred to holds the step.
REFERRED = re.compile(
    r"\b(?:[Rr]efer(?:s|red|ring)?)\s+(?:it\s+|this\s+|(?:the\s+)?(?:matter|item|request)\s+)?"
    r"(?:back\s+)?to\s+(?:the\s+)?"
    r"(?P<owner>[A-Z][\w’'&.-]*(?:\s+(?:of|and|&|[A-Z][\w’'&.-]*)){0,6}|staff|officers|administration)"
    rf"\s+(?:to\s+(?P<text>{VERB}\b.*)|for\s+(?P<task>(?:the\s+)?[a-z]+\s+of\s+.*))$"
)


# "RESOLVED: to consent to the application and instruct the Clerk to communicate that consent to …": the
# body's decision, then a second step given to its officer, who holds it.
AND_INSTRUCT = re.compile(
    rf",?\s+and\s+(?:to\s+)?(?:instruct|ask|request|direct)s?\s+(?:the\s+)?(?:{NAMED}|{OFFICERS})\s+to\s+"
    rf"(?P<text>{VERB}\b.*)$"
)


AGREE_TO = re.compile(
    rf"^(?:\(?\d{{1,2}}[.)]\s*)?(?:and\s+)?(?:Agrees?|agreed?)\s+to\s+(?P<text>{VERB}\b.*)$"
)


# "RESOLVED: To write to the County Council", "the Council resolved to seek legal advice": the body's own
# step. (The lookahead holds the first letters of the bodies: the same matches, found without trying each
# body at every character.)
RESOLVED_TO = re.compile(
    rf"(?:^(?:[Ii]t was\s+)?|(?=[BCMPbcmp])\b(?:[Cc]ouncil|[Cc]ommittee|[Bb]oard|[Mm]eeting|[Mm]embers"
    rf"|[Pp]anel|[Cc]abinet)\s+"
    rf"(?:unanimously\s+)?)(?:RESOLVED|[Rr]esolved|DECIDED|[Dd]ecided|AGREED|Agreed)\s*[:–-]?\s*(?:that\s+)?[Tt]o\s+"
    rf"(?P<text>{VERB}\b[^;]*)"
)


# The verb only: "the delegation spoke to tree removal …" is a group of speakers, not a delegation.
DELEGATION = re.compile(
    r"\b[Dd]elegat(?!ions?\b)\w*\s+(?!(?:the\s+)?[Aa]uthority|to\s|of\s)(?P<task>.+?)\s+to\s+(?:the\s+)?"
    r"(?P<owner>[A-Z].{2,200})$"
)
# Its ending, looked for first: without one, each "delegate" of a long clause would be read to its end.
DELEGATION_END = re.compile(r"\s+to\s+(?:the\s+)?[A-Z].{2,200}$")


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
    r"settlement|review|consideration|investigation)\s+of\s+(?P<rest>.+)$"
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
    "review": "review",
    "consideration": "consider",
    "investigation": "investigate",
}


def delegated_step(task: str) -> str:
    """The delegated task as a step: "the finalisation of the detail" is "Finalise the detail", marked
    as delegated."""
    return f"{nominal_step(task.strip(' .;,')) or task.strip(' .;,')} (delegated)"


def nominal_step(task: str) -> str | None:
    """A task said as a noun, said as the step: "the finalisation of the detail" is "finalise the
    detail", "review of funding alternatives" is "review funding alternatives"; None for another noun."""
    nominal = NOMINAL_TASK.match(task)
    if not nominal:
        return None
    noun = nominal.group("noun")
    verb = NOMINAL_VERBS.get(noun) or re.sub(r"isation$", "ise", re.sub(r"ization$", "ize", noun))
    return f"{verb} {nominal.group('rest')}"


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


# A sentence of the narrative in the form of a resolution ("THAT …", "AND FURTHER THAT …", "BE IT RESOLVED
# THAT …", in capitals): a clause of the decision record wherever the outcome reader found the record.
RESOLUTION_FORM = re.compile(
    r"^(?:\(?\d{1,2}[.)]\s*)?(?:(?:AND\s+)?(?:(?:NOW\s+)?THEREFORE,?\s+)?(?:BE\s+IT\s+(?:FURTHER\s+)?RESOLVED,?\s+)?"
    r"(?:FURTHER\s+)?THAT\b|(?:Direct|Instruct|Authori[sz]e)\s)"
)


# "1. Direct city staff to continue working with shelters …": a numbered direction of a motion, said as
# an imperative.
DIRECT_TO = re.compile(
    rf"^(?:\(?\d{{1,2}}[.)]\s*)?(?:[Aa]nd\s+)?(?:Direct|Instruct|Authori[sz]e)\s+(?:the\s+)?"
    rf"(?:{NAMED}|(?P<officers>(?:(?:city|county|town|village)\s+)?staff|officers|administration))\s+to\s+"
    rf"(?P<text>(?:{VERB}|continu\w*)\b.*)$"
)


# "Approve the execution by the Mayor and City Clerk of a one-year extension term …": the officers named
# sign; the step is the task said as a verb.
EXECUTION_BY = re.compile(
    r"(?=[Aa])\b(?:[Aa]pprov|[Aa]uthori[sz])(?:e|es|ed)\s+the\s+(?P<noun>execution|signing)\s+by\s+(?:the\s+)?"
    r"(?P<owner>[A-Z][^,;]{2,80}?)\s+of\s+(?P<task>.+)$"
)


def resolution_actions(context: ActionContext, body: Sequence[str] = ()) -> list[ExtractedAction]:
    """The actions set by the clauses of the item's decision record, by the sentences of its ``body``
    said in the form of a resolution, and by a body sentence that refers a matter or approves its
    signing (a decision in itself wherever it stands)."""
    out: list[ExtractedAction] = []
    recorded = set(context.resolution)
    unrecorded = [text for text in body if text not in recorded]
    resolution_form = [bool(RESOLUTION_FORM.match(text)) for text in unrecorded]
    said = [text for text, formal in zip(unrecorded, resolution_form, strict=True) if formal]
    for sentence in [*context.resolution, *said]:
        for clause in _clauses(sentence):
            action = _resolution_clause(clause, context)
            if action:
                out.append(action)
    for text, formal in zip(unrecorded, resolution_form, strict=True):
        if not formal and _may_refer_or_sign(text):
            out += [a for a in (_referral(c, context) or _signing(c, context) for c in _clauses(text)) if a]
    return out


def _may_refer_or_sign(text: str) -> bool:
    """The words _referral and _signing look for first ("efer", " by "): a clause is part of its sentence,
    so a sentence with neither has no clause either rule reads."""
    return "efer" in text or " by " in text


# (Every alternative opens with ";", "," or a space, looked ahead for first: most characters are neither.)
CLAUSE_BREAK = re.compile(
    r"(?=[;,\s])(?:;\s*(?:and\s+)?|\s(?=\(?\d{1,2}[.)]\s+(?:That|Agree|Note|Endorse|Approve)\b)"
    r"|,?\s(?=AND\s+(?:FURTHER\s+)?THAT\b|BE\s+IT\s+FURTHER\s+RESOLVED\b))"
)
# A word every CLAUSE_BREAK alternative holds (its ";", the word after a number, "AND" or "BE"): a text with
# none is one clause, and the pattern, which has no literal to skip to, is not run over it.
CLAUSE_BREAK_WORDS = (";", "AND", "BE", "That", "Agree", "Note", "Endorse", "Approve")


def _clauses(text: str) -> list[str]:
    """Numbered sub-resolutions and semicolon-separated clauses of a resolution."""
    pieces = CLAUSE_BREAK.split(text) if any(map(text.__contains__, CLAUSE_BREAK_WORDS)) else [text]
    return [piece.strip() for piece in pieces if piece and piece.strip()]


def _resolution_clause(clause: str, context: ActionContext) -> ExtractedAction | None:
    """The action one clause of a resolution sets: an officer instructed or authorised, a delegation,
    the body's own step, or a dated future step; None for a clause that sets none."""
    # Each pattern is tried only where the clause has a word it needs: RESOLVED_THAT its verb of
    # instructing, THAT_SUBJUNCTIVE and THAT_PASSIVE "That", "that" or "THAT", TO_BE_PASSIVE its "to be"
    # (TO_BE, a literal the engine skips to, where TO_BE_PASSIVE tries each length of its object).
    that = "hat" in clause or "THAT" in clause
    match = (
        (RESOLVED_THAT.match(clause) if _may_be_instructed(clause) else None)
        or (THAT_SUBJUNCTIVE.match(clause) if that else None)
        or DIRECT_TO.match(clause)
    )
    if match:
        return _instructed(match, context)
    passive = (THAT_PASSIVE.match(clause) if that else None) or (
        TO_BE_PASSIVE.match(clause) if TO_BE.search(clause) else None
    )
    if passive:
        # "this Resolution be forwarded to …": said as the step by the passive reader
        return new_action(
            f"{passive.group('object')} to be {passive.group('verb')}{passive.group('rest')}", None, context
        )
    match = delegation(clause)
    if match:
        # The action of a delegation is the delegated task, and the delegate owns it.
        return new_action(delegated_step(match.group("task")), match.group("owner"), context)
    referred = _referral(clause, context)
    if referred:
        return referred
    signed = _signing(clause, context)
    if signed:
        return signed
    instructed = AND_INSTRUCT.search(clause) if " and " in clause and _may_instruct(clause) else None
    if instructed:
        return _instructed(instructed, context)
    match = AGREE_TO.match(clause) or (RESOLVED_TO.search(clause) if _may_resolve(clause) else None)
    if match:
        return new_action(match.group("text"), None, context)
    # DEADLINE ends in a digit: a clause without one (most) is not searched for it
    if (
        DIGIT.search(clause)
        and DEADLINE.search(clause)
        and FUTURE.search(clause)
        and due_date(clause, context)
    ):
        return new_action(
            re.sub(r"^(?:approved|agreed|adopted|endorsed)\s+", "", clause, flags=re.IGNORECASE),
            None,
            context,
        )
    return None


DIGIT = re.compile(r"\d")


def _may_be_instructed(clause: str) -> bool:
    """The verbs of INSTRUCTED, one of which RESOLVED_THAT always holds (it is case-sensitive)."""
    return (
        "authori" in clause
        or "requested" in clause
        or "asked" in clause
        or "instructed" in clause
        or "directed" in clause
    )


def _may_instruct(clause: str) -> bool:
    """The verbs AND_INSTRUCT needs, one of which it always holds (it is case-sensitive)."""
    return "ask" in clause or "instruct" in clause or "request" in clause or "direct" in clause


def _may_resolve(clause: str) -> bool:
    """The words RESOLVED_TO needs, one of which every form of it holds (it is case-sensitive)."""
    return (
        "esolved" in clause
        or "ecided" in clause
        or "RESOLVED" in clause
        or "DECIDED" in clause
        or "AGREED" in clause
        or "Agreed" in clause
    )


def _instructed(match: re.Match[str], context: ActionContext) -> ExtractedAction | None:
    """The step given to the officer the match names ("owner" or "officers"); None where the "officer" is
    the body itself or no one."""
    owner = (match.group("owner") or match.group("officers")).strip()
    if CORPORATE_SELF.match(owner) or NON_OWNER.match(owner):
        return None
    return new_action(match.group("text"), owner, context)


def _referral(clause: str, context: ActionContext) -> ExtractedAction | None:
    """The step a motion refers to a committee or officer ("refer to Legal Department for preparation of
    proper legislation"), theirs; None where the clause refers nothing or names no step."""
    match = REFERRED.search(clause) if "efer" in clause else None
    if not match:
        return None
    text = match.group("text") or nominal_step(match.group("task").strip(" .;,"))
    # "This was referred to staff to coordinate": a bare verb names no step of its own
    return new_action(text, match.group("owner"), context) if text and " " in text.strip() else None


def _signing(clause: str, context: ActionContext) -> ExtractedAction | None:
    """ "Approve the execution by the Mayor and City Clerk of the lease extension": theirs to execute."""
    signed = EXECUTION_BY.search(clause) if " by " in clause else None
    if not signed:
        return None
    task = f"{NOMINAL_VERBS[signed.group('noun')]} {signed.group('task')}"
    return new_action(task, signed.group("owner"), context)


def delegation(clause: str) -> re.Match[str] | None:
    """A delegation in the clause, in any of its usual forms, with its "owner" and "task"."""
    if "elegat" not in clause and "authority" not in clause:
        return None
    return (
        DELEGATED_GIVEN.search(clause)
        or GIVEN_DELEGATED.search(clause)
        or (DELEGATION_END.search(clause) and DELEGATION.search(clause))
        or DELEGATED_TO.search(clause)
    )
