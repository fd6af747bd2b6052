"""outline: a part's or section's number need not be unique in its report

The reader may split one numbered part into a review half and a plan half (national reports:
"二、…发展成就和…目标任务"), so two parts can carry the same number. Order is the insert order.

Revision ID: 0005_outline
Revises: 0004_merge
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005_outline"
down_revision: str | None = "0004_merge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("parts") as batch:
        batch.drop_constraint("uq_parts_report_id_number", type_="unique")
    with op.batch_alter_table("sections") as batch:
        batch.drop_constraint("uq_sections_part_id_number", type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("sections") as batch:
        batch.create_unique_constraint("uq_sections_part_id_number", ["part_id", "number"])
    with op.batch_alter_table("parts") as batch:
        batch.create_unique_constraint("uq_parts_report_id_number", ["report_id", "number"])
