"""``luoshi history ID``: the audit trail of a task (or ``unit:3``, ``report:1`` …)."""

from __future__ import annotations

import click

from luoshi.cli.options import db_option, emit, format_option, ledger_session


@click.command()
@click.argument("ref")
@db_option
@format_option()
def history(ref: str, db_url: str | None, fmt: str) -> None:
    """Who changed what and when: REF is a task id (12) or ENTITY:ID (unit:3, progress:7)."""
    from luoshi.supervise.audit import history as events

    with ledger_session(db_url, actor="cli", as_of=None, existing=True) as ledger:
        rows = events(ledger, ref=ref)
    columns = ["at", "actor", "entity", "entity_id", "action", "changes"]
    emit(rows, fmt, columns=None if fmt == "json" else columns)
