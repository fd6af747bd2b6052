from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from luoshi.clock import FixedClock
from luoshi.errors import NotFoundError, ValidationError
from luoshi.store.db import Database
from luoshi.store.models import Evidence, Task
from luoshi.supervise.progress import (
    ProgressInput,
    add_progress,
    add_progress_many,
    due_date,
    missing_periods,
    period_bounds,
    periods_due,
    progress_rows,
)
from luoshi.supervise.reports import store_report

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("key", "due_day", "bounds", "due"),
    [
        ("2023-05", 5, (date(2023, 5, 1), date(2023, 5, 31)), date(2023, 6, 5)),
        ("2023-12", 10, (date(2023, 12, 1), date(2023, 12, 31)), date(2024, 1, 10)),
        ("2023-02", 5, (date(2023, 2, 1), date(2023, 2, 28)), date(2023, 3, 5)),
        ("2024-Q1", 15, (date(2024, 1, 1), date(2024, 3, 31)), date(2024, 4, 15)),
        ("2024-Q4", 5, (date(2024, 10, 1), date(2024, 12, 31)), date(2025, 1, 5)),
    ],
)
def test_periods_and_due_dates(key: str, due_day: int, bounds: tuple[date, date], due: date) -> None:
    assert period_bounds(key) == bounds
    assert due_date(key, due_day) == due


@pytest.mark.parametrize("key", ["2023-13", "2023-Q5", "May", ""])
def test_bad_period_keys(key: str) -> None:
    with pytest.raises(ValidationError):
        period_bounds(key)


def _task(database: Database, report: Any) -> int:
    with database.ledger(actor="office", clock=FixedClock.on(date(2024, 2, 1))) as led:
        rid = store_report(led, report).report_id
        return led.all(Task, report_id=rid, order_by="ordinal")[0].id


def test_reports_are_filed_for_the_last_period_and_late_ones_flagged(
    database: Database, report: Any, tmp_path: Path
) -> None:
    task_id = _task(database, report)
    filings = [(date(2024, 2, 3), 10.0), (date(2024, 3, 20), 25.0), (date(2024, 3, 28), 31.0)]
    for day, value in filings:
        with database.ledger(actor="张三", clock=FixedClock.on(day)) as led:
            add_progress(
                led, task_id=task_id, entry=ProgressInput(value=value, narrative="按计划推进"),
                reporter="张三", evidence_dir=tmp_path,
            )  # fmt: skip
    with database.ledger(actor="x", clock=FixedClock.on(date(2024, 4, 1))) as led:
        rows = progress_rows(led, task_id=task_id)
        assert [(r["period"], r["value"], r["late"]) for r in rows] == [
            ("2024-01", 10.0, False),  # due 2024-02-05, filed 02-03
            ("2024-02", 25.0, True),  # due 2024-03-05, filed 03-20
            ("2024-03", 31.0, False),  # February already filed: this one is March's, early
        ]
        task = led.get(Task, task_id)
        # reports are owed only from the day the report exists (stored 2024-02-01): none for January
        assert periods_due(task, date(2024, 4, 30)) == ["2024-02", "2024-03"]
        assert missing_periods(task, date(2024, 6, 6)) == ["2024-04", "2024-05"]


def test_evidence_is_stored_by_hash_and_checked(database: Database, report: Any, tmp_path: Path) -> None:
    task_id = _task(database, report)
    with database.ledger(actor="张三", clock=FixedClock.on(date(2024, 2, 3))) as led:
        entry = ProgressInput(value=3, narrative="见附件", problems="用地指标不足")
        filed = add_progress(
            led, task_id=task_id, entry=entry, reporter="张三", evidence_dir=tmp_path,
            evidence=[("../../会议纪要.pdf", PDF), ("说明.txt", "进展说明".encode())],
        )  # fmt: skip
        stored = led.all(Evidence, progress_report_id=filed.id)
        assert [(e.name, e.media_type) for e in stored] == [
            ("会议纪要.pdf", "application/pdf"),
            ("说明.txt", "text/plain"),
        ]
        assert (tmp_path / stored[0].sha256[:2] / stored[0].sha256).read_bytes() == PDF
        assert filed.problems == "用地指标不足"
    with database.ledger(actor="张三", clock=FixedClock.on(date(2024, 2, 4))) as led:
        with pytest.raises(ValidationError, match="扩展名不符"):
            add_progress(
                led, task_id=task_id, entry=entry, reporter="张三", evidence_dir=tmp_path,
                evidence=[("照片.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100))],
            )  # fmt: skip
        led.session.rollback()
    with database.ledger(actor="x", clock=FixedClock.on(date(2024, 2, 5))) as led:
        assert len(progress_rows(led, task_id=task_id)) == 1  # the refused report left nothing


def test_many_reports_in_one_flush_are_the_rows_and_audit_events_of_one_add_progress_each(
    database: Database, report: Any, tmp_path: Path
) -> None:
    """:func:`add_progress_many` (the demo's 1,700 reports, a day's in one flush) stores what one
    :func:`add_progress` per report stores: periods found the same way, the same audit events."""
    with database.ledger(actor="office", clock=FixedClock.on(date(2024, 2, 1))) as led:
        rid = store_report(led, report).report_id
        one, many = (t.id for t in led.all(Task, report_id=rid, order_by="ordinal")[:2])
    entries = [ProgressInput(value=3, narrative="一月"), ProgressInput(narrative="二月", done=True)]
    with database.ledger(actor="张三", clock=FixedClock.on(date(2024, 2, 3))) as led:
        for entry in entries:
            add_progress(led, task_id=one, entry=entry, reporter="张三", evidence_dir=tmp_path)
        made = add_progress_many(led, [(many, entry) for entry in entries], reporter="张三")
        assert [r.period for r in made] == ["2024-01", "2024-02"]  # the second: January is filed

    def written(task_id: int) -> list[tuple[str, str, dict[str, Any]]]:
        with database.ledger(actor="x") as led:
            events = [e for e in led.events(entity="tasks", entity_id=task_id) if e.entity != "tasks"]
            own = ("id", "task_id")
            return [(e.action, e.actor, {k: v for k, v in (e.after or {}).items() if k not in own})
                    for e in events]  # fmt: skip

    assert len(written(one)) == 2 and written(one) == written(many)
    with database.ledger(actor="x") as led, pytest.raises(NotFoundError):
        add_progress_many(led, [(many, entries[0]), (999, entries[0])], reporter="x")


def test_bad_progress_input(database: Database, report: Any, tmp_path: Path) -> None:
    task_id = _task(database, report)
    with database.ledger(actor="x", clock=FixedClock.on(date(2024, 2, 3))) as led:
        with pytest.raises(ValidationError, match="数值或文字"):
            add_progress(led, task_id=task_id, entry=ProgressInput(), reporter="x", evidence_dir=tmp_path)
        with pytest.raises(ValidationError, match="数值无效"):
            add_progress(
                led,
                task_id=task_id,
                entry=ProgressInput(value=float("nan")),
                reporter="x",
                evidence_dir=tmp_path,
            )
        with pytest.raises(ValidationError, match="报告期"):
            add_progress(
                led, task_id=task_id, entry=ProgressInput(value=1, period="2024-14"), reporter="x",
                evidence_dir=tmp_path,
            )  # fmt: skip
        with pytest.raises(NotFoundError):
            add_progress(led, task_id=999, entry=ProgressInput(value=1), reporter="x", evidence_dir=tmp_path)


def test_reports_are_due_only_from_the_day_the_report_exists() -> None:
    """A report adopted in February owes no January report; February's is owed (the task existed)."""
    from luoshi.supervise.progress import owed, report_schedule

    schedule = report_schedule("monthly", date(2024, 1, 1), date(2024, 12, 31), 5)
    assert [key for key, _ in owed(schedule, date(2024, 2, 20))][:2] == ["2024-02", "2024-03"]
    assert len(owed(schedule, date(2024, 1, 1))) == 12


def test_office_checks_a_self_assessed_percent_and_says_why_it_differs(
    database: Database, report: Any, tmp_path: Path
) -> None:
    """核定 (issue 9): accepting the unit's own figure needs no reason; a different figure does."""
    from luoshi.store.models import ProgressReport
    from luoshi.supervise.progress import check_percent

    task_id = _task(database, report)
    with database.ledger(actor="能源局", clock=FixedClock.on(date(2024, 3, 2))) as led:
        entry = ProgressInput(percent=40, narrative="完成四成")
        rid = add_progress(led, task_id=task_id, entry=entry, reporter="能源局", evidence_dir=tmp_path).id
    with database.ledger(actor="督查室") as led, pytest.raises(ValidationError, match="须写明理由"):
        check_percent(led, report_id=rid, percent=30)
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2024, 3, 4))) as led:
        check_percent(led, report_id=rid, percent=30, reason="现场核查仅完成三成")
    with database.ledger(actor="督查室", clock=FixedClock.on(date(2024, 3, 5))) as led:
        check_percent(led, report_id=rid)  # accepted as the unit wrote it
        row = led.get(ProgressReport, rid)
        assert (row.percent_checked, row.percent_check_note, row.percent_checked_by) == (40, None, "督查室")
