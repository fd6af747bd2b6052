"""Importing progress from a filled-in ledger: all lines checked first, nothing applied unless all pass."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from luoshi.errors import LuoshiError
from luoshi.store.ledger import Ledger
from luoshi.supervise.exports import ImportRow, read_filled_rows
from luoshi.supervise.permissions import Action, Role, allowed, ownership_of
from luoshi.supervise.progress import ProgressInput, add_progress
from luoshi.supervise.snapshot import every_year


class Filer(Protocol):
    """Who files the lines: their role, account name and unit (the web app's signed-in user)."""

    @property
    def role(self) -> Role: ...
    @property
    def username(self) -> str: ...
    @property
    def unit_id(self) -> int | None: ...


@dataclass(slots=True)
class ImportOutcome:
    applied: bool = False
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def import_progress(
    session: Callable[[], AbstractContextManager[Ledger]], who: Filer, data: bytes, *, evidence_dir: Path
) -> ImportOutcome:
    """Check every filled-in line; if all are valid, file them all as progress reports in one transaction.

    ``session`` opens a unit of work acting as ``who`` (one to check, one to apply).
    """
    outcome = ImportOutcome()
    try:
        outcome.rows, outcome.errors = read_filled_rows(data)
    except LuoshiError as exc:
        outcome.errors = [(1, str(exc))]
        return outcome
    with session() as ledger:
        rows = {r.id: r for r in every_year(ledger, ledger.clock.today())}
        for line in outcome.rows:
            task = rows.get(line.task_id)
            if task is None:
                outcome.errors.append((line.line, f"编号 {line.task_id} 的任务不存在"))
            elif not allowed(who.role, Action.REPORT_PROGRESS, ownership_of(who.unit_id, task.unit_ids)):
                outcome.errors.append((line.line, f"无权填报编号 {line.task_id} 的任务（不属于本单位）"))
    if not outcome.rows and not outcome.errors:
        outcome.errors.append((1, "文件中没有填写任何进展（本期完成值、进展情况、存在问题、是否完成）"))
    if outcome.errors:
        outcome.errors.sort()
        return outcome
    try:
        with session() as ledger:
            for line in outcome.rows:
                entry = ProgressInput(
                    value=line.value, narrative=line.narrative, problems=line.problems, done=line.done
                )
                try:
                    add_progress(
                        ledger, task_id=line.task_id, entry=entry, reporter=who.username,
                        evidence_dir=evidence_dir, unit_id=who.unit_id,
                    )  # fmt: skip
                except LuoshiError as exc:
                    raise _LineError(line.line, str(exc)) from exc
    except _LineError as exc:
        outcome.errors = [(exc.line, exc.message)]
        return outcome
    outcome.applied = True
    return outcome


class _LineError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
