"""Structures over time: localities, successions of organisations, histories of bodies."""

from __future__ import annotations
