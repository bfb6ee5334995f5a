"""Pure computation for the stakeholders and structural change app (no Django)."""
