"""Alembic environment: runs on the connection that :mod:`luoshi.store.migrate` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from luoshi.store.models import Base


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `luoshi db upgrade` (luoshi.store.migrate)")
run(connection)
