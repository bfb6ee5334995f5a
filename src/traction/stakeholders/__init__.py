"""Stakeholders and structural change."""
