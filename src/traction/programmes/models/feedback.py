"""Feedback that reaches outcomes: after each session, at the end of a programme, and months later."""

from __future__ import annotations
