"""Named tests the rules share: what a clause is (a hedge, a step done at the meeting, a request from the
public, the body itself rather than a person) and whether a sentence has a trigger word at all."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.vocabulary import PEOPLE, by_first_letter

# "would"/"will" only commits a person or an officer's role; "devolution would bring" commits nobody.
PERSON_OR_ROLE = re.compile(
    r"^(?:he|she|they|I|we)$|\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Cllr|Councillor|Commissioner|Mayor|Sir|Dame)\b|"
    r"^(?:[A-Z]\.\s?)+[A-Z]|\b(?:chair\w*|director|manager|officers?|clerk|secretary|lead|head|executive|"
    r"treasurer|administrator|solicitor|attorney|counsel|members?|staff|team|leader|controller|auditor|"
    r"coordinator|co-ordinator|advisor|adviser|engineer|planner|department|working group|working party)\b",
    re.IGNORECASE,
)


# "should" commits an officer ("the Clerk should ensure …"), not a member or the body, and not when hedged.
OFFICER = re.compile(
    r"\b(?:clerk|officers?|director|manager|secretary|treasurer|staff|administrator)\b", re.IGNORECASE
)


HEDGE = re.compile(
    r"\b(?:perhaps|maybe|might|could|suggest\w*|wondered|felt|feel|thought|believed|view|comment\w*|"
    r"whether|hoped?)\b",
    re.IGNORECASE,
)


NOT_A_SUBJECT = re.compile(r"\b(?:be|to|is|are|was|were|should|would|will|has|had|have|not)\b")


# Done at the meeting itself: "asked Cllr Jones to present the report", "invited the Director to introduce the
# item".
IN_MEETING = re.compile(
    r"^(?:present|introduce|speak to|explain|summari[sz]e|outline|consider|note|approve|agree|"
    r"comment on)\w*\s+(?:the|his|her|their|this|these)\s+(?:\w+\s+)?(?:report|item|paper|update|"
    r"presentation|application|motion|proposal|recommendation|minutes)s?\W*$",
    re.IGNORECASE,
)


IN_DEBATE = re.compile(
    r"^(?:clarif\w*|confirm\w*|explain\w*|expand\w* on|withdraw\w*|repeat\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:comments?|remarks?|points?|statements?|position|question|answer|response|view)s?\W*$",
    re.IGNORECASE,
)


# Taking the floor or going into private session at the meeting itself: "invited to address the Committee
# for three minutes", "asked questions on the minutes of the following committees", "to enter into
# Executive Session to discuss …".
ON_THE_FLOOR = re.compile(
    r"^(?:address|ask\s+questions?\s+(?:of|on|to)|put\s+(?:\w+\s+)?questions?\s+to)\s+(?:the\s+)?"
    r"(?:committee|meeting|board|council|panel|cabinet|members|minutes)\b"
    r"|^(?:enter|go|move|adjourn|retire)\w*\s+(?:in)?to\s+(?:an?\s+)?(?:executive|closed|private|in-camera)\s+session\b",
    re.IGNORECASE,
)


# A request from the public is not the meeting's: "a resident requested the hedge to be cut".
FROM_THE_PUBLIC = re.compile(
    r"\b(?:residents?|parishioners?|members? of the public|the public|petitioners?|"
    r"correspondents?|applicants?|objectors?|speakers?)\b",
    re.IGNORECASE,
)


# A named body other than the meeting itself: "the Quality Committee", "the Neighbourhood Plan Working Group".
OTHER_BODY = re.compile(
    r"(?:[A-Z][\w’'&-]*\s+){1,4}(?:Committee|Group|Panel|Team|Sub-[Cc]ommittee|Partnership|Forum|"
    r"Service|Department|Working Party)"
)


# "CC proposed and LH seconded that the financial information should be presented at the July meeting": a
# motion that something should be done; "moved that Mr Cooke be elected" is the decision itself.
MOTION_STEP = re.compile(
    r"\bshould be (?!elected|appointed|noted|approved|agreed|adopted|accepted|received|"
    r"ratified|confirmed|signed)\w+(?:ed|en)\b"
)


CONDITIONAL = re.compile(r"^(?:If|When|Where|Should|Unless|Although|While|Whilst|Once|Subject to)\b")


# "was required to be sent for external audit" reports a step; it does not set one, nor does a view that
# something "needs to be sent back".
REPORTED_STEP = re.compile(r"\b(?:required|due|likely|expected|was|were|needs?)\s*$", re.IGNORECASE)


CHAIR_OR_BODY = re.compile(
    r"\b(?:chair\w*|mayor|convenor|board|committee|council|cabinet|panel|commission|members|"
    r"meeting|it)\b",
    re.IGNORECASE,
)


PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|this|that|there|which|who)$", re.IGNORECASE)


CORPORATE_SELF = re.compile(
    r"^(?:the\s+)?(?:city|council|city council|county council|board|committee|cabinet|"
    r"commission|authority|trust|panel|meeting)$",
    re.IGNORECASE,
)


NON_OWNER = re.compile(
    r"^(?:[Tt]he\s+|[Aa]n?\s+)?(?:[Rr]eports?|[Pp]apers?|[Ii]tems?|[Pp]lans?|[Uu]pdates?|[Mm]inutes|"
    r"[Dd]ocuments?)\b|^(?:[Ii]t|[Tt]his|[Tt]here|[Aa]n?)\s"
)


# "agreed to work with Cllr Jim McNeill": whom, not what; the step itself comes in the next sentence.
COMPANY_ONLY = re.compile(rf"^work(?:ing)?\s+(?:with|alongside)\s+{PEOPLE}\W*$")


TRIGGER_WORDS = (
    "agree",
    "undertook",
    "offer",
    "volunteer",
    "promise",
    "ask",
    "request",
    "task",
    "instruct",
    "direct",
    "invite",
    "is to",
    "are to",
    "going to",
    "need",
    "would",
    "will",
    "authori",
    "recommend",
    "circulat",
    "should",
    "seconded",
    "moved",
    "to be sent",
    "delegat",
    "resolved",
    "decided",
)


TRIGGER = re.compile(
    r"\b"
    + by_first_letter(
        r"(?:agreed|undertook|offered|volunteered|promised|asked|requested|tasked|instruct(?:ed|s)?|"
        r"direct(?:ed|s)?|invited|is to|are to|going to|needs? to|would|will|authori[sz]ed?|recommended|"
        r"circulat\w+|should|seconded|moved|to be sent|delegat\w+|resolved|decided|direction)"
    )
    + r"\b",
    re.IGNORECASE,
)


# the same test as any(word in lower for word in TRIGGER_WORDS), in one scan
TRIGGER_WORD_IN = re.compile("|".join(re.escape(word) for word in TRIGGER_WORDS))


# Characters that are neither word characters nor cased: with only these beyond ASCII, ``text.lower()`` keeps
# every position and IGNORECASE matching of TRIGGER on ``text`` is plain matching of its lowercase form on
# ``lower``; every TRIGGER alternative also contains one of TRIGGER_WORDS, so that test is implied.
NOT_PLAIN = re.compile(r"[^\x00-\x7f‘’“”–—•…£€\xa0]")


TRIGGER_LOWER = re.compile(TRIGGER.pattern)  # the pattern is all lower case


def _may_trigger(lower: str) -> bool:
    """Whether ``lower`` holds a word that every TRIGGER alternative contains (the commonest first)."""
    return (
        "will" in lower
        or "would" in lower
        or "should" in lower
        or "agreed" in lower
        or "asked" in lower
        or "request" in lower
        or "need" in lower
        or "moved" in lower
        or "seconded" in lower
        or "resolved" in lower
        or "decided" in lower
        or "direct" in lower
        or "offered" in lower
        or "invited" in lower
        or "is to" in lower
        or "are to" in lower
        or "going to" in lower
        or "tasked" in lower
        or "instruct" in lower
        or "authori" in lower
        or "recommended" in lower
        or "circulat" in lower
        or "delegat" in lower
        or "undertook" in lower
        or "volunteered" in lower
        or "promised" in lower
        or "to be sent" in lower
    )


def has_trigger(text: str, lower: str) -> bool:
    """``any(word in lower for word in TRIGGER_WORDS) and TRIGGER.search(text)``, faster for plain text."""
    if text.isascii() or not NOT_PLAIN.search(text):
        return _may_trigger(lower) and TRIGGER_LOWER.search(lower) is not None
    return TRIGGER_WORD_IN.search(lower) is not None and TRIGGER.search(text) is not None


def short_enough(text: str) -> bool:
    """ "asked the Clerk to report:" introduces what follows; it is not itself a follow-up."""
    return len(text.split()) >= 2 and not text.rstrip().endswith(":")


def at_the_meeting(text: str) -> bool:
    """Done at the meeting itself: "present the report", "clarify his comments", "address the Committee"."""
    text = text.strip()
    return bool(IN_MEETING.match(text) or IN_DEBATE.match(text) or ON_THE_FLOOR.match(text))
