"""One module per area: statements (principles, goals, outcomes), indicators, health, pulse."""
