"""closure: deadline extensions (延期申请), task reopenings (撤销销号), acceptance override reasons

Revision ID: 0010_closure
Revises: 0009_progress_percent
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_closure"
down_revision: str | None = "0009_progress_percent"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("supervision_events") as batch:
        batch.add_column(sa.Column("override", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "deadline_extensions",
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("old_due", sa.Date(), nullable=False),
        sa.Column("new_due", sa.Date(), nullable=False),
        sa.Column("milestones", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=100), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["supervision_orders.id"],
            name=op.f("fk_deadline_extensions_order_id_supervision_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_deadline_extensions_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_extensions")),
    )
    op.create_index(op.f("ix_deadline_extensions_order_id"), "deadline_extensions", ["order_id"])
    op.create_index(op.f("ix_deadline_extensions_task_id"), "deadline_extensions", ["task_id"])
    op.create_table(
        "task_reopenings",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("reopened_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reopened_by", sa.String(length=100), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=False),
        sa.Column("grade", sa.String(length=10), nullable=False),
        sa.Column("accepted_by", sa.String(length=100), nullable=False),
        sa.Column("acceptance_note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_reopenings_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_reopenings")),
    )
    op.create_index(op.f("ix_task_reopenings_task_id"), "task_reopenings", ["task_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_task_reopenings_task_id"), table_name="task_reopenings")
    op.drop_table("task_reopenings")
    op.drop_index(op.f("ix_deadline_extensions_task_id"), table_name="deadline_extensions")
    op.drop_index(op.f("ix_deadline_extensions_order_id"), table_name="deadline_extensions")
    op.drop_table("deadline_extensions")
    with op.batch_alter_table("supervision_events") as batch:
        batch.drop_column("override")
