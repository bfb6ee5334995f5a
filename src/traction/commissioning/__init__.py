"""The commissioning cycle: strategies through Analyse, Plan, Do and Review, with gates, options appraisals,
outcome reviews, a portfolio and a yearly self-assessment."""
