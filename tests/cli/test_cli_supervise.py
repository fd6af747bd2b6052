"""``luoshi supervise|status|review|notify`` in-process against a real SQLite ledger."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.cli_inprocess import luoshi_captured


@pytest.fixture
def db(migrated_sqlite_url: str, report: Any) -> str:
    """A migrated SQLite file with a few units and the sample report's four tasks (2024)."""
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


def run(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    return luoshi_captured(capsys, *args, "--db", db)


def test_order_lifecycle_from_the_command_line(capsys: pytest.CaptureFixture[str], db: str) -> None:
    raise_args = ["--title", "园区供电", "--lead", "fgw", "--co", "市能源局", "--leader", "王副市长"]
    code, out, err = run(
        capsys, db, "supervise", "raise", *raise_args, "--as-of", "2024-03-01", "--format", "json"
    )
    assert code == 0, err
    [order] = json.loads(out)
    assert (order["id"], order["stage"], order["due"], order["version"]) == (1, "研究部署", "2024-03-04", 1)
    assert run(capsys, db, "supervise", "deploy", "1", "--as-of", "2024-03-01", "--version", "1")[0] == 0
    stale = run(capsys, db, "supervise", "respond", "1", "--as-of", "2024-03-01", "--version", "1")
    assert stale[0] == 2 and len(stale[2].strip().splitlines()) == 1 and "他人修改" in stale[2]
    code, out, _ = run(capsys, db, "supervise", "escalate", "--as-of", "2024-03-12", "--format", "json")
    assert [(t["action"], t["stage"]) for t in json.loads(out)][:2] == [
        ("催办", "反馈办理情况"),
        ("通报", "反馈办理情况"),
    ]
    assert (
        json.loads(run(capsys, db, "supervise", "escalate", "--as-of", "2024-03-12", "--format", "json")[1])
        == []
    )
    code, out, err = run(capsys, db, "notify", "--as-of", "2024-03-12", "--format", "json")
    counts = {row["result"]: row["count"] for row in json.loads(out)}
    assert code == 0 and counts["sent"] == 4  # 2 unit digests (lead, co), office and leader summaries
    assert "【督办提醒】市发展改革委" in err and "【呈阅】王副市长" in err  # the log writes to stderr
    assert run(capsys, db, "supervise", "close", "1", "--note", "已完成", "--as-of", "2024-03-13")[0] == 0
    code, out, _ = run(
        capsys, db, "supervise", "return", "1", "--reason", "缺少验收报告", "--as-of", "2024-03-14"
    )
    assert code == 0 and "退回重办" in out
    run(capsys, db, "supervise", "close", "1", "--as-of", "2024-03-15")
    code, out, _ = run(
        capsys, db, "supervise", "accept", "1", "--grade", "良好", "--override-reason", "现场核查确认已解决",
        "--as-of", "2024-03-18", "--format", "csv",
    )  # fmt: skip
    assert code == 0 and out.splitlines()[1].split(",")[4] == "已销号"
    code, out, _ = run(capsys, db, "supervise", "show", "1", "--format", "json")
    kinds = [e["kind"] for e in json.loads(out)]
    assert kinds[:2] == ["raised", "deployed"] and kinds[-1] == "accepted" and "returned" in kinds


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["supervise", "raise", "--title", "x", "--lead", "nobody"], "找不到单位"),
        (["supervise", "raise", "--title", "x"], "--lead"),
        (["supervise", "accept", "9", "--grade", "优秀"], "不存在"),
        (["supervise", "timetable", "1", "--due", "2024-06-01", "--milestone", "招标"], "名称=YYYY-MM-DD"),
        (["review", "--scoring", "/nonexistent.yaml"], "找不到评分配置"),
        (["notify", "--config", "/nonexistent.yaml"], "找不到通知配置"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], db: str, args: list[str], message: str
) -> None:
    if args[1:2] == ["timetable"]:
        run(capsys, db, "supervise", "raise", "--title", "t", "--lead", "fgw", "--level", "major")
    code, _, err = run(capsys, db, *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_status_and_review_outputs(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, db, "status", "--as-of", "2024-03-20", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 4 and {r["state"] for r in rows} == {"missing"}  # 缺报: nothing reported by March
    code, out, _ = run(capsys, db, "status", "--as-of", "2024-03-20", "--format", "csv", "--state", "missing")
    assert out.splitlines()[0].startswith("\ufeffid,section,text") and len(out.splitlines()) == 5
    code, out, _ = run(capsys, db, "review", "--as-of", "2024-03-20")
    assert code == 0 and "按板块" in out and "扎实推进项目建设" in out and "单位考核" in out
    code, out, _ = run(capsys, db, "review", "--as-of", "2024-03-20", "--format", "json")
    data = json.loads(out)
    assert data["total"]["tasks"] == 4 and data["total"]["reports_due"] == 8 and "scoreboard" in data
    target = tmp_path / "review.xlsx"
    code, out, _ = run(
        capsys, db, "review", "--as-of", "2024-03-20", "--format", "xlsx", "--output", str(target)
    )
    assert code == 0 and target.is_file() and out.strip() == str(target)
    code, out, _ = run(capsys, db, "status", "--format", "xlsx", "--output", str(tmp_path / "s.xlsx"))
    assert code == 0 and (tmp_path / "s.xlsx").is_file()


def test_order_history_through_luoshi_history(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, db, "supervise", "raise", "--title", "t", "--lead", "fgw", "--by", "王科长")
    code, out, err = run(capsys, db, "history", "order:1", "--format", "json")
    assert code == 0, err
    assert [(e["actor"], e["action"]) for e in json.loads(out)] == [("王科长", "insert")]


def test_from_review_raises_for_assigned_lagging_tasks(capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert run(capsys, db, "assign", "1", "--lead", "fgw", "--co", "nyj")[0] == 0
    args = ["supervise", "from-review", "--state", "missing", "--as-of", "2024-03-20", "--format", "json"]
    code, out, err = run(capsys, db, *args)
    assert code == 0, err
    [order] = json.loads(out)
    assert (order["lead"], order["origin"], order["raised_on"]) == ("市发展改革委", "review", "2024-03-20")
    assert json.loads(run(capsys, db, *args)[1]) == []


def test_every_supervise_subcommand_and_option_is_documented() -> None:
    from luoshi.cli.supervise import supervise

    text = (Path(__file__).parents[2] / "docs" / "supervision.md").read_text(encoding="utf-8")
    for name, command in supervise.commands.items():
        assert f"luoshi supervise {name}" in text, name
        for param in command.params:
            flags = [o for o in param.opts if o.startswith("--") and o not in ("--db", "--by", "--as-of")]
            assert all(flag in text for flag in flags if flag not in ("--format", "--note")), (name, flags)


@pytest.mark.parametrize("module", ["status", "review", "notify"])
def test_status_review_notify_options_are_documented(module: str) -> None:
    import importlib

    command = getattr(importlib.import_module(f"luoshi.cli.{module}"), module)
    text = (Path(__file__).parents[2] / "docs" / "supervision.md").read_text(encoding="utf-8")
    assert f"luoshi {module}" in text
    for param in command.params:
        for flag in (
            o for o in param.opts if o.startswith("--") and o not in ("--db", "--as-of", "--format")
        ):
            assert flag in text, (module, flag)


def test_return_task_from_the_command_line(capsys: pytest.CaptureFixture[str], db: str) -> None:
    def go(*args: str) -> tuple[int, str, str]:
        return run(capsys, db, *args)

    assert go("progress", "add", "4", "--done", "--note", "已完成", "--as-of", "2024-05-02")[0] == 0
    code, out, err = go("supervise", "return-task", "4", "--reason", "缺少验收报告", "--by", "督查室",
                        "--as-of", "2024-05-03", "--format", "json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == [{"task_id": 4, "returned_on": "2024-05-03", "reason": "缺少验收报告"}]
    blank = go("supervise", "return-task", "4", "--reason", " ", "--as-of", "2024-05-03")
    assert blank[0] == 2 and blank[2].strip().count("\n") == 0 and "理由" in blank[2]
    again = go("supervise", "return-task", "4", "--reason", "再退", "--as-of", "2024-05-03")
    assert again[0] == 2 and "尚未报告完成" in again[2]
    refused = go("supervise", "accept-task", "4", "--grade", "良好", "--as-of", "2024-05-03")
    assert refused[0] == 2 and "尚未报告完成" in refused[2]
    history = json.loads(go("history", "4", "--format", "json")[1])
    assert any(h["entity"] == "task_returns" and "缺少验收报告" in h["changes"] for h in history)
    assert go("progress", "add", "4", "--done", "--note", "已补充", "--as-of", "2024-05-06")[0] == 0
    assert go("supervise", "accept-task", "4", "--grade", "良好", "--as-of", "2024-05-07")[0] == 0
