"""The audit trail as plain rows: ``luoshi history ID`` (a task, with its assignments, progress …)."""

from __future__ import annotations

from typing import Any

from luoshi.clock import local_time
from luoshi.errors import InputError, NotFoundError
from luoshi.store.ledger import Ledger

ENTITIES = {
    "task": "tasks",
    "unit": "units",
    "report": "reports",
    "assignment": "assignments",
    "progress": "progress_reports",
    "milestone": "milestones",
    "evidence": "evidence",
    "taskforce": "task_forces",
    "task_force": "task_forces",
    "user": "users",
    "order": "supervision_orders",
    "order_event": "supervision_events",
    "acceptance": "task_acceptances",
}


def parse_ref(ref: str) -> tuple[str, int]:
    """``12`` (a task), ``task:12``, ``unit:3`` or ``<table>:<id>`` → (table, id)."""
    kind, _, ident = ref.rpartition(":")
    try:
        number = int(ident)
    except ValueError as exc:
        raise InputError(f"编号无效：{ref}（如 12、task:12、unit:3）") from exc
    kind = kind.strip().lower() or "task"
    return ENTITIES.get(kind, kind), number


def history(ledger: Ledger, *, ref: str) -> list[dict[str, Any]]:
    """Every change to the row (for a task: also to its assignments, milestones, progress …).

    A row that neither exists nor ever had an event (a mistyped id) is refused, not an empty list.
    """
    entity, ident = parse_ref(ref)
    rows = [
        {
            "at": local_time(event.at).isoformat(timespec="seconds"),
            "actor": event.actor,
            "entity": event.entity,
            "entity_id": event.entity_id,
            "action": event.action,
            "changes": describe(event.before, event.after),
            "before": event.before,
            "after": event.after,
        }
        for event in ledger.events(entity=entity, entity_id=ident)
    ]
    if not rows and not ledger.row_exists(entity, ident):
        raise NotFoundError(f"{ref} 不存在（没有这条记录，也没有它的修改记录）")
    return rows


def describe(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """One line: ``field: old → new`` for updates, the fields set for inserts."""
    if before is None:
        return "新建 " + ", ".join(
            f"{k}={_short(v)}" for k, v in (after or {}).items() if v not in (None, "", [])
        )
    if after is None:
        return "删除"
    return "; ".join(f"{k}: {_short(before.get(k))} → {_short(v)}" for k, v in after.items())


def _short(value: Any, limit: int = 30) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
