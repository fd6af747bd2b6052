"""outcomes: actual values a user enters where no stored report states them (with their source)

Verdicts are not stored: they are derived on read from the stored reports and these rows.

Revision ID: 0006_outcomes
Revises: 0005_outline
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_outcomes"
down_revision: str | None = "0005_outline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outcomes",
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=200), nullable=False),
        sa.Column("metric", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(length=100), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
        sa.UniqueConstraint(
            "region", "year", "indicator", "metric", name=op.f("uq_outcomes_region_year_indicator_metric")
        ),
    )
    op.create_index(op.f("ix_outcomes_region"), "outcomes", ["region"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_outcomes_region"), table_name="outcomes")
    op.drop_table("outcomes")
