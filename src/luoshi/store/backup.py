"""Backup and restore: a portable JSON Lines dump of every table, the same on SQLite and PostgreSQL.

Line 1 is a header (format, schema revision, row counts, and a manifest: the SHA-256 of each table's
lines); then one ``{"table": …, "row": …}`` line per row, tables in dependency order, rows by
primary key. Bytes are base64, dates ISO 8601. A restore goes into an empty database (created at
the backup's revision), is all or nothing, and refuses a file whose lines do not match the
manifest unless forced; a forced restore is recorded in the audit trail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Engine, Table, TypeDecorator, func, insert, select, text

from luoshi.errors import ConflictError, InputError
from luoshi.store.migrate import current, ensure_schema
from luoshi.store.models import AuditEvent, Base

FORMAT = "luoshi-backup"
FORMAT_VERSION = 2  # 2: the header carries a SHA-256 per table
BATCH = 500


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write every table to ``path``; returns the row count per table."""
    ensure_schema(engine)
    revision = current(engine)
    body = path.with_name(path.name + ".rows")
    digests = {t.name: hashlib.sha256() for t in _tables()}
    with engine.connect() as conn, body.open("w", encoding="utf-8") as out:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        counts = {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0) for t in _tables()}
        for table in _tables():
            for row in _rows(conn, table):
                line = json.dumps({"table": table.name, "row": row}, ensure_ascii=False)
                digests[table.name].update(line.encode("utf-8"))
                out.write(line + "\n")
    manifest = {name: digest.hexdigest() for name, digest in digests.items()}
    header = {"format": FORMAT, "version": FORMAT_VERSION, "revision": revision, "tables": counts,
              "sha256": manifest}  # fmt: skip
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8") as out, body.open(encoding="utf-8") as rows:
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        shutil.copyfileobj(rows, out)
    body.unlink()
    tmp.replace(path)
    return counts


def dump_tables(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as plain data (what a backup holds), for comparing databases."""
    with engine.connect() as conn:
        return {table.name: list(_rows(conn, table)) for table in _tables()}


def restore(
    engine: Engine,
    path: Path,
    *,
    force: bool = False,
    actor: str = "system",
    also_altered: Sequence[str] = (),
) -> dict[str, int]:
    """Load a backup into an empty database; returns the row count per table.

    A file whose tables do not match its manifest (edited after it was written) is refused; with
    ``force`` it is loaded and an audit event records who forced it and which tables (and
    ``also_altered``: files of the archive around it) differed.
    """
    with _open(path) as lines:
        header = _header(next(lines, ""), force=force)
        ensure_schema(engine)
        if current(engine) != header["revision"]:
            raise ConflictError(f"备份的数据库结构版本 {header['revision']} 与目标 {current(engine)} 不同")
        with engine.begin() as conn:
            _refuse_non_empty(conn)
            counts, digests = _load(conn, lines)
            if counts != {k: v for k, v in header["tables"].items() if v}:
                raise InputError("备份文件不完整：行数与文件头不符")
            altered = [name for name, want in header.get("sha256", {}).items() if digests.get(name) != want]
            if altered and not force:
                raise IntegrityError(f"备份文件校验失败：{'、'.join(altered)} 的内容与清单不符{ALTERED_HINT}")
            _reset_sequences(conn)
            if force:
                _record_forced(conn, path, [*altered, *also_altered], actor, header)
    return counts


ALTERED_HINT = "（文件可能被修改；确认来源可靠后可加 --force 强制恢复，此举记入审计）"


class IntegrityError(InputError):
    """A backup whose contents do not match its manifest."""


def _record_forced(
    conn: Connection, path: Path, altered: list[str], actor: str, header: dict[str, Any]
) -> None:
    if "sha256" not in header:
        note = f"强制恢复无校验清单的旧版备份 {path.name}"
    else:
        note = f"强制恢复备份 {path.name}；与清单不符：{'、'.join(altered) or '无'}"
    after = {"file": path.name, "altered": altered, "revision": header["revision"]}
    conn.execute(
        insert(AuditEvent).values(at=datetime.now().astimezone(), actor=actor, entity="backup", entity_id=0,
                                  task_id=None, action="restore", before=None, after=after, note=note[:500])
    )  # fmt: skip


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


def _header(line: str, *, force: bool = False) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError("不是 luoshi 备份文件")
    if header.get("version") == 1 and not force:
        raise IntegrityError("旧版备份（格式 1）没有校验清单，无法验证；确认来源可靠后可加 --force 恢复")
    if header.get("version") not in (1, FORMAT_VERSION):
        raise InputError(f"不支持的备份格式版本：{header.get('version')}")
    return header


def _refuse_non_empty(conn: Connection) -> None:
    for table in _tables():
        if conn.scalar(select(func.count()).select_from(table)):
            raise ConflictError(f"目标数据库不是空的（{table.name} 已有数据）：请恢复到一个新数据库")


def _load(conn: Connection, lines: IO[str] | Iterator[str]) -> tuple[dict[str, int], dict[str, str]]:
    """Insert the rows; the row count and the SHA-256 of the lines, per table."""
    tables = {t.name: t for t in _tables()}
    pending: dict[str, list[dict[str, Any]]] = {}
    digests = {name: hashlib.sha256() for name in tables}
    for number, line in enumerate(lines, start=2):
        try:
            item = json.loads(line)
            table = tables[item["table"]]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"备份文件第 {number} 行无效") from exc
        digests[table.name].update(line.rstrip("\n").encode("utf-8"))
        pending.setdefault(table.name, []).append(_decode(table, item["row"]))
    for name, table in tables.items():  # dependency order
        rows = _parents_first(table, pending.get(name, []))
        for start in range(0, len(rows), BATCH):
            conn.execute(insert(table), rows[start : start + BATCH])
    counts = {name: len(rows) for name, rows in pending.items() if rows}
    return counts, {name: digest.hexdigest() for name, digest in digests.items()}


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
