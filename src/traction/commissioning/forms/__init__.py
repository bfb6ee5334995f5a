"""One module per area: strategies (phases, checklists, gates), appraisals, portfolio."""
