"""Pure computation for stakeholders and structural change."""
