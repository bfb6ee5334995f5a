"""One module per area: strategies (phases, checklists, gates), appraisals, portfolio (reviews, self-assessments)."""
