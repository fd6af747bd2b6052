"""Audit gaps closed: a replaced assignment leaves delete events; TRUNCATE of the audit is refused."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from luoshi.store.db import Database
from luoshi.store.models import AuditEvent, Task
from luoshi.supervise.assign import assign
from luoshi.supervise.clock import FixedClock
from luoshi.supervise.reports import store_report

if TYPE_CHECKING:
    from tests.supervise.conftest import LedgerOn


def test_replacing_an_assignment_records_a_delete_event_per_removed_row(on: LedgerOn, report: Any) -> None:
    """Rule: every row a write removes (a cascade's orphans too) has a delete event in the audit."""
    with on(date(2023, 3, 1)) as ledger:
        rid = store_report(ledger, report).report_id
        task_id = ledger.all(Task, report_id=rid)[0].id
        assign(ledger, task_id=task_id, lead="gxj", co=["nyj"])
    with on(date(2023, 3, 2), actor="zhang") as ledger:
        old = sorted(a.id for a in ledger.get(Task, task_id).assignments)
        assign(ledger, task_id=task_id, lead="fgw", co=["pdx"])
    with on(date(2023, 3, 3)) as ledger:
        events = ledger.all(AuditEvent, entity="assignments", action="delete")
    assert sorted(e.entity_id for e in events) == old
    assert {e.actor for e in events} == {"zhang"}
    assert all(e.before and e.before["task_id"] == task_id for e in events)


@pytest.mark.postgres
def test_truncate_of_the_audit_trail_is_refused_on_postgres(postgres_url: str, report: Any) -> None:
    """Rule: the audit trail is append-only; on PostgreSQL TRUNCATE is refused like UPDATE and DELETE."""
    from luoshi.store.migrate import upgrade

    database = Database(postgres_url)
    upgrade(database.engine)
    with database.ledger(actor="office", clock=FixedClock.on(date(2023, 3, 1))) as ledger:
        store_report(ledger, report)
    try:
        with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_events"))
        with database.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM audit_events"))
    finally:
        database.dispose()
