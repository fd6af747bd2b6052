"""report unit: a report belongs to a unit of the catalogue (a county ingests its own work report)

Revision ID: 0018_report_unit
Revises: 0017_levels
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_report_unit"
down_revision: str | None = "0017_levels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_reports_unit_id"), ["unit_id"])
        batch.create_foreign_key(
            batch.f("fk_reports_unit_id_units"), "units", ["unit_id"], ["id"], ondelete="RESTRICT"
        )


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_constraint(batch.f("fk_reports_unit_id_units"), type_="foreignkey")
        batch.drop_index(batch.f("ix_reports_unit_id"))
        batch.drop_column("unit_id")
