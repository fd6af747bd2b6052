"""progress percent: a self-assessed percentage on a progress report, and the office's check of it

Revision ID: 0009_progress_percent
Revises: 0008_holiday_schedules
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_progress_percent"
down_revision: str | None = "0008_holiday_schedules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("progress_reports") as batch:
        batch.add_column(sa.Column("percent", sa.Float(), nullable=True))
        batch.add_column(sa.Column("percent_checked", sa.Float(), nullable=True))
        batch.add_column(sa.Column("percent_checked_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("percent_checked_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("progress_reports") as batch:
        batch.drop_column("percent_checked_on")
        batch.drop_column("percent_checked_by")
        batch.drop_column("percent_checked")
        batch.drop_column("percent")
