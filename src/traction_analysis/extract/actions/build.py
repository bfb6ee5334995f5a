"""The action record: the text tidied (markup, trailing clauses and its due date removed), the owner
normalised, the due date found, and near-duplicates dropped."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.dates import due_date
from traction_analysis.extract.actions.features import CORPORATE_SELF
from traction_analysis.extract.actions.owners import owner_name
from traction_analysis.extract.actions.vocabulary import VERB
from traction_analysis.extract.actions.voice import active_voice
from traction_analysis.extract.model import ExtractedAction

CLAUSE_END = re.compile(
    rf";|,?\s+(?:and|but)\s+(?:also\s+)?to\s+{VERB}\b|\s+despite\b|\s+(?:al)?though\b"
    r"|\s+whereas\b|,\s+and\s+such\b|\s+in accordance with\b|,\s+subject to\b"
    r"|,\s+as\s+(?:generally\s+)?(?:illustrated|outlined|set out|shown|described|detailed)\s+in\b"
)


MAX_TEXT = 300


# "by the end of March 2026": the due date, from its "by" to the last year in the same run of words. A run
# is cut at its last year before the phrase is looked for, so each "by" is read once: on a long run with no
# year after it ("by a by a by a …") every "by" would otherwise be read to the end of the run.
DUE_PHRASE = re.compile(
    r"\s*\b(?:by|on or before|before|no later than)\s+(?:noon\s+)?(?:on\s+)?(?:the\s+)?[\w ,]*\d{4}\b",
    re.IGNORECASE,
)
WORD_RUN = re.compile(r"[\w ,]+")
YEAR_END = re.compile(r"\d{4}\b")


def _without_due_date(run: re.Match[str]) -> str:
    """A run of words, commas and spaces (all a due date can span, once spacing is normalised) without its
    due date."""
    words = run.group()
    ends = [year.end() for year in YEAR_END.finditer(words)]
    if not ends:
        return words
    return DUE_PHRASE.sub("", words[: ends[-1]]) + words[ends[-1] :]


# "ask officers to review …" (not "Director of Public Health to circulate …": a role, not a verb).
ASK_TO = re.compile(
    rf"^(?:ask|request|instruct|direct)(?:s|ed|ing)?\s+(?:the\s+)?(?P<owner>[A-Za-z][\w’' ]{{1,50}}?)\s+to\s+"
    rf"(?P<text>{VERB}\b.*)$",
    re.IGNORECASE,
)


MARKUP = re.compile(r"<[^>]{0,200}>|&nbsp;?|&amp;")


def new_action(
    text: str, owner: str | None, context: ActionContext, *, extra_due: str = ""
) -> ExtractedAction:
    """The action with this text and owner: markup removed, "ask X to …" taken as X's step, a passive
    step said as the step ("Summary to be sent by JH": "Send summary", JH's), the due date found (in
    the text or ``extra_due``) and taken out of the text."""
    text = MARKUP.sub(" ", text)
    inner = ASK_TO.match(text) if text[:3].lower() in ("ask", "req", "ins", "dir") else None
    if (
        inner
        and (owner is None or CORPORATE_SELF.match(owner.strip()))
        and not CORPORATE_SELF.match(inner.group("owner"))
    ):
        # "the Committee agreed to ask officers to review …": the officers hold the action
        text, owner = inner.group("text"), inner.group("owner")
    text, by = active_voice(text)  # "Summary to be sent by JH": "Send summary", JH's
    if owner is None:
        owner = by
    due = due_date(f"{text} {extra_due}", context)
    text = _tidy(text, strip_dates=due is not None)
    return ExtractedAction(text, owner_name(owner, None) if owner else None, due)


def _tidy(text: str, *, strip_dates: bool) -> str:
    """The text on one line, cut at a trailing clause that is not the step, without its due date."""
    text = " ".join(text.split()).strip(" .;,")
    end = CLAUSE_END.search(text)
    if end and len(text[: end.start()].split()) >= 6:
        text = text[: end.start()]
    if strip_dates:
        text = WORD_RUN.sub(_without_due_date, text)
    text = text.strip(" .;,")
    text = text[:1].upper() + text[1:]
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT].rsplit(" ", 1)[0] + "…"


# "Circulate updated Sarcoma Pathway [completed]": an action log's status says the step is already done.
MARKED_DONE = re.compile(r"[\[(]\s*(?:completed?|closed|done|actioned)\s*[\])]$", re.IGNORECASE)


def dedupe(actions: list[ExtractedAction]) -> list[ExtractedAction]:
    """The actions in order, dropping one marked as already done and one that repeats an earlier one: the
    same owner (or none named on one of them) and nearly the same words. Sibling steps of a list ("send
    the scoliosis protocols", "send the neuro protocols") differ in the word that matters and both stay."""
    out: list[ExtractedAction] = []
    kept_words: list[set[str]] = []
    for action in actions:
        if MARKED_DONE.search(action.text):
            continue
        words = _words(action.text)
        recent = range(max(0, len(out) - DEDUPE_WINDOW), len(out))
        if any(_same_owner(action, out[i]) and _repeats(words, kept_words[i]) for i in recent):
            continue
        out.append(action)
        kept_words.append(words)
    return out


# A repeated step is said again near where it was first said (a decision and its action line); looking
# back only this far keeps an item with thousands of sentences linear.
DEDUPE_WINDOW = 64


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _same_owner(a: ExtractedAction, b: ExtractedAction) -> bool:
    if a.owner is None or b.owner is None:
        return True
    return a.owner.casefold() == b.owner.casefold()


# Words that do not tell two steps apart.
MINOR_WORDS = frozenset("a an the to of for and or in on at by with from be is are it this that".split())


def _repeats(a: set[str], b: set[str]) -> bool:
    """Nearly the same words: one text's words (leaving out the small ones) all within the other's. Two
    texts each with a word of their own ("scoliosis", "neuro") are two steps."""
    a, b = a - MINOR_WORDS, b - MINOR_WORDS
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 2 and (a <= b or b <= a))
