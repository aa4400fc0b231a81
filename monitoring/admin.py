"""Nothing to administer: the dashboard is read-only."""
