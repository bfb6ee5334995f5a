"""Pure computation for the stakeholders and change pages (no Django)."""
