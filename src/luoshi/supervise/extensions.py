"""延期申请: a deadline or timetable moves only when the unit asks and the office approves.

The request keeps the old date, the new one and the unit's reason; the decision keeps who decided,
when and why. Approving moves a task's deadline, or files the item's new timetable on its timeline
(the nodes already missed stay missed: :func:`luoshi.supervise.stages.missed_milestones`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from luoshi.errors import ConflictError, ValidationError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.store.models.closure import DeadlineExtension
from luoshi.store.models.supervision import SupervisionOrder
from luoshi.supervise.closure import MAX_REASON, check_task_open
from luoshi.supervise.items import EventKind, ItemEvent, Milestone, check_timetable, is_closed, last
from luoshi.supervise.orders import append_event, facts_of
from luoshi.supervise.tasks import check_within_parent


class ExtensionState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {"pending": "待审批", "approved": "已批准", "refused": "未批准"}[self.value]


def request_task_extension(ledger: Ledger, *, task_id: int, new_due: date, reason: str) -> DeadlineExtension:
    """The responsible unit asks to move a task's deadline to ``new_due``, saying why."""
    task = ledger.get(Task, task_id)
    check_task_open(ledger, task_id, "期限")
    if new_due < task.starts_on:
        raise ValidationError(f"新期限 {new_due} 早于任务起始日期 {task.starts_on}")
    _check_new(task.deadline, new_due, ())
    check_within_parent(ledger, task, new_due)  # a county's 转办 task never runs past the city's
    _no_pending(ledger, task_id=task_id)
    return _request(ledger, reason, task.deadline, new_due, (), task_id=task_id)


def request_item_extension(
    ledger: Ledger, *, order_id: int, new_due: date, reason: str, milestones: Sequence[Milestone] = ()
) -> DeadlineExtension:
    """The lead unit asks to replace a major item's filed timetable (completion date and nodes)."""
    order = ledger.get(SupervisionOrder, order_id)
    facts = facts_of(order)
    if is_closed(facts.events):
        raise ConflictError(f"督办事项 {order_id} 已销号，不能申请延期")
    timetable = last(facts.events, EventKind.TIMETABLE_FILED)
    if timetable is None or timetable.due is None:
        raise ValidationError("尚未报送时间表；请先报送时间表（luoshi supervise timetable）")
    check_timetable(facts, new_due, tuple(milestones))
    _check_new(timetable.due, new_due, milestones)
    _no_pending(ledger, order_id=order_id)
    return _request(ledger, reason, timetable.due, new_due, milestones, order_id=order_id)


def decide_extension(
    ledger: Ledger, *, extension_id: int, approve: bool, note: str = "", version: int | None = None
) -> DeadlineExtension:
    """The office approves (the new date takes effect) or refuses (with the reason) a request."""
    row = ledger.get(DeadlineExtension, extension_id, version=version)
    if row.state != ExtensionState.PENDING:
        raise ConflictError(f"延期申请 {extension_id} 已{ExtensionState(row.state).label}，不能重复审批")
    if not approve and not note.strip():
        raise ValidationError("不批准延期须写明理由")
    if approve:
        _apply(ledger, row)
    row.state = (ExtensionState.APPROVED if approve else ExtensionState.REFUSED).value
    row.decided_by, row.decided_on, row.decision_note = ledger.actor, ledger.clock.today(), note.strip()
    ledger.flush()
    return row


def extension_rows(
    ledger: Ledger, *, task_id: int | None = None, order_id: int | None = None
) -> list[dict[str, Any]]:
    """Requests (of one task or item, or all) with their decisions, oldest first."""
    filters: dict[str, Any] = {"task_id": task_id} if task_id is not None else {}
    filters |= {"order_id": order_id} if order_id is not None else {}
    return [extension_dict(r) for r in ledger.all(DeadlineExtension, **filters)]


def missed_deadlines(ledger: Ledger, *, task_id: int | None = None) -> list[DeadlineExtension]:
    """Approved extensions of task deadlines asked for after the old date had passed: the old
    deadline stays missed (for scoring and 通报) although the task now runs to the new one."""
    filters: dict[str, Any] = {"task_id": task_id} if task_id is not None else {}
    rows = ledger.all(DeadlineExtension, state=ExtensionState.APPROVED.value, **filters)
    return [r for r in rows if r.task_id is not None and was_missed(r)]


def was_missed(row: DeadlineExtension) -> bool:
    """The old date had passed when the extension was asked for."""
    return row.old_due < row.requested_on


def extension_dict(row: DeadlineExtension) -> dict[str, Any]:
    return {
        "id": row.id,
        "task_id": row.task_id,
        "order_id": row.order_id,
        "old_due": row.old_due.isoformat(),
        "old_due_missed": was_missed(row),
        "new_due": row.new_due.isoformat(),
        "milestones": row.milestones,
        "reason": row.reason,
        "requested_by": row.requested_by,
        "requested_on": row.requested_on.isoformat(),
        "state": row.state,
        "state_label": ExtensionState(row.state).label,
        "decided_by": row.decided_by,
        "decided_on": row.decided_on.isoformat() if row.decided_on else None,
        "decision_note": row.decision_note,
        "version": row.version,
    }


def _check_new(old_due: date, new_due: date, milestones: Sequence[Milestone]) -> None:
    if new_due == old_due and not milestones:
        raise ValidationError(f"新期限与原期限相同（{old_due}），无需申请")


def _no_pending(ledger: Ledger, **which: int) -> None:
    pending = ledger.find(DeadlineExtension, state=ExtensionState.PENDING.value, **which)
    if pending is not None:
        raise ConflictError(f"已有待审批的延期申请 {pending.id}，请等待督查室审批")


def _request(
    ledger: Ledger, reason: str, old_due: date, new_due: date, milestones: Sequence[Milestone], **which: int
) -> DeadlineExtension:
    text = reason.strip()
    if not text:
        raise ValidationError("延期申请须写明理由")
    if len(text) > MAX_REASON:
        raise ValidationError(f"延期理由不能超过 {MAX_REASON} 字")
    row = DeadlineExtension(
        old_due=old_due,
        new_due=new_due,
        milestones=[{"label": m.label, "due": m.due.isoformat()} for m in milestones],
        reason=text,
        requested_by=ledger.actor,
        requested_on=ledger.clock.today(),
        state=ExtensionState.PENDING.value,
        decided_by="",
        decision_note="",
        recorded_at=ledger.clock.now(),
        **which,
    )
    return ledger.add(row)


def _apply(ledger: Ledger, row: DeadlineExtension) -> None:
    """The approved date takes effect: a task's deadline, or an item's new timetable."""
    if row.task_id is not None:
        check_task_open(ledger, row.task_id, "期限")
        task = ledger.get(Task, row.task_id)
        task.deadline, task.deadline_source = row.new_due, "extension"
        return
    order = ledger.get(SupervisionOrder, int(row.order_id or 0))
    facts = facts_of(order)
    if is_closed(facts.events):
        raise ConflictError(f"督办事项 {order.id} 已销号，不能批准延期")
    day = ledger.clock.today()
    nodes = tuple(Milestone(m["label"], date.fromisoformat(m["due"])) for m in row.milestones)
    if not nodes:  # no new nodes asked for: the old ones still due keep their dates
        old = last(facts.events, EventKind.TIMETABLE_FILED)
        nodes = tuple(m for m in (old.milestones if old else ()) if m.due >= day and m.due <= row.new_due)
    note = f"延期申请 {row.id} 经批准：{row.old_due} → {row.new_due}（{row.reason}）"
    event = ItemEvent(EventKind.TIMETABLE_FILED, day, ledger.actor, note, due=row.new_due, milestones=nodes)
    ledger.add(append_event(order, event, ledger.clock.now()))
