"""no-op: once joined the supervision and auth branches; the chain is linear now

Revision ID: 0004_merge
Revises: 0003_auth
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0004_merge"
down_revision: str | tuple[str, ...] | None = "0003_auth"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
