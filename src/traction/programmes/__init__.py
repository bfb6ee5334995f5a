"""Development programmes and whole-system events."""
