"""Shared direction and partnership health: the pure computation behind the direction pages."""
