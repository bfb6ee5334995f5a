"""Whether a narrative sentence sets an action: the clause-level shorthand first, then, for a sentence
with a trigger word, an ordered table of named rules (the first to fire decides) and chained steps
("agreed to … and to …")."""

from __future__ import annotations

import re
from collections.abc import Callable

from traction_analysis.extract.actions.build import _action
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.features import (
    CHAIR_OR_BODY,
    COMPANY_ONLY,
    CORPORATE_SELF,
    FROM_THE_PUBLIC,
    HEDGE,
    MOTION_STEP,
    NON_OWNER,
    NOT_A_SUBJECT,
    OFFICER,
    OTHER_BODY,
    PRONOUN,
    REPORTED_STEP,
    _at_the_meeting,
    _has_trigger,
    _short_enough,
)
from traction_analysis.extract.actions.owners import (
    _commits,
    _is_person,
    _owner,
    _subject_before,
    _trim_subject,
)
from traction_analysis.extract.actions.reporter import SPEAKER_PRONOUN
from traction_analysis.extract.actions.resolution import (
    RESOLVED_THAT,
    RESOLVED_TO,
    THAT_SUBJUNCTIVE,
    _delegation,
)
from traction_analysis.extract.actions.shorthand import _shorthand
from traction_analysis.extract.actions.vocabulary import PEOPLE, VERB
from traction_analysis.extract.model import ExtractedAction
from traction_analysis.extract.text import Sentence

# The subject is found by looking back from the trigger to the clause start (see _subject_before):
# a regex that guesses the subject first would be retried at every word of every sentence.
COMMITMENT = re.compile(
    rf"\s(?P<how>(?:had\s+)?(?:agreed|AGREED|Agreed|undertook|offered|volunteered|promised)|(?:was|were)\s+(?:asked|"
    rf"requested|tasked|instructed|directed|invited)|(?:will|would)\s+be\s+(?:asked|requested|invited)|"
    rf"is to|are to|"
    rf"needs? to|should|would|will)\s+(?:to\s+|with\s+)?"
    rf"(?:(?:again|also|then|now|further|shortly|personally|immediately|next)\s+)?(?:be\s+(?=\w+ing\b))?"
    rf"(?P<text>{VERB}\b[^;]*)"
)


# "CC requested that the Parish Clerk writes to …", "agreed that the Clerk should contact …".
REQUEST_THAT_OWNER = re.compile(
    rf"\b(?i:requested|asked|agreed|instructed|directed|resolved|decided|seconded(?:\s+by\s+[^,;]{{1,40}}?)?)\s+that\s+"
    rf"(?:the\s+)?"
    rf"(?P<owner>[A-Za-z][\w’' ]{{1,60}}?)\s+(?:should\s+|would\s+|will\s+|to\s+|is\s+to\s+)?"
    rf"(?P<text>{VERB}\b[^;]*)"
)


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


REPORTED_COMMITMENT = re.compile(
    rf"\s(?:said|stated|shared|confirmed|advised|indicated|explained|agreed|undertook|offered)\s+"
    rf"that\s+(?:he|she|they)\s+would\s+(?P<text>{VERB}\b[^;]*)"
)


REQUEST_THAT = re.compile(
    r"(?P<requester>^.*?)\b(?:requested|asked|agreed|recommended|seconded|"
    r"moved)\s+that\s+(?P<text>.+?\s(?:be|should be)\s+"
    r"(?!referred|deferred|noted|approved|agreed|adopted|accepted|received|elected|appointed)(?:\w+ed|"
    r"\w+en|set up|set|made|held|sent|brought|put|sought|built|kept|run|drawn up)\b[^;]*)"
)


AUTHORISED = re.compile(
    rf"\b(?:authori[sz]ed?|requested|asked|instructed|directed|direct|instruct|(?:direction|instructions?)\s+"
    rf"(?:was\s+|were\s+)?(?:given|provided)\s+to)\s+(?P<owner>(?:the|THE)\s+[A-Z][\w’' ]{{2,60}}?|"
    rf"officers|staff|(?:all\s+)?(?:members|councillors|trustees|governors))\s+(?:to|TO)\s+(?P<text>{VERB}\b[^;]*)",
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


CHAINED = re.compile(rf",?\s(?:and|but)\s+(?:also\s+)?to\s+(?P<text>{VERB}\b[^;]*)")


def _narrative_sentence(
    text: str, reporter: Callable[[], str | None], context: ActionContext, sentence: Sentence | None = None
) -> list[ExtractedAction]:
    out = _shorthand(text, context)
    # The patterns below look back for a subject, which is costly; most sentences have no trigger word.
    lower = text.lower()
    if "That " not in text and not _has_trigger(text, lower):
        return out
    action = _triggered(text, reporter, context)
    if action:
        out.append(action)
    if " to " in text and (
        "agreed to" in lower
        or "was asked to" in lower
        or "were asked to" in lower
        or "resolved to" in lower
        or "decided to" in lower
    ):
        # "The meeting agreed to keep two public meetings a year but to hold them … and to make preparations
        # …"
        position = 0
        while (match := CHAINED.search(text, position)) is not None:
            position = match.start("text")  # "… but to hold them … and to make preparations …"
            out.append(_action(match.group("text"), action.owner if action else None, context))
    return out


def _triggered(
    text: str, reporter: Callable[[], str | None], context: ActionContext
) -> ExtractedAction | None:
    lower = text.lower()
    match = _delegation(text)
    if match and not CORPORATE_SELF.match(match.group("owner").strip()):
        return _action(f"{match.group('task').strip(' .;,')} (delegated)", match.group("owner"), context)
    match = IT_WAS_AGREED.search(text) if "t was" in text else None
    if match:
        return _action(match.group("text"), None, context)
    if (
        "esolved" in lower
        or "ecided" in lower
        or "ECI" in text
        or "ESOLVED" in text
        or text[:6] == "Agreed"
        or text[:6] == "AGREED"
        or "That " in text
    ):
        match = RESOLVED_TO.search(text)
        if match:
            return _action(match.group("text"), None, context)
        motion = (
            text[text.find("That ") :] if "That " in text else text
        )  # "Moved by …, Seconded by …, That …"
        for pattern in (RESOLVED_THAT, THAT_SUBJUNCTIVE):
            match = pattern.match(motion)
            if match and not CORPORATE_SELF.match(
                (match.group("owner") or match.group("officers") or "").strip()
            ):
                owner = (match.group("owner") or match.group("officers")).strip()
                if not NON_OWNER.match(owner):
                    return _action(match.group("text"), owner, context)
    asks = "ask" in lower or "request" in lower or "instruct" in lower or "direct" in lower or "task" in lower
    match = REPORTED_COMMITMENT.search(text) if " that " in text and "would" in text else None
    owner = _subject_before(text, match.start()) if match else None
    if match and owner:
        return _action(match.group("text"), _owner(owner, reporter()), context)
    match = AUTHORISED.search(text) if asks or "authori" in lower or "given to" in lower else None
    if (
        match
        and not CORPORATE_SELF.match(match.group("owner"))
        and _short_enough(match.group("text"))
        and not _at_the_meeting(match.group("text"))
    ):
        return _action(match.group("text"), match.group("owner"), context)
    match = ASKED_PERSON.search(text) if asks else None
    if (
        match
        and _is_person(match.group("owner"), context)
        and _short_enough(match.group("text"))
        and not _at_the_meeting(match.group("text"))
    ):
        return _action(match.group("text"), match.group("owner"), context)
    that = " that " in text and (
        "requested that" in lower
        or "asked that" in lower
        or "agreed that" in lower
        or "seconded" in lower
        or "moved that" in lower
        or "resolved that" in lower
        or "decided that" in lower
        or "instructed that" in lower
        or "directed that" in lower
        or "recommended that" in lower
    )  # any of THAT_VERBS
    match = REQUEST_THAT_OWNER.search(text) if that else None
    if match and NOT_A_SUBJECT.search(match.group("owner")):
        match = None
    if match and (
        OFFICER.search(match.group("owner"))
        or _is_person(match.group("owner"), context)
        or OTHER_BODY.fullmatch(match.group("owner"))
    ):
        return _action(match.group("text"), match.group("owner"), context)
    match = REQUEST_THAT.search(text) if that else None
    if match and (
        CHAIR_OR_BODY.search(match.group("requester") or "it")
        or (" seconded " in text or " moved " in text)
        and MOTION_STEP.search(match.group("text"))
    ):
        return _action(match.group("text"), None, context)
    request = "request" in lower or "asked for" in lower or "called for" in lower or "sought" in lower
    match = REQUESTED_PASSIVE.search(text) if request and " to be " in text else None
    if match and not FROM_THE_PUBLIC.search(text, 0, match.start()):
        return _action(match.group("text"), None, context)
    match = REPORT_REQUESTED.search(text) if request else None
    if (
        match
        and not FROM_THE_PUBLIC.search(text, 0, match.start())
        and CHAIR_OR_BODY.search(text[: match.start()] or "it")
        and not HEDGE.search(text[: match.start()])
    ):
        return _action(match.group("text"), None, context)
    match = REPORT_WAS_REQUESTED.search(text) if request else None
    if match:
        return _action(f"{match.group('text')}{match.group('rest')}", None, context)
    for match in COMMITMENT.finditer(text):
        owner = _subject_before(text, match.start(), context)
        if COMPANY_ONLY.match(match.group("text").strip()) or _at_the_meeting(match.group("text")):
            continue
        if not owner:
            continue
        said = SPEAKER_PRONOUN.match(owner)
        if said:  # "the Cabinet Member said she would write to all members"
            owner = _trim_subject(said.group("speaker"), context)
        speaker = reporter() if PRONOUN.match(owner.split()[-1]) else None
        if _commits(owner, match.group("how"), speaker, context, text):
            return _action(match.group("text"), _owner(owner, speaker), context)
    match = CIRCULATION.search(text) if "irculat" in text or " to be " in text else None
    if match and not REPORTED_STEP.search(text, max(0, match.start() - 12), match.start()):
        return _action(f"{text} ({context.title})" if len(text.split()) < 10 else text, None, context)
    return None
