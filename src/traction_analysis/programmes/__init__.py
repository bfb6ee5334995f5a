"""Pure computation for development programmes and whole-system events (no Django)."""
