"""Who "he", "she" or "they" is: the last named speaker, looked for only when a pronoun needs it."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.owners import (
    LEADING_PERSON,
    TRAILING_PERSON,
    is_person,
    may_name_someone,
    trim_subject,
)
from traction_analysis.extract.actions.vocabulary import PEOPLE, SPEECH

SPEAKER_PRONOUN = re.compile(
    rf"^(?P<speaker>(?:[Tt]he\s+)?[A-Z][^,;]{{1,80}}?)\s+{SPEECH}\s+(?:that\s+)?(?:he|she|they)$"
)


TRIGGER_REPORTER = re.compile(rf"\b{SPEECH}\b")


REPORTER = re.compile(rf"^(?P<subject>(?:The |the )?[A-Z][^,;]{{2,90}}?)\s+{SPEECH}\b")


REPORTER_LOOKBACK = 12


# "There was hope that the proposals outlined …" names no speaker.
NOT_A_SPEAKER = re.compile(r"^(?:he|she|they|it|we|i|this|that|there|which|who|to)\b|\bthat\b", re.IGNORECASE)


ADDRESSEE = re.compile(
    rf"\b(?:asked|questioned)\s+{PEOPLE}(?=\s+(?:of|about|whether|if|why|how|what|when|to)\b)"
)


FIRST_VERB = re.compile(
    r"\s(?:had|has|was|were|is|agreed|reported|said|advised|noted|would|will|confirmed|stated)\b"
)


class Reporter:
    """Who "he", "she" or "they" is: the last named speaker or person a sentence starts with, up to this
    sentence. Looked for only when a pronoun needs it (most sentences never ask)."""

    __slots__ = ("texts", "index", "context")

    def __init__(self, texts: list[str], index: int, context: ActionContext) -> None:
        self.texts, self.index, self.context = texts, index, context

    def __call__(self) -> str | None:
        """The person a pronoun in this sentence stands for, looking back a few sentences."""
        for position in range(self.index, max(-1, self.index - REPORTER_LOOKBACK), -1):
            text = self.texts[position]
            if position == self.index - 1 and ("asked" in text or "questioned" in text):
                # "Jan questioned Ray Barnes of Jennifer's interest … He will speak to Jennifer": the one
                # asked answers
                match = ADDRESSEE.search(text)
                if match and is_person(match.group("owner"), self.context):
                    return match.group("owner")
            match = REPORTER.match(text) if TRIGGER_REPORTER.search(text) else None
            if match and not NOT_A_SPEAKER.search(match.group("subject")):
                return trim_subject(match.group("subject"), self.context)
            if may_name_someone(text, self.context):
                match = LEADING_PERSON.match(text)
                if match and is_person(match.group("owner"), self.context):
                    return match.group("owner")
            verb = FIRST_VERB.search(text, 0, 120)
            if verb:  # "Housing and Rents in Central Govan JF had again contacted …": a heading run into it
                match = TRAILING_PERSON.search(text, 0, verb.start())
                if match and is_person(match.group("owner"), self.context):
                    return match.group("owner")
        return None


def no_reporter() -> str | None:
    """For a text read on its own: no earlier sentence names a speaker."""
    return None
