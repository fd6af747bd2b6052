"""levels: a task or an order handed down (转办) to a county keeps its parent; a task, its county

Revision ID: 0017_levels
Revises: 0016_port
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_levels"
down_revision: str | None = "0016_port"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("handed_to_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_tasks_parent_id"), ["parent_id"])
        batch.create_foreign_key(
            batch.f("fk_tasks_parent_id_tasks"), "tasks", ["parent_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_foreign_key(
            batch.f("fk_tasks_handed_to_id_units"), "units", ["handed_to_id"], ["id"], ondelete="RESTRICT"
        )

    with op.batch_alter_table("supervision_orders") as batch:
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_supervision_orders_parent_id"), ["parent_id"])
        batch.create_foreign_key(
            batch.f("fk_supervision_orders_parent_id_supervision_orders"),
            "supervision_orders",
            ["parent_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("supervision_orders") as batch:
        batch.drop_constraint(
            batch.f("fk_supervision_orders_parent_id_supervision_orders"), type_="foreignkey"
        )
        batch.drop_index(batch.f("ix_supervision_orders_parent_id"))
        batch.drop_column("parent_id")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_constraint(batch.f("fk_tasks_handed_to_id_units"), type_="foreignkey")
        batch.drop_constraint(batch.f("fk_tasks_parent_id_tasks"), type_="foreignkey")
        batch.drop_index(batch.f("ix_tasks_parent_id"))
        batch.drop_column("handed_to_id")
        batch.drop_column("parent_id")
