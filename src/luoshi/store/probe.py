"""Is the database reachable, and at which schema revision? (for ``luoshi doctor`` and ``/healthz``)"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from luoshi.store.migrate import current, head


@dataclass(frozen=True, slots=True)
class SchemaState:
    reachable: bool
    revision: str | None = None  # None: empty database, or unreachable
    head: str = ""

    @property
    def at_head(self) -> bool:
        return self.reachable and self.revision == self.head


def schema_state(engine: Engine) -> SchemaState:
    """Connect, run ``SELECT 1`` and read the revision; never raises for a database that is down."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return SchemaState(True, current(engine), head())
    except (SQLAlchemyError, OSError):
        return SchemaState(False, None, head())
