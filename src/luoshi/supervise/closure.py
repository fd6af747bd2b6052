"""Closed means closed: an accepted task (已销号) takes no more progress or deadline edits until the
office reopens it (撤销销号), an explicit act with a reason that keeps the acceptance it undoes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from luoshi.errors import ConflictError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.store.models.closure import TaskReopening
from luoshi.store.models.supervision import TaskAcceptance

MAX_REASON = 5000


def check_task_open(ledger: Ledger, task_id: int, what: str) -> None:
    """Refuse ``what`` (进展、期限…) on a task that has been accepted (已销号)."""
    check_tasks_open(ledger, [task_id], what)


def check_tasks_open(ledger: Ledger, task_ids: Sequence[int], what: str) -> None:
    """Refuse ``what`` on tasks of which one has been accepted (已销号): one query for them all."""
    acceptance = ledger.find(TaskAcceptance, task_id=list(task_ids))
    if acceptance is not None:
        raise ConflictError(
            f"任务 {acceptance.task_id} 已于 {acceptance.accepted_on} 验收销号，不能再修改{what}；"
            f"如确需修改，请督查室先撤销销号（luoshi supervise reopen-task）"
        )


def reopen_task(ledger: Ledger, *, task_id: int, reason: str, on: date | None = None) -> TaskReopening:
    """撤销销号: the office reopens an accepted task, with the reason; the acceptance is kept here."""
    text = reason.strip()
    if not text:
        raise ValidationError("撤销销号须写明理由")
    if len(text) > MAX_REASON:
        raise ValidationError(f"撤销销号理由不能超过 {MAX_REASON} 字")
    ledger.get(Task, task_id)
    acceptance = ledger.find(TaskAcceptance, task_id=task_id)
    if acceptance is None:
        raise ValidationError(f"任务 {task_id} 尚未验收销号，无需撤销")
    day = on or ledger.clock.today()
    if day < acceptance.accepted_on:
        raise ValidationError(f"撤销日期 {day} 早于验收日期 {acceptance.accepted_on}")
    row = TaskReopening(
        task_id=task_id,
        reopened_on=day,
        reason=text,
        reopened_by=ledger.actor,
        accepted_on=acceptance.accepted_on,
        grade=acceptance.grade,
        accepted_by=acceptance.accepted_by,
        acceptance_note=acceptance.note,
        recorded_at=ledger.clock.now(),
    )
    ledger.add(row)
    ledger.delete(acceptance)  # the audit log records the delete; the row above keeps its facts
    ledger.flush()
    return row


def reopenings(ledger: Ledger, *, task_id: int) -> list[TaskReopening]:
    """A task's reopenings, oldest first."""
    return ledger.all(TaskReopening, task_id=task_id, order_by="id")
