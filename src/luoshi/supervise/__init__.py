"""Stage: supervise."""
