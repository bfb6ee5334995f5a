"""Pure computation for development programmes and events (no Django)."""
