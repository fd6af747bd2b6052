"""Progress reports (定期盘点): value to date, narrative, problems, evidence; lateness derived.

A task reports once per period of its cadence (``2023-05`` monthly, ``2023-Q2`` quarterly); the
report for a period is due on the task's due day of the month after the period ends. A report
filed after that day is late. Lateness is computed, never stored.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from luoshi.clock import CHINA, local_time
from luoshi.errors import ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Evidence, ProgressReport, Quantity, Task
from luoshi.supervise import evidence as files
from luoshi.supervise.closure import check_task_open, check_tasks_open
from luoshi.supervise.entry import EntryUnit, check_magnitude, entry_unit


def period_of(day: date, cadence: str) -> str:
    """The period key that contains ``day``."""
    if cadence == "monthly":
        return f"{day.year}-{day.month:02d}"
    if cadence == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return day.isoformat()


def period_bounds(key: str) -> tuple[date, date]:
    """First and last day of a period key."""
    try:
        if "-Q" in key:
            year, quarter = int(key[:4]), int(key[-1])
            if not 1 <= quarter <= 4:
                raise ValueError(key)
            return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        if len(key) == 7:
            year, month = int(key[:4]), int(key[5:])
            return date(year, month, 1), _month_end(year, month)
        day = date.fromisoformat(key)
    except ValueError as exc:
        raise ValidationError(f"报告期格式无效：{key}（如 2023-05、2023-Q2）") from exc
    return day, day


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def due_date(key: str, due_day: int) -> date:
    """The day a period's report is due: ``due_day`` of the month after the period ends."""
    end = period_bounds(key)[1]
    if len(key) == 10:  # a one-day period (cadence "none") is due the same day
        return end
    after = end + timedelta(days=1)
    return after.replace(day=min(due_day, 28))


def previous_period(key: str, cadence: str) -> str:
    return period_of(period_bounds(key)[0] - timedelta(days=1), cadence)


def default_period(task: Task, today: date, filed: set[str]) -> str:
    """The period a report filed ``today`` is for: the last finished one, unless filed already."""
    current = period_of(today, task.cadence)
    if task.cadence == "none":
        return current
    last = previous_period(current, task.cadence)
    if last in filed or period_bounds(last)[1] < task.starts_on:
        return current
    return last


def periods_due(task: Task, today: date) -> list[str]:
    """Every period whose report was due by ``today`` (from the task's start to its deadline, and
    only periods that end after the task exists)."""
    schedule = report_schedule(task.cadence, task.starts_on, task.deadline, task.due_day)
    since = exists_on(task.report.delivered_on, task.report.ingested_at)
    return [key for key, due in owed(schedule, since) if due <= today]


def exists_on(delivered_on: date | None, ingested_at: datetime) -> date:
    """The day a report's tasks exist: its adoption (delivery) date, else the day it was stored."""
    return delivered_on or ingested_at.astimezone(CHINA).date()


def owed(schedule: tuple[tuple[str, date], ...], since: date) -> tuple[tuple[str, date], ...]:
    """Reports are due only from the day the task exists: a period that ended before it is not owed
    (a report adopted in February owes no January report)."""
    return tuple((key, due) for key, due in schedule if period_bounds(key)[1] >= since)


@lru_cache(maxsize=4096)
def report_schedule(
    cadence: str, starts_on: date, deadline: date, due_day: int
) -> tuple[tuple[str, date], ...]:
    """Every reporting period from the start to the deadline with its due day, in order (cached:
    pure calendar arithmetic that thousands of tasks share)."""
    if cadence == "none":
        return ()
    found: list[tuple[str, date]] = []
    key = period_of(starts_on, cadence)
    while period_bounds(key)[0] <= deadline:
        found.append((key, due_date(key, due_day)))
        key = period_of(period_bounds(key)[1] + timedelta(days=1), cadence)
    return tuple(found)


def is_late(report: ProgressReport, task: Task) -> bool:
    """Filed after its period's due day (derived from the task's cadence and due day)."""
    if task.cadence == "none":
        return False
    filed_on = report.reported_at.astimezone(CHINA).date()
    return filed_on > due_date(report.period, task.due_day)


def missing_periods(task: Task, today: date) -> list[str]:
    """Periods due by ``today`` with no report at all."""
    filed = {p.period for p in task.progress}
    return [key for key in periods_due(task, today) if key not in filed]


@dataclass(frozen=True, slots=True)
class ProgressInput:
    value: float | None = None  # as typed, in the task's entry unit (:func:`task_entry`)
    narrative: str = ""
    problems: str = ""
    done: bool = False
    period: str | None = None
    as_of: date | None = None  # the day the figures describe (default: today)
    percent: float | None = None  # self-assessed share done (0–100), for tasks without a number


def add_progress(
    ledger: Ledger,
    *,
    task_id: int,
    entry: ProgressInput,
    reporter: str,
    evidence: Sequence[tuple[str, bytes]] = (),
    evidence_dir: Path,
    unit_id: int | None = None,
    demo: bool = False,
) -> ProgressReport:
    """File a progress report for a task, with evidence files (name, bytes) stored by hash."""
    task = ledger.get(Task, task_id)
    check_task_open(ledger, task_id, "进展")
    report = _new_report(ledger, task, entry, reporter=reporter, unit_id=unit_id, demo=demo)
    stored = [files.check(name, data) for name, data in evidence]  # all checked before any is kept
    task.progress.append(report)
    ledger.flush()
    for (name, data), meta in zip(evidence, stored, strict=True):
        files.save(evidence_dir, name, data)
        report.evidence.append(_evidence_row(ledger, meta))
    ledger.flush()
    return report


def add_progress_many(
    ledger: Ledger, reports: Sequence[tuple[int, ProgressInput]], *, reporter: str, demo: bool = False
) -> list[ProgressReport]:
    """File many reports without evidence (task id, entry), checked as :func:`add_progress` checks
    each and stored in one flush: the same rows and audit events, with the tasks, their reports so
    far, their main quantities and their acceptances read in four queries, not four per report."""
    ids = sorted({task_id for task_id, _ in reports})
    tasks = {t.id: t for t in ledger.all(Task, id=ids, load=["progress"])}
    for task_id in ids:
        if task_id not in tasks:
            ledger.get(Task, task_id)  # NotFoundError
    main = [t.main_quantity_id for t in tasks.values() if t.main_quantity_id is not None]
    quantities = ledger.all(Quantity, id=main)  # held: task_entry reads them from the session
    check_tasks_open(ledger, ids, "进展")
    made = []
    for task_id, entry in reports:
        report = _new_report(ledger, tasks[task_id], entry, reporter=reporter, unit_id=None, demo=demo)
        tasks[task_id].progress.append(report)
        made.append(report)
    ledger.flush()
    del quantities
    return made


def _new_report(
    ledger: Ledger, task: Task, entry: ProgressInput, *, reporter: str, unit_id: int | None, demo: bool
) -> ProgressReport:
    """The report ``entry`` makes for ``task``, checked (value, period), not yet added."""
    _validate(entry)
    value = _stored_value(ledger, task, entry.value)
    today = ledger.clock.today()
    filed = {p.period for p in task.progress}
    period = entry.period or default_period(task, today, filed)
    period_bounds(period)
    return ProgressReport(
        task_id=task.id,
        period=period,
        as_of=entry.as_of or today,
        value=value,
        narrative=entry.narrative.strip(),
        problems=entry.problems.strip(),
        done=entry.done,
        reporter=reporter,
        unit_id=unit_id,
        reported_at=ledger.clock.now(),
        demo=demo,
        percent=entry.percent,
    )


def _validate(entry: ProgressInput) -> None:
    if entry.value is not None and not math.isfinite(entry.value):
        raise ValidationError(f"进展数值无效：{entry.value}")
    if entry.percent is not None and not (math.isfinite(entry.percent) and 0 <= entry.percent <= 100):
        raise ValidationError(f"自评完成比例须在 0 到 100 之间：{entry.percent}")
    if entry.value is None and entry.percent is None and not entry.narrative.strip() and not entry.done:
        raise ValidationError("进展报告须有数值或文字说明")


def check_percent(
    ledger: Ledger,
    *,
    report_id: int,
    percent: float | None = None,
    version: int | None = None,
    reason: str = "",
) -> ProgressReport:
    """The office accepts a report's self-assessed percentage (``percent`` None) or corrects it,
    saying why (a correction needs a reason); status and scoring then read the office's figure.
    Audited like every write."""
    report = ledger.get(ProgressReport, report_id, version=version)
    if report.percent is None and percent is None:
        raise ValidationError(f"进展报告 {report_id} 没有自评完成比例，请直接给出核定比例")
    figure = report.percent if percent is None else percent
    if figure is None or not (math.isfinite(figure) and 0 <= figure <= 100):
        raise ValidationError(f"核定完成比例须在 0 到 100 之间：{figure}")
    if figure != report.percent and not reason.strip():
        raise ValidationError("核定比例与单位自评不同，须写明理由")
    report.percent_checked = figure
    report.percent_checked_by = ledger.actor
    report.percent_checked_on = ledger.clock.today()
    report.percent_check_note = reason.strip() or None
    ledger.flush()
    return report


def percent_of(self_assessed: float | None, checked: float | None) -> float | None:
    """The percentage that counts: the office's check if any, else the unit's own."""
    return checked if checked is not None else self_assessed


def task_entry(ledger: Ledger, task: Task) -> EntryUnit:
    """The unit a task's progress is typed and shown in (the report's own: 万人, 亿元, 下降 %)."""
    written = ledger.get(Quantity, task.main_quantity_id).written if task.main_quantity_id else None
    return entry_unit(task.target_value, task.target_unit, written)


def _stored_value(ledger: Ledger, task: Task, typed: float | None) -> float | None:
    if typed is None:
        return None
    entry = task_entry(ledger, task)
    stored = entry.stored(typed)
    check_magnitude(typed, stored, task.target_value, entry)
    return stored


def _evidence_row(ledger: Ledger, meta: files.StoredFile) -> Evidence:
    return Evidence(
        sha256=meta.sha256,
        name=meta.name,
        size=meta.size,
        media_type=meta.media_type,
        uploaded_by=ledger.actor,
        uploaded_at=ledger.clock.now(),
    )


def progress_rows(ledger: Ledger, *, task_id: int) -> list[dict[str, Any]]:
    """A task's reports, oldest first, with the derived late flag."""
    task = ledger.get(Task, task_id)
    entry = task_entry(ledger, task)
    return [
        {
            "id": p.id,
            "period": p.period,
            "as_of": p.as_of.isoformat(),
            "value": entry.shown(p.value),
            "unit": entry.label,
            "fall": entry.fall,
            "percent": p.percent,
            "percent_checked": p.percent_checked,
            "percent_checked_by": p.percent_checked_by,
            "percent_check_note": p.percent_check_note,
            "narrative": p.narrative,
            "problems": p.problems,
            "done": p.done,
            "reporter": p.reporter,
            "reported_at": local_time(p.reported_at).isoformat(timespec="seconds"),
            "late": is_late(p, task),
            "evidence": [e.name for e in p.evidence],
        }
        for p in task.progress
    ]
