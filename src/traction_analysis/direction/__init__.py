"""Pure computation for the shared direction: Fingertips answers, local value files, turn-the-curve charts."""
