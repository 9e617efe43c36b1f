"""The study edition: content version, xAPI statements, the LRS and the dose report."""
