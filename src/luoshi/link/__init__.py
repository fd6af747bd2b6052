"""Stage: link."""
