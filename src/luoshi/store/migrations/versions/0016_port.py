"""互联网+督查: requests from the public and companies, their filers and steps; model cases

Revision ID: 0019_port
Revises: 0012_audit_truncate
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_port"
down_revision: str | None = "0015_percent_check_note"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "public_requests",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("policy", sa.String(length=200), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("address_key", sa.String(length=64), nullable=False),
        sa.Column("contact_key", sa.String(length=64), nullable=False),
        sa.Column("subject_key", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        _id(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["supervision_orders.id"],
            name=op.f("fk_public_requests_order_id_supervision_orders"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_public_requests_task_id_tasks"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_requests")),
        sa.UniqueConstraint("code", name=op.f("uq_public_requests_code")),
    )  # fmt: skip
    for column in (
        "task_id",
        "filed_on",
        "filed_at",
        "address_key",
        "contact_key",
        "subject_key",
        "order_id",
    ):
        op.create_index(op.f(f"ix_public_requests_{column}"), "public_requests", [column], unique=False)
    op.create_table(
        "request_filers",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("erased_on", sa.Date(), nullable=True),
        _id(),
        sa.ForeignKeyConstraint(
            ["request_id"], ["public_requests.id"],
            name=op.f("fk_request_filers_request_id_public_requests"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_filers")),
        sa.UniqueConstraint("request_id", name=op.f("uq_request_filers_request_id")),
    )  # fmt: skip
    op.create_table(
        "request_events",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("public_note", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        _id(),
        sa.ForeignKeyConstraint(
            ["request_id"], ["public_requests.id"],
            name=op.f("fk_request_events_request_id_public_requests"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_events")),
    )  # fmt: skip
    op.create_index(op.f("ix_request_events_request_id"), "request_events", ["request_id"], unique=False)
    op.create_table(
        "model_cases",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("marked_on", sa.Date(), nullable=False),
        sa.Column("marked_by", sa.String(length=100), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        _id(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["supervision_orders.id"],
            name=op.f("fk_model_cases_order_id_supervision_orders"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_model_cases_task_id_tasks"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_model_cases_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_cases")),
    )  # fmt: skip
    for column in ("unit_id", "task_id", "order_id", "marked_on"):
        op.create_index(op.f(f"ix_model_cases_{column}"), "model_cases", [column], unique=False)


def downgrade() -> None:
    op.drop_table("model_cases")
    op.drop_table("request_events")
    op.drop_table("request_filers")
    op.drop_table("public_requests")
