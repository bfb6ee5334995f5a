"""Follow-ups the meeting assigned, requested or agreed (DESIGN.md, "What counts as an action").

Three sources, most explicit first:
1. marked actions: "ACTION: …" lines (owner from a following "Responsible Officer:" line or a
   trailing "– JS"), and rows of an action-log table;
2. resolution clauses: "That the Director prepare a report…", "Agree to submit…", "authorised the City
   Manager to execute…", and an outcome that sets a dated step ("…for publication by 30 June 2025");
3. narrative commitments: "X agreed to circulate…", "the Chair requested that a copy be shared…",
   "officers were asked to report back…", "she would send…" (owner: the named reporter).
When a document marks its actions explicitly, its narrative is not mined (the clerk has already said
which sentences are actions). A member's request that the meeting did not adopt is not an action, so
"requested/asked" only counts when the chair, the body or the passive voice makes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from traction_analysis.extract import tables
from traction_analysis.extract.dates import RELATIVE_NEXT_MEETING, find_dates
from traction_analysis.extract.lines import Line
from traction_analysis.extract.model import ExtractedAction
from traction_analysis.extract.text import Sentence, sentences, split_sentences

VERB = (r"(?:circulat\w*|provid\w*|report\w*|bring\w*|arrang\w*|send\w*|shar\w*|review\w*|prepar\w*|"
        r"submit\w*|writ\w*|contact\w*|updat\w*|investigat\w*|liais\w*|follow\w*|meet\w*|organi[sz]\w*|"
        r"produc\w*|present\w*|publish\w*|check\w*|explor\w*|develop\w*|draft\w*|seek\w*|ensur\w*|set\w*|"
        r"establish\w*|tak\w*|look\w*|rais\w*|feed\w*|respond\w*|invit\w*|schedul\w*|hold\w*|execut\w*|"
        r"negotiat\w*|discuss\w*|appl\w*|finalis\w*|finaliz\w*|request\w*|ask\w*|email\w*|inform\w*|notif\w*|"
        r"amend\w*|revis\w*|complet\w*|implement\w*|identif\w*|obtain\w*|monitor\w*|deliver\w*|engag\w*|"
        r"clarif\w*|distribut\w*|collat\w*|compil\w*|approach\w*|speak\w*|chas\w*|escalat\w*|add\w*|"
        r"includ\w*|remind\w*|forward\w*|consult\w*|delegat\w*|enter\w*|sign\w*|commission\w*|brief\w*|"
        r"convene\w*|write|agree\w*|confirm\w*|give|consider\w*|return\w*)")
MARKER = re.compile(r"^(?:agreed\s+)?actions?(?:\s+points?)?\s*(?:\([^)]*\))?\s*[:\-–]\s*(?P<text>.+)$", re.IGNORECASE)
TRAILING_MARKER = re.compile(r"^(?P<text>.+?)\s*[\(\[]?\b(?:ACTION|Action)\s*[:\-–]\s*(?P<owner>[^()\[\]]{1,60})[\)\]]?$")
OWNER_LINE = re.compile(r"^(?:responsible\s+officers?|lead(?:\s+officer)?|owners?|by whom|action(?:ed)? by|"
                        r"responsibility)\s*[:\-–]\s*(?P<owner>.+)$", re.IGNORECASE)
DUE_LINE = re.compile(r"^(?:by when|deadline|due(?: date)?|target date|timescale)\s*[:\-–]\s*(?P<due>.+)$", re.IGNORECASE)

# The subject is found by looking back from the trigger to the clause start (see _subject_before):
# a regex that guesses the subject first would be retried at every word of every sentence.
COMMITMENT = re.compile(
    rf"\s(?P<how>(?:had\s+)?(?:agreed|undertook|offered|volunteered|promised)|(?:was|were)\s+(?:asked|"
    rf"requested|tasked|instructed|directed|invited)|is to|are to|needs? to|would|will)\s+(?:to\s+)?"
    rf"(?P<text>{VERB}\b[^;]*)"
)
CLAUSE_START = re.compile(r"[;:(]|,\s(?!and\b|&)|\bthat\s|\bwhether\s|\bwhich\s|\bif\s|\bwhen\s")
SUBJECT_START = re.compile(r"^(?:[Tt]he |[Aa]n? )?[A-Z]")
MAX_SUBJECT_WORDS = 13
# "would"/"will" only commits a person or an officer's role; "devolution would bring" commits nobody.
PERSON_OR_ROLE = re.compile(
    r"^(?:he|she|they|I|we)$|\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Cllr|Councillor|Commissioner|Mayor|Sir|Dame)\b|"
    r"^(?:[A-Z]\.\s?)+[A-Z]|\b(?:chair\w*|director|manager|officers?|clerk|secretary|lead|head|executive|"
    r"treasurer|administrator|solicitor|attorney|counsel|members?|staff|team|leader|controller|auditor|"
    r"coordinator|co-ordinator|advisor|adviser|engineer|planner)\b", re.IGNORECASE)
CONDITIONAL = re.compile(r"^(?:If|When|Where|Should|Unless|Although|While|Whilst|Once|Subject to)\b")
REPORTED_COMMITMENT = re.compile(
    rf"\s(?:said|stated|shared|confirmed|advised|indicated|explained|agreed|undertook|offered)\s+"
    rf"that\s+(?:he|she|they)\s+would\s+(?P<text>{VERB}\b[^;]*)"
)
REQUEST_THAT = re.compile(
    r"(?P<requester>^.*?)\b(?:requested|asked|agreed|recommended)\s+that\s+(?P<text>.+?\s(?:be|should be)\s+"
    r"(?:\w+ed|\w+en|set up|set|made|held|sent|brought|put|sought|built|kept|run|drawn up)\b[^;]*)"
)
AUTHORISED = re.compile(
    rf"\b(?:authori[sz]ed?|requested|asked|instructed|directed)\s+(?P<owner>(?:the|THE)\s+[A-Z][\w’' ]{{2,60}}?|"
    rf"officers|staff)\s+(?:to|TO)\s+(?P<text>{VERB}\b[^;]*)", re.IGNORECASE
)
# A named owner in a resolution: capitalised words and the small words between them
# ("Corporate Director of Finance", "City Solicitor / Director of Legal Services").
NAMED = r"(?P<owner>[A-Z][\w’'&/().-]*(?:\s+(?:of|for|and|&|the|/|[A-Z][\w’'&/().-]*)){0,10})"
RESOLUTION_PREFIX = r"^(?:\(?\d{1,2}[.)]\s*)?(?:(?:RESOLVED|Resolved|AGREED|Agreed)\s*[:–-]?\s*)?"
RESOLVED_THAT = re.compile(
    rf"{RESOLUTION_PREFIX}(?:[Tt]hat\s+)?(?:the\s+)?{NAMED}\s+(?:be\s+)?"
    rf"(?:authori[sz]ed|requested|asked|instructed|directed)\s+to\s+(?P<text>{VERB}\b.*)$"
)
THAT_SUBJUNCTIVE = re.compile(
    rf"{RESOLUTION_PREFIX}[Tt]hat\s+(?:the\s+)?{NAMED}\s+(?P<text>"
    rf"(?:prepare|provide|report|bring|submit|review|arrange|write|circulate|develop|undertake|consult|"
    rf"investigate|present|publish|draft|establish|set up|seek|negotiate)\b.*)$"
)
AGREE_TO = re.compile(rf"^(?:\(?\d{{1,2}}[.)]\s*)?(?:and\s+)?(?:Agrees?|agreed?)\s+to\s+(?P<text>{VERB}\b.*)$")
# "It was agreed to write to the Minister" / "it was AGREED to invite …": the body agreed a step, owner unnamed.
IT_WAS_AGREED = re.compile(rf"\b[Ii]t was (?i:agreed|resolved|decided)\s+to\s+(?P<text>{VERB}\b[^;]*)")
# The action-point shorthand of minutes: "PW to circulate the report", "Mr Peake to ask the Borough
# Council …", "The clerk to send another letter …" — a named person or officer, then "to" and a verb,
# at the start of a sentence or clause.
TO_ACTION = re.compile(
    rf"^(?:[Tt]he\s+)?(?P<owner>[A-Z]{{2,4}}|(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?(?:\s+[A-Z]\.?)*"
    rf"(?:\s+[A-Z][a-z’'-]+){{1,2}}|(?:[Pp]arish\s+|[Tt]own\s+)?[Cc]lerk|[Cc]hair(?:man|person)?|[Tt]reasurer|"
    rf"[Ss]ecretary)\s+to\s+(?P<text>{VERB}\b[^;]*)"
)
DELEGATION = re.compile(r"\bdelegat\w*\s+(?!authority)(?P<task>.+?)\s+to\s+(?:the\s+)?(?P<owner>[A-Z].{2,200})$")
DELEGATED_TO = re.compile(r"\bdelegat\w*\s+authority\s+to\s+(?:the\s+)?(?P<owner>[A-Z][^,;]{2,120}?)\s+to\s+"
                          r"(?P<task>.+)$")
DEADLINE = re.compile(r"\b(?:by|on or before|before|no later than|not later than|until)\s+(?:noon\s+|midday\s+)?"
                      r"(?:on\s+)?(?:the\s+)?\d", re.IGNORECASE)
FUTURE = re.compile(r"\b(?:would|will|to be|for (?:publication|submission|circulation))\b", re.IGNORECASE)
CIRCULATION = re.compile(r"\bfor (?:noting and )?circulation\b|\bto be (?:circulated|shared|sent)\b", re.IGNORECASE)
CHAIR_OR_BODY = re.compile(r"\b(?:chair\w*|mayor|convenor|board|committee|council|cabinet|panel|commission|members|"
                           r"meeting|it)\b", re.IGNORECASE)
PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|this|that|there|which|who)$", re.IGNORECASE)
CORPORATE_SELF = re.compile(r"^(?:the\s+)?(?:city|council|city council|county council|board|committee|cabinet|"
                            r"commission|authority|trust|panel|meeting)$", re.IGNORECASE)
NON_OWNER = re.compile(r"^(?:[Tt]he\s+|[Aa]n?\s+)?(?:[Rr]eports?|[Pp]apers?|[Ii]tems?|[Pp]lans?|[Uu]pdates?|[Mm]inutes|"
                       r"[Dd]ocuments?)\b|^(?:[Ii]t|[Tt]his|[Tt]here|[Aa]n?)\s")
TRIGGER_REPORTER = re.compile(r"\b(?:said|stated|confirmed|reported|advised|explained|outlined|informed|presented|"
                              r"highlighted|added|responded|replied|noted)\b")
REPORTER = re.compile(r"^(?P<subject>(?:The |the )?[A-Z][^,;]{2,90}?)\s+(?:said|stated|confirmed|reported|advised|"
                      r"explained|outlined|informed|presented|highlighted|added|responded|replied|noted)\b")
CLAUSE_END = re.compile(r";|,\s+and\s+such\b|\s+in accordance with\b|,\s+subject to\b")
MAX_TEXT = 300
TRIGGER_WORDS = ("agree", "undertook", "offer", "volunteer", "promise", "ask", "request", "task", "instruct",
                 "direct", "invite", "is to", "are to", "need", "would", "will", "authori", "recommend", "circulat")
TRIGGER = re.compile(r"\b(?:agreed|undertook|offered|volunteered|promised|asked|requested|tasked|instructed|"
                     r"directed|invited|is to|are to|needs? to|would|will|authori[sz]ed?|recommended|"
                     r"circulat\w+)\b", re.IGNORECASE)


@dataclass(slots=True)
class ActionContext:
    title: str
    resolution: list[str]  # the sentences that record the decision (resolution block, motion, table subject)
    explicit_only: bool
    meeting_date: date | None
    month_first: bool
    next_meeting: date | None = None  # stated in the minutes; "by the next meeting" then has a date


def document_marks_actions(lines: list[Line]) -> bool:
    return any(MARKER.match(line.text) or line.role == "action" for line in lines)


def find_actions(body: list[Line], context: ActionContext,
                 body_sentences: list[Sentence] | None = None) -> list[ExtractedAction]:
    """Actions of one item, in order, without near-duplicates."""
    found = _marked(body, context) + _action_rows(body, context)
    found += _from_resolution(context)
    if not context.explicit_only:
        found += _from_narrative(body_sentences if body_sentences is not None else sentences(body), context)
    return _dedupe(found)


def _marked(body: list[Line], context: ActionContext) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    for index, line in enumerate(body):
        match = MARKER.match(line.text)
        if not match:
            continue
        text, owner, due_text = match.group("text"), None, ""
        trailing = TRAILING_MARKER.match(line.text)
        for follower in body[index + 1:index + 4]:
            if OWNER_LINE.match(follower.text):
                owner = OWNER_LINE.match(follower.text).group("owner")  # type: ignore[union-attr]
            elif DUE_LINE.match(follower.text):
                due_text = DUE_LINE.match(follower.text).group("due")  # type: ignore[union-attr]
            elif MARKER.match(follower.text):
                break
        if owner is None and trailing and not MARKER.match(trailing.group("text")):
            owner = trailing.group("owner")
        out.append(_action(text, owner, context, extra_due=due_text))
    return out


def _action_rows(body: list[Line], context: ActionContext) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    for line in body:
        if line.role != "action":
            continue
        cells, header = line.cells, line.header
        text = _cell(cells, tables.column(header, tables.ACTION_COLUMN))
        owner = _cell(cells, tables.column(header, tables.OWNER_COLUMN))
        due = _cell(cells, tables.column(header, tables.DUE_COLUMN))
        if text:
            out.append(_action(text, owner or None, context, extra_due=due))
    return out


def _cell(cells: tuple[str, ...], position: int | None) -> str:
    return cells[position] if position is not None and position < len(cells) else ""


def _from_resolution(context: ActionContext) -> list[ExtractedAction]:
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
    for pattern in (RESOLVED_THAT, THAT_SUBJUNCTIVE):
        match = pattern.match(clause)
        if match:
            owner = match.group("owner").strip()
            if CORPORATE_SELF.match(owner) or NON_OWNER.match(owner):
                return None
            return _action(match.group("text"), owner, context)
    match = DELEGATION.search(clause) or DELEGATED_TO.search(clause)
    if match:
        # The action of a delegation is the delegated task, and the delegate owns it.
        return _action(f"{match.group('task').strip(' .;,')} (delegated)", match.group("owner"), context)
    match = AGREE_TO.match(clause)
    if match:
        return _action(match.group("text"), None, context)
    if DEADLINE.search(clause) and FUTURE.search(clause) and _due(clause, context):
        return _action(re.sub(r"^(?:approved|agreed|adopted|endorsed)\s+", "", clause, flags=re.IGNORECASE), None, context)
    return None


def _from_narrative(body: list[Sentence], context: ActionContext) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    reporter: str | None = None
    for sentence in body:
        text = sentence.text
        action = _narrative_sentence(text, reporter, context, sentence)
        if action:
            out.append(action)
        match = REPORTER.match(text) if TRIGGER_REPORTER.search(text) else None
        if match and not PRONOUN.match(match.group("subject")):
            reporter = match.group("subject")
    return out


def _narrative_sentence(text: str, reporter: str | None, context: ActionContext,
                        sentence: Sentence) -> ExtractedAction | None:
    if " to " in text:
        for clause in text.split("; "):
            match = TO_ACTION.match(clause.strip())
            if match:
                return _action(match.group("text"), match.group("owner"), context)
    # The patterns below look back for a subject, which is costly; most sentences have no trigger word.
    lower = text.lower()
    if not any(word in lower for word in TRIGGER_WORDS) or not TRIGGER.search(text):
        return None
    match = IT_WAS_AGREED.search(text) if "t was" in text else None
    if match:
        return _action(match.group("text"), None, context)
    match = REPORTED_COMMITMENT.search(text)
    owner = _subject_before(text, match.start()) if match else None
    if match and owner:
        return _action(match.group("text"), _owner(owner, reporter), context)
    match = AUTHORISED.search(text)
    if match and not CORPORATE_SELF.match(match.group("owner")):
        return _action(match.group("text"), match.group("owner"), context)
    match = REQUEST_THAT.search(text)
    if match and CHAIR_OR_BODY.search(match.group("requester") or "it"):
        return _action(match.group("text"), None, context)
    match = COMMITMENT.search(text)
    owner = _subject_before(text, match.start()) if match else None
    if match and owner and _commits(owner, match.group("how"), reporter):
        return _action(match.group("text"), _owner(owner, reporter), context)
    if CIRCULATION.search(text):
        return _action(f"{text} ({context.title})" if len(text.split()) < 10 else text, None, context)
    return None


def _subject_before(text: str, end: int) -> str | None:
    """The clause's subject ending at ``end``: from the last clause boundary, capitalised, short."""
    prefix = text[:end]
    starts = [match.end() for match in CLAUSE_START.finditer(prefix)]
    subject = prefix[starts[-1] if starts else 0:].strip()
    subject = re.sub(r"^(?:and|but|so|then)\s+", "", subject)
    if not SUBJECT_START.match(subject) and not PRONOUN.match(subject):
        return None
    return subject if len(subject.split()) <= MAX_SUBJECT_WORDS else None


def _commits(owner: str, how: str, reporter: str | None) -> bool:
    if CONDITIONAL.match(owner):
        return False
    if how in ("would", "will") and not PERSON_OR_ROLE.search(owner):
        return False  # "devolution would bring…" commits nobody
    return _named(owner, reporter)


def _named(owner: str, reporter: str | None) -> bool:
    """A commitment needs a someone: a named person or role, or a pronoun we can resolve."""
    words = owner.split()
    if not words or NON_OWNER.match(owner):
        return False
    if PRONOUN.match(words[-1]):
        return reporter is not None and len(words) == 1
    return len(words) <= 12


def _owner(owner: str, reporter: str | None) -> str | None:
    owner = owner.strip().rstrip(",.;:")
    if PRONOUN.match(owner):
        return reporter
    owner = re.sub(r"^(?:the|The|THE)\s+", "", owner)
    if owner.isupper() and not re.fullmatch(r"[A-Z]{2,4}", owner):  # initials ("PW") stay as written
        owner = owner.title()
    return None if CORPORATE_SELF.match(owner) else owner


def _action(text: str, owner: str | None, context: ActionContext, *, extra_due: str = "") -> ExtractedAction:
    due = _due(f"{text} {extra_due}", context)
    text = _tidy(text, strip_dates=due is not None)
    return ExtractedAction(text, _owner(owner, None) if owner else None, due)


def _due(text: str, context: ActionContext) -> date | None:
    """The last full date in the text that is not before the meeting (a due date cannot be in the past).

    Only full dates count ("by March" or "by the 14th" give none). "By the next meeting" counts
    when the minutes themselves state when the next meeting is.
    """
    dates = [value for value, _, _ in find_dates(text, month_first=context.month_first)]
    if context.meeting_date:
        dates = [value for value in dates if value >= context.meeting_date]
    if dates:
        return dates[-1]
    if context.next_meeting and RELATIVE_NEXT_MEETING.search(text):
        return context.next_meeting
    return None


def _tidy(text: str, *, strip_dates: bool) -> str:
    text = " ".join(text.split()).strip(" .;,")
    end = CLAUSE_END.search(text)
    if end and len(text[: end.start()].split()) >= 6:
        text = text[: end.start()]
    if strip_dates:
        text = re.sub(r"\s*\b(?:by|on or before|before|no later than)\s+(?:noon\s+)?(?:on\s+)?(?:the\s+)?"
                      r"[\w ,]*\d{4}\b", "", text, flags=re.IGNORECASE)
    text = text.strip(" .;,")
    text = text[:1].upper() + text[1:]
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT].rsplit(" ", 1)[0] + "…"


def _dedupe(actions: list[ExtractedAction]) -> list[ExtractedAction]:
    out: list[ExtractedAction] = []
    for action in actions:
        words = set(re.findall(r"[a-z0-9]+", action.text.lower()))
        if any(_overlap(words, set(re.findall(r"[a-z0-9]+", kept.text.lower()))) > 0.6 for kept in out):
            continue
        out.append(action)
    return out


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


__all__ = ["ActionContext", "document_marks_actions", "find_actions", "split_sentences"]
