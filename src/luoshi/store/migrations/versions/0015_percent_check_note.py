"""percent check note: the office's reason when it confirms or corrects a self-assessed percentage

Revision ID: 0015_percent_check_note
Revises: 0012_audit_truncate
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_percent_check_note"
down_revision: str | None = "0014_task_leader"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("progress_reports") as batch:
        batch.add_column(sa.Column("percent_check_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("progress_reports") as batch:
        batch.drop_column("percent_check_note")
