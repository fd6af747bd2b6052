"""task returns: the office sends a task reported done back to its unit with a reason

Revision ID: 0007_task_returns
Revises: 0006_outcomes
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_task_returns"
down_revision: str | None = "0006_outcomes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "task_returns",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("returned_by", sa.String(length=100), nullable=False),
        sa.Column("after_report_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_returns_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_returns")),
    )
    op.create_index(op.f("ix_task_returns_task_id"), "task_returns", ["task_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_task_returns_task_id"), table_name="task_returns")
    op.drop_table("task_returns")
