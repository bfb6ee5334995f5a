"""An action written in the passive, as clerks often write them ("Summary to be sent by JH", "Tree to be
obtained and Santa informed"), said as the step itself: "Send summary" (owner JH), "Obtain tree and
inform Santa". Only a text that opens with what is to be done and then "to be <participle>" is turned;
a participle whose verb cannot be told for sure is left as written."""

from __future__ import annotations

import re

PASSIVE = re.compile(
    r"^(?P<object>[A-Za-z£\d][^,;:()]{0,90}?)\s+(?:is\s+|are\s+)?(?:to|should|must)\s+be\s+"
    r"(?P<verb>(?:re-)?[a-z]+)\b(?P<rest>.*)$",
    re.DOTALL,
)


# "… would be forwarded to CC": a step only where a marker says who does it (see active_voice).
FUTURE_PASSIVE = re.compile(
    r"^(?P<object>[A-Za-z£\d][^,;:()]{0,90}?)\s+(?:will|would)\s+be\s+(?P<verb>[a-z]+)\b(?P<rest>.*)$",
    re.DOTALL,
)


# What is to be done is a noun phrase, not a clause ("it was agreed that …", "he said the hedge …").
NOT_AN_OBJECT = re.compile(
    r"\b(?:was|were|is|are|has|had|have|that|which|who|it|he|she|they|we|would|will|can|could|may|"
    r"might|agreed|asked|requested|said|reported|noted|needs?|needed|going|likely|expected|due|able)\b",
    re.IGNORECASE,
)


LOOSE_END = re.compile(r"\b(?:and|or|to|of|for|with)$", re.IGNORECASE)


IRREGULAR = {
    "sent": "send",
    "made": "make",
    "written": "write",
    "given": "give",
    "taken": "take",
    "brought": "bring",
    "held": "hold",
    "kept": "keep",
    "sought": "seek",
    "bought": "buy",
    "put": "put",
    "set": "set",
    "paid": "pay",
    "built": "build",
    "found": "find",
    "done": "do",
    "shown": "show",
    "drawn": "draw",
    "chosen": "choose",
    "sold": "sell",
    "told": "tell",
    "spent": "spend",
    "cut": "cut",
    "undertaken": "undertake",
    "read": "read",
    "laid": "lay",
    "met": "meet",
    "sent out": "send out",
}


# Verbs whose past participle a rule would get wrong.
KNOWN = {
    "added": "add",
    "emailed": "email",
    "detailed": "detail",
    "visited": "visit",
    "edited": "edit",
    "audited": "audit",
    "credited": "credit",
    "budgeted": "budget",
    "targeted": "target",
    "marketed": "market",
    "monitored": "monitor",
    "stored": "store",
    "restored": "restore",
    "explored": "explore",
    "ignored": "ignore",
    "scored": "score",
    "completed": "complete",
    "deleted": "delete",
    "focused": "focus",
    "installed": "install",
    "called": "call",
    "filled": "fill",
    "passed": "pass",
    "addressed": "address",
    "discussed": "discuss",
    "offered": "offer",
    "delivered": "deliver",
    "considered": "consider",
    "ordered": "order",
    "registered": "register",
    "entered": "enter",
    "answered": "answer",
    "opened": "open",
    "listened": "listen",
    "questioned": "question",
    "invited": "invite",
    "cited": "cite",
    "created": "create",
    "quoted": "quote",
    "repeated": "repeat",
    "treated": "treat",
    "heated": "heat",
    "seated": "seat",
}


PARTICLES = ("off", "up", "out", "back", "forward", "on", "round", "around")


# "sent back to …" has a particle; "sought on the best approach" has a preposition and its object.
PARTICLE = re.compile(
    rf"^\s+({'|'.join(PARTICLES)})\b(?!\s+(?:the|a|an|this|that|these|those|its|their|his|her|our|each|all)\b)"
)


# "by JH", "by the Clerk", "by Cllr Smith": who is to do it (a date after "by" is not an owner).
BY_OWNER = re.compile(
    r"\s+by\s+(?P<owner>(?:the\s+)?(?:[A-Z][\w’'/&.-]*)(?:\s+(?:[A-Z][\w’'/&.-]*|and|&|of)){0,4})(?=$|[\s,.;])"
)
NOT_BY_OWNER = re.compile(
    r"^(?:the\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Easter|"
    r"Christmas|Next|End|Spring|Summer|Autumn|Winter|Email|Post|Phone)",
)


# The second half of "Tree to be obtained and Santa informed".
AND_PASSIVE = re.compile(
    r"^\s+and\s+(?P<object>(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+(?P<verb>[a-z]+ed)\b(?P<rest>.*)$"
)


def base_form(participle: str) -> str | None:
    """ "circulated" -> "circulate", "sent" -> "send"; None when the word is no participle or its verb
    cannot be told."""
    word = participle.lower()
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word in KNOWN:
        return KNOWN[word]
    if len(word) < 5 or not word.endswith("ed"):
        return None
    if word.endswith("eed"):
        return word[:-1]  # agreed
    if word.endswith("ied"):
        return word[:-3] + "y"  # carried, notified
    stem = word[:-2]
    if re.search(r"([bdgmnprt])\1$", stem):
        return stem[:-1]  # submitted, planned
    if len(stem) >= 6 and stem.endswith("ll"):
        return stem[:-1]  # cancelled, initialled
    if stem.endswith("ss") or re.search(r"[aeiou]{2}[dm]$", stem):
        return stem  # discussed, needed, claimed
    if re.search(
        r"(?:[cvu]|[^aeiou]at|[aeiou][sz]|[^aeiou][aeiou][dmk]|[^aeiou][uo]t|[nr]g|[bdfgkpt]l|uir|"
        r"[^aeiou]in|[^aeiou]ar|[^aeiou]ur|[^aeiou]il|[^aeiou]ul)$",
        stem,
    ):
        return stem + "e"  # circulated, placed, provided, raised, arranged, tabled, shared, combined
    return stem  # contacted, obtained, informed, published, reviewed


def active_voice(text: str, *, owned: bool = False) -> tuple[str, str | None]:
    """The step said as a step, and who is to do it where the passive names them ("… by JH"); where a
    marker names the owner (``owned``), "… would be forwarded to CC" is a step too."""
    if " be " not in text:
        return text, None
    match = PASSIVE.match(text) or (FUTURE_PASSIVE.match(text) if owned else None)
    if not match or NOT_AN_OBJECT.search(match.group("object")) or LOOSE_END.search(match.group("object")):
        return text, None
    verb = base_form(match.group("verb"))
    if verb is None:
        return text, None
    what, rest = match.group("object").strip(), match.group("rest")
    owner = None
    by = BY_OWNER.search(rest)
    if by and not NOT_BY_OWNER.match(by.group("owner")):
        owner = by.group("owner")
        rest = rest[: by.start()] + rest[by.end() :]
    particle = PARTICLE.match(rest)
    if particle:
        verb, rest = f"{verb} {particle.group(1)}", rest[particle.end() :]
    second = AND_PASSIVE.match(rest)
    if (
        second
        and (second_verb := base_form(second.group("verb")))
        and not NOT_AN_OBJECT.search(second.group("object"))
    ):
        rest = f" and {second_verb} {_lower_first(second.group('object'))}{second.group('rest')}"
    return f"{verb[:1].upper()}{verb[1:]} {_lower_first(what)}{rest}", owner


def _lower_first(phrase: str) -> str:
    """ "The dashboard" -> "the dashboard", "Financials for previous years" -> "financials for …"; a name,
    an acronym or a single word ("Santa") stays as written."""
    first, _, after = phrase.partition(" ")
    if first in DETERMINERS or first[:1].isupper() and first[1:].islower() and after[:1].islower():
        return first.lower() + (" " + after if after else "")
    return phrase


DETERMINERS = frozenset({"The", "A", "An", "This", "These", "Those", "All", "Any", "Each", "Every"})
