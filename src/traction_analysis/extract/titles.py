"""Make a printed heading into a clean item title."""

from __future__ import annotations

import re

from traction_analysis.extract.numbering import TRAILING_ITEM_REF, title_like

MAX_TITLE = 200
# Spaced hyphens and en/em dashes separate a title from attributions; "2024–25" is a range, not a break.
DASH_SPLIT = re.compile(r"(?<!\d)\s*[–—]\s*(?!\d)|\s+-\s+")
DISPOSITION_WORD = re.compile(
    r"^(?:APPROVED|ADOPTED|AGREED|CARRIED|NOTED|RECEIVED|DEFERRED|REFERRED|PASSED|ACCEPTED|"
    r"CONFIRMED|REJECTED|WITHDRAWN|LOST)$",
    re.IGNORECASE,
)
# "B. Munro (motion), Z. Maiorca (second)", "Cllr. Stephen Keary", "Mr J Smith": who moved or presented.
ATTRIBUTION = re.compile(
    r"\((?:motion|second|seconded|mover|seconder)\)|^(?:[A-Z]\.\s?)+[A-Z][a-z]+|"
    r"^(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Commissioner|Mayor)\b\.?",
)
TRAILING_TIME = re.compile(r"\s+at\s+\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)(?=$|\s)", re.IGNORECASE)


def clean_title(raw: str) -> str:
    """Drop item references, mover attributions, disposition words and sentences glued to a title."""
    # Each pattern is tried only where the title has the character its every match holds: most titles have
    # none, and a pattern that opens with ``\s*`` is tried at every position of the title in vain.
    title = raw.strip()
    if ")" in title:
        title = TRAILING_ITEM_REF.sub("", title)
    parts = (
        [part for part in DASH_SPLIT.split(title) if part.strip()]
        if "-" in title or "–" in title or "—" in title
        else []  # one part at most: nothing to split
    )
    if len(parts) > 1:
        kept = [
            part
            for part in parts
            if not DISPOSITION_WORD.match(part.strip()) and not ATTRIBUTION.search(part.strip())
        ]
        kept = kept or parts[:1]
        # A heading followed by narrative ("City Manager reports - Mr X announced ...") keeps the heading.
        while len(kept) > 1 and not title_like(kept[-1]) and title_like(kept[0]):
            kept.pop()
        title = " – ".join(part.strip() for part in kept)
    if "at" in title.lower():  # TRAILING_TIME's " at " in any case
        title = TRAILING_TIME.sub("", title)
    title = title.strip(" .:;–—-")
    if len(title) > MAX_TITLE:
        title = title[:MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return title
