"""Extraction: from a Document to the meeting's items, outcomes and actions.

``extract(document)`` returns a :class:`MeetingExtract`; ``to_json()`` gives the one-line JSON that
``traction extract --json`` prints and the evaluation scorer reads. Pure Python, no Django.
"""
from traction_analysis.extract.engine import extract
from traction_analysis.extract.model import OUTCOMES, ExtractedAction, ExtractedItem, MeetingExtract, Outcome

__all__ = ["OUTCOMES", "ExtractedAction", "ExtractedItem", "MeetingExtract", "Outcome", "extract"]
