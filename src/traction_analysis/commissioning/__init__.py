"""Pure computation of the commissioning cycle: gates, appraisals and the portfolio."""
