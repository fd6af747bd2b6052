"""audit: refuse TRUNCATE audit_events on PostgreSQL (UPDATE and DELETE are refused since 0001)

Revision ID: 0012_audit_truncate
Revises: 0011_sessions
"""

from __future__ import annotations

from alembic import op

revision = "0012_audit_truncate"
down_revision = "0011_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """SQLite has no TRUNCATE (its DELETE trigger already covers ``DELETE FROM audit_events``)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(  # data kept: this adds a trigger that refuses TRUNCATE; nothing is deleted
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
