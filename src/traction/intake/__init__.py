"""Documents and review."""
