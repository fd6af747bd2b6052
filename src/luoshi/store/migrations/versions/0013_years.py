"""years: a ledger year per task (结转 links it to its origin), year-end decisions, frozen year
reviews and proposed links between a carried task and the new report's restatement

Revision ID: 0013_years
Revises: 0012_audit_truncate
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_years"
down_revision: str | None = "0012_audit_truncate"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("origin_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_tasks_year"), ["year"])
        batch.create_index(batch.f("ix_tasks_origin_id"), ["origin_id"])
        batch.create_foreign_key(
            batch.f("fk_tasks_origin_id_tasks"), "tasks", ["origin_id"], ["id"], ondelete="SET NULL"
        )
    # every existing task belongs to its report's year (data kept: a column filled, nothing removed)
    op.execute(
        "UPDATE tasks SET year = (SELECT reports.year FROM reports WHERE reports.id = tasks.report_id)"
    )
    op.create_table(
        "year_decisions",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("carried_task_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["carried_task_id"],
            ["tasks.id"],
            name=op.f("fk_year_decisions_carried_task_id_tasks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_year_decisions_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_year_decisions")),
        sa.UniqueConstraint("task_id", name=op.f("uq_year_decisions_task_id")),
    )
    op.create_index(op.f("ix_year_decisions_year"), "year_decisions", ["year"])
    op.create_table(
        "year_closures",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_year_closures")),
        sa.UniqueConstraint("year", name=op.f("uq_year_closures_year")),
    )
    op.create_table(
        "task_links",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("carried_id", sa.Integer(), nullable=True),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["carried_id"], ["tasks.id"], name=op.f("fk_task_links_carried_id_tasks"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"], ["tasks.id"], name=op.f("fk_task_links_origin_id_tasks"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_links_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_links")),
        sa.UniqueConstraint("task_id", "carried_id", name=op.f("uq_task_links_task_id_carried_id")),
    )
    op.create_index(op.f("ix_task_links_carried_id"), "task_links", ["carried_id"])
    op.create_index(op.f("ix_task_links_task_id"), "task_links", ["task_id"])
    op.create_index(op.f("ix_task_links_year"), "task_links", ["year"])


def downgrade() -> None:
    op.drop_table("task_links")
    op.drop_table("year_closures")
    op.drop_table("year_decisions")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_constraint(batch.f("fk_tasks_origin_id_tasks"), type_="foreignkey")
        batch.drop_index(batch.f("ix_tasks_origin_id"))
        batch.drop_index(batch.f("ix_tasks_year"))
        batch.drop_column("origin_id")
        batch.drop_column("year")
