"""Extraction: from a Document to the meeting's items, outcomes and actions.

``extract(document)`` returns a :class:`MeetingExtract`; ``to_json()`` gives the one-line JSON that
``traction extract --json`` prints and the evaluation scorer reads. What a person reviews is a
:class:`ProposedItem` made from it (``proposed_items``). Pure Python, no Django.
"""

from traction_analysis.extract.engine import extract
from traction_analysis.extract.model import OUTCOMES, ExtractedAction, ExtractedItem, MeetingExtract, Outcome
from traction_analysis.extract.proposed import ProposedAction, ProposedItem, ProposedItemError, proposed_items

__all__ = [
    "OUTCOMES",
    "ExtractedAction",
    "ExtractedItem",
    "MeetingExtract",
    "Outcome",
    "ProposedAction",
    "ProposedItem",
    "ProposedItemError",
    "extract",
    "proposed_items",
]
