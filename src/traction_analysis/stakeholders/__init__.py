"""Pure computation for stakeholders and structural change: no Django."""
