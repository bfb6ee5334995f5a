"""Clause-level conventions, several to a sentence: "PW to circulate …", duties lists ("Gary take
pictures …"), passive steps ("a letter to be sent to …") and items for the next agenda."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.build import new_action
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.features import HEDGE, PRONOUN
from traction_analysis.extract.actions.owners import OWNER_WINDOW, is_person, owner_ending_at
from traction_analysis.extract.actions.vocabulary import BASE_VERB, LOWER_ROLES, PERSON, VERB
from traction_analysis.extract.model import ExtractedAction

# Both are found from the verb, then the owner is looked for just before it (see owner_ending_at): a pattern
# that starts with the owner would be tried at every character of every sentence. A duty's word is read from
# its start, once: tried from each capital inside it, a long run of capitals is read again and again.
DUTY_VERB = re.compile(rf"(?<![\w’'-])(?:(?![A-Z])[\w’'-])*[A-Z][\w’'-]*+ (?P<text>{BASE_VERB}\b[^,;]*)")


# What every duty holds, from a capital in its owner's word to the verb ("Ray take"), looked for first: the
# engine skips from capital to capital, where DUTY_VERB is tried at every word's start. A sentence without it
# holds no duty.
DUTY_VERB_GATE = re.compile(rf"[A-Z][\w’'-]*+ {BASE_VERB}\b")
# Its space and verb alone, looked for before it: the engine skips from space to space, and most sentences
# have no such verb at all.
DUTY_SPACE_VERB = re.compile(rf" {BASE_VERB}\b")


TO_VERB = re.compile(rf" to (?P<text>{VERB}\b[^;]*)")


# "A letter to be sent to the Environment Agency", "VAT claim to be sent off", "Dog fouling to be an agenda
# item", "Options for … are to be investigated".
# Found from " to be sent" back to the clause start, as the owner shorthand is (see _passive_steps). Every
# match opens with a space, looked ahead for first: the optional " is" would otherwise be tried at every
# character.
PASSIVE_VERB = re.compile(
    r"(?= )(?: (?:is|are))? (?P<modal>to|should) be (?:sent|put|added|placed|circulated|shared|written|"
    r"drafted|prepared|obtained|sought|arranged|ordered|made|approached|notified|informed|asked|"
    r"published|displayed|forwarded|invited|contacted|an agenda item|raised|chased|checked|"
    r"investigated|reviewed|followed up|emailed|reported|brought|erected|repaired|replaced|installed|"
    r"advertised|purchased|bought|removed|cleared|cut|fixed|booked|organised|organized|researched|"
    r"distributed|submitted|scheduled|explored|posted)\b[^;]*"
)


PASSIVE_START = re.compile(r"(?:^|[;:–—•]|\s[-–]|\s\d{1,2}[.)]|\s[a-z]\))\s*")


NOUN_PHRASE = re.compile(r"(?:[Aa]n?\s+|[Tt]he\s+)?[A-Za-z][\w’'-]*(?:\s+[\w’'£.,-]+){0,8}")


NOT_A_NOUN_PHRASE = re.compile(
    r"\b(?:was|were|is|are|has|had|have|need\w*|due|likely|expected|going|about|"
    r"continue\w*|seem\w*|appear\w*|would|will|can|could|may|might|hoped?|wish\w*|"
    r"want\w*|ought|yet|not|requested|asked|said|reported|advised|noted|agreed|"
    r"suggested|stated|felt|queried|raised|complained|commented|proposed|wondered)\b",
    re.IGNORECASE,
)


# "the subject should be added to the agenda for the next meeting", "it was agreed to put it on the agenda".
AGENDA_STEP = re.compile(
    r"\b(?:should|to)\s+be\s+(?:added|put|placed|included)\s+(?:on|to|in)\s+"
    r"(?:the\s+)?(?:\w+\s+){0,3}agenda\b[^;.]{0,80}"
)


# "Items to be included on the next agenda" is a standing heading, not a step.
GENERIC_AGENDA = re.compile(
    r"^(?:\S+\s+){0,3}?(?:items?|matters?|business|reports?|anything)\b(?:\s+\w+){0,3}\s+to\s+be\s+",
    re.IGNORECASE,
)


# US motions: "Motion by X, second by Y to have Carrie sign up for the classes".
TO_HAVE = re.compile(rf"\bto\s+have\s+(?P<owner>{PERSON})\s+(?P<text>{BASE_VERB}\b[^;]*)")


# "… to have Village administration send a Request for Quotes …": an office of the body does it.
TO_HAVE_OFFICE = re.compile(
    r"\bto\s+have\s+(?P<owner>(?:the\s+)?(?:(?:[Vv]illage|[Tt]own|[Cc]ity|[Cc]ounty)\s+)?"
    r"(?:[Aa]dministration|[Ss]taff|Clerk|Manager|Administrator|Attorney|Engineer|Treasurer))"
    rf"\s+(?P<text>{BASE_VERB}\b[^;]*)"
)


# "Clerk report to Martyn Evans, MCC.", "Clerk inform the Charity of this.": the "Clerk to …" shorthand with
# its "to" dropped. Only an officer opening the sentence, with a lower-case verb and words after it: "Clerk
# Report" is a heading, "Clerk report was noted" a noun.
OFFICER_BARE_VERB = re.compile(
    rf"^(?P<owner>Clerk|Chair|Chairman|Chairperson|Treasurer|Secretary)\s+(?P<text>{BASE_VERB}\b(?!\s+(?:was|were|is|are|has|had|of|and)\b)(?:\s+[^\s;:]+){{2,}}[^;:]*)$"
)
# What OFFICER_BARE_VERB opens with ("Chairman" and "Chairperson" open with "Chair").
OFFICER_OPENINGS = ("Clerk", "Chair", "Treasurer", "Secretary")


def shorthand_actions(text: str, context: ActionContext) -> list[ExtractedAction]:
    """Clause-level conventions, several to a sentence: "PW to circulate …", "Gary take pictures …",
    "a letter to be sent to …", "Dog fouling to be an agenda item …"."""
    out: list[ExtractedAction] = []
    if " to " in text:
        out += _owner_to_points(text, context)
        if " to have " in text:
            out += _to_have(text, context)
    if " to be " in text or " should be " in text:
        out += _passive_steps(text, context)
    if " agenda" in text:
        out += _agenda_step(text, context)
    if _may_be_duties_list(text, context) and DUTY_SPACE_VERB.search(text) and DUTY_VERB_GATE.search(text):
        out += _duties(text, context)
    # most sentences open with none of its officers (stripping " ." off the end leaves the start as it was)
    bare = OFFICER_BARE_VERB.match(text.rstrip(" .")) if text.startswith(OFFICER_OPENINGS) else None
    if bare:
        out.append(new_action(bare.group("text"), bare.group("owner"), context))
    return out


def _owner_to_points(text: str, context: ActionContext, *, extra_due: str = "") -> list[ExtractedAction]:
    """The action-point shorthand: "PW to circulate …", "– Cllr Taylor to take the lead … and Cllr
    Clements to do …"; each point runs to the next point's owner."""
    points = _points(text, context)
    out: list[ExtractedAction] = []
    for index, (_, owner_text, start) in enumerate(points):
        end = points[index + 1][0] if index + 1 < len(points) else len(text)
        action_text = re.sub(r"\s+and\s*$", "", text[start:end].split(";")[0])
        out.append(new_action(action_text, owner_text, context, extra_due=extra_due))
    return out


def _points(text: str, context: ActionContext) -> list[tuple[int, str, int]]:
    """(owner start, owner, text start) of each "<owner> to <verb>" point in the text."""
    points: list[tuple[int, str, int]] = []
    position = 0
    while (found := TO_VERB.search(text, position)) is not None:
        position = found.start("text")  # the next point may start inside this one's text
        last = text[max(0, found.start() - 20) : found.start()].rsplit(" ", 1)[-1]
        if not (last[:1].isupper() or last.lower() in LOWER_ROLES):
            continue  # "in order to make", "agreed to send": no owner just before "to"
        owner = owner_ending_at(text, found.start(), context, chained_ok=bool(points), any_initials=True)
        if owner:
            points.append((owner[0], owner[1], found.start("text")))
    return points


def leading_owner_points(text: str, context: ActionContext, *, extra_due: str = "") -> list[ExtractedAction]:
    """A marked action that opens with its owner, "ACTION: Head of Integrated Commissioning to submit the
    plan by 10 June 2024": the owner holds the step (none when the text does not open with one)."""
    if " to " not in text:
        return []
    points = _points(text, context)
    return _owner_to_points(text, context, extra_due=extra_due) if points and points[0][0] == 0 else []


def _to_have(text: str, context: ActionContext) -> list[ExtractedAction]:
    """A US motion "… to have Carrie sign up for the classes": the person named does it (or the office,
    "to have Village administration send …")."""
    people = [match for match in TO_HAVE.finditer(text) if is_person(match.group("owner"), context)]
    offices = [] if people else list(TO_HAVE_OFFICE.finditer(text))
    return [new_action(match.group("text"), match.group("owner"), context) for match in people + offices]


def _agenda_step(text: str, context: ActionContext) -> list[ExtractedAction]:
    """ "the subject should be added to the agenda for the next meeting" (not a hedge, not a standing
    heading such as "Items to be included on the next agenda")."""
    found = AGENDA_STEP.search(text)
    if not found:
        return []
    clause = text[
        max(text.rfind(";", 0, found.start()), text.rfind(". ", 0, found.start())) + 1 : found.end()
    ]
    if HEDGE.search(clause) or GENERIC_AGENDA.match(clause.strip()):
        return []
    step = re.sub(r"^.*?\bthat\s+", "", clause.strip())
    return [new_action(re.split(r"\s+and\s+that\s+|,\s+and\s+", step)[0], None, context)]


def _may_be_duties_list(text: str, context: ActionContext) -> bool:
    """A duties list is a run of bare "Name verb …" clauses; narrative ("… was …", "… had …") is not one."""
    return bool(
        context.people
        and (len(text) < 160 or ", " in text)
        and " was " not in text
        and " were " not in text
        and " had " not in text
    )


def _duties(text: str, context: ActionContext) -> list[ExtractedAction]:
    """ "Gary take pictures of the truck, Linda and Carrie work with Rory on …, Ray speak with …"."""
    out: list[ExtractedAction] = []
    for match in DUTY_VERB.finditer(text):
        owner = owner_ending_at(text, match.start("text") - 1, context, chained_ok=True, roles=False)
        if owner:
            out.append(new_action(match.group("text"), owner[1], context))
    return out


# "Statements should be emailed to democratic.services@…": how the public takes part, a notice, not a step.
PUBLIC_SUBMISSION = re.compile(
    r"^(?:(?:all|any|written|public)\s+)?(?:statements|questions|comments|petitions|submissions|nominations|"
    r"objections|representations)\b",
    re.IGNORECASE,
)


# "Items to be added or deleted": a participle with an alternative names a choice, not a step.
ALTERNATIVE = re.compile(r"(?: (?:is|are))? (?:to|should) be [a-z]+ or [a-z]+(?:ed|en)\b")


def _passive_steps(text: str, context: ActionContext) -> list[ExtractedAction]:
    """A clause that is only a noun phrase and "to be" done: "A letter to be sent to the Environment
    Agency", "1. Dog fouling to be an agenda item"."""
    out: list[ExtractedAction] = []
    for match in PASSIVE_VERB.finditer(text):
        offset = max(0, match.start() - OWNER_WINDOW)
        starts = [
            start
            for start in PASSIVE_START.finditer(text, offset, match.start())
            if start.start() > offset or offset == 0
        ]
        if not starts:
            continue
        subject = text[starts[-1].end() : match.start()]
        if (
            subject
            and NOUN_PHRASE.fullmatch(subject)
            and not NOT_A_NOUN_PHRASE.search(subject)
            and not PRONOUN.match(subject.split()[0])
        ):
            if match.group("modal") == "should" and HEDGE.search(text):
                continue  # "it was suggested the goal posts should be included": a view, not a step
            if PUBLIC_SUBMISSION.match(subject) or ALTERNATIVE.match(match.group(0)):
                continue
            out.append(new_action(subject + match.group(0), None, context))
    return out
