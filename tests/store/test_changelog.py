"""Each committed change of an audited row is one ``luoshi.change`` log line; rolled-back ones are not."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from luoshi.clock import FixedClock
from luoshi.logs import RequestIdFilter, current_request
from luoshi.store.db import Database
from luoshi.store.models import Unit


def changes(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str, object, str]]:
    return [
        (r.action, r.entity, r.entity_id, r.actor)  # type: ignore[attr-defined]
        for r in caplog.records
        if r.name == "luoshi.change"
    ]


def test_committed_changes_are_logged_once_each_with_who_did_them(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FixedClock.on(date(2024, 3, 1))
    with caplog.at_level(logging.INFO, logger="luoshi.change"):
        with database.ledger(actor="王科长", clock=clock) as ledger:
            unit = ledger.add(Unit(code="fgw", name="市发展改革委", kind="department"))
        with database.ledger(actor="李主任", clock=clock) as ledger:
            ledger.get(Unit, unit.id).name = "市发改委"
        with pytest.raises(RuntimeError), database.ledger(actor="张三", clock=clock) as ledger:
            ledger.add(Unit(code="gxj", name="市工信局", kind="department"))
            ledger.flush()
            raise RuntimeError("rolled back")
    assert changes(caplog) == [("insert", "units", unit.id, "王科长"), ("update", "units", unit.id, "李主任")]


def test_lines_logged_during_a_request_carry_its_id() -> None:
    record = logging.LogRecord("luoshi.change", logging.INFO, __file__, 1, "insert units#1", None, None)
    token = current_request.set("req-12345678")
    try:
        RequestIdFilter().filter(record)
    finally:
        current_request.reset(token)
    assert getattr(record, "request_id", None) == "req-12345678"
