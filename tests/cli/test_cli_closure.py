"""Closed means closed on the command line: exit code 2 and one Chinese line for each refusal."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from tests.cli_inprocess import luoshi_captured

Go = Callable[..., tuple[int, str, str]]


@pytest.fixture
def db(migrated_sqlite_url: str, report: Any) -> str:
    """A migrated SQLite file with two units and the sample report's four tasks (2024)."""
    from luoshi.clock import FixedClock
    from luoshi.store.db import Database
    from luoshi.store.models import Unit
    from luoshi.supervise.reports import store_report

    database = Database(migrated_sqlite_url)
    with database.ledger(actor="seed", clock=FixedClock.on(date(2024, 1, 2))) as ledger:
        for code, name in [("fgw", "市发展改革委"), ("nyj", "市能源局")]:
            ledger.add(Unit(code=code, name=name, kind="department", aliases=[], keywords=[]))
        store_report(ledger, report)
    database.dispose()
    return migrated_sqlite_url


@pytest.fixture
def go(capsys: pytest.CaptureFixture[str], db: str) -> Go:
    def run(*args: str) -> tuple[int, str, str]:
        return luoshi_captured(capsys, *args, "--db", db)

    return run


def refused(result: tuple[int, str, str], words: str) -> bool:
    code, _, err = result
    return code == 2 and len(err.strip().splitlines()) == 1 and words in err


def test_accepted_task_refuses_edits_until_reopened_with_a_reason(go: Go) -> None:
    """Rule: 已销号 refuses progress and deadline edits (exit 2); 撤销销号 needs a reason."""
    assert go("progress", "add", "4", "--done", "--note", "已完成", "--as-of", "2024-05-02")[0] == 0
    assert go("supervise", "accept-task", "4", "--grade", "良好", "--as-of", "2024-05-03")[0] == 0
    assert refused(
        go("progress", "add", "4", "--value", "3", "--as-of", "2024-05-06"), "已于 2024-05-03 验收销号"
    )
    assert refused(go("tasks", "set", "4", "--deadline", "2025-06-30", "--as-of", "2024-05-06"), "验收销号")
    assert refused(go("tasks", "extend", "4", "--to", "2025-06-30", "--reason", "x"), "验收销号")
    assert refused(go("supervise", "reopen-task", "4", "--reason", " ", "--as-of", "2024-05-06"), "理由")
    code, out, err = go("supervise", "reopen-task", "4", "--reason", "复核发现数据有误", "--by", "督查室",
                        "--as-of", "2024-05-06", "--format", "json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)[0]["grade_undone"] == "良好"
    assert go("progress", "add", "4", "--value", "3", "--note", "更正", "--as-of", "2024-05-07")[0] == 0
    history = json.loads(go("history", "4", "--format", "json")[1])
    assert any(h["entity"] == "task_reopenings" and "复核发现数据有误" in h["changes"] for h in history)


def test_task_extension_from_request_to_decision(go: Go) -> None:
    """Rule: after reports, a deadline moves only by 延期申请 and the office's approval."""
    assert go("progress", "add", "1", "--value", "10", "--as-of", "2024-02-03")[0] == 0
    assert refused(go("tasks", "set", "1", "--deadline", "2025-03-31", "--as-of", "2024-05-06"), "延期申请")
    assert refused(go("tasks", "extend", "1", "--to", "2023-06-30", "--reason", "x"), "早于任务起始日期")
    code, out, err = go("tasks", "extend", "1", "--to", "2025-03-31", "--reason", "土地报批",
                        "--by", "市发改委", "--as-of", "2024-05-06", "--format", "json")  # fmt: skip
    assert code == 0, err
    ident = str(json.loads(out)[0]["id"])
    assert refused(go("supervise", "decide-extension", ident, "--refuse", "--as-of", "2024-05-07"), "理由")
    assert (
        go("supervise", "decide-extension", ident, "--approve", "--by", "督查室", "--as-of", "2024-05-07")[0]
        == 0
    )
    assert refused(go("supervise", "decide-extension", ident, "--approve"), "已批准")
    [row] = json.loads(go("supervise", "extensions", "--task", "1", "--format", "json")[1])
    assert (row["old_due"], row["new_due"], row["reason"], row["decided_by"]) == (
        "2024-12-31",
        "2025-03-31",
        "土地报批",
        "督查室",
    )
    [task] = [t for t in json.loads(go("tasks", "list", "--format", "json")[1]) if t["id"] == 1]
    assert (task["deadline"], task["deadline_source"]) == ("2025-03-31", "extension")


def test_item_rules_refuse_with_exit_code_2(go: Go) -> None:
    """Rules: empty 反馈 refused; acceptance needs a response (or --override-reason); a timetable
    dated before the item was raised is refused; a second timetable needs a 延期申请."""
    raised = ("supervise", "raise", "--title", "管网改造", "--lead", "fgw", "--level", "major")
    assert go(*raised, "--as-of", "2024-03-01")[0] == 0
    assert refused(go("supervise", "respond", "1", "--as-of", "2024-03-01"), "反馈须写明办理情况")
    early = go("supervise", "timetable", "1", "--due", "2024-02-01", "--as-of", "2024-03-01")
    assert refused(early, "早于立项日期")
    assert go("supervise", "timetable", "1", "--due", "2024-06-30", "--as-of", "2024-03-01")[0] == 0
    assert refused(
        go("supervise", "timetable", "1", "--due", "2024-09-30", "--as-of", "2024-03-02"), "延期申请"
    )
    code, out, _ = go("supervise", "extend", "1", "--due", "2024-09-30", "--milestone", "开工=2024-05-01",
                      "--reason", "设计变更", "--as-of", "2024-03-02", "--format", "json")  # fmt: skip
    assert code == 0 and json.loads(out)[0]["state"] == "pending"
    assert go("supervise", "close", "1", "--note", "已完成", "--as-of", "2024-03-04")[0] == 0
    assert refused(
        go("supervise", "accept", "1", "--grade", "良好", "--as-of", "2024-03-05"), "--override-reason"
    )
    accepted = go("supervise", "accept", "1", "--grade", "良好", "--override-reason", "现场核查确认",
                  "--as-of", "2024-03-05")  # fmt: skip
    assert accepted[0] == 0, accepted[2]
    shown = json.loads(go("supervise", "show", "1", "--format", "json")[1])
    assert shown[-1]["override"] == "现场核查确认"
