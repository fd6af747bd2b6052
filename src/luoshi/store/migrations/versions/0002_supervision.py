"""supervision: orders on the 13710 clock, their timeline, the notification outbox

Revision ID: 0002_supervision
Revises: 0001_ledger
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_supervision"
down_revision: str | None = "0001_ledger"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "supervision_orders",
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("policy", sa.String(length=200), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("progress_report_id", sa.Integer(), nullable=True),
        sa.Column("lead_unit_id", sa.Integer(), nullable=False),
        sa.Column("co_unit_ids", sa.JSON(), nullable=False),
        sa.Column("leader", sa.String(length=100), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("raised_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"],
            ["units.id"],
            name=op.f("fk_supervision_orders_lead_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["progress_report_id"],
            ["progress_reports.id"],
            name=op.f("fk_supervision_orders_progress_report_id_progress_reports"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_supervision_orders_task_id_tasks"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_orders")),
    )
    op.create_index(
        op.f("ix_supervision_orders_lead_unit_id"), "supervision_orders", ["lead_unit_id"], unique=False
    )
    op.create_index(
        op.f("ix_supervision_orders_raised_on"), "supervision_orders", ["raised_on"], unique=False
    )
    op.create_index(op.f("ix_supervision_orders_task_id"), "supervision_orders", ["task_id"], unique=False)
    op.create_table(
        "outbox",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("channel", sa.String(length=50), nullable=False),
        sa.Column("recipient", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["supervision_orders.id"],
            name=op.f("fk_outbox_order_id_supervision_orders"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_key")),
    )
    op.create_index(op.f("ix_outbox_channel"), "outbox", ["channel"], unique=False)
    op.create_index(op.f("ix_outbox_next_attempt_at"), "outbox", ["next_attempt_at"], unique=False)
    op.create_index(op.f("ix_outbox_order_id"), "outbox", ["order_id"], unique=False)
    op.create_index(op.f("ix_outbox_sent_at"), "outbox", ["sent_at"], unique=False)
    op.create_table(
        "supervision_events",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("grade", sa.String(length=10), nullable=True),
        sa.Column("stage", sa.String(length=300), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("milestones", sa.JSON(), nullable=False),
        sa.Column("ladder_key", sa.String(length=400), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["supervision_orders.id"],
            name=op.f("fk_supervision_events_order_id_supervision_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_events")),
        sa.UniqueConstraint("ladder_key", name=op.f("uq_supervision_events_ladder_key")),
    )
    op.create_index(op.f("ix_supervision_events_order_id"), "supervision_events", ["order_id"], unique=False)

    op.create_table(
        "task_acceptances",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=False),
        sa.Column("grade", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("accepted_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_acceptances_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_acceptances")),
        sa.UniqueConstraint("task_id", name=op.f("uq_task_acceptances_task_id")),
    )


def downgrade() -> None:
    op.drop_table("task_acceptances")
    op.drop_index(op.f("ix_supervision_events_order_id"), table_name="supervision_events")
    op.drop_table("supervision_events")
    op.drop_index(op.f("ix_outbox_sent_at"), table_name="outbox")
    op.drop_index(op.f("ix_outbox_order_id"), table_name="outbox")
    op.drop_index(op.f("ix_outbox_next_attempt_at"), table_name="outbox")
    op.drop_index(op.f("ix_outbox_channel"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_supervision_orders_task_id"), table_name="supervision_orders")
    op.drop_index(op.f("ix_supervision_orders_raised_on"), table_name="supervision_orders")
    op.drop_index(op.f("ix_supervision_orders_lead_unit_id"), table_name="supervision_orders")
    op.drop_table("supervision_orders")
