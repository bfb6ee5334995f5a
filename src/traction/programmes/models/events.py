"""Whole-system future-scenario events: groups, invitations, the table plan, the agenda and the outputs."""

from __future__ import annotations
