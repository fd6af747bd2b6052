"""退回重办 of a task reported done: a stored, audited fact; the status derives from it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from luoshi.errors import ConflictError, ValidationError
from luoshi.store.models.supervision import TaskReturn
from luoshi.supervise.board import accept_task, task_board
from luoshi.supervise.items import Grade
from luoshi.supervise.progress import ProgressInput, add_progress
from luoshi.supervise.returns import return_task
from luoshi.supervise.status import Colour, State

if TYPE_CHECKING:
    from tests.supervise.conftest import City


def _report(city: City, day: date, task: int, tmp_path: Path, **kw: object) -> None:
    with city.ledger(day, actor="填报员") as ledger:
        entry = ProgressInput(**{"narrative": "进展", **kw})  # type: ignore[arg-type]
        add_progress(ledger, task_id=task, entry=entry, reporter="填报员", evidence_dir=tmp_path)


def _row(city: City, day: date, task: int) -> tuple[State, Colour, date | None]:
    with city.ledger(day) as ledger:
        row = next(r for r in task_board(ledger, as_of=day) if r.id == task)
    return row.status.state, row.status.colour, row.status.returned_on


def test_return_then_new_report_then_accept(city: City, tmp_path: Path) -> None:
    task = city.tasks[3]  # 市能源局, never reported before
    _report(city, date(2024, 7, 1), task, tmp_path, done=True)
    with city.ledger(date(2024, 7, 2)) as ledger:
        back = return_task(ledger, task_id=task, reason="  佐证材料不全  ")
        assert (back.reason, back.returned_by, back.returned_on) == (
            "佐证材料不全",
            "督查室",
            date(2024, 7, 2),
        )
    assert _row(city, date(2024, 7, 1), task)[0] is State.DONE  # derived: before the return it was done
    state, colour, returned = _row(city, date(2024, 7, 2), task)
    assert state is not State.DONE and colour in (Colour.YELLOW, Colour.RED) and returned == date(2024, 7, 2)
    with city.ledger(date(2024, 7, 3)) as ledger, pytest.raises(ValidationError, match="尚未报告完成"):
        accept_task(ledger, task_id=task, grade=Grade.GOOD)
    with city.ledger(date(2024, 7, 3)) as ledger, pytest.raises(ValidationError, match="尚未报告完成"):
        return_task(ledger, task_id=task, reason="再退")
    _report(city, date(2024, 7, 2), task, tmp_path, narrative="已补充材料")  # same day as the return
    assert _row(city, date(2024, 7, 2), task)[2] is None  # answered: measured normally again
    _report(city, date(2024, 7, 4), task, tmp_path, done=True)
    assert _row(city, date(2024, 7, 4), task)[0] is State.DONE
    with city.ledger(date(2024, 7, 5)) as ledger:
        accept_task(ledger, task_id=task, grade=Grade.PASS)
        events = [e for e in ledger.events(entity="tasks", entity_id=task) if e.entity == "task_returns"]
        assert [(e.action, e.actor, (e.after or {}).get("reason")) for e in events] == [
            ("insert", "督查室", "佐证材料不全")
        ]
    assert _row(city, date(2024, 7, 5), task)[0] is State.CLOSED


def test_refusals(city: City, tmp_path: Path) -> None:
    with city.ledger(date(2024, 7, 1)) as ledger:
        with pytest.raises(ValidationError, match="理由"):
            return_task(ledger, task_id=city.tasks[2], reason="  ")
        with pytest.raises(ConflictError, match="已验收销号"):
            return_task(ledger, task_id=city.tasks[2], reason="不合格")  # accepted on 6-20
        with pytest.raises(ValidationError, match="尚未报告完成"):
            return_task(ledger, task_id=city.tasks[0], reason="未完成")
        assert ledger.count(TaskReturn) == 0
