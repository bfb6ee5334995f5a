"""Pure computation of the stakeholders app: the grid and its replay, priorities, structures, networks."""
