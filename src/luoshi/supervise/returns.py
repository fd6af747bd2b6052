"""退回重办: the office sends a task its unit reported done back, with the reason.

A return is a fact (:class:`~luoshi.store.models.supervision.TaskReturn`, audited on insert); the
task's status derives from it: back in progress, marked 已退回, until the unit files a new
progress report, after which a new finish can be accepted (or returned again).
"""

from __future__ import annotations

from datetime import date

from luoshi.errors import ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import ProgressReport
from luoshi.store.models.supervision import TaskReturn
from luoshi.supervise.board import require_reported_done

MAX_REASON = 5000


def return_task(ledger: Ledger, *, task_id: int, reason: str, on: date | None = None) -> TaskReturn:
    """Return a task that reports completion (awaits acceptance); the reason is required."""
    day = on or ledger.clock.today()
    text = reason.strip()
    if not text:
        raise ValidationError("退回须写明理由")
    if len(text) > MAX_REASON:
        raise ValidationError(f"退回理由不能超过 {MAX_REASON} 字")
    require_reported_done(ledger, task_id, day, doing="退回")
    newest = max((p.id for p in ledger.all(ProgressReport, task_id=task_id)), default=None)
    row = TaskReturn(
        task_id=task_id,
        returned_on=day,
        reason=text,
        returned_by=ledger.actor,
        after_report_id=newest,
        recorded_at=ledger.clock.now(),
    )
    return ledger.add(row)
