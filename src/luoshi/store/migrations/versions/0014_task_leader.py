"""task leader: the responsible leader (牵头领导, a post) a breakdown document names for a task

Revision ID: 0014_task_leader
Revises: 0012_audit_truncate
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_task_leader"
down_revision: str | None = "0013_years"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("leader", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("leader")
