"""Pure computation for the shared direction and partnership health (no Django)."""
