"""Pure computations of the shared direction and partnership health (no Django)."""
