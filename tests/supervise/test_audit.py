from __future__ import annotations

from typing import Any

import pytest

from luoshi.errors import InputError, NotFoundError
from luoshi.store.ledger import Ledger
from luoshi.store.models import Task
from luoshi.supervise.assign import assign
from luoshi.supervise.audit import history, parse_ref
from luoshi.supervise.reports import store_report
from luoshi.supervise.tasks import set_schedule
from luoshi.supervise.units import example_catalogue, import_catalogue, read_catalogue


@pytest.mark.parametrize(
    ("ref", "parsed"),
    [("12", ("tasks", 12)), ("task:12", ("tasks", 12)), ("unit:3", ("units", 3)),
     ("progress:7", ("progress_reports", 7)), ("supervision_items:5", ("supervision_items", 5))],
)  # fmt: skip
def test_parse_ref(ref: str, parsed: tuple[str, int]) -> None:
    assert parse_ref(ref) == parsed


def test_bad_ref() -> None:
    with pytest.raises(InputError):
        parse_ref("task:abc")


def test_task_history_shows_its_own_and_related_changes(ledger: Ledger, report: Any) -> None:
    import_catalogue(ledger, read_catalogue(example_catalogue()))
    task = ledger.all(Task, report_id=store_report(ledger, report).report_id)[0]
    set_schedule(ledger, task_id=task.id, cadence="quarterly", due_day=10)
    assign(ledger, task_id=task.id, lead="市发展改革委", co=["市财政局"])
    rows = history(ledger, ref=str(task.id))
    assert [(r["entity"], r["action"]) for r in rows] == [
        ("tasks", "insert"),
        ("tasks", "update"),
        ("assignments", "insert"),
        ("assignments", "insert"),
    ]
    change = rows[1]
    assert change["actor"] == "tester"
    assert change["before"] == {"cadence": "monthly", "due_day": 5, "version": 1}
    assert change["after"] == {"cadence": "quarterly", "due_day": 10, "version": 2}
    assert "cadence: monthly → quarterly" in change["changes"]
    with pytest.raises(NotFoundError):  # an id that never existed is not an empty history
        history(ledger, ref="unit:9999")
