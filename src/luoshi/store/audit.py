"""Automatic audit events: a flush hook records every insert, update and delete of an audited row."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from luoshi.errors import ConflictError
from luoshi.store.models import AuditEvent, Base, Evidence
from luoshi.supervise.clock import Clock, SystemClock

SECRET_WORDS = ("password", "secret", "digest", "token")


def install_audit_hook(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _refuse_audit_changes)
    event.listen(factory, "after_flush", _write_audit_events)


def _refuse_audit_changes(session: Session, context: UOWTransaction, instances: Any) -> None:
    if any(isinstance(obj, AuditEvent) for obj in (*session.dirty, *session.deleted)):
        raise ConflictError("审计记录只能追加，不能修改或删除")


def _write_audit_events(session: Session, context: UOWTransaction) -> None:
    actor = str(session.info.get("actor", "system"))
    clock: Clock = session.info.get("clock") or SystemClock()
    at = clock.now()
    found: list[dict[str, Any] | None] = [
        *(_row(obj, "insert", None, snapshot(obj)) for obj in _audited(session.new)),
        *(_update_row(obj) for obj in _audited(session.dirty)),
        *(_row(obj, "delete", snapshot(obj), None) for obj in _audited(_deleted(context))),
    ]
    rows = [{**row, "at": at, "actor": actor} for row in found if row is not None]
    if rows:
        session.connection().execute(insert(AuditEvent), rows)


def _deleted(context: UOWTransaction) -> list[Any]:
    """Every row this flush deleted: ``session.delete`` and the orphans a cascade removed."""
    states = context.states.items()
    return [state.obj() for state, (is_delete, list_only) in states if is_delete and not list_only]


def _audited(objects: Any) -> list[Base]:
    found = [obj for obj in objects if isinstance(obj, Base) and type(obj).__audited__]
    return sorted(found, key=lambda obj: (type(obj).__tablename__, _identity(obj)))


def _update_row(obj: Base) -> dict[str, Any] | None:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes() and history.deleted != history.added:
            before[attr.key] = _mask(attr.key, _plain(history.deleted[0]) if history.deleted else None)
            after[attr.key] = _mask(attr.key, _plain(history.added[0]) if history.added else None)
    if not after:
        return None
    version_col = state.mapper.version_id_col
    key = version_col.key if version_col is not None else None
    if key is not None and isinstance(version := state.dict.get(key), int):
        before[key], after[key] = version - 1, version
    return _row(obj, "update", before, after)


def _row(obj: Base, action: str, before: Any, after: Any) -> dict[str, Any]:
    return {
        "entity": type(obj).__tablename__,
        "entity_id": _identity(obj),
        "task_id": _task_id(obj),
        "action": action,
        "before": before,
        "after": after,
        "note": "",
    }


def snapshot(obj: Base) -> dict[str, Any]:
    """The row's loaded column values, JSON-ready (secrets masked)."""
    loaded = inspect(obj).dict
    return {
        c.key: _mask(c.key, _plain(loaded[c.key]))
        for c in inspect(obj).mapper.column_attrs
        if c.key in loaded
    }


def _mask(key: str, value: Any) -> Any:
    """Password hashes, token digests and other secrets never enter the (undeletable) audit trail."""
    if value is not None and any(word in key for word in SECRET_WORDS):
        return "***"
    return value


def _identity(obj: Base) -> int:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return int(key[0]) if key and key[0] is not None else 0


def _task_id(obj: Base) -> int | None:
    loaded = inspect(obj).dict
    if type(obj).__tablename__ == "tasks":
        return _identity(obj)
    if isinstance(obj, Evidence) and "progress_report" in loaded:
        return obj.progress_report.task_id
    value = loaded.get("task_id")
    return int(value) if isinstance(value, int) else None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value
