"""Backup and restore: a portable JSON Lines dump of every table, the same on SQLite and PostgreSQL.

Line 1 is a header (format, schema revision, row counts); then one ``{"table": …, "row": …}`` line
per row, tables in dependency order, rows by primary key. Bytes are base64, dates ISO 8601.
A restore goes into an empty database (created at the backup's revision) and is all or nothing.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Engine, Table, TypeDecorator, func, insert, select, text

from luoshi.errors import ConflictError, InputError
from luoshi.store.migrate import current, ensure_schema
from luoshi.store.models import Base

FORMAT = "luoshi-backup"
FORMAT_VERSION = 1
BATCH = 500


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write every table to ``path``; returns the row count per table."""
    ensure_schema(engine)
    tmp = path.with_name(path.name + ".partial")
    with engine.connect() as conn, tmp.open("w", encoding="utf-8") as out:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        counts = {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0) for t in _tables()}
        header = {"format": FORMAT, "version": FORMAT_VERSION, "revision": current(engine), "tables": counts}
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for table in _tables():
            for row in _rows(conn, table):
                out.write(json.dumps({"table": table.name, "row": row}, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return counts


def dump_tables(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as plain data (what a backup holds), for comparing databases."""
    with engine.connect() as conn:
        return {table.name: list(_rows(conn, table)) for table in _tables()}


def restore(engine: Engine, path: Path) -> dict[str, int]:
    """Load a backup into an empty database; returns the row count per table."""
    with _open(path) as lines:
        header = _header(next(lines, ""))
        ensure_schema(engine)
        if current(engine) != header["revision"]:
            raise ConflictError(f"备份的数据库结构版本 {header['revision']} 与目标 {current(engine)} 不同")
        with engine.begin() as conn:
            _refuse_non_empty(conn)
            counts = _load(conn, lines)
            if counts != {k: v for k, v in header["tables"].items() if v}:
                raise InputError("备份文件不完整：行数与文件头不符")
            _reset_sequences(conn)
    return counts


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings():
        yield {key: _encode(value) for key, value in row.items()}


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    decoded = {}
    for key, value in row.items():
        kind = _python_type(table, key)
        if isinstance(value, str) and kind is bytes:
            value = base64.b64decode(value)
        elif isinstance(value, str) and kind is datetime:
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and kind is date:
            value = date.fromisoformat(value)
        decoded[key] = value
    return decoded


def _python_type(table: Table, key: str) -> type | None:
    if key not in table.c:
        return None
    kind = table.c[key].type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def _open(path: Path) -> Any:
    try:
        return path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"无法读取备份文件 {path}：{exc.strerror}") from exc


def _header(line: str) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError("不是 luoshi 备份文件")
    if header.get("version") != FORMAT_VERSION:
        raise InputError(f"不支持的备份格式版本：{header.get('version')}")
    return header


def _refuse_non_empty(conn: Connection) -> None:
    for table in _tables():
        if conn.scalar(select(func.count()).select_from(table)):
            raise ConflictError(f"目标数据库不是空的（{table.name} 已有数据）：请恢复到一个新数据库")


def _load(conn: Connection, lines: IO[str] | Iterator[str]) -> dict[str, int]:
    tables = {t.name: t for t in _tables()}
    pending: dict[str, list[dict[str, Any]]] = {}
    for number, line in enumerate(lines, start=2):
        try:
            item = json.loads(line)
            table = tables[item["table"]]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"备份文件第 {number} 行无效") from exc
        pending.setdefault(table.name, []).append(_decode(table, item["row"]))
    for name, table in tables.items():  # dependency order
        rows = _parents_first(table, pending.get(name, []))
        for start in range(0, len(rows), BATCH):
            conn.execute(insert(table), rows[start : start + BATCH])
    return {name: len(rows) for name, rows in pending.items() if rows}


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a self-referencing table (units.parent_id) ordered so parents are inserted first."""
    refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not refs:
        return rows
    key = next(iter(table.primary_key.columns)).name
    by_id = {row[key]: row for row in rows}
    ordered: dict[Any, dict[str, Any]] = {}

    def visit(row: dict[str, Any], depth: int = 0) -> None:
        for ref in refs:
            parent = by_id.get(row.get(ref))
            if parent is not None and parent[key] not in ordered and depth < len(rows):
                visit(parent, depth + 1)
        ordered.setdefault(row[key], row)

    for row in rows:
        visit(row)
    return list(ordered.values())


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: move each id sequence past the restored rows."""
    if conn.dialect.name != "postgresql":
        return
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].name != "id":
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
            )
        )
