"""Pure computation of the programmes app: attendance, feedback, learning sets, table plans."""
