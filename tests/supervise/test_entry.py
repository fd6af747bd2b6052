"""Progress is entered and shown in the unit the report wrote; implausible magnitudes are refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from luoshi.clock import FixedClock
from luoshi.errors import ValidationError
from luoshi.store.db import Database
from luoshi.store.models import ProgressReport, Quantity, Task
from luoshi.supervise.board import task_board
from luoshi.supervise.entry import EntryUnit, check_magnitude, entry_unit
from luoshi.supervise.progress import ProgressInput, add_progress, progress_rows
from luoshi.supervise.reports import store_report


@pytest.mark.parametrize(
    ("target", "unit", "written", "expected"),
    [
        (11_000_000.0, "人", "1100万人", EntryUnit("万人", 1e4)),
        (300_000.0, "台", "30万台", EntryUnit("万台", 1e4)),
        (6890.0, "万吨", "6890万吨", EntryUnit("万吨", 1.0)),  # the unit already carries 万
        (2.0, "个", "两个", EntryUnit("个", 1.0)),
        (-3.0, "%", "降低3%", EntryUnit("%", 1.0, fall=True)),
        (5.5, "%", "5.5%左右", EntryUnit("%", 1.0)),
    ],
)
def test_progress_is_typed_in_the_unit_the_report_wrote(
    target: float, unit: str, written: str, expected: EntryUnit
) -> None:
    """The entry unit is the target's own: 1100万人 takes 654 as 654万人."""
    assert entry_unit(target, unit, written) == expected


def test_a_reduction_is_typed_as_the_fall_and_stored_signed() -> None:
    """降低3%: a unit typing 3.5 for "fell 3.5 %" stores −3.5 and is shown 3.5 again."""
    fall = entry_unit(-3.0, "%", "降低3%")
    assert fall.stored(3.5) == -3.5 and fall.shown(-3.5) == 3.5 and fall.prompt == "下降幅度（%）"


def test_a_value_of_implausible_magnitude_is_refused() -> None:
    """654 万人 against 1100 万人 passes; 6,540,000 typed as if in 人 is refused with one line."""
    people = entry_unit(11_000_000.0, "人", "1100万人")
    check_magnitude(654, people.stored(654), 11_000_000.0, people)
    with pytest.raises(ValidationError, match="量级不符") as caught:
        check_magnitude(6_540_000, people.stored(6_540_000), 11_000_000.0, people)
    assert "\n" not in str(caught.value) and "万人" in str(caught.value)
    check_magnitude(0, 0.0, 11_000_000.0, people)  # nothing yet is a plausible report


def _jobs_task(database: Database, report: Any) -> int:
    """A task whose target the report wrote as 1100万人 (stored 11,000,000 人)."""
    with database.ledger(actor="office", clock=FixedClock.on(date(2024, 1, 2))) as led:
        rid = store_report(led, report).report_id
        task = led.all(Task, report_id=rid, order_by="ordinal")[0]
        quantity = led.get(Quantity, task.main_quantity_id or 0)
        task.target_value, task.target_unit, task.target_modifier = 11_000_000.0, "人", "at_least"
        quantity.written = "1100万人"
        return task.id


def test_value_654_against_1100_wan_is_654_wan_on_the_ledger_and_the_board(
    database: Database, report: Any, tmp_path: Path
) -> None:
    """Entered, stored and shown: 654 → 6,540,000 人 stored, shown 654 万人, progress 654 / 1100."""
    task_id = _jobs_task(database, report)
    with database.ledger(actor="张三", clock=FixedClock.on(date(2024, 7, 3))) as led:
        entry = ProgressInput(value=654, narrative="按计划")
        add_progress(led, task_id=task_id, entry=entry, reporter="张三", evidence_dir=tmp_path)
    with database.ledger(actor="x", clock=FixedClock.on(date(2024, 7, 3))) as led:
        [stored] = led.all(ProgressReport, task_id=task_id)
        assert stored.value == 6_540_000
        [row] = progress_rows(led, task_id=task_id)
        assert (row["value"], row["unit"]) == (654, "万人")
        board = {r.id: r for r in task_board(led)}
        assert board[task_id].status.progress == pytest.approx(654 / 1100)
        assert (board[task_id].value, board[task_id].target, board[task_id].unit) == (654, 1100, "万人")
        with pytest.raises(ValidationError, match="量级不符"):
            add_progress(led, task_id=task_id, entry=ProgressInput(value=6_540_000, narrative="按计划"),
                         reporter="张三", evidence_dir=tmp_path)  # fmt: skip
    with database.ledger(actor="x") as led:
        assert len(led.all(ProgressReport, task_id=task_id)) == 1  # nothing stored for the refused value
