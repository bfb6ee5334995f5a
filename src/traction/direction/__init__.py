"""Shared direction and partnership health: principles, goals, outcomes with indicators, health checks and
trust pulses."""
