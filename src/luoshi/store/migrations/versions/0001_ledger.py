"""ledger: reports, units, tasks, progress, audit (append-only by trigger)

Revision ID: 0001_ledger
Revises:
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_ledger"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_at"), "audit_events", ["at"], unique=False)
    op.create_index("ix_audit_events_entity", "audit_events", ["entity", "entity_id"], unique=False)
    op.create_index(op.f("ix_audit_events_task_id"), "audit_events", ["task_id"], unique=False)
    op.create_table(
        "reports",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("speaker", sa.String(length=100), nullable=True),
        sa.Column("source", sa.String(length=1000), nullable=True),
        sa.Column("format", sa.String(length=10), nullable=True),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("ingested_by", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("region", "year", "version", name=op.f("uq_reports_region_year_version")),
        sa.UniqueConstraint("sha256", name=op.f("uq_reports_sha256")),
    )
    op.create_index(op.f("ix_reports_region"), "reports", ["region"], unique=False)
    op.create_index(op.f("ix_reports_year"), "reports", ["year"], unique=False)
    op.create_table(
        "units",
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["units.id"], name=op.f("fk_units_parent_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("code", name=op.f("uq_units_code")),
        sa.UniqueConstraint("name", name=op.f("uq_units_name")),
    )
    op.create_index(op.f("ix_units_parent_id"), "units", ["parent_id"], unique=False)
    op.create_table(
        "parts",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_parts_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parts")),
        sa.UniqueConstraint("report_id", "number", name=op.f("uq_parts_report_id_number")),
    )
    op.create_index(op.f("ix_parts_report_id"), "parts", ["report_id"], unique=False)
    op.create_table(
        "quantities",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=10), nullable=False),
        sa.Column("section", sa.String(length=500), nullable=True),
        sa.Column("theme", sa.String(length=500), nullable=True),
        sa.Column("indicator", sa.String(length=200), nullable=False),
        sa.Column("canonical_indicator", sa.String(length=200), nullable=True),
        sa.Column("metric", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("value_high", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=50), nullable=False),
        sa.Column("modifier", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("headline_target", sa.Boolean(), nullable=False),
        sa.Column("written", sa.String(length=200), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("bodies", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_quantities_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quantities")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_quantities_report_id_ordinal")),
    )
    op.create_index(
        op.f("ix_quantities_canonical_indicator"), "quantities", ["canonical_indicator"], unique=False
    )
    op.create_index("ix_quantities_indicator_year", "quantities", ["indicator", "year"], unique=False)
    op.create_index(op.f("ix_quantities_report_id"), "quantities", ["report_id"], unique=False)
    op.create_table(
        "report_texts",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("clean", sa.Text(), nullable=False),
        sa.Column("offset_map", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_texts_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_texts")),
    )
    op.create_table(
        "task_forces",
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"],
            ["units.id"],
            name=op.f("fk_task_forces_lead_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_forces")),
        sa.UniqueConstraint("code", name=op.f("uq_task_forces_code")),
        sa.UniqueConstraint("name", name=op.f("uq_task_forces_name")),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_users_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_index(op.f("ix_users_unit_id"), "users", ["unit_id"], unique=False)
    op.create_table(
        "sections",
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["part_id"], ["parts.id"], name=op.f("fk_sections_part_id_parts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sections")),
        sa.UniqueConstraint("part_id", "number", name=op.f("uq_sections_part_id_number")),
    )
    op.create_index(op.f("ix_sections_part_id"), "sections", ["part_id"], unique=False)
    op.create_table(
        "task_force_members",
        sa.Column("task_force_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_force_id"],
            ["task_forces.id"],
            name=op.f("fk_task_force_members_task_force_id_task_forces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_task_force_members_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_force_members")),
        sa.UniqueConstraint(
            "task_force_id", "unit_id", name=op.f("uq_task_force_members_task_force_id_unit_id")
        ),
    )
    op.create_index(
        op.f("ix_task_force_members_task_force_id"), "task_force_members", ["task_force_id"], unique=False
    )
    op.create_index(op.f("ix_task_force_members_unit_id"), "task_force_members", ["unit_id"], unique=False)
    op.create_table(
        "tasks",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("part", sa.String(length=10), nullable=False),
        sa.Column("section", sa.String(length=500), nullable=True),
        sa.Column("theme", sa.String(length=500), nullable=True),
        sa.Column("verb", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("bodies", sa.JSON(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("deadline_source", sa.String(length=10), nullable=False),
        sa.Column("main_quantity_id", sa.Integer(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_value_high", sa.Float(), nullable=True),
        sa.Column("target_unit", sa.String(length=50), nullable=True),
        sa.Column("target_modifier", sa.String(length=10), nullable=True),
        sa.Column("indicator", sa.String(length=200), nullable=True),
        sa.Column("cadence", sa.String(length=10), nullable=False),
        sa.Column("due_day", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("quantity_ids", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["main_quantity_id"],
            ["quantities.id"],
            name=op.f("fk_tasks_main_quantity_id_quantities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_tasks_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_tasks_report_id_ordinal")),
    )
    op.create_index(op.f("ix_tasks_deadline"), "tasks", ["deadline"], unique=False)
    op.create_index(op.f("ix_tasks_report_id"), "tasks", ["report_id"], unique=False)
    op.create_index(op.f("ix_tasks_section"), "tasks", ["section"], unique=False)
    op.create_table(
        "assignments",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("assigned_by", sa.String(length=100), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=100), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_assignments_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_assignments_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint("task_id", "unit_id", name=op.f("uq_assignments_task_id_unit_id")),
    )
    op.create_index(op.f("ix_assignments_task_id"), "assignments", ["task_id"], unique=False)
    op.create_index(op.f("ix_assignments_unit_id"), "assignments", ["unit_id"], unique=False)
    op.create_table(
        "milestones",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_milestones_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestones")),
    )
    op.create_index(op.f("ix_milestones_task_id"), "milestones", ["task_id"], unique=False)
    op.create_table(
        "progress_reports",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("reporter", sa.String(length=100), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_progress_reports_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_progress_reports_unit_id_units"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_reports")),
    )
    op.create_index(op.f("ix_progress_reports_period"), "progress_reports", ["period"], unique=False)
    op.create_index(op.f("ix_progress_reports_task_id"), "progress_reports", ["task_id"], unique=False)
    op.create_table(
        "evidence",
        sa.Column("progress_report_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["progress_report_id"],
            ["progress_reports.id"],
            name=op.f("fk_evidence_progress_report_id_progress_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    op.create_index(op.f("ix_evidence_progress_report_id"), "evidence", ["progress_report_id"], unique=False)
    op.create_index(op.f("ix_evidence_sha256"), "evidence", ["sha256"], unique=False)
    _append_only_audit()


def downgrade() -> None:
    _drop_append_only_audit()
    op.drop_index(op.f("ix_evidence_sha256"), table_name="evidence")
    op.drop_index(op.f("ix_evidence_progress_report_id"), table_name="evidence")
    op.drop_table("evidence")
    op.drop_index(op.f("ix_progress_reports_task_id"), table_name="progress_reports")
    op.drop_index(op.f("ix_progress_reports_period"), table_name="progress_reports")
    op.drop_table("progress_reports")
    op.drop_index(op.f("ix_milestones_task_id"), table_name="milestones")
    op.drop_table("milestones")
    op.drop_index(op.f("ix_assignments_unit_id"), table_name="assignments")
    op.drop_index(op.f("ix_assignments_task_id"), table_name="assignments")
    op.drop_table("assignments")
    op.drop_index(op.f("ix_tasks_section"), table_name="tasks")
    op.drop_index(op.f("ix_tasks_report_id"), table_name="tasks")
    op.drop_index(op.f("ix_tasks_deadline"), table_name="tasks")
    op.drop_table("tasks")
    op.drop_index(op.f("ix_task_force_members_unit_id"), table_name="task_force_members")
    op.drop_index(op.f("ix_task_force_members_task_force_id"), table_name="task_force_members")
    op.drop_table("task_force_members")
    op.drop_index(op.f("ix_sections_part_id"), table_name="sections")
    op.drop_table("sections")
    op.drop_index(op.f("ix_users_unit_id"), table_name="users")
    op.drop_table("users")
    op.drop_table("task_forces")
    op.drop_table("report_texts")
    op.drop_index(op.f("ix_quantities_report_id"), table_name="quantities")
    op.drop_index("ix_quantities_indicator_year", table_name="quantities")
    op.drop_index(op.f("ix_quantities_canonical_indicator"), table_name="quantities")
    op.drop_table("quantities")
    op.drop_index(op.f("ix_parts_report_id"), table_name="parts")
    op.drop_table("parts")
    op.drop_index(op.f("ix_units_parent_id"), table_name="units")
    op.drop_table("units")
    op.drop_index(op.f("ix_reports_year"), table_name="reports")
    op.drop_index(op.f("ix_reports_region"), table_name="reports")
    op.drop_table("reports")
    op.drop_index(op.f("ix_audit_events_task_id"), table_name="audit_events")
    op.drop_index("ix_audit_events_entity", table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_at"), table_name="audit_events")
    op.drop_table("audit_events")


_SQLITE_TRIGGERS = {
    "audit_events_no_update": "UPDATE",
    "audit_events_no_delete": "DELETE",
}


def _append_only_audit() -> None:
    """Audit events can be added, never changed or removed (also by hand-written SQL)."""
    if op.get_bind().dialect.name == "sqlite":
        for name, action in _SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {action} ON audit_events "
                "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
    )


def _drop_append_only_audit() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        return
    op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
    op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
