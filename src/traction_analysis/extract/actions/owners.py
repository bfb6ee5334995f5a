"""Who owns an action: the owner phrase before a verb, whether it names a person or an officer's role,
the subject of a commitment, and whether that subject commits anyone."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.features import (
    CONDITIONAL,
    CORPORATE_SELF,
    HEDGE,
    NON_OWNER,
    OFFICER,
    PERSON_OR_ROLE,
    PRONOUN,
)
from traction_analysis.extract.actions.vocabulary import NAME_WORD, PEOPLE, ROLE_ONLY, TITLE, TITLE_WORDS

# A stop, a comma, or "that", "whether", "which", "if" or "when". The lookahead holds the first character of
# every alternative, and the stop's lookbehinds come after its own lookahead: the same matches, with one test
# at most characters rather than every alternative and all the lookbehinds.
CLAUSE_START = re.compile(
    r"(?=[;:(.!?,twi])(?:[;:(]|(?=[.!?])(?<=[A-Za-z0-9)]{2})(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!St)(?<!No)[.!?]\s"
    r"|,\s(?!and\b|&)|\b(?:that|whether|which|if|when)\s)"
)


SUBJECT_START = re.compile(
    r"^(?:[Tt]he |[Aa]n? |[Oo]ur )?(?:[A-Z]|(?:parish |town )?(?:clerk|chair\w*|officers?|"
    r"secretary|treasurer|director|manager|staff|department)\b)"
)


# "30 May 2019 The Clerk agreed …": a sub-heading date run into the sentence is not part of the subject.
LEADING_DATE = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\s+")


MAX_SUBJECT_WORDS = 13


OWNER_FULL = re.compile(PEOPLE)


OWNER_START = re.compile(r"(?:^|[;:–—•]|\s[-–]|,|\sand|\s\d{1,2}[.)]|\s[a-z]\))\s*")


OWNER_WINDOW = 120


LEADING_PERSON = re.compile(rf"^{PEOPLE}\s+(?=[a-z])")


TRAILING_ROLE = re.compile(
    r"(?:[Tt]he|[Oo]ur)\s+(?:[A-Z][\w’']+\s+){0,3}(?:Chair\w*|Clerk|Secretary|Treasurer|"
    r"Director|Manager|Officer|Executive|Lead)(?:\s+of\s+[A-Z][\w ]{2,40})?$"
)


TRAILING_PERSON = re.compile(rf"(?<=\s){PEOPLE}$")


def may_name_someone(text: str, context: ActionContext) -> bool:
    """A cheap look at the first word before the person patterns are tried."""
    first = text.split(" ", 1)[0].rstrip(".,")
    return first in context.people or first in TITLE_WORDS or 2 <= len(first) <= 4 and first.isupper()


def trim_subject(subject: str, context: ActionContext) -> str:
    """ "Proposed closure of the branch Our Chair": a run-in heading before the subject is not part of it."""
    if len(subject.split()) <= 4:
        return subject
    tail = TRAILING_PERSON.search(subject)
    if tail and is_person(tail.group("owner"), context):
        return tail.group("owner")
    tail = TRAILING_ROLE.search(subject)
    return tail.group(0) if tail else subject


def owner_ending_at(
    text: str,
    end: int,
    context: ActionContext,
    *,
    chained_ok: bool,
    roles: bool = True,
    any_initials: bool = False,
) -> tuple[int, str] | None:
    """The owner just before ``end`` that starts a clause ("…; Mr Peake", "– Cllr Janet Taylor", "1. PW")."""
    offset = max(0, end - OWNER_WINDOW)
    window = text[offset:end]
    for start in OWNER_START.finditer(window):
        if start.start() == 0 and offset > 0 and not start.group():
            continue  # the window's own start is not a clause start
        if not start.group() and start.start() > 0:
            continue
        match = OWNER_FULL.fullmatch(window, start.end())
        if not match:
            continue
        if start.group().strip() == "and" and not chained_ok:
            return None
        owner = match.group("owner")
        if is_person(owner, context, roles=roles, any_initials=any_initials):
            return offset + start.end(), owner
    return None


_PERSON_PARTS = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+&\s+|\s+with\s+")  # "Cuellar, Pavlik, and Bishop"


_PERSON_LEAD = re.compile(r"^(?:[Tt]he\s+|[Cc]lerks?\s+)")


_TITLED = re.compile(TITLE + r"\s")


_INITIALS = re.compile(r"[A-Z]{2,4}")


_INITIAL_SURNAME = re.compile(r"([A-Z])\.?\s+([A-Z][a-z’'-]+(?:[A-Z][a-z’'-]+)?)")


_PERSON_WORDS = re.compile(r"[A-Za-z’'-]+")


def is_person(
    owner: str,
    context: ActionContext,
    *,
    titled_only: bool = False,
    roles: bool = True,
    any_initials: bool = False,
) -> bool:
    """Every part of ``owner`` is a titled name, an officer's role, or a name or initials of someone present
    ("LCCC will do this" is an organisation; "PW to circulate" is any initials, the action-point
    shorthand). A whole role stays whole: "Director of Finance and Resources" is one owner."""
    if roles and ROLE_ONLY.fullmatch(_PERSON_LEAD.sub("", owner.strip())):
        return True
    for part in _PERSON_PARTS.split(owner):
        part = _PERSON_LEAD.sub("", part.strip())
        if not part or CORPORATE_SELF.match(part):
            return False
        if _TITLED.match(part) or any_initials and _INITIALS.fullmatch(part):
            continue
        if roles and ROLE_ONLY.fullmatch(part):
            continue
        initial = _INITIAL_SURNAME.fullmatch(part)
        if initial and _known(initial.group(2), context.people):
            # "T Power": the surname of someone present, with the initials ("TP") theirs too
            if _known(initial.group(1) + initial.group(2)[0], context.people):
                continue
        words = _PERSON_WORDS.findall(part)
        if titled_only or not words or not all(_known(word, context.people) for word in words):
            return False
    return True


def _known(word: str, people: frozenset[str]) -> bool:
    """A name of someone present, or its short form ("Jan" for Janet; see known_people)."""
    return word in people


# "Officers confirmed the recruitment to two posts and officers would provide that information": the
# officers named after "and" are the second clause's own subject.
JOINED_OFFICERS = re.compile(r"\s(?:and|but)\s+(?P<role>(?:the\s+)?(?i:officers|staff|clerk))$")


def subject_before(text: str, end: int, context: ActionContext | None = None) -> str | None:
    """The clause's subject ending at ``end``: from the last clause boundary, capitalised, short."""
    prefix = text[:end]
    starts = [match.end() for match in CLAUSE_START.finditer(prefix)]
    start = starts[-1] if starts else 0
    if context is not None and prefix[start - 2 : start] == ", " and LIST_END.match(prefix, start):
        start = _list_start(prefix, start, context)
    subject = prefix[start:].strip()
    subject = LEADING_DATE.sub("", re.sub(r"^(?:and|but|so|then)\s+", "", subject))
    if " and " in subject and re.search(r"\s(?:and|but)\s+(?:he|she|they|we)$", subject):
        subject = subject.rsplit(" ", 1)[1]  # "a herb bed had been created and he would be doing …"
    elif " and " in subject and (joined := JOINED_OFFICERS.search(subject)) is not None:
        subject = joined.group("role")  # "… confirmed two posts and officers would provide …"
    if context is not None and len(subject.split()) > 2 and not is_person(subject, context):
        # a run-in heading before the subject: "Use of Maslow's for a surgery Esme will contact …"
        tail = TRAILING_PERSON.search(subject)
        if tail and tail.start() > 0 and is_person(tail.group("owner"), context):
            subject = tail.group("owner")
    if subject.endswith(" and"):
        # "he had completed the collation and would be sending it": the subject of the first predicate
        lead = re.match(r"^(?:he|she|they|we|I)\b", subject) or LEADING_PERSON.match(subject + " ")
        if not lead:
            return None
        subject = lead.group(0).strip()
    if not SUBJECT_START.match(subject) and not PRONOUN.match(subject):
        return None
    return subject if len(subject.split()) <= MAX_SUBJECT_WORDS else None


# "Cuellar, Pavlik, and Bishop would …": the names before the last, each closed by a comma.
LISTED_NAMES = re.compile(rf"(?:{NAME_WORD}(?:\s+{NAME_WORD})?,\s+){{1,4}}$")


LIST_END = re.compile(r"[\w’' -]{1,40}?,?\s+(?:and|&)\s+")


def _list_start(prefix: str, start: int, context: ActionContext) -> int:
    """Where a list of people present that ends at ``start`` begins, or ``start`` when none does: the
    commas between names are not clause starts. Only a list that goes on with "and" is one ("Ms Reidy,
    Director of Services" names one person)."""
    listed = LISTED_NAMES.search(prefix, max(0, start - 100), start)
    if listed and is_person(listed.group(0).rstrip(", "), context, roles=False):
        return listed.start()
    return start


# "Administration will change the resolution", "Secretariat will follow up …", "The group would look into …":
# the body's own administration or secretariat, or a group just named, commits as an officer does.
SECRETARIAT = re.compile(r"(?:[Tt]he\s+)?(?:Administration|Secretariat|[Gg]roup)")


def commits(owner: str, how: str, reporter: str | None, context: ActionContext, text: str) -> bool:
    """Whether ``owner`` commits someone by ``how`` ("would", "should", "agreed", …): "should" only an
    officer, "would"/"will" only a person or role, and a pronoun only when it can be resolved."""
    if CONDITIONAL.match(owner):
        return False
    if how == "should":
        return bool(OFFICER.search(owner)) and not HEDGE.search(text)
    if (
        how in ("would", "will")
        and not PERSON_OR_ROLE.search(owner)
        and not is_person(owner, context)
        and not SECRETARIAT.fullmatch(owner)
    ):
        return False  # "devolution would bring…" commits nobody
    if how.startswith("need") and (
        PRONOUN.match(owner) or not (PERSON_OR_ROLE.search(owner) or is_person(owner, context))
    ):
        return False  # "the word needs to get out", "they need to make savings" assign nothing
    words = owner.split()
    if len(words) == 1 and re.fullmatch(r"(?i:he|she|they|we)", owner) and reporter is None:
        return True  # a commitment by someone the minutes do not name here
    return _named(owner, reporter)


def _named(owner: str, reporter: str | None) -> bool:
    """A commitment needs a someone: a named person or role, or a pronoun we can resolve."""
    words = owner.split()
    if not words or NON_OWNER.match(owner):
        return False
    if PRONOUN.match(words[-1]):
        return reporter is not None and len(words) == 1
    return len(words) <= 12


# One or more sets of initials: "PW", "IK/CC", "JH, PW & SB".
INITIALS = re.compile(r"[A-Z]{2,4}(?:\s*(?:/|,|&|\+|\bAND\b)\s*[A-Z]{2,4})*")


def owner_name(owner: str, reporter: str | None) -> str | None:
    """The owner as shown: a pronoun resolved to ``reporter``, a leading "the" dropped, capitals tamed;
    the body itself owns nothing (None)."""
    owner = re.sub(
        r"\s+(?:and|And|AND)$", "", owner.strip().rstrip(",.;:")
    )  # "Seconded: Cllr Quinn And agreed …"
    if PRONOUN.match(owner):
        return reporter
    owner = re.sub(r"^(?:the|The|THE|[Oo]ur)\s+", "", owner)
    if owner.isupper() and not INITIALS.fullmatch(owner):  # initials ("PW", "IK/CC") stay as written
        owner = owner.title()
    return None if CORPORATE_SELF.match(owner) else owner
