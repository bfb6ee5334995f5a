"""Rival change options and priorities and values exercises."""

from __future__ import annotations
