"""Action learning sets: members, a facilitator, a cadence, meetings, and notes only the members read."""

from __future__ import annotations
