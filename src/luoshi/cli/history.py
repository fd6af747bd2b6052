"""``luoshi history ID``: the audit trail of a task (or ``unit:3``, ``report:1`` …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from luoshi.cli.options import emit, format_option, with_ledger

if TYPE_CHECKING:
    from luoshi.store.ledger import Ledger


@click.command()
@click.argument("ref")
@with_ledger(reads=True, as_of=False)
@format_option()
def history(ledger: Ledger, ref: str, fmt: str) -> None:
    """Who changed what and when: REF is a task id (12) or ENTITY:ID (unit:3, progress:7)."""
    from luoshi.supervise.audit import history as events

    rows = events(ledger, ref=ref)
    columns = ["at", "actor", "entity", "entity_id", "action", "changes"]
    emit(rows, fmt, columns=None if fmt == "json" else columns)
