"""Suggested themes from listening notes: fragments (sentences with their spans), TF-IDF, a deterministic
clustering, and labels drawn from each group's own words. Pure Python; no Django."""

from traction_analysis.themes.suggest import THIN_BELOW, Suggestion, Suggestions, suggest_themes
from traction_analysis.themes.text import Fragment, split_fragments

__all__ = ["THIN_BELOW", "Fragment", "Suggestion", "Suggestions", "split_fragments", "suggest_themes"]
