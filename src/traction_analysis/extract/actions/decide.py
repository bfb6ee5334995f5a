"""Whether a narrative sentence sets an action: the clause-level shorthand first, then, for a sentence
with a trigger word, an ordered table of named rules (the first to fire decides) and chained steps
("agreed to … and to …")."""

from __future__ import annotations

import re
from collections.abc import Callable

from traction_analysis.extract.actions.build import new_action
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.features import (
    CHAIR_OR_BODY,
    COMPANY_ONLY,
    CONDITIONAL,
    CORPORATE_SELF,
    FROM_THE_PUBLIC,
    HEDGE,
    MOTION_STEP,
    NON_OWNER,
    NOT_A_SUBJECT,
    OFFICER,
    OTHER_BODY,
    PERSON_OR_ROLE,
    PRONOUN,
    REPORTED_STEP,
    at_the_meeting,
    has_trigger,
    short_enough,
)
from traction_analysis.extract.actions.owners import (
    commits,
    is_person,
    owner_name,
    subject_before,
    trim_subject,
)
from traction_analysis.extract.actions.reporter import SPEAKER_PRONOUN
from traction_analysis.extract.actions.resolution import (
    RESOLVED_THAT,
    RESOLVED_TO,
    THAT_SUBJUNCTIVE,
    delegated_step,
    delegation,
)
from traction_analysis.extract.actions.shorthand import shorthand_actions
from traction_analysis.extract.actions.vocabulary import PEOPLE, ROLE_ONLY, SPEECH, TITLE, VERB
from traction_analysis.extract.model import ExtractedAction
from traction_analysis.extract.text import Sentence

CONTRACTED_WILL = re.compile(r"\b([Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)[’']ll\s")


# The subject is found by looking back from the trigger to the clause start (see subject_before):
# a regex that guesses the subject first would be retried at every word of every sentence.
# How someone commits: "(has) agreed", "undertook", "offered", "volunteered", "promised"; "is/are (kindly)
# asked", "was/were asked/requested/tasked/…", "will/would be asked/requested/invited"; "is/are to", "is/are
# going to", "need(s) to", "should", "would", "will". Written under its first letters (tried at every space):
# forms that share a first letter keep their order, those that do not never match at the same place, so the
# engine chooses as it would from the list in that order.
COMMITTED_BY = r"(?:asked|requested|tasked|instructed|directed|invited)"
HOW_COMMITTED = (
    r"h(?:a(?:s|d|ve)\s+(?:agreed|AGREED|Agreed|undertook|offered|volunteered|promised))"
    r"|a(?:greed|re\s+(?:(?:politely|kindly|also)\s+)?asked|re to|re\s+going(?=\s+to\s))"
    r"|A(?:GREED|greed)|undertook|offered|volunteered|promised"
    r"|i(?:s\s+(?:(?:politely|kindly|also)\s+)?asked|s to|s\s+going(?=\s+to\s))"
    rf"|w(?:as\s+{COMMITTED_BY}|ere\s+{COMMITTED_BY}|ill\s+be\s+(?:asked|requested|invited)"
    r"|ould\s+be\s+(?:asked|requested|invited)|ould|ill)"
    r"|needs? to|should"
)
COMMITMENT = re.compile(
    rf"\s(?P<how>{HOW_COMMITTED})\s+(?:to\s+|with\s+)?"
    rf"(?:(?:once\s+again|again|also|then|now|further|shortly|personally|immediately|next)\s+)?"
    rf"(?:try\s+to\s+)?(?:be\s+(?=\w+ing\b))?"
    rf"(?P<text>{VERB}\b[^;]*)"
)


# "CC requested that the Parish Clerk writes to …", "agreed that the Clerk should contact …". (The lookahead
# holds the verbs' first letters, so that they are not each tried at every character.)
REQUEST_THAT_OWNER = re.compile(
    rf"(?=(?i:[adirs]))\b(?i:requested|asked|agreed|instructed|directed|resolved|decided|seconded(?:\s+by\s+[^,;]{{1,40}}?)?)\s+that\s+"
    rf"(?:the\s+)?"
    rf"(?P<owner>[A-Za-z][\w’' ]{{1,60}}?)\s+(?:should\s+|would\s+|will\s+|to\s+|is\s+to\s+)?"
    rf"(?P<text>{VERB}\b[^;]*)"
)


# "It was decided that …", "The commissioners agreed that …": the meeting's own decision, not a member's
# request.
MEETING_DECIDED = re.compile(
    r"(?:^|\b[Ii]t was\s+|\b(?:[Tt]he\s+)?[A-Za-z]\w+\s+)(?:agreed|decided|resolved)\s+that\s+(?:the\s+)?$"
)


# Whom a decision names: a capitalised name or body of a few words ("the COA", "the Parish Council").
NAMED_OWNER = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}")


# "CC requested a Parish Council notice to be added to the website", "asked for a report to be brought back".
REQUESTED_PASSIVE = re.compile(
    r"\b(?:requested|asked for|called for)"
    r"\s+(?P<text>(?:an?|the)\s+[^;]{3,120}?\s+to\s+be\s+\w+(?:ed|en|t)\b[^;]*)"
)


# "the Committee requested a report to a future meeting", "a further report was requested".
REPORT_REQUESTED = re.compile(
    r"\b(?:requested|asked for|called for|sought)\s+(?P<text>(?:an?|the)\s+(?:\w+\s+){0,3}?(?:report|update|"
    r"briefing|paper|review|presentation|deep dive|analysis|plan|proposal|assessment|summary|breakdown|"
    r"options)\b[^;]*)"
)


REPORT_WAS_REQUESTED = re.compile(
    r"^(?P<text>(?:An?|The)\s+(?:\w+\s+){0,3}?(?:report|update|briefing|paper|review|presentation)\b[^;]*?)\s+"
    r"(?:was|were)\s+(?:requested|sought)\b(?P<rest>[^;]*)"
)


# "Janet Keough also asked Carrie to check on printer prices"
ASKED_PERSON = re.compile(
    rf"\b(?:asked|requested|instructed|directed|tasked)\s+{PEOPLE}\s+to\s+(?P<text>{VERB}\b[^;]*)"
)


# "The Clerk confirmed that she would write …", "Cuellar told Holbrook she would send him a copy …".
REPORTED_COMMITMENT = re.compile(
    rf"\s(?:(?:said|stated|shared|confirmed|advised|indicated|explained|agreed|undertook|offered)\s+that|"
    rf"told\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,2}}(?:\s+that)?)"
    rf"\s+(?:he|she|they)\s+would\s+(?P<text>{VERB}\b[^;]*)"
)


# A participle that sets no step: the decision itself ("be approved"), a priority or a use ("be
# prioritised", "be used to provide a plaque") or a state ("be involved", "be required").
NOT_A_STEP_PARTICIPLE = (
    r"referred|deferred|noted|approved|agreed|adopted|accepted|received|elected|appointed|used|"
    r"involved|required|needed|prioriti[sz]ed|"
    # a deferral ("the hearing be continued to 27 August") is the decision; "would be keen to consider
    # it again", "be open to …" are a state, however the word ends
    r"continued|postponed|adjourned|tabled|rescheduled|keen|open"
)
# "It was agreed that the next meeting would be held on 9 April": the calendar, not a step.
NEXT_MEETING = re.compile(r"^(?:the\s+)?(?:next|following)\s+(?:[\w’'-]+\s+){0,2}?meeting\b", re.IGNORECASE)
REQUEST_THAT = re.compile(
    r"(?P<requester>^.*?)\b(?:requested|asked|agreed|recommended|seconded|"
    r"moved)\s+that\s+(?P<text>.+?(?<!\scan)(?<!\scould)(?<!\smay)(?<!\smight)\s(?:be|should be)\s+"
    rf"(?!(?:{NOT_A_STEP_PARTICIPLE})\b)(?:\w+ed|"
    r"\w+en|set up|set|made|held|sent|brought|put|sought|built|kept|run|drawn up)\b[^;]*)"
)


# "Authorised the Executive Director, in consultation with the Chair, to take all steps …": the officer
# consulting others still holds the task; "instructed Holbrook to draft …", "authorizing Roxie Cuellar,
# Port Manager, to open …": a named person too; "the General Manager, Engineering to execute …", "the Fire
# Chief, as the Emergency Planning Coordinator, to submit …": a role with its department or capacity.
# (The lookahead holds the first letter of each verb: it fails at most characters, where the verbs
# would each be tried.)
AUTHORISED = re.compile(
    rf"(?=[ardi])\b(?:authori[sz](?:ed?|ing)|requested|asked|instructed|directed|direct|instruct|"
    rf"(?:direction|instructions?)\s+(?:was\s+|were\s+)?(?:given|provided)\s+to)\s+"
    rf"(?P<owner>(?:the|THE)\s+[A-Z][\w’' ]{{2,60}}?"
    rf"(?:,\s+(?:as\s+)?(?:the\s+)?(?-i:[A-Z])[\w’'&, ]{{1,60}}?,?)?|"
    rf"officers|staff|"
    rf"(?:all\s+)?(?:members|councillors|trustees|governors)|"
    rf"(?-i:[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){{0,2}})(?:,\s+(?-i:[A-Z])[\w’' ]{{2,40}},)?)"
    rf"(?:,?\s+in\s+consultation\s+with\s+[^;]{{3,150}}?,?)?\s+(?:to|TO)\s+(?P<text>{VERB}\b[^;]*)",
    re.IGNORECASE,
)


# "It was agreed to write to the Minister" / "it was AGREED to invite …": the body agreed a step, owner
# unnamed.
IT_WAS_AGREED = re.compile(rf"\b[Ii]t was (?i:agreed|resolved|decided)\s+to\s+(?P<text>{VERB}\b[^;]*)")


CIRCULATION = re.compile(
    r"for (?:noting and )?circulation\b|to be (?:circulated|shared|sent)\b", re.IGNORECASE
)


THAT_VERBS = (
    "requested that",
    "asked that",
    "agreed that",
    "instructed that",
    "directed that",
    "resolved that",
    "decided that",
    "recommended that",
    "seconded",
    "moved that",
)


# "local takeaway businesses will be approached to assist", "advice is to be sought", "This document would
# be re-circulated": the step said in the passive, in the running text, with the verbs of the meeting's own
# follow-ups (what "will be published", "placed" or "asked" is as often a report of others' plans).
FUTURE_PASSIVE_STEP = re.compile(
    r"\s(?:will|would|(?:is|are|was|were)\s+to)\s+be\s+(?:\w+ly\s+)?(?P<verb>(?:re-?)?(?:sent|circulated|"
    r"returned|approached|sought|contacted|written|invited|informed|notified|brought back(?=\s+to\b)|added|"
    r"chased|followed up|looked into|requested|researched|drafted|prepared|emailed|obtained|ordered))\b"
    r"(?P<rest>[^;]*)"
)


# Where the passive clause starts: a stop, "and"/"but"/"so", or what introduces a reported decision.
PASSIVE_CLAUSE_START = re.compile(
    r"[;:–—•(]\s*|\s[-–]\s+|,\s+|\b(?:and|but|so|that|agreed|decided|resolved)\s+|^"
)


MAX_PASSIVE_OBJECT = 80


# "If the grant is approved, the plans will be sent …": a step that waits on a condition is not yet set.
CONDITION = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ss]hould|[Oo]nce|[Ww]hen)\s")


# "… will be sent to committee members in advance of the meeting": how the meeting itself is run.
STANDING = re.compile(
    r"\b(?:in advance of|prior to|before) (?:the|this|each) meeting\b|\bwherever possible\b"
)


CHAINED = re.compile(rf",?\s(?:and|but)\s+(?:also\s+)?to\s+(?P<text>{VERB}\b[^;]*)")

CHAINED_TRIGGERS = ("agreed to", "was asked to", "were asked to", "resolved to", "decided to")


class Said:
    """One narrative sentence as the rules see it: its text, lower-cased, and who "he" or "she" is.

    A plain class with slots rather than a frozen dataclass: one is made for each sentence with a trigger
    word, and a frozen dataclass sets each field through ``object.__setattr__``."""

    __slots__ = ("asking", "context", "in_that_clause", "lower", "reporter", "requesting", "text")

    def __init__(
        self, text: str, lower: str, reporter: Callable[[], str | None], context: ActionContext
    ) -> None:
        self.text = text
        self.lower = lower
        self.reporter = reporter
        self.context = context
        # Whether it holds a word of asking ("ask", "task" within it, "request", "instruct", "direct") or of
        # requesting: read once, as several rules look for them.
        self.asking = "ask" in lower or "request" in lower or "instruct" in lower or "direct" in lower
        self.requesting = (
            "request" in lower or "asked for" in lower or "called for" in lower or "sought" in lower
        )
        # read once too: two rules ask, and most sentences reach both
        self.in_that_clause = " that " in text and any(map(lower.__contains__, THAT_VERBS))

    def asks(self) -> bool:
        return self.asking

    def requests(self) -> bool:
        return self.requesting

    def that_clause(self) -> bool:
        """ "requested that", "moved that", "seconded …": a motion or request in a that-clause."""
        return self.in_that_clause

    def action(self, text: str, owner: str | None) -> ExtractedAction:
        return new_action(text, owner, self.context)


Rule = Callable[[Said], ExtractedAction | None]


def sentence_actions(
    text: str, reporter: Callable[[], str | None], context: ActionContext, sentence: Sentence | None = None
) -> list[ExtractedAction]:
    """The actions one sentence sets: its shorthand clauses, the first rule that fires, and the steps
    chained to it ("agreed to keep … but to hold them … and to make …")."""
    if "ll " in text and ("’ll" in text or "'ll" in text):  # (what the pattern needs, looked for first)
        text = CONTRACTED_WILL.sub(r"\1 will ", text)  # "he’ll do the build script"
    out = shorthand_actions(text, context)
    # The rules look back for a subject, which is costly; most sentences have no trigger word.
    lower = text.lower()
    if "That " not in text and not has_trigger(text, lower) and not _urged_or_intended(lower):
        return out
    action = decide(Said(text, lower, reporter, context))
    if action:
        out.append(action)
    if " to " in text and any(trigger in lower for trigger in CHAINED_TRIGGERS):
        position = 0
        while (match := CHAINED.search(text, position)) is not None:
            position = match.start("text")  # "… but to hold them … and to make preparations …"
            out.append(new_action(match.group("text"), action.owner if action else None, context))
    return out


def decide(said: Said) -> ExtractedAction | None:
    """The action the first rule of RULES finds in the sentence, if any."""
    for _name, rule in RULES:
        action = rule(said)
        if action is not None:
            return action
    return None


def _delegated(said: Said) -> ExtractedAction | None:
    """ "delegated authority to the Director to finalise …": the delegate owns the task."""
    match = delegation(said.text)
    if match and not CORPORATE_SELF.match(match.group("owner").strip()):
        return said.action(delegated_step(match.group("task")), match.group("owner"))
    return None


def _it_was_agreed(said: Said) -> ExtractedAction | None:
    """ "It was agreed to write to the Minister": the body's step, owner unnamed."""
    match = IT_WAS_AGREED.search(said.text) if "t was" in said.text else None
    return said.action(match.group("text"), None) if match else None


def _resolution_words(said: Said) -> bool:
    """Whether the sentence records a resolution or decision ("resolved", "Agreed", "That …")."""
    text, lower = said.text, said.lower
    return (
        "esolved" in lower
        or "ecided" in lower
        or "ECI" in text
        or "ESOLVED" in text
        or text[:6] in ("Agreed", "AGREED")
        or "That " in text
    )


def _body_resolved_to(said: Said) -> ExtractedAction | None:
    """ "RESOLVED: To write to the County Council", "the Council resolved to seek legal advice"."""
    match = RESOLVED_TO.search(said.text) if _resolution_words(said) else None
    return said.action(match.group("text"), None) if match else None


def _resolution_names_owner(said: Said) -> ExtractedAction | None:
    """ "Moved by …, Seconded by …, That the Director prepare a report": the officer named holds it."""
    if not _resolution_words(said):
        return None
    text = said.text
    motion = text[text.find("That ") :] if "That " in text else text
    for pattern in (RESOLVED_THAT, THAT_SUBJUNCTIVE):
        match = pattern.match(motion)
        owner = (match.group("owner") or match.groupdict().get("officers") or "").strip() if match else ""
        if match and not CORPORATE_SELF.match(owner) and not NON_OWNER.match(owner):
            return said.action(match.group("text"), owner)
    return None


def _reported_commitment(said: Said) -> ExtractedAction | None:
    """ "The Clerk confirmed that she would write to …"."""
    text = said.text
    match = (
        REPORTED_COMMITMENT.search(text)
        if "would" in text and (" that " in text or "told " in text)
        else None
    )
    owner = subject_before(text, match.start()) if match else None
    if match and owner:
        return said.action(match.group("text"), owner_name(owner, said.reporter()))
    return None


# "asked the media to publish the good news", "asked parents to label uniforms": an appeal to people at
# large, whom the meeting cannot task.
AT_LARGE = re.compile(
    r"^(?:the\s+|all\s+)?(?:media|press|public|residents|parishioners|parents|everyone|everybody|community)$",
    re.IGNORECASE,
)


# "Councillor Tepp has asked the relevant department to look into it": a request made before the meeting,
# reported; the meeting set nothing.
ASKED_BEFORE = re.compile(r"\b(?:has|had|have)\s+\w")


def _authorised(said: Said) -> ExtractedAction | None:
    """ "authorised the City Manager to execute …", "instructed officers to report back …"."""
    lower = said.lower
    match = AUTHORISED.search(said.text) if said.asks() or "authori" in lower or "given to" in lower else None
    if (
        match
        and not CORPORATE_SELF.match(match.group("owner"))
        and not AT_LARGE.match(match.group("owner"))
        and not ASKED_BEFORE.search(said.text, max(0, match.start() - 6), match.start() + 1)
        and _a_follow_up(match.group("text"))
        and not _put_in_debate(said.text, match)
    ):
        return said.action(match.group("text"), match.group("owner"))
    return None


def _asked_person(said: Said) -> ExtractedAction | None:
    """ "Janet Keough also asked Carrie to check on printer prices"."""
    match = ASKED_PERSON.search(said.text) if said.asks() else None
    if (
        match
        and is_person(match.group("owner"), said.context)
        and _a_follow_up(match.group("text"))
        and not _put_in_debate(said.text, match)
    ):
        return said.action(match.group("text"), match.group("owner"))
    return None


# "asked Mr. McKay to clarify if his testimony was …", "asked the team to clarify some of the design
# modifications": a question put in debate, answered there.
EXPLAIN = re.compile(r"(?:clarif\w*|explain\w*|elaborat\w*|expand\w*\s+on)\b")


def _put_in_debate(text: str, match: re.Match[str]) -> bool:
    """Whether a member "asked" someone to clarify or explain: a question at the meeting, not a task."""
    return text.startswith("asked", match.start()) and EXPLAIN.match(match.group("text")) is not None


def _a_follow_up(text: str) -> bool:
    """A step to be done after the meeting, not an introduction or something done at it."""
    return short_enough(text) and not at_the_meeting(text)


def _request_that_owner(said: Said) -> ExtractedAction | None:
    """ "CC requested that the Parish Clerk writes to …": an officer, person or other body named."""
    match = REQUEST_THAT_OWNER.search(said.text) if said.that_clause() else None
    if not match or NOT_A_SUBJECT.search(match.group("owner")) or at_the_meeting(match.group("text")):
        return None
    owner = match.group("owner")
    if OFFICER.search(owner) or is_person(owner, said.context) or OTHER_BODY.fullmatch(owner):
        return said.action(match.group("text"), owner)
    if MEETING_DECIDED.search(said.text, 0, match.start("owner")) and NAMED_OWNER.fullmatch(owner):
        # "It was decided that the COA would assess …": the meeting set the step for someone it names
        return said.action(match.group("text"), owner)
    return None


def _request_that(said: Said) -> ExtractedAction | None:
    """ "the Chair requested that a copy be shared …", or a motion that something should be done."""
    text = said.text
    match = REQUEST_THAT.search(text) if said.that_clause() else None
    if match and NEXT_MEETING.match(match.group("text")):
        return None
    if match and (
        CHAIR_OR_BODY.search(match.group("requester") or "it")
        or (" seconded " in text or " moved " in text)
        and MOTION_STEP.search(match.group("text"))
    ):
        return said.action(match.group("text"), None)
    return None


def _requested_passive(said: Said) -> ExtractedAction | None:
    """ "CC requested a Parish Council notice to be added to the website" (not a request from the public)."""
    text = said.text
    match = REQUESTED_PASSIVE.search(text) if said.requests() and " to be " in text else None
    if match and not FROM_THE_PUBLIC.search(text, 0, match.start()):
        return said.action(match.group("text"), None)
    return None


def _report_requested(said: Said) -> ExtractedAction | None:
    """ "the Committee requested a report to a future meeting", asked by the chair or the body, unhedged."""
    text = said.text
    match = REPORT_REQUESTED.search(text) if said.requests() else None
    if (
        match
        and not FROM_THE_PUBLIC.search(text, 0, match.start())
        and CHAIR_OR_BODY.search(text[: match.start()] or "it")
        and not HEDGE.search(text[: match.start()])
    ):
        return said.action(match.group("text"), None)
    return None


def _report_was_requested(said: Said) -> ExtractedAction | None:
    """ "A further report was requested for the March meeting"."""
    match = REPORT_WAS_REQUESTED.search(said.text) if said.requests() else None
    return said.action(f"{match.group('text')}{match.group('rest')}", None) if match else None


# A question put at the meeting ("asked if we would pay back the special reserve fund"): its "would" is
# asked about, not promised. Looked for just before the trigger, where the question's subject stands.
ASKED_IF = re.compile(
    r"\b(?:asked|queried|wondered|enquired|inquired|questioned)\s+(?:[\w’'-]+\s+){0,3}?(?:if|whether)"
    r"(?:\s+[\w’'-]+){0,4}\s*$"
)
ASKED_IF_WINDOW = 80


# "Member Wasserman reported that he would be presenting at OSCON", "Melanie will be attending the coalition
# meeting": taking part in an event, said in the progressive, reports someone's own diary, not a step the
# meeting set ("would be telephoning the Post Office" still is one).
TAKING_PART = re.compile(r"^(?:attending|presenting|hosting|participating)\b")


# "Trustee Raymond said the homelessness issue is going to get worse", "Acting Mayor Matarrese stated the
# Council needs to address …": the clause after the speech verb has its own subject, which must commit.
REPORTED_SUBJECT = re.compile(
    rf"^(?:[Tt]he\s+)?[A-Z][^,;]{{0,80}}?\s{SPEECH}\s+(?:that\s+)?(?P<subject>[^,;]{{1,120}})$"
)


# The small words a name or role may hold ("Director of Finance and Resources").
NAME_JOINERS = frozenset("of for and the & in".split())


def _names_someone(speaker: str, context: ActionContext) -> bool:
    """Whether the speaker a pronoun was resolved to reads as a name or role ("Lindsey", "the Clerk"), not
    the start of a sentence ("Lindsey shared a few")."""
    if is_person(speaker, context) or PERSON_OR_ROLE.search(speaker):
        return True
    return all(word[:1].isupper() or word in NAME_JOINERS for word in speaker.split())


# "Cllr Harris reported that …", "Trustee Raymond reported that the DPW is going to …": what follows is
# what someone else will do, as the speaker tells it.
REPORTED_THAT = re.compile(rf"\b{SPEECH}\s+that\s+$")
REPORTED_THAT_WINDOW = 40
ROLE_WORD = r"(?:Chair\w*|Clerk|Secretary|Treasurer|Director|Manager|Officer|Executive|Head|Lead)"


def _reports_another(text: str, owner: str, trigger: int, context: ActionContext) -> bool:
    """Whether the commitment's subject is someone outside the meeting, as a speaker reports it: not one of
    those the minutes list, nor an officer of the body ("reported that the Clerk would write" still sets a
    step). An undertaking by someone the meeting cannot task is not its action."""
    start = text.rfind(owner, 0, trigger)
    if start < 0 or not REPORTED_THAT.search(text, max(0, start - REPORTED_THAT_WINDOW), start):
        return False
    return _outside_the_meeting(owner, context)


def _agreed_elsewhere(owner: str, how: str, context: ActionContext) -> bool:
    """ "Banners Gate Community Hall has agreed to host a defibrillator", "Highways engineers have agreed to
    inspect": an agreement already made outside the meeting, by someone it cannot task, reported."""
    return how.startswith(("has ", "have ")) and _outside_the_meeting(owner, context)


def _outside_the_meeting(owner: str, context: ActionContext) -> bool:
    """Not one of those the minutes list, nor a member by title ("Cllr Jones"), nor an officer the minutes
    name by role, nor a pronoun. Where the minutes list no one, no one is known to be outside."""
    if not context.people or PRONOUN.match(owner) or ROLE_ONLY.fullmatch(owner) or MEMBER.match(owner):
        return False
    name = LEADING_NAME.match(owner)
    return not (name and any(word in context.people for word in name.group("words").split()))


# A member of the body by title: "Cllr Jones", "Councillor Smith", "Trustee Lee", "Governor Khan".
MEMBER = re.compile(r"^(?:Cllrs?|Councillors?|Trustees?|Governors?|Commissioners?|Alderm[ae]n|Members?)\.?\s")


# The name a subject opens with, its title aside: "Mr Fairbrother" of "Mr Fairbrother Chairman of the …".
LEADING_NAME = re.compile(
    rf"^(?:{TITLE}\s+)?(?P<words>(?!{ROLE_WORD}\b)[A-Z][\w’'-]*(?:\s+(?!{ROLE_WORD}\b)[A-Z][\w’'-]*){{0,2}})"
)


# "The next step is to set up a meeting …", "the aim is to publish by March": the subject is the step
# itself, not someone who takes it.
PLANNED_STEP = re.compile(
    r"(?i:(?:the|our|its|their)\s+)?(?i:(?:next|first|final|immediate|agreed)\s+)?"
    r"(?i:steps?|aims?|plans?|intention|objectives?|priority|priorities|purpose|ambition|task)"
)


def _commitment(said: Said) -> ExtractedAction | None:
    """ "X agreed to circulate …", "she would send …", "officers were asked to report back …": the
    first trigger whose subject commits someone."""
    text, context = said.text, said.context
    for match in COMMITMENT.finditer(text):
        owner = subject_before(text, match.start(), context)
        step = match.group("text")
        if not owner or COMPANY_ONLY.match(step.strip()) or at_the_meeting(step):
            continue
        if ASKED_IF.search(text, max(0, match.start() - ASKED_IF_WINDOW), match.start()):
            continue  # "Trustee Stull asked if we would pay back the fund": a question, not a commitment
        if match.group("how").startswith(("is", "are")) and FROM_THE_PUBLIC.search(owner):
            continue  # "Any resident interested … is asked to approach the clerk": a notice to the public
        if TAKING_PART.match(step):
            continue  # "she will be attending the G8 events": her diary, reported
        if match.group("how") in ("is to", "are to") and PLANNED_STEP.fullmatch(owner):
            return said.action(step, None)  # "The next step is to set up a meeting": agreed, nobody named
        said_by = SPEAKER_PRONOUN.match(owner)
        if said_by:  # "the Cabinet Member said she would write to all members"
            owner = trim_subject(said_by.group("speaker"), context)
        elif (reported := REPORTED_SUBJECT.match(owner)) is not None:
            owner = reported.group("subject")  # "Director Gerull said the information … will inform …"
            if not (is_person(owner, context) or PERSON_OR_ROLE.search(owner)):
                continue
        if _reports_another(text, owner, match.start(), context) or _agreed_elsewhere(
            owner, match.group("how"), context
        ):
            continue  # "Cllr Harris reported that Mr Fairbrother would arrange …": his undertaking, reported
        speaker = said.reporter() if PRONOUN.match(owner.split()[-1]) else None
        if speaker is not None and not _names_someone(speaker, context):
            continue  # a pronoun whose speaker is not found: "They will provide supplies"
        if commits(owner, match.group("how"), speaker, context, text):
            return said.action(step, owner_name(owner, speaker))
    return None


def _circulation(said: Said) -> ExtractedAction | None:
    """ "… for circulation", "to be circulated", unless a step merely reported ("was required to be sent")."""
    text = said.text
    match = CIRCULATION.search(text) if "irculat" in text or " to be " in text else None
    if match and not REPORTED_STEP.search(text, max(0, match.start() - 12), match.start()):
        if len(text.split()) < 10:
            return said.action(f"{text} ({said.context.title})", None)
        return said.action(_circulated_clause(text, match.start()), None)
    return None


def _circulated_clause(text: str, at: int) -> str:
    """The clause that says what is to be circulated ("Voter ID will be required, Information booklet will
    be published … to be shared on CC page": the booklet's), or the whole sentence where the clause before
    the circulation words is too short to name it."""
    start = max(text.rfind(", ", 0, at), text.rfind("; ", 0, at), text.rfind(" , ", 0, at))
    clause = text[start + 2 :].strip(" ,;") if start >= 0 else text
    return clause if start >= 0 and len(text[start + 2 : at].split()) >= 3 else text


def _future_passive(said: Said) -> ExtractedAction | None:
    """ "… and local takeaway businesses will be approached to assist": what is to be done, from the clause
    start to "will be <done>", said as the step; a hedged or conditional clause sets nothing."""
    text = said.text
    match = FUTURE_PASSIVE_STEP.search(text) if " be " in text else None
    if match is None:
        return None
    window = max(0, match.start() - MAX_PASSIVE_OBJECT)
    end = len(text[: match.start()].rstrip(" -–"))  # "Opportunity to use … - would be brought back"
    starts = list(PASSIVE_CLAUSE_START.finditer(text, window, end))
    if not starts or starts[0].start() == window and window > 0 and not starts[0].group():
        return None
    thing = text[starts[-1].end() : end].strip()
    before = text[: match.start()]
    if (
        not _passive_object(thing)
        or HEDGE.search(before)
        or CONDITION.search(before)
        or STANDING.search(text)
    ):
        return None
    return said.action(f"{thing} to be {match.group('verb')}{match.group('rest')}", None)


def _passive_object(thing: str) -> bool:
    """What the passive step is done to: a short noun phrase, not a clause or the start of a condition."""
    return (
        0 < len(thing.split()) <= 10
        and not PASSIVE_NOT_AN_OBJECT.search(thing)
        and not CONDITIONAL.match(thing)
    )


PASSIVE_NOT_AN_OBJECT = re.compile(
    r"\b(?:was|were|is|are|has|had|have|need\w*|there|which|who|if|when|once|until|unless|said|reported|"
    r"advised|noted|felt|hoped|expected|likely|can|could|may|might|would|will|also|and|or|we|I|you|he|she|"
    r"they|us)\b",
    re.IGNORECASE,
)


# "Chair Jerdonek asked Member Philips if he could provide a bio", "Cllr Shewell asked Cllr Cobb whether she
# would locate the company": a member asked by name, in a question, to take a step on.
ASKED_IF_COULD = re.compile(
    rf"\basked\s+{PEOPLE}\s+(?:if|whether)\s+(?:he|she)\s+(?:could|would|can|will)\s+(?:be\s+able\s+to\s+)?"
    rf"(?P<text>{VERB}\b[^;]*)"
)


def _asked_if_could(said: Said) -> ExtractedAction | None:
    """ "asked Member Philips if he could provide a bio for the website": the member named holds it."""
    match = ASKED_IF_COULD.search(said.text) if " if " in said.text or " whether " in said.text else None
    if match and _a_follow_up(match.group("text")) and not _put_in_debate(said.text, match):
        return said.action(match.group("text"), match.group("owner"))
    return None


# "The Chair intended to raise this with the new Mayor", "She intends to have a beach clean each month": a
# stated intention of the sentence's subject, said at the meeting, is that person's step.
INTENDS = re.compile(rf"\s(?:intends|intended)\s+to\s+(?P<text>(?:have|{VERB})\b[^;]*)")


def _intention(said: Said) -> ExtractedAction | None:
    """ "The Chair intended to raise this with …": the subject that opens the sentence holds the step."""
    text, context = said.text, said.context
    match = INTENDS.search(text) if "intend" in said.lower else None
    if match is None or at_the_meeting(match.group("text")):
        return None
    owner = subject_before(text, match.start(), context)
    if not owner or not text.startswith(owner):
        return None  # "had been informed by T. Sibbick that he intended to start …": reported
    speaker = said.reporter() if PRONOUN.match(owner.split()[-1]) else None
    if speaker is not None and not _names_someone(speaker, context):
        return None
    named = PERSON_OR_ROLE.search(owner) or is_person(owner, context)
    if named and commits(owner, "intends", speaker, context, text):
        return said.action(match.group("text"), owner_name(owner, speaker))
    return None


# The body's own members, as a whole: "ODUG members", "all trustees", "Councillors".
BODY_MEMBERS = r"(?i:members|councillors|cllrs|trustees|governors|commissioners)"
# "ODUG members were encouraged to publicise this", "Trustee Picha reminded all trustees to submit their
# statements": the meeting urges its own members to a step.
URGED = re.compile(
    rf"\b(?P<owner>(?:[A-Z]{{2,6}}\s+)?{BODY_MEMBERS})\s+(?:were|are)\s+(?:\w+\s+)?encouraged\s+to\s+"
    rf"(?P<text>{VERB}\b[^;]*)"
    rf"|\breminded\s+(?P<reminded>(?:all\s+)?(?:the\s+)?(?:[A-Z]{{2,6}}\s+)?{BODY_MEMBERS})\s+to\s+"
    rf"(?P<step>{VERB}\b[^;]*)"
)


def _urged_or_intended(lower: str) -> bool:
    """Whether a sentence without a trigger word may still urge members to a step or state an intention."""
    return "encouraged to" in lower or "reminded" in lower or " intend" in lower


def _urged(said: Said) -> ExtractedAction | None:
    """ "Members were encouraged to check for …", "reminded all trustees to submit …"."""
    match = URGED.search(said.text) if _urged_or_intended(said.lower) else None
    if match is None:
        return None
    text = match.group("text") or match.group("step")
    if not _a_follow_up(text):
        return None
    return said.action(text, match.group("owner") or match.group("reminded"))


# The rules' cascade, most explicit first: the first that fires decides the sentence's action.
RULES: tuple[tuple[str, Rule], ...] = (
    ("delegated", _delegated),
    ("it was agreed", _it_was_agreed),
    ("body resolved to", _body_resolved_to),
    ("resolution names owner", _resolution_names_owner),
    ("reported commitment", _reported_commitment),
    ("authorised", _authorised),
    ("asked person", _asked_person),
    ("asked if could", _asked_if_could),
    ("request that owner", _request_that_owner),
    ("request that", _request_that),
    ("requested passive", _requested_passive),
    ("report requested", _report_requested),
    ("report was requested", _report_was_requested),
    ("commitment", _commitment),
    ("intention", _intention),
    ("urged", _urged),
    ("circulation", _circulation),
    ("future passive", _future_passive),
)
